"""Checks for the chapter-8 exercises (becoming a P2P organisation: network weaving).

Exercise 8.1, *Four shapes of a network* -- :func:`busiest_weaver_phase`,
:func:`without_the_weaver`, :func:`my_network_shape`, :func:`phase_reflection`.
Exercise 8.2, *Weave a network* -- :func:`connect_clusters`, :func:`weave_without_a_hub`,
:func:`weaving_reflection`.

Values come from :mod:`p2pkit.weaving` (``phases``, ``scattered``, ``phase_profile``,
``classify``), computed on the network as the reader built it.
"""

from __future__ import annotations

import networkx as nx

from ..weaving import PHASES, classify, phase_profile, phases, scattered
from .core import AnswerError, Marks, as_number, as_team, as_ties, compare_number, fmt, people_text, task
from .core import reflection as _reflection

__all__ = [
    "weaving_phases",
    "busiest_weaver_phase",
    "without_the_weaver",
    "my_network_shape",
    "phase_reflection",
    "fragments",
    "connect_clusters",
    "weave_without_a_hub",
    "weaving_reflection",
]


def weaving_phases() -> list:
    """The four phases of exercise 8.1: ``p2pkit.weaving.phases(60, 5, seed=0)``."""
    return phases(60, 5, seed=0)


@task("Task 1: predict, then check", "a phase number from 1 to 4, like phase = 3")
def busiest_weaver_phase(phase):
    """Check the prediction of the phase in which the weaver sits on the largest share of routes.

    Examples
    --------
    >>> busiest_weaver_phase(2).status, busiest_weaver_phase(4).status
    ('correct', 'not yet')
    """
    x = as_number(phase, "phase")
    if x not in (1, 2, 3, 4):
        raise AnswerError(f"phase is {fmt(x)}; the phases are numbered 1 to 4.")
    x = int(x)
    loads = [phase_profile(G).weaver_load for G in weaving_phases()]
    truth = max(range(4), key=lambda i: loads[i]) + 1
    table = "; ".join(f"phase {i + 1} {loads[i]:.0%}" for i in range(4))
    m = Marks()
    if x == truth:
        m.ok(f"In phase {truth} ({PHASES[truth - 1]}) the weaver sits on {loads[truth - 1]:.0%} of the routes "
             f"between others ({table}).")
        m.hint("The weaver's job in phase 3 is to make herself less necessary: introducing hubs to each other "
               "halves her share.")
    else:
        m.bad(f"In phase {x} the weaver sits on {loads[x - 1]:.0%} of the routes; in another, on "
              f"{loads[truth - 1]:.0%} ({table}).",
              "In which phase does every route between clusters run through her, because she is the only link?")
    return m


@task("Task 2: without the weaver", "a share from 0 to 1, like share = 0.5")
def without_the_weaver(share):
    """Check the share of pairs still in touch in phase 2 once the weaver is gone.

    Examples
    --------
    >>> without_the_weaver(phase_profile(weaving_phases()[1]).survives_without_weaver).status
    'correct'
    """
    x = as_number(share, "share")
    ph = weaving_phases()
    p2 = phase_profile(ph[1])
    m = Marks()
    if compare_number(m, x, p2.survives_without_weaver, "The share of pairs in touch without the weaver", mistakes=[
            (p2.pairs_in_touch, "That is the share with the weaver still there.",
             "Read survives_without_weaver, not pairs_in_touch."),
            (phase_profile(ph[2]).survives_without_weaver, "That is phase 3.",
             "Use phase 2: weaving_phases()[1] (Python counts from 0).")],
            hint="phase_profile(phases[1]).survives_without_weaver."):
        m.ok(f"Exactly what phase 1 had: {phase_profile(ph[0]).pairs_in_touch:.0%}. Without her the network falls "
             "back into its fragments.")
        m.hint("A hub-and-spoke network is a client-server network (chapter 1) that a person built on purpose.")
    return m


@task("Task 3: your network's shape", "a list of ties between initials or roles, like [('A', 'B'), ('B', 'C')]")
def my_network_shape(my_network):
    """Name the weaving shape of the reader's own network, with the measures behind it.

    The first person in the first tie is taken as the weaver.

    Examples
    --------
    >>> print(my_network_shape([("Me", "A"), ("Me", "B"), ("Me", "C")]).right[0])
    Your network looks like a single hub-and-spoke (Me is taken as the weaver).
    """
    ties = as_ties(my_network, None, "my_network")
    G = as_team(ties, "my_network")
    weaver = ties[0][0]
    shape = classify(G, weaver=weaver)
    p = phase_profile(G, weaver=weaver)
    m = Marks()
    article = "" if shape.endswith("fragments") else "a "
    m.ok(f"Your network looks like {article}{shape} ({weaver} is taken as the weaver).")
    m.ok(f"{p.components} part{'s' if p.components != 1 else ''}; {p.pairs_in_touch:.0%} of pairs in touch; "
         f"without {weaver}, {p.survives_without_weaver:.0%}.")
    m.hint("What would the next phase ask of you? Chapter 8's explorable shows the introductions each one takes.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def phase_reflection(reflection):
    """Check that the reflection on the weaving phases is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Which phase is a network you belong to in, and who is its weaver? What would it take to reach the next "
        "phase, and who would have to make the introductions?",
        "Does the weaver know how much runs through them? What would happen if they stepped back?",
    ])


# --------------------------------------------------------------------------- exercise 8.2


def fragments() -> nx.Graph:
    """The starting network of exercise 8.2: four separate clusters of six (``scattered(24, 4, seed=0)``).

    Examples
    --------
    >>> G = fragments(); G.number_of_nodes(), nx.number_connected_components(G)
    (24, 4)
    """
    return scattered(24, 4, seed=0)


def _woven(new_ties, name: str):
    G = fragments()
    ties = as_ties(new_ties, G, name)
    H = G.copy()
    H.add_edges_from(ties)
    return G, H, ties


@task("Task 1: connect the clusters", "a list of at most 3 ties, like first_ties = [(0, 6)]")
def connect_clusters(first_ties, budget: int = 3):
    """Check at most three introductions after which everyone can reach everyone.

    Examples
    --------
    >>> connect_clusters([(0, 6), (6, 12), (12, 18)]).status, connect_clusters([(0, 6), (1, 7)]).status
    ('correct', 'not yet')
    """
    G, H, ties = _woven(first_ties, "first_ties")
    m = Marks()
    if len(ties) > budget:
        m.bad(f"You made {len(ties)} introductions; at most {budget} are allowed.",
              "Four clusters need exactly three ties between them to hang together.")
        return m
    p = phase_profile(H)
    if p.components > 1:
        inside = [t for t in ties if nx.has_path(G, *t)]
        m.bad(f"The network is still in {p.components} parts; {p.pairs_in_touch:.0%} of pairs are in touch.",
              f"{len(inside)} of your ties {'joins' if len(inside) == 1 else 'join'} people who were already in the "
              "same cluster."
              if inside else "Each tie must join two clusters that are not yet joined.")
    else:
        m.ok(f"With {len(ties)} introductions everyone can reach everyone; the network now looks like: "
             f"{p.shape}.")
        m.hint(f"But {p.single_points} people are single points of failure, and someone sits on "
               f"{p.most_central_load:.0%} of the routes. Task 2 asks for more.")
    return m


@task("Task 2: weave without a hub", "a list of at most 4 ties, like woven_ties = [(0, 6)]")
def weave_without_a_hub(woven_ties, budget: int = 4, limit: float = 0.35):
    """Check at most four introductions that connect everyone, leave no single point of failure and no hub.

    "No hub": nobody sits on more than 35% of the shortest routes between others. The
    check measures the woven network with :func:`p2pkit.weaving.phase_profile`.

    Examples
    --------
    >>> weave_without_a_hub([(0, 6), (7, 12), (13, 18), (19, 1)]).status
    'correct'
    >>> weave_without_a_hub([(0, 6), (0, 12), (0, 18)]).status
    'not yet'
    """
    G, H, ties = _woven(woven_ties, "woven_ties")
    m = Marks()
    if len(ties) > budget:
        m.bad(f"You made {len(ties)} introductions; at most {budget} are allowed.", "Four ties are enough.")
        return m
    p = phase_profile(H)
    if p.components > 1:
        m.bad(f"The network is still in {p.components} parts.", "First connect all four clusters.")
        return m
    m.ok("Everyone can reach everyone.")
    if p.single_points:
        aps = sorted(nx.articulation_points(H))
        m.bad(f"{p.single_points} {'person is a single point' if p.single_points == 1 else 'people are single points'}"
              f" of failure: {people_text(aps, ' and')}.",
              "Join the clusters in a ring rather than a chain, and let different people make the ties in and "
              "out of each cluster.")
    else:
        m.ok("Nobody is a single point of failure.")
    if p.most_central_load > limit:
        m.bad(f"Person {p.most_central} sits on {p.most_central_load:.0%} of the routes between others.",
              "Spread the introductions over different people: one person making all of them becomes the hub.")
    else:
        m.ok(f"The busiest person, {p.most_central}, sits on {p.most_central_load:.0%} of the routes.")
    if not m.wrong:
        m.hint("You skipped the hub-and-spoke phase. In practice a weaver often has to start as the hub, then "
               "hand the ties over: who would make these four introductions?")
    return m


@task("Task 3: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def weaving_reflection(reflection):
    """Check that the reflection on weaving is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Name two groups in your organisation that should know each other and do not. Who could introduce "
        "them, and how would you make sure that person does not become the only link?",
        "Which introduction would you make this week?",
    ])
