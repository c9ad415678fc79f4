"""Checks for the chapter-1 exercises (client-server against peer-to-peer).

Exercise 1.1, *Where is the centre?* -- :func:`shapes_prediction`, :func:`star_handoffs`,
:func:`single_points`, :func:`my_team`, :func:`centre_reflection`.
Exercise 1.2, *From one centre to many peers* -- :func:`handoffs_trend`,
:func:`first_robust_p`, :func:`no_single_point`, :func:`lateral_tie_reflection`.

Every value a check compares with is computed by :mod:`p2pkit.architecture` on the
networks of :mod:`p2pkit.orgs`, at the moment the check runs.
"""

from __future__ import annotations

import networkx as nx

from .. import orgs
from ..architecture import mean_path_length, pairwise_connectivity, profile
from .core import (AnswerError, Marks, as_choice, as_number, as_people, as_team, as_ties, close, fmt, people_text,
                   task)
from .core import reflection as _reflection

__all__ = [
    "SHAPES",
    "shapes",
    "shapes_prediction",
    "star_handoffs",
    "single_points",
    "reports_chart",
    "team_summary",
    "my_team",
    "centre_reflection",
    "handoffs_trend",
    "first_robust_p",
    "no_single_point",
    "lateral_tie_reflection",
]

_SHAPE_OPTIONS = {
    "client-server": ["client server", "star", "clientserver", "server"],
    "hierarchy": ["chart", "tree", "chain of command", "org chart"],
    "peer mesh": ["mesh", "peer", "peer-to-peer", "p2p", "peers"],
}
#: The three shapes of exercise 1.1, as the notebook builds them.
SHAPES = ("client-server", "hierarchy", "peer mesh")


def shapes() -> dict:
    """The three networks of 13 people that exercise 1.1 compares (as in chapter 1).

    Examples
    --------
    >>> {name: G.number_of_edges() for name, G in shapes().items()}
    {'client-server': 12, 'hierarchy': 12, 'peer mesh': 26}
    """
    return {
        "client-server": orgs.client_server(13),
        "hierarchy": orgs.hierarchy(3, 3),
        "peer mesh": orgs.peer_mesh(13, k=4, rewire=0.1, seed=0),
    }


@task("Task 1: predict, then check", "the name of a shape in quotes: 'client-server', 'hierarchy' or 'peer mesh'")
def shapes_prediction(fewest_handoffs, most_robust):
    """Check the two predictions: fewest hand-offs on average, most pairs in touch without the centre.

    Examples
    --------
    >>> shapes_prediction("client-server", "peer mesh").status
    'correct'
    >>> shapes_prediction("peer mesh", "peer mesh").status
    'not yet'
    """
    fewest = as_choice(fewest_handoffs, _SHAPE_OPTIONS, "fewest_handoffs")
    robust = as_choice(most_robust, _SHAPE_OPTIONS, "most_robust")
    profiles = {name: profile(G) for name, G in shapes().items()}
    hops = {name: p.mean_path for name, p in profiles.items()}
    keep = {name: p.survives_without_centre for name, p in profiles.items()}
    best_hops = min(hops, key=hops.get)
    best_keep = max(keep, key=keep.get)
    m = Marks()
    table = "; ".join(f"{name} {fmt(hops[name], 2)}" for name in SHAPES)
    m.either(fewest == best_hops, f"The {best_hops} network needs the fewest hand-offs ({table}).",
             f"The {fewest} network needs {fmt(hops[fewest], 2)} hand-offs on average, but the "
             f"{best_hops} needs only {fmt(hops[best_hops], 2)} ({table}).",
             "In a star nobody is more than two hand-offs from anybody: the centre is one step from "
             "everyone. Fragile is not the same as slow.")
    kept = "; ".join(f"{name} {keep[name]:.0%}" for name in SHAPES)
    m.either(robust == best_keep,
             f"Without its centre the {best_keep} keeps {keep[best_keep]:.0%} of the pairs in touch ({kept}).",
             f"Without its centre the {robust} keeps only {keep[robust]:.0%} of the pairs in touch; the "
             f"{best_keep} keeps {keep[best_keep]:.0%} ({kept}).",
             "Ask what is left when the centre goes: in which shape do the others still have ties to each other?")
    m.hint("The robust shape needs more than twice as many ties (26 against 12): robustness is bought with ties.")
    return m


@task("Task 2: hand-offs in a star, by hand", "a number, like mean_handoffs = 1.5")
def star_handoffs(mean_handoffs, people: int = 13):
    """Check the average number of hand-offs in a client-server network of ``people`` people.

    Examples
    --------
    >>> star_handoffs(24 / 13).status, star_handoffs(2).status, star_handoffs(1.8, people=10).status
    ('correct', 'not yet', 'correct')
    """
    x = as_number(mean_handoffs, "mean_handoffs")
    truth = mean_path_length(orgs.client_server(people))
    pairs = people * (people - 1) // 2
    with_centre = people - 1
    m = Marks()
    if close(x, truth, rel=0.005, abs_tol=0.005):
        m.ok(f"{fmt(truth)} hand-offs: {with_centre} pairs at 1 and {pairs - with_centre} at 2, over {pairs} pairs "
             f"= 2({people} - 1)/{people}.")
        m.hint("As the star grows the average creeps up towards 2 but never reaches it; no other connected "
               "shape with this few ties is as short.")
    elif close(x, 2.0, abs_tol=0.001):
        m.bad("2 is the longest route, not the average.",
              f"The {with_centre} pairs that include the centre are only one hand-off apart.")
    elif close(x, 1.5, abs_tol=0.001):
        m.bad("1.5 is the average of 1 and 2, but there are far more pairs at 2 than at 1.",
              f"Weight each distance by its number of pairs: {with_centre} pairs at 1, {pairs - with_centre} at 2.")
    elif x < 1 or x > 2:
        m.bad(f"{fmt(x)} cannot be right: every pair in a star is 1 or 2 hand-offs apart, so the average lies "
              "between 1 and 2.", f"Count the pairs: {pairs} in all, {with_centre} of them include the centre.")
    else:
        m.bad(f"{fmt(x)} is between 1 and 2, as it must be, but not the average.",
              f"Add up the distances of all {pairs} pairs ({with_centre} pairs at 1, the rest at 2) and divide "
              f"by {pairs}.")
    return m


@task("Task 3: single points of failure in a real chart", "a set of people in quotes, like single_points = {'7', '12'}")
def single_points(single_points):
    """Check the single points of failure of the formal chart of Krackhardt's (1987) managers.

    The chart is ``orgs.load_dataset("krack_reports", directed=False)``; the check computes
    its articulation points with :func:`p2pkit.architecture.profile`.

    Examples
    --------
    >>> single_points({"7", "2", "14", "18", "21"}).status, single_points({"7"}).status
    ('correct', 'not yet')
    """
    G = reports_chart()
    given = as_people(single_points, G, "single_points")
    truth = set(profile(G, centre="7").single_points)
    m = Marks()
    found = given & truth
    missing = truth - given
    extra = given - truth
    if found:
        m.ok(f"{_names(found).capitalize()} {'is a' if len(found) == 1 else 'are'} "
             f"single point{'s' if len(found) > 1 else ''} of failure.")
    if missing:
        levels = {G.nodes[v]["level"] for v in missing}
        m.bad(f"{len(missing)} more {'person' if len(missing) == 1 else 'people'} would cut somebody off by leaving.",
              "Each vice-president is the only link between their own managers and everyone else."
              if levels == {2} else "Who is the only link between two parts of the chart? Start at the top.")
    if extra:
        m.bad(f"{_names(extra).capitalize()} would not cut anybody off by leaving.",
              "A manager at the bottom of the chart has one tie: if they leave, nobody else loses a route.")
    if not missing and not extra:
        m.hint("In a chart, everyone with reports is a single point of failure; only the people at the bottom "
               "are not. The advice and friendship networks of the same managers have none (try it).")
    return m


def reports_chart() -> nx.Graph:
    """The formal chart of Krackhardt's (1987) 21 managers, undirected (manager 7 is the CEO).

    Examples
    --------
    The people are stored top-down (the chief executive, then the vice-presidents, then
    each vice-president's managers), so ``p2pkit.style.tree_layout`` draws it without
    crossing lines.

    >>> G = reports_chart()
    >>> G.number_of_edges(), list(G)[:5]
    (20, ['7', '2', '14', '18', '21'])
    """
    G = orgs.load_dataset("krack_reports", directed=False)
    order = list(nx.bfs_tree(G, "7", sort_neighbors=lambda vs: sorted(vs, key=int)))
    H = nx.Graph()
    H.add_nodes_from((v, G.nodes[v]) for v in order)
    H.add_edges_from(G.edges())
    H.graph.update(G.graph)
    return H


def _names(people) -> str:
    return ("person " if len(people) == 1 else "people ") + people_text(people)


def team_summary(G: nx.Graph) -> list[str]:
    """Plain sentences on a reader's own team: the busiest person, single points of failure, what survives.

    Examples
    --------
    >>> team_summary(nx.Graph([("A", "B"), ("B", "C")]))[0]
    '3 people, 2 ties.'
    """
    lines = [f"{G.number_of_nodes()} people, {G.number_of_edges()} ties."]
    if not nx.is_connected(G):
        parts = sorted((sorted(c) for c in nx.connected_components(G)), key=len, reverse=True)
        lines.append(f"The team falls into {len(parts)} parts that do not reach each other: "
                     + "; ".join(", ".join(p) for p in parts) + ".")
        return lines
    p = profile(G, centre=max(G.degree, key=lambda x: (x[1], str(x[0])))[0])
    lines.append(f"A message needs {fmt(p.mean_path, 2)} hand-offs on average; the longest route has {p.diameter}.")
    lines.append(f"The busiest person is {p.busiest}, on {p.busiest_load:.0%} of the shortest routes between others.")
    if p.single_points:
        lines.append("Single points of failure: " + people_text(p.single_points) + ".")
    else:
        lines.append("Nobody is a single point of failure: anyone can leave and the others still reach each other.")
    return lines


@task("Task 4: your own team", "a list of ties between initials or roles, like [('Me', 'Lead'), ('Lead', 'Ana')]")
def my_team(my_team):
    """Describe the reader's own team from a list of ties (initials or roles, never full names).

    Examples
    --------
    >>> my_team([("Lead", "A"), ("Lead", "B"), ("Lead", "C")]).status
    'correct'
    """
    G = as_team(my_team, "my_team")
    m = Marks()
    for line in team_summary(G):
        m.ok(line)
    m.hint("Compare the busiest person and the single points of failure with what you expected before you "
           "typed the ties.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def centre_reflection(reflection):
    """Check that the chapter-1 reflection is a real answer (a few sentences)."""
    return _reflection(reflection, min_words=30, prompts=[
        "Say who the centre of your team is, what would happen if they were away for three weeks, and "
        "whether that matches what the model says.",
        "Ask one colleague to draw the same team from memory and compare the two drawings.",
    ])


# --------------------------------------------------------------------------- exercise 1.2


def _spectrum(p: float):
    return orgs.spectrum(16, p, seed=0)


@task("Task 1: predict, then check", "'up' or 'down' in quotes")
def handoffs_trend(direction):
    """Check the prediction of whether hand-offs go up or down from client-server to peer mesh.

    Examples
    --------
    >>> handoffs_trend("up").status, handoffs_trend("down").status
    ('correct', 'not yet')
    """
    d = as_choice(direction, {"up": ["rise", "rises", "more", "increase", "higher"],
                              "down": ["fall", "falls", "less", "fewer", "decrease", "lower"]}, "direction")
    start, end = mean_path_length(_spectrum(0.0)), mean_path_length(_spectrum(1.0))
    truth = "up" if end > start else "down"
    m = Marks()
    if d == truth:
        m.ok(f"The average goes {truth}: {fmt(start, 2)} hand-offs at p = 0, {fmt(end, 2)} at p = 1.")
        m.hint("So the peer mesh is not faster in this model; chapter 5 adds waiting at a busy centre, "
               "and only then does the star become slow.")
    else:
        m.bad(f"The average goes {truth}, from {fmt(start, 2)} hand-offs at p = 0 to {fmt(end, 2)} at p = 1.",
              "The star is the shortest shape there is: the centre is one step from everyone. Each tie to the "
              "centre that goes makes some routes longer.")
    return m


@task("Task 2: when does the centre stop mattering?", "a number from 0 to 1 in steps of 0.1, like p_robust = 0.5")
def first_robust_p(p_robust):
    """Check the smallest ``p`` (steps of 0.1) at which ``orgs.spectrum(16, p, seed=0)`` has no single point of failure.

    The check runs the model at the given ``p`` and at the step below.

    Examples
    --------
    >>> first_robust_p(0.8).status, first_robust_p(0.9).status, first_robust_p(0.5).status
    ('correct', 'not yet', 'not yet')
    """
    p = as_number(p_robust, "p_robust")
    if not 0 <= p <= 1:
        raise AnswerError(f"p_robust is {fmt(p)}, but p runs from 0 to 1.")
    p = round(p * 10) / 10
    here = profile(_spectrum(p))
    m = Marks()
    if here.single_points:
        who = ", ".join(str(v) for v in here.single_points)
        m.bad(f"At p = {fmt(p)} the network still has single points of failure: {who}.",
              "Move further to the right (a larger p)." if 0 in here.single_points else
              "The centre no longer holds it together, but someone else does: go a little further.")
        return m
    m.ok(f"At p = {fmt(p)} no single person holds the network together.")
    if p > 0:
        below = profile(_spectrum(round(p - 0.1, 1)))
        if not below.single_points:
            m.bad(f"But p = {fmt(p - 0.1)} already has no single point of failure either.",
                  "You are looking for the first such p: try smaller values.")
        else:
            m.ok(f"At p = {fmt(p - 0.1)} there was still one: {', '.join(str(v) for v in below.single_points)}.")
            m.hint(f"The centre still sits on {here.centre_load:.0%} of the routes at p = {fmt(p)}: no longer a "
                   "single point of failure, but still a busy person.")
    return m


@task("Task 3: add ties until nobody is a single point of failure",
      "a list of at most 6 ties between clients, like new_ties = [(1, 2), (2, 3)]")
def no_single_point(new_ties, people: int = 8, budget: int = 6):
    """Add the reader's ties to ``orgs.client_server(people)`` and check that nobody is a single point of failure.

    The check builds the network with the new ties and runs the articulation-point test of
    :func:`p2pkit.architecture.profile` on it.

    Examples
    --------
    >>> no_single_point([(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7)]).status
    'correct'
    >>> no_single_point([(1, 2), (3, 4)]).status
    'not yet'
    """
    G = orgs.client_server(people)
    ties = as_ties(new_ties, G, "new_ties")
    m = Marks()
    existing = [t for t in ties if G.has_edge(*t)]
    if existing:
        m.bad(f"{len(existing)} of your ties {'exists' if len(existing) == 1 else 'exist'} already "
              "(every client is already tied to the centre, 0).",
              "Tie clients to each other: ties to the centre add nothing.")
    if len(ties) > budget:
        m.bad(f"You added {len(ties)} ties; the budget is {budget}.", "It can be done with exactly "
              f"{people - 2}: the clients need to reach each other without the centre, and {people - 1} people need "
              f"at least {people - 2} ties to hang together.")
    H = G.copy()
    H.add_edges_from(ties)
    p = profile(H)
    if p.single_points:
        rest = H.copy()
        rest.remove_node(0)
        parts = sorted((sorted(c) for c in nx.connected_components(rest)), key=len, reverse=True)
        m.bad(f"Person {p.single_points[0]} is still a single point of failure: without the centre, the clients "
              f"fall into {len(parts)} groups that cannot reach each other.",
              "Connect the groups: " + " | ".join(", ".join(str(v) for v in part) for part in parts[:5]) + ".")
    elif len(ties) <= budget and not existing:
        m.ok(f"With {len(ties)} new ties nobody is a single point of failure any more: without the centre, all "
             f"{people - 1} clients still reach each other (pairwise connectivity "
             f"{pairwise_connectivity(nx.restricted_view(H, [0], [])):.0%}).")
        m.hint(f"The centre still sits on {p.centre_load:.0%} of the routes between others. Which of your ties "
               "would you add to bring that down?")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def lateral_tie_reflection(reflection):
    """Check that the reflection on the first lateral tie is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Name the two people (or roles) you would connect first, what would flow along the new tie, and "
        "who would have to give time for it.",
        "What would it take for that tie to last once the reason for creating it has passed (chapter 4)?",
    ])
