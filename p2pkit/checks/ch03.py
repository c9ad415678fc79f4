"""Checks for the chapter-3 exercises (equipotency: how evenly influence is spread).

Exercise 3.1, *Who do the managers ask?* (Krackhardt's advice network) --
:func:`most_asked`, :func:`advice_centralization`, :func:`advice_gini`, :func:`my_advice`.
Exercise 3.2, *How hierarchical is it?* (Knoke's bureaucracies, Krackhardt's chart) --
:func:`hierarchy_ranking`, :func:`money_dimensions`, :func:`lub_top_down`,
:func:`chart_reflection`.
Exercise 3.3, *Spread the brokerage* -- :func:`top_broker`, :func:`spread_brokerage`,
:func:`centralization_after`, :func:`broker_reflection`.

Values come from :mod:`p2pkit.equipotency` (``centrality``, ``centralization``, ``gini``,
``krackhardt``), computed when the check runs.
"""

from __future__ import annotations

import networkx as nx

from .. import orgs
from ..equipotency import centrality, centralization, gini, krackhardt
from .core import (AnswerError, Marks, as_choice, as_number, as_person, as_ties, compare_number, fmt,
                   people_text, task)
from .core import reflection as _reflection

__all__ = [
    "advice",
    "most_asked",
    "advice_centralization",
    "advice_gini",
    "my_advice",
    "NETWORKS",
    "hierarchy_ranking",
    "money_dimensions",
    "lub_top_down",
    "chart_reflection",
    "chart",
    "top_broker",
    "spread_brokerage",
    "centralization_after",
    "broker_reflection",
]


def advice() -> nx.DiGraph:
    """Krackhardt's (1987) advice network: ``u -> v`` if manager *u* goes to *v* for advice.

    Examples
    --------
    >>> advice().number_of_edges()
    190
    """
    return orgs.load_dataset("krack_advice")


@task("Task 1: predict, then check", "a manager's number in quotes, like most_asked = '12'")
def most_asked(most_asked):
    """Check the guess of the manager whom most others go to for advice.

    Examples
    --------
    >>> most_asked("2").status, most_asked("7").status
    ('correct', 'not yet')
    """
    A = advice()
    who = as_person(most_asked, A, "most_asked")
    asked = dict(A.in_degree())
    top = max(asked.values())
    leaders = sorted((v for v in A if asked[v] == top), key=int)
    m = Marks()
    if who in leaders:
        m.ok(f"Manager {who} is asked for advice by {asked[who]} of the other 20 managers, more than anyone else.")
        m.hint(f"The chief executive (7) is asked by {asked['7']}. Krackhardt's point: the chart does not tell "
               "you where advice flows.")
    else:
        role = {1: "the chief executive", 2: "a vice-president", 3: "a manager"}[A.nodes[who]["level"]]
        m.bad(f"Manager {who} ({role}) is asked by {asked[who]} of the other 20; someone is asked by {top}.",
              "The top of the chart is not the top of the advice network. Count who names whom: "
              "A.in_degree() gives, for each manager, how many go to them." if who == "7" else
              "Count, for each manager, how many others go to them: A.in_degree().")
    return m


@task("Task 2: how centralized is advice?", "a number from 0 to 1, like advice_c = 0.3")
def advice_centralization(advice_c):
    """Check the in-degree centralization of the advice network (Freeman 1979).

    Examples
    --------
    >>> advice_centralization(centralization(advice(), "degree", mode="in")).status
    'correct'
    """
    x = as_number(advice_c, "advice_c")
    A = advice()
    truth = centralization(A, "degree", mode="in")
    m = Marks()
    if compare_number(m, x, truth, "The in-degree centralization of advice", mistakes=[
            (centralization(A, "degree", mode="out"), "That is the centralization of out-degree: how many each "
             "manager asks, not how many ask them.", "Use mode='in': ties received."),
            (centralization(A, "degree", mode="total"), "That counts ties in both directions.",
             "Use mode='in': who is asked."),
            (centralization(A.to_undirected(), "degree"), "That treats the network as undirected.",
             "Keep the direction: centralization(A, 'degree', mode='in')."),
            (centralization(A, "betweenness"), "That is betweenness centralization, not degree.",
             "The measure is 'degree', with mode='in'.")],
            hint="centralization(A, 'degree', mode='in'), with A = check.advice()."):
        m.hint("0 would mean everyone is asked equally often, 1 that one manager is asked by all and nobody "
               "else by anyone. Advice sits in between: several people are sought after.")
    return m


@task("Task 3: how unequal is being asked?", "a number from 0 to 1, like advice_g = 0.3")
def advice_gini(advice_g):
    """Check the Gini coefficient of the managers' in-degree centralities in the advice network.

    Examples
    --------
    >>> advice_gini(gini(centrality(advice(), "degree", mode="in").values())).status
    'correct'
    """
    x = as_number(advice_g, "advice_g")
    A = advice()
    truth = gini(centrality(A, "degree", mode="in").values())
    m = Marks()
    if compare_number(m, x, truth, "The Gini coefficient of being asked", mistakes=[
            (gini(centrality(A, "degree", mode="out").values()), "That is the Gini of asking (out-degree).",
             "Use the in-degree centralities: centrality(A, 'degree', mode='in')."),
            (gini(centrality(A, "degree", mode="total").values()), "That is the Gini of total degree.",
             "Use the in-degree centralities: centrality(A, 'degree', mode='in')."),
            (gini(centrality(A, "betweenness").values()), "That is the Gini of betweenness.",
             "Use the in-degree centralities.")],
            hint="gini(centrality(A, 'degree', mode='in').values()): the Gini of a list of numbers."):
        m.hint("Being asked is spread far more evenly than brokerage in a chart (a Gini of about 0.8 in "
               "chapter 3's 40-person chart): advice is one of the more equipotent networks in this firm.")
    return m


@task("Task 4: advice in your team", "a list of (asker, adviser) pairs, like [('Me', 'Ana'), ('Ben', 'Ana')]")
def my_advice(my_advice):
    """Describe who is asked for advice in the reader's own team (directed ties asker -> adviser).

    Examples
    --------
    >>> print(my_advice([("A", "C"), ("B", "C"), ("C", "A")]).right[1])
    Most asked: C (by 2 of the other 2).
    """
    ties = as_ties(my_advice, None, "my_advice", directed=True)
    if len(ties) < 2:
        raise AnswerError("my_advice: list at least two (asker, adviser) pairs.")
    D = nx.DiGraph(ties)
    asked = dict(D.in_degree())
    top = max(asked.values())
    leaders = [v for v in D if asked[v] == top]
    m = Marks()
    m.ok(f"{D.number_of_nodes()} people, {D.number_of_edges()} advice ties.")
    m.ok(f"Most asked: {people_text(leaders)} (by {top} of the other {D.number_of_nodes() - 1}).")
    m.ok(f"In-degree centralization {fmt(centralization(D, 'degree', mode='in'), 2)}; Gini of being asked "
         f"{fmt(gini(centrality(D, 'degree', mode='in').values()), 2)}.")
    m.hint("Is the most-asked person the one the chart puts in charge? If not, does that person know, and "
           "do they have time for it?")
    return m


# --------------------------------------------------------------------------- exercise 3.2

#: The three networks of exercise 3.2, by name: (data set, what its ties mean).
NETWORKS = {
    "knok_info": "information exchange among 10 organisations (Knoke & Kuklinski 1982)",
    "knok_money": "money exchange among the same organisations",
    "krack_reports": "who reports to whom among Krackhardt's managers (stored bottom-up)",
}


def _hierarchy_scores() -> dict:
    return {name: krackhardt(orgs.load_dataset(name))["hierarchy"] for name in NETWORKS}


@task("Task 1: predict, then check", "two names in quotes, like most = 'knok_info', least = 'knok_money'")
def hierarchy_ranking(most, least):
    """Check the prediction of the most and least hierarchical of the three networks (Krackhardt 1994).

    Examples
    --------
    >>> hierarchy_ranking("krack_reports", "knok_info").status
    'correct'
    """
    options = {name: [name.replace("_", " "), name.split("_")[1]] for name in NETWORKS}
    most = as_choice(most, options, "most")
    least = as_choice(least, options, "least")
    scores = _hierarchy_scores()
    table = "; ".join(f"{n} {fmt(s, 3)}" for n, s in scores.items())
    top, bottom = max(scores, key=scores.get), min(scores, key=scores.get)
    m = Marks()
    if most == top:
        m.ok(f"{top} is the most hierarchical ({table}).")
    else:
        m.bad(f"{most} scores {fmt(scores[most], 3)}; {top} scores {fmt(scores[top], 3)} ({table}).",
              "Hierarchy asks: of the pairs where one reaches the other, how many reach only one way? "
              "A chart's arcs never lead back up.")
    if least == bottom:
        m.ok(f"{bottom} is the least hierarchical: everyone who reaches someone is also reached by them.")
    else:
        m.bad(f"{least} scores {fmt(scores[least], 3)}, not the lowest.",
              "Information that flows both ways makes reach mutual; which network has the most two-way flow?")
    m.hint("Money flows mostly one way (from funders to the funded), which makes a network hierarchical "
           "without anyone being anybody's boss.")
    return m


@task("Task 2: Krackhardt's four dimensions", "a dict with four numbers, like money = {'connectedness': 0.5, ...}")
def money_dimensions(money):
    """Check Krackhardt's four dimensions of the Knoke money network against the model and ORA's report.

    Examples
    --------
    >>> money_dimensions(krackhardt(orgs.load_dataset("knok_money"))).status
    'correct'
    """
    if not isinstance(money, dict):
        raise AnswerError("money should be a dict with the keys 'connectedness', 'hierarchy', 'efficiency', 'lub'.")
    truth = krackhardt(orgs.load_dataset("knok_money"))
    # Computed with CMU's ORA: its Standard Network Analysis report (see reference/data.md).
    ora = {"connectedness": 0.800, "hierarchy": 0.906, "efficiency": 0.536, "lub": 0.857}
    info = krackhardt(orgs.load_dataset("knok_info"))
    missing = [k for k in truth if k not in money]
    m = Marks()
    if missing:
        m.bad(f"The dict has no value for {', '.join(missing)}.", "Use krackhardt(...) itself: it returns all four.")
    for key, value in truth.items():
        if key not in money:
            continue
        x = as_number(money[key], f"money[{key!r}]")
        if abs(x - value) <= 0.0015:
            m.ok(f"{key}: {fmt(value)} (ORA reports {ora[key]:.3f}).")
        elif abs(x - info[key]) <= 0.0015:
            m.bad(f"{key}: {fmt(x)} is the value for the information network.",
                  "Load the money network, not the information one: orgs.load_dataset('knok_money').")
        else:
            m.bad(f"{key}: {fmt(x)} is not what the model gives for the money network "
                  f"(too {'high' if x > value else 'low'}).",
                  "Compute all four at once: krackhardt(orgs.load_dataset('knok_money')).")
    if not m.wrong:
        m.hint("Connectedness is below 1 because one organisation (WRO) exchanges no money with anyone.")
    return m


@task("Task 3: which way do the arcs run?", "a number from 0 to 1, like lub_td = 0.5")
def lub_top_down(lub_td):
    """Check least-upper-boundedness of Krackhardt's chart with the arcs running boss -> subordinate.

    Examples
    --------
    >>> lub_top_down(1.0).status, lub_top_down(0.084).status
    ('correct', 'not yet')
    """
    x = as_number(lub_td, "lub_td")
    stored = krackhardt(orgs.load_dataset("krack_reports"))["lub"]
    truth = krackhardt(orgs.load_dataset("krack_reports", top_down=True))["lub"]
    m = Marks()
    if compare_number(m, x, truth, "Least-upper-boundedness of the top-down chart", mistakes=[
            (stored, "That is the value for the chart as stored, subordinate -> boss.",
             "Load it with top_down=True, which reverses the arcs.")],
            hint="krackhardt(orgs.load_dataset('krack_reports', top_down=True))['lub']."):
        m.ok(f"Read bottom-up, as stored, it is {fmt(stored)}: the same ties, a different answer.")
        m.hint("LUB asks whether every pair has one closest common boss. Only the top-down direction makes "
               "'boss' mean what it should: always state which way your arcs run.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def chart_reflection(reflection):
    """Check that the reflection on the chart against the informal network is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Which of your organisation's networks (reporting, advice, money or budget, information) would score "
        "highest on Krackhardt's hierarchy, and which lowest? Why?",
        "Where does information in your organisation flow only one way? What would it take to make it flow back?",
    ])


# --------------------------------------------------------------------------- exercise 3.3


def chart() -> nx.Graph:
    """The chart of exercise 3.3: a top, three managers and nine staff (``orgs.hierarchy(3, 3)``).

    Examples
    --------
    >>> chart().number_of_nodes()
    13
    """
    return orgs.hierarchy(3, 3)


@task("Task 1: predict, then check", "a person's number, like top = 4")
def top_broker(top):
    """Check the guess of who sits on the largest share of shortest routes between others in the chart.

    Examples
    --------
    >>> top_broker(0).status, top_broker(1).status
    ('correct', 'not yet')
    """
    G = chart()
    who = as_person(top, G, "top")
    share = centrality(G, "betweenness")
    best = max(share.values())
    m = Marks()
    if share[who] == best:
        m.ok(f"Person {who} sits on {share[who]:.0%} of the shortest routes between other people.")
        m.hint("Each manager sits on 45%: every route out of their team runs through them. Those shares are "
               "what Task 2 asks you to bring down.")
    else:
        m.bad(f"Person {who} sits on {share[who]:.0%} of the shortest routes between others; someone sits on "
              f"{best:.0%}.", "Which person lies between the most pairs? Every route between two branches "
              "passes the same person.")
    return m


def _with_ties(new_ties, budget: int):
    G = chart()
    ties = as_ties(new_ties, G, "new_ties")
    existing = [t for t in ties if G.has_edge(*t)]
    H = G.copy()
    H.add_edges_from(ties)
    return G, H, ties, existing


@task("Task 2: spread the brokerage", "a list of at most 3 ties, like new_ties = [(4, 5)]")
def spread_brokerage(new_ties, budget: int = 3, limit: float = 0.4):
    """Check that after adding at most 3 ties to the chart nobody sits on more than 40% of the routes.

    The check adds the ties and recomputes everyone's betweenness with
    :func:`p2pkit.equipotency.centrality`.

    Examples
    --------
    >>> spread_brokerage([(1, 7), (4, 7), (7, 10)]).status, spread_brokerage([(1, 2)]).status
    ('correct', 'not yet')
    """
    G, H, ties, existing = _with_ties(new_ties, budget)
    share = centrality(H, "betweenness")
    over = {v: s for v, s in share.items() if s > limit}
    m = Marks()
    if existing:
        m.bad(f"{len(existing)} of your ties already exist{'s' if len(existing) == 1 else ''}.",
              "Add ties between people who are not yet tied.")
    if len(ties) > budget:
        m.bad(f"You added {len(ties)} ties; at most {budget} are allowed.", "It can be done with three.")
    if over:
        worst = max(over, key=over.get)
        m.bad(f"{len(over)} {'person sits' if len(over) == 1 else 'people sit'} on more than {limit:.0%} of the "
              f"routes: {', '.join(f'{v} ({s:.0%})' for v, s in sorted(over.items()))}.",
              f"Person {worst} is still the only short way between many pairs. Add a tie that gives those pairs "
              "another route: between people in different branches, below the managers.")
    elif len(ties) <= budget and not existing:
        busiest = max(share, key=share.get)
        m.ok(f"With your {len(ties)} ties nobody sits on more than {limit:.0%} of the routes; the busiest, "
             f"{busiest}, on {share[busiest]:.0%}.")
        m.hint("Which measure moved, and which did not? Compute the degree centralization as well: it hardly "
               "changes, because nobody gained many ties.")
    return m


@task("Task 3: centralization after your change", "a number from 0 to 1, like after = 0.3")
def centralization_after(new_ties, after):
    """Check the betweenness centralization of the chart with the reader's new ties.

    Examples
    --------
    >>> G = chart(); G.add_edges_from([(1, 7), (4, 7), (7, 10)])
    >>> centralization_after([(1, 7), (4, 7), (7, 10)], centralization(G, "betweenness")).status
    'correct'
    """
    G, H, ties, existing = _with_ties(new_ties, 99)
    x = as_number(after, "after")
    before = centralization(G, "betweenness")
    truth = centralization(H, "betweenness")
    m = Marks()
    if compare_number(m, x, truth, "The betweenness centralization with your ties", mistakes=[
            (before, "That is the chart's centralization before your ties.",
             "Add new_ties to a copy of the chart first, then measure."),
            (centralization(H, "degree"), "That is degree centralization.",
             "Use the measure 'betweenness'.")],
            hint="H = check.chart(); H.add_edges_from(new_ties); centralization(H, 'betweenness')."):
        m.ok(f"It fell from {fmt(before)}: {fmt(before - truth)} lower.")
        m.hint("A few well-placed lateral ties do most of the work: chapter 3's explorable shows the rest of "
               "the way to a mesh.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def broker_reflection(reflection):
    """Check that the reflection on brokers in the reader's organisation is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Who in your organisation sits between groups that have no other way to reach each other? Which "
        "lateral tie would give those groups a second route?",
        "What would the broker lose, and what gain, if that tie were built?",
    ])
