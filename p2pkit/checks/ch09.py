"""Checks for the chapter-9 exercises (the leader as architect: transparency and shared rules).

Exercise 9.1, *Who sees the whole picture?* -- :func:`chart_rounds`, :func:`rumour_estimate`,
:func:`manager_capacity`, :func:`transparency_reflection`.
Exercise 9.2, *Orders or a shared rule?* -- :func:`rule_or_centre`, :func:`extra_distance`,
:func:`centre_bandwidth`, :func:`rule_reflection`.

Values come from :mod:`p2pkit.transparency` and :mod:`p2pkit.protocols`, run by the check.
"""

from __future__ import annotations

import math

from .. import orgs
from ..protocols import central_assignment, claim_nearest, scatter
from ..transparency import gossip_everything, push_rounds_estimate, report_up_broadcast_down, report_up_rounds
from .core import AnswerError, Marks, as_choice, as_number, compare_number, fmt, task
from .core import reflection as _reflection

__all__ = [
    "chart_rounds",
    "rumour_estimate",
    "chart40",
    "mesh40",
    "manager_capacity",
    "transparency_reflection",
    "positions",
    "rule_or_centre",
    "extra_distance",
    "centre_bandwidth",
    "rule_reflection",
]


@task("Task 1: the chart's rounds, by hand", "a whole number of rounds, like rounds = 10")
def chart_rounds(rounds, levels: int = 4, span: int = 3, capacity: int = 1):
    """Check the rounds report-up-broadcast-down takes on a full chart (4 levels, span 3, one talk per round).

    Examples
    --------
    >>> chart_rounds(18).status, chart_rounds(9).status
    ('correct', 'not yet')
    """
    x = as_number(rounds, "rounds")
    truth = report_up_rounds(levels, span, capacity)
    m = Marks()
    if compare_number(m, x, truth, "The number of rounds", mistakes=[
            (truth / 2, "That is only the way up.", "The picture also has to come back down, level by level."),
            (report_up_rounds(levels, span), "That is for managers who talk to all their reports at once.",
             "Here a manager holds one conversation per round: each level takes as many rounds as the span."),
            (2 * levels * span, "That counts one level too many.",
             f"A chart {levels} levels deep has {levels - 1} steps between levels.")],
            hint="Each step between levels takes span / capacity rounds, up and again down."):
        built = report_up_broadcast_down(orgs.hierarchy(levels, span), capacity=capacity)
        m.ok(f"Running it on the built chart gives the same: {built.rounds} rounds, {built.conversations} "
             "conversations.")
        m.hint("The formula is 2 (levels - 1) ceil(span / capacity): a manager's time, not the number of levels "
               "alone, sets the pace.")
    return m


@task("Task 2: gossip among 1,000", "a number of rounds, like estimate = 12.5")
def rumour_estimate(estimate, people: int = 1000):
    """Check the estimated rounds push gossip needs to tell 1,000 people (anyone can call anyone).

    Examples
    --------
    >>> rumour_estimate(16.87).status, rumour_estimate(9.97).status
    ('correct', 'not yet')
    """
    x = as_number(estimate, "estimate")
    truth = push_rounds_estimate(people)
    m = Marks()
    if compare_number(m, x, truth, "The estimate", rel=0.01, mistakes=[
            (math.log2(people), "That is only the doubling phase.",
             "The last few people take a while to be called: add the mopping-up rounds, ln n."),
            (math.log(people), "That is only the mopping-up phase.", "Add the doubling phase, log2 n."),
            (people / 2, "Gossip does not tell people one at a time: everyone who knows calls someone each round.",
             "The number who know roughly doubles each round at first.")],
            hint="push_rounds_estimate(1000): log2 n rounds of doubling, then ln n rounds of mopping up."):
        m.hint("Seventeen rounds for a thousand people, and about one more each time the organisation doubles: "
               "that is why gossip scales.")
    return m


def chart40():
    """The 40-person chart of exercise 9.1: ``orgs.hierarchy(4, 3)``."""
    return orgs.hierarchy(4, 3)


def mesh40():
    """The 40-person peer mesh of exercise 9.1: ``orgs.peer_mesh(40, k=4, seed=0)``."""
    return orgs.peer_mesh(40, k=4, seed=0)


@task("Task 3: how much manager time?", "a whole number, like capacity = 2")
def manager_capacity(capacity):
    """Check the smallest manager capacity at which the chart is as fast as gossip on the peer mesh.

    The check runs :func:`p2pkit.transparency.report_up_broadcast_down` with that capacity
    and with one less, against :func:`p2pkit.transparency.gossip_everything` (seed 0).

    Examples
    --------
    >>> manager_capacity(2).status, manager_capacity(3).status, manager_capacity(1).status
    ('correct', 'not yet', 'not yet')
    """
    c = as_number(capacity, "capacity")
    if not float(c).is_integer() or c < 1:
        raise AnswerError(f"capacity is {fmt(c)}; it is a whole number of conversations per round, at least 1.")
    c = int(c)
    gossip = gossip_everything(mesh40(), seed=0)
    chart = report_up_broadcast_down(chart40(), capacity=c)
    m = Marks()
    if chart.rounds > gossip.rounds:
        m.bad(f"With {c} conversation{'s' if c > 1 else ''} per round the chart takes {chart.rounds} rounds; "
              f"gossip takes {gossip.rounds}.", "Give the managers more conversations per round.")
        return m
    m.ok(f"With {c} conversations per round the chart takes {chart.rounds} rounds, gossip {gossip.rounds}.")
    if c > 1 and report_up_broadcast_down(chart40(), capacity=c - 1).rounds <= gossip.rounds:
        m.bad(f"{c - 1} would be enough too.", "Find the smallest capacity that works.")
        return m
    m.ok(f"The chart needs {chart.conversations} conversations in all; gossip {gossip.conversations}.")
    m.hint("So gossip wins on speed only while managers' time is scarce, and it always costs far more "
           "conversations. What it buys is that nobody's absence stops it.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def transparency_reflection(reflection):
    """Check that the reflection on transparency is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "How does the state of your organisation's work reach the people who need it: up the chart and down, "
        "or sideways? How long does it take, and who is the bottleneck?",
        "What would break if the person at the top of that flow were away for a week?",
    ])


# --------------------------------------------------------------------------- exercise 9.2


def positions():
    """People and tasks of exercise 9.2: ``scatter(20, 20, seed=0)``."""
    return scatter(20, 20, seed=0)


def _runs(per_round: int = 1):
    P, T = positions()
    return claim_nearest(P, T), central_assignment(P, T, per_round=per_round)


_DESIGN = {"local rule": ["local", "rule", "shared rule", "claim nearest", "protocol"],
           "centre": ["center", "central", "central assignment", "the centre"]}


@task("Task 1: predict, then check", "'local rule' or 'centre' in quotes, for each question")
def rule_or_centre(faster, shorter):
    """Check two predictions: which way finishes first, and which gives the lower total distance.

    Examples
    --------
    >>> rule_or_centre("local rule", "centre").status
    'correct'
    """
    f = as_choice(faster, _DESIGN, "faster")
    s = as_choice(shorter, _DESIGN, "shorter")
    local, central = _runs()
    fast_truth = "local rule" if local.rounds < central.rounds else "centre"
    short_truth = "centre" if central.total_distance < local.total_distance - 1e-9 else "local rule"
    m = Marks()
    rounds = f"local rule {local.rounds} rounds, centre {central.rounds}"
    dist = f"local rule {fmt(local.total_distance, 2)}, centre {fmt(central.total_distance, 2)}"
    if f == fast_truth:
        m.ok(f"The {fast_truth} finishes first ({rounds}).")
    else:
        m.bad(f"The {fast_truth} finishes first ({rounds}).",
              "The centre hands out one assignment per round; the rule lets everyone act at once.")
    if s == short_truth:
        m.ok(f"The {short_truth} gives the lower total distance ({dist}).")
    else:
        m.bad(f"The {short_truth} gives the lower total distance ({dist}).",
              "The centre computes the best possible assignment; the rule settles for what is nearest now.")
    m.hint("Speed against quality: Task 2 measures the price of the rule, Task 3 the bandwidth the centre needs.")
    return m


@task("Task 2: the price of the rule", "a percentage as a number, like extra = 12.5")
def extra_distance(extra):
    """Check how many per cent more total distance the local rule costs than the best assignment.

    Examples
    --------
    >>> local, _ = _runs()
    >>> extra_distance(100 * (local.total_distance / local.optimum - 1)).status
    'correct'
    """
    x = as_number(extra, "extra")
    local, _ = _runs()
    truth = 100 * (local.total_distance / local.optimum - 1)
    m = Marks()
    if compare_number(m, x, truth, "The local rule's extra distance", unit="%", rel=0.02, abs_tol=0.05, mistakes=[
            (truth / 100, "That is a share; the task asks for a percentage.", "Multiply by 100."),
            (100 * local.total_distance / local.optimum, "That is the rule's distance as a percentage of the "
             "best; subtract 100 to get the extra.", "(rule / best - 1) * 100."),
            (local.total_distance - local.optimum, "That is the extra in distance units, not per cent.",
             "Divide by the best total first.")],
            hint="(local.total_distance / local.optimum - 1) * 100."):
        m.hint("A few per cent more distance for a third of the rounds. Whether that is a good trade depends on "
               "what a round costs, which the model leaves to you.")
    return m


@task("Task 3: how fast must the centre be?", "a whole number, like per_round = 4")
def centre_bandwidth(per_round):
    """Check the smallest number of assignments per round at which the centre finishes no later than the rule.

    Examples
    --------
    >>> centre_bandwidth(3).status, centre_bandwidth(2).status, centre_bandwidth(5).status
    ('correct', 'not yet', 'not yet')
    """
    k = as_number(per_round, "per_round")
    if not float(k).is_integer() or k < 1:
        raise AnswerError(f"per_round is {fmt(k)}; it is a whole number of assignments per round, at least 1.")
    k = int(k)
    local, central = _runs(k)
    m = Marks()
    if central.rounds > local.rounds:
        m.bad(f"Handing out {k} per round the centre takes {central.rounds} rounds; the rule takes {local.rounds}.",
              "The centre needs ceil(20 / per_round) rounds: make that no more than the rule's.")
        return m
    m.ok(f"Handing out {k} per round the centre takes {central.rounds} rounds, the rule {local.rounds}.")
    if k > 1 and _runs(k - 1)[1].rounds <= local.rounds:
        m.bad(f"{k - 1} per round would be enough too.", "Find the smallest bandwidth that keeps up.")
        return m
    m.hint("A centre that keeps up needs several times the bandwidth of one person, and all the positions first; "
           "the rule needs only what each person can see around them.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def rule_reflection(reflection):
    """Check that the reflection on shared rules is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Name one kind of work in your organisation that is handed out by a person, and a shared rule that could "
        "replace them. What would the rule gain in speed, and what would it lose?",
        "Who would design the rule, and how would you know when it needs changing?",
    ])
