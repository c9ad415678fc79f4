"""Checks for the chapter-4 exercises (relational dynamics).

Exercise 4.1, *How fast do ties fade?* -- :func:`expected_left`, :func:`mutual_lost`,
:func:`keep_in_touch`, :func:`decay_reflection`.
Exercise 4.2, *Ties or the chain of command?* -- :func:`faster_route`, :func:`chain_hours`,
:func:`one_hour`, :func:`crisis_reflection`.
Exercise 4.3, *Agreeing over ties* -- :func:`star_consensus`, :func:`faster_agreement`,
:func:`agree_sooner`.

Every value comes from :mod:`p2pkit.dynamics` (``evolve``, ``race``, ``degroot``), run by
the check with fixed seeds.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from .. import orgs
from ..dynamics import (chain_of_command, consensus_step, degroot, directed_mesh, evolve, race,
                        recruit_through_ties, sudden_need, tie_measures)
from .core import AnswerError, Marks, as_choice, as_number, as_ties, compare_number, fmt, people_text, task
from .core import reflection as _reflection

__all__ = [
    "friends",
    "expected_left",
    "mutual_lost",
    "keep_in_touch",
    "decay_reflection",
    "reports",
    "need",
    "faster_route",
    "chain_hours",
    "one_hour",
    "crisis_reflection",
    "star_consensus",
    "faster_agreement",
    "ring",
    "agree_sooner",
]


def friends() -> nx.DiGraph:
    """Krackhardt's (1987) friendship network, directed (``u -> v``: *u* names *v* as a friend).

    Examples
    --------
    >>> friends().number_of_edges()
    102
    """
    return orgs.load_dataset("krack_friends")


@task("Task 1: ties that fade", "a number, like expected = 50")
def expected_left(expected, decay: float = 0.2):
    """Check the expected number of the 102 friendship ties left after one step with only decay 0.2.

    Examples
    --------
    >>> expected_left(81.6).status, expected_left(20.4).status
    ('correct', 'not yet')
    """
    x = as_number(expected, "expected")
    ties = friends().number_of_edges()
    truth = ties * (1 - decay)
    m = Marks()
    if compare_number(m, x, truth, "The expected number of ties left after one step", mistakes=[
            (ties * decay, f"{fmt(ties * decay)} is how many fade on average, not how many are left.",
             "Each tie survives the step with probability 1 - decay."),
            (ties * (1 - decay) ** 2, "That is two steps, not one.", "One step: each tie survives once."),
            (ties, "Nothing fades? Every unused tie fades with probability 0.2 in each step.",
             "Each tie survives the step with probability 1 - decay.")],
            hint=f"Each of the {ties} ties survives the step with probability 1 - decay, independently.",
            rel=0.005, abs_tol=0.05):
        run = [evolve(friends(), 1, decay=decay, seed=s).measures(1).ties for s in range(20)]
        m.ok(f"Twenty seeded runs of the model leave between {min(run)} and {max(run)} ties, "
             f"{fmt(float(np.mean(run)), 1)} on average.")
        m.hint("One run is one story: the expected value is what many runs average to.")
    return m


@task("Task 2: a returned tie lasts longer", "a probability between 0 and 1, like p_lost = 0.5")
def mutual_lost(p_lost, decay: float = 0.2):
    """Check the probability that a pair tied both ways loses touch in one step (both ties fade).

    Examples
    --------
    >>> mutual_lost(0.04).status, mutual_lost(0.36).status
    ('correct', 'not yet')
    """
    x = as_number(p_lost, "p_lost")
    truth = decay ** 2
    m = Marks()
    if compare_number(m, x, truth, "The probability that a returned tie is lost in one step", mistakes=[
            (decay, f"{fmt(decay)} is the chance that one direction fades; the pair stays in touch through "
                    "the other.", "The pair loses touch only if both directions fade, independently."),
            (1 - (1 - decay) ** 2, "That is the chance that at least one direction fades.",
             "Losing touch needs both to fade."),
            (2 * decay, "Adding the two chances counts 'at least one', and even that wrongly.",
             "Both must fade: multiply the two independent chances.")],
            hint="Two independent events that must both happen: multiply their probabilities.", abs_tol=1e-4):
        m.hint(f"{fmt(decay)} against {fmt(truth)}: a one-way tie is five times as likely to be lost in a step. "
               "That is why reciprocity keeps a fading network together.")
    return m


def _in_touch(reciprocate: float, meet: float, runs: int = 20) -> float:
    F = friends()
    vals = [evolve(F, 10, decay=0.25, closure=0.2, reciprocate=reciprocate, meet=meet, seed=s).measures(10).in_touch
            for s in range(runs)]
    return float(np.mean(vals))


@task("Task 3: keep everyone in touch", "a dict, like rates = {'reciprocate': 0.1, 'meet': 0.05}")
def keep_in_touch(rates, target: float = 0.95, max_meet: float = 0.1):
    """Check rates that keep, on average, at least 95% of pairs in touch after 10 hard steps.

    The steps are those of chapter 4's explorable (decay 0.25, introductions 0.2). The check
    runs :func:`p2pkit.dynamics.evolve` 20 times (seeds 0-19) with the reader's
    ``reciprocate`` and ``meet`` (at most 0.1) and averages the share of pairs in touch.

    Examples
    --------
    >>> keep_in_touch({"reciprocate": 0.5, "meet": 0.0}).status
    'correct'
    >>> keep_in_touch({"reciprocate": 0.1, "meet": 0.0}).status
    'not yet'
    """
    if not isinstance(rates, dict) or set(rates) - {"reciprocate", "meet"}:
        raise AnswerError("rates should be a dict with the keys 'reciprocate' and 'meet'.")
    r = as_number(rates.get("reciprocate", 0.0), "rates['reciprocate']")
    mt = as_number(rates.get("meet", 0.0), "rates['meet']")
    for name, value in (("reciprocate", r), ("meet", mt)):
        if not 0 <= value <= 1:
            raise AnswerError(f"rates['{name}'] is {fmt(value)}; a rate is a probability from 0 to 1.")
    m = Marks()
    if mt > max_meet + 1e-12:
        m.bad(f"meet is {fmt(mt)}; the task allows at most {fmt(max_meet)}.",
              "Meeting strangers is the expensive way; lean on returning ties instead.")
        return m
    share = _in_touch(r, mt)
    start = tie_measures(friends()).in_touch
    if share >= target:
        m.ok(f"With reciprocate {fmt(r)} and meet {fmt(mt)}, {share:.1%} of pairs are still in touch after 10 "
             f"steps on average ({start:.0%} at the start).")
        m.hint("Try to reach the goal with less: which rate can you lower and still keep 95%?")
    else:
        m.bad(f"With reciprocate {fmt(r)} and meet {fmt(mt)}, only {share:.1%} of pairs are still in touch after "
              "10 steps on average.",
              "Raise reciprocate: a returned tie is lost only when both directions fade." if r < 0.5 else
              "Add a little meeting of strangers: only it reconnects people who have lost every tie.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def decay_reflection(reflection):
    """Check that the reflection on fading ties is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Name two working relationships of yours that would fade in three months without use, and what "
        "keeps your other relationships alive.",
        "Which of your ties are one-way (you go to them, they never come to you)? The model says those go first.",
    ])


# --------------------------------------------------------------------------- exercise 4.2


def reports() -> nx.DiGraph:
    """The managers' reporting lines, boss -> subordinate (manager 7 at the top)."""
    return orgs.load_dataset("krack_reports", top_down=True)


def need():
    """The sudden need of exercise 4.2 (and chapter 4): three people with a skill, next to manager 10.

    Examples
    --------
    >>> n = need(); n.origin, sorted(n.skilled, key=int), n.k
    ('10', ['1', '9', '15', '20'], 3)
    """
    return sudden_need(friends(), k=3, skilled_share=0.2, seed=1)


@task("Task 1: predict, then check", "'ties' or 'chain' in quotes")
def faster_route(faster):
    """Check the prediction of which route meets the need first: friendship ties or the chain of command.

    Examples
    --------
    >>> faster_route("ties").status, faster_route("chain").status
    ('correct', 'not yet')
    """
    choice = as_choice(faster, {"ties": ["friendship", "friends", "through ties", "informal"],
                                "chain": ["chain of command", "hierarchy", "chart", "boss", "command"]}, "faster")
    r = race(friends(), reports(), need(), top="7")
    truth = "ties" if r.ties.hours < r.chain.hours else "chain"
    m = Marks()
    text = f"through ties {fmt(r.ties.hours)} hours, through the chain of command {fmt(r.chain.hours)} hours"
    if choice == truth:
        m.ok(f"The need is met faster {'through ties' if truth == 'ties' else 'by the chain'} ({text}).")
        m.hint("Would the same hold among strangers? Try race(nx.empty_graph(friends), ...): "
               "then only the boss knows who has the skill.")
    else:
        m.bad(f"The {'chain of command' if choice == 'chain' else 'ties'} route is slower here ({text}).",
              "Manager 10's friends include two of the skilled managers: asking around takes one or two hand-offs."
              if truth == "ties" else "The chart is flat here; count the hand-offs each way.")
    return m


@task("Task 2: the chain of command, by hand", "a number of hours, like chain_h = 3.5")
def chain_hours(chain_h):
    """Check the hours the chain of command takes for the need (hand-offs up and down, plus half an hour).

    Examples
    --------
    >>> chain_hours(4.5).status, chain_hours(4).status
    ('correct', 'not yet')
    """
    x = as_number(chain_h, "chain_h")
    r = chain_of_command(reports(), need(), top="7")
    truth = r.hours
    m = Marks()
    if compare_number(m, x, truth, "The chain of command's time", mistakes=[
            (truth - 0.5, "You left out the half hour the boss takes to decide.",
             "Add the boss's half hour to the hand-offs up and down."),
            (2.5, "That counts the way up and the decision, not the way down to the skilled managers.",
             "The orders also travel down, one hour per level."),
            (2.0, "That is only the way up.", "Add the boss's decision and the way down.")],
            unit=" hours",
            hint="Count the levels from manager 10 up to the first boss with three skilled people below him, "
                 "then down to them; one hour per hand-off, plus half an hour to decide."):
        m.ok(f"The request climbs {' -> '.join(r.paths[0][:3])} and goes down to {people_text(r.recruits)}.")
        m.hint("The chief executive is the first boss who knows three skilled people: vice-president 18's part of "
               "the chart has none.")
    return m


@task("Task 3: met within an hour", "a list of at most 1 tie, like new_ties = [('10', '3')]")
def one_hour(new_ties, budget: int = 1, within: float = 1.0):
    """Check a new friendship tie (at most one) after which the need is met through ties within an hour.

    The check adds the tie and runs :func:`p2pkit.dynamics.recruit_through_ties`.

    Examples
    --------
    >>> one_hour([("10", "1")]).status, one_hour([("10", "3")]).status
    ('correct', 'not yet')
    """
    F = friends()
    ties = as_ties(new_ties, F, "new_ties")
    n = need()
    U = F.to_undirected()
    m = Marks()
    if len(ties) > budget:
        m.bad(f"You added {len(ties)} ties; the task allows {budget}.", "One tie is enough.")
        return m
    existing = [t for t in ties if U.has_edge(*t)]
    if existing:
        m.bad("That tie already exists.", "Add a tie that is not there yet.")
    G = F.copy()
    G.add_edges_from(ties)
    r = recruit_through_ties(G, n)
    d = nx.single_source_shortest_path_length(U, n.origin)
    if r.hours <= within:
        m.ok(f"With your tie the need is met in {fmt(r.hours)} hour: {people_text(r.recruits)} are one hand-off "
             "from manager 10.")
        m.hint("The tie that helps is the one between the person in need and someone with the skill: a skills "
               "map that anyone can read does the same job without new friendships.")
    else:
        far = sorted((v for v in n.skilled if d.get(v, 99) > 1), key=int)
        m.bad(f"With your tie the need is met in {fmt(r.hours)} hours.",
              f"Two skilled managers are already manager 10's friends; a third must be one hand-off away. "
              f"Which skilled managers are further away? ({len(far)} of them.)")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def crisis_reflection(reflection):
    """Check that the reflection on a recent surprise is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Recall a surprise your team had to deal with: did help come through the chart or through people who "
        "knew people? Which would have been faster, and who knew who had the skill?",
        "Which of the ties formed in that crisis still work today?",
    ])


# --------------------------------------------------------------------------- exercise 4.3


@task("Task 1: whose opinion counts?", "a number, like consensus = 0.5")
def star_consensus(consensus):
    """Check the opinion a star of five agrees on when only the centre starts at 1 (DeGroot 1974).

    Examples
    --------
    >>> star_consensus(5 / 13).status, star_consensus(0.2).status
    ('correct', 'not yet')
    """
    x = as_number(consensus, "consensus")
    S = nx.star_graph(4)
    h = degroot([S] * 200, {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0})
    truth = float(h[-1].mean())
    m = Marks()
    if compare_number(m, x, truth, "The opinion the star agrees on", mistakes=[
            (0.2, "0.2 is the plain average: it counts everyone's first opinion equally.",
             "In DeGroot averaging, better-connected people count for more: weight each person by ties + 1."),
            (0.5, "The centre does not count for half.",
             "Weight each person by their number of ties plus one: the centre 5, each of the four others 2."),
            (1.0, "The centre does not simply win: the others pull the centre's opinion towards theirs as well.",
             "Weight each person by their number of ties plus one.")],
            hint="On a network that does not change, each person's weight is their number of ties plus one.",
            rel=0.005):
        m.hint("One person out of five holds 38% of the final say: a star copies the centre's first opinion, "
               "error and all, into everyone's.")
    return m


@task("Task 2: predict, then check", "'strangers' or 'friends of friends' in quotes")
def faster_agreement(faster):
    """Check the prediction of which way of forming ties lets a ring of 40 agree first (chapter 4's figure).

    Examples
    --------
    >>> faster_agreement("strangers").status, faster_agreement("friends of friends").status
    ('correct', 'not yet')
    """
    choice = as_choice(faster, {"strangers": ["meet", "strangers meet", "random"],
                                "friends of friends": ["closure", "triadic closure", "introductions", "friends"]},
                       "faster")
    ring40 = directed_mesh(40, k=4, rewire=0.0, mutual=1.0, seed=0)
    op = {v: float(v < 20) for v in ring40}
    steps = {}
    for name, rates in (("strangers", dict(meet=0.5, reciprocate=0.5, decay=0.1)),
                        ("friends of friends", dict(closure=0.5, reciprocate=0.5, decay=0.1))):
        ev = evolve(ring40, 12, news_from=[0], seed=0, **rates)
        steps[name] = consensus_step(degroot(ev, op), 0.1)
    truth = min(steps, key=lambda k: steps[k] if steps[k] is not None else math.inf)
    said = "; ".join(f"{k}: {'not within 12 steps' if v is None else f'{v} steps'}" for k, v in steps.items())
    m = Marks()
    if choice == truth:
        m.ok(f"When {truth} meet, the group agrees first ({said}).")
        m.hint("Both add about as many ties; ties to strangers cut across the ring and carry opinions to the "
               "far side, introductions knit the neighbourhoods that are already tied.")
    else:
        m.bad(f"The group agrees first when {truth} meet ({said}).",
              "Where does a new tie go? An introduction closes a triangle next door; a meeting with a stranger "
              "can cross the whole ring.")
    return m


def ring() -> nx.Graph:
    """The ring of exercise 4.3: 20 people, each tied to the two next to them (``nx.cycle_graph(20)``)."""
    return nx.cycle_graph(20)


def _ring_opinions() -> dict:
    return {v: float(v < 10) for v in range(20)}


@task("Task 3: agree sooner", "a list of at most 2 ties, like new_ties = [(0, 10)]")
def agree_sooner(new_ties, budget: int = 2, within: int = 25, tolerance: float = 0.1):
    """Check at most two new ties after which the ring agrees (gap under 0.1) within 25 steps.

    People 0-9 start with opinion 1 and 10-19 with opinion 0; the check runs
    :func:`p2pkit.dynamics.degroot` on the ring with the new ties.

    Examples
    --------
    >>> agree_sooner([(4, 15), (5, 14)]).status, agree_sooner([(0, 19)]).status
    ('correct', 'not yet')
    """
    C = ring()
    ties = as_ties(new_ties, C, "new_ties")
    m = Marks()
    if len(ties) > budget:
        m.bad(f"You added {len(ties)} ties; the task allows {budget}.", "Two well-placed ties are enough.")
        return m
    existing = [t for t in ties if C.has_edge(*t)]
    if existing:
        m.bad(f"{len(existing)} of your ties already exist{'s' if len(existing) == 1 else ''}.",
              "Add ties between people who are not neighbours on the ring.")
    G = C.copy()
    G.add_edges_from(ties)
    base = consensus_step(degroot([C] * 200, _ring_opinions()), tolerance)
    t = consensus_step(degroot([G] * 200, _ring_opinions()), tolerance)
    if t is not None and t <= within:
        m.ok(f"With your ties the group agrees after {t} steps, against {base} without them.")
        m.hint("Which ties did the work? Ties between people deep inside the two camps carry one camp's "
               "opinion into the heart of the other.")
    else:
        m.bad(f"With your ties the group agrees after {t if t is not None else 'more than 200'} steps "
              f"({base} without them).",
              "Tie people on opposite sides of the ring, deep inside the two camps, far from the two borders "
              "between them (between 9 and 10, and between 19 and 0).")
    return m
