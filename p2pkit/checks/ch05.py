"""Checks for the chapter-5 exercises (why hierarchies strain: queues and information decay).

Exercise 5.1, *The managerial tax* -- :func:`wait_multiple`, :func:`wait_hours`,
:func:`smallest_pool`, :func:`gatekeeper_reflection`.
Exercise 5.2, *Lost in the relay* -- :func:`relay_fidelity`, :func:`chart_hops`,
:func:`best_decider`, :func:`relay_reflection`.
Exercise 5.3, *One decider or a crowd?* -- :func:`crowd_prediction`, :func:`majority_of_five`,
:func:`peers_to_beat`, :func:`panel_time`, :func:`crowd_reflection`.

Values come from :mod:`p2pkit.decisions` (``mm1``, ``mmc``, ``separate_queues``),
:mod:`p2pkit.decay` (``fidelity``, ``hops_to_decider``) and :mod:`p2pkit.judgement`
(``majority_accuracy``, ``hub_majority_accuracy``, ``decision_days``), computed when the
check runs.
"""

from __future__ import annotations

import math

import networkx as nx

from .. import orgs
from ..decay import fidelity, hops_to_decider
from ..decisions import mm1, mmc, separate_queues
from ..judgement import MAX_PEERS, crowd_ceiling, decision_days, hub_majority_accuracy, majority_accuracy
from .core import AnswerError, Marks, as_choice, as_number, as_person, compare_number, fmt, task
from .core import reflection as _reflection

__all__ = [
    "HOURS_PER_DAY",
    "wait_multiple",
    "wait_hours",
    "smallest_pool",
    "gatekeeper_reflection",
    "chart",
    "HOLDERS",
    "relay_fidelity",
    "chart_hops",
    "best_decider",
    "relay_reflection",
    "crowd_prediction",
    "majority_of_five",
    "peers_to_beat",
    "panel_time",
    "crowd_reflection",
]

#: Working hours in a day, as in chapter 5.
HOURS_PER_DAY = 8


@task("Task 1: predict, then check", "a number, like times = 2")
def wait_multiple(times, arriving: float = 9, capacity: float = 10):
    """Check how many times as long as it takes a decision waits for a gatekeeper at 90% (M/M/1).

    Examples
    --------
    >>> wait_multiple(9).status, wait_multiple(0.9).status
    ('correct', 'not yet')
    """
    x = as_number(times, "times")
    q = mm1(arriving, capacity)
    truth = q.wait * capacity
    m = Marks()
    if compare_number(m, x, truth, "The wait, in multiples of one decision's time,", mistakes=[
            (q.utilisation, f"{fmt(q.utilisation)} is the gatekeeper's utilisation, not the wait.",
             "The wait in line, in units of one decision's time, is rho / (1 - rho)."),
            (q.time_in_system * capacity, "That counts the decision itself as well as the wait before it.",
             "Only the time in the queue, before the gatekeeper starts: Wq = rho / (mu - lambda)."),
            (1.0, "That is the wait at 50% utilisation.", "At 90% it is rho / (1 - rho).")],
            hint="At utilisation rho a decision waits rho / (1 - rho) times as long as it takes (M/M/1)."):
        m.hint("At 95% it is 19 times, at 98% 49: the last few per cent cost more waiting than all the rest.")
    return m


@task("Task 2: the wait in hours", "a number of hours, like hours = 3")
def wait_hours(hours, arriving: float = 9.5, capacity: float = 10):
    """Check the mean wait in line, in working hours, at 9.5 decisions a day for a gatekeeper who can take 10.

    Examples
    --------
    >>> wait_hours(15.2).status, wait_hours(1.9).status
    ('correct', 'not yet')
    """
    x = as_number(hours, "hours")
    q = mm1(arriving, capacity)
    truth = q.wait * HOURS_PER_DAY
    m = Marks()
    if compare_number(m, x, truth, "The mean wait in line", unit=" hours", mistakes=[
            (q.wait, f"{fmt(q.wait)} is the wait in days.", f"A working day has {HOURS_PER_DAY} hours."),
            (q.wait * 24, "A working day has 8 hours, not 24.", "Multiply the days by 8."),
            (q.time_in_system * HOURS_PER_DAY, "That includes the decision itself.",
             "Use the wait before the gatekeeper starts (.wait), not .time_in_system.")],
            hint="mm1(9.5, 10).wait is in days; multiply by the 8 hours of a working day."):
        m.hint(f"Almost two working days in the queue for a decision that takes {fmt(HOURS_PER_DAY / capacity * 60)} "
               "minutes: that is the managerial tax.")
    return m


@task("Task 3: how many deciders?", "a whole number, like deciders = 3")
def smallest_pool(deciders, arriving: float = 40, capacity: float = 10, limit_hours: float = 1.0):
    """Check the smallest pool of deciders sharing one queue with a mean wait in line under one hour.

    The check computes the M/M/c wait (:func:`p2pkit.decisions.mmc`) for the given pool and
    for one decider fewer.

    Examples
    --------
    >>> smallest_pool(5).status, smallest_pool(6).status, smallest_pool(4).status
    ('correct', 'not yet', 'not yet')
    """
    c = as_number(deciders, "deciders")
    if not float(c).is_integer() or c < 1:
        raise AnswerError(f"deciders is {fmt(c)}; a number of people is a whole number of at least 1.")
    c = int(c)
    if c > 1000:
        raise AnswerError("deciders is more than 1000; try a smaller pool.")
    wait = mmc(arriving, capacity, c).wait * HOURS_PER_DAY
    m = Marks()
    if not math.isfinite(wait):
        m.bad(f"{c} deciders can take {c * capacity:g} decisions a day, but {arriving:g} arrive: the queue grows "
              "without limit.", "Capacity must exceed the decisions arriving: more than 4 deciders.")
        return m
    if wait >= limit_hours:
        m.bad(f"With {c} deciders sharing one queue a decision waits {fmt(wait, 2)} hours on average.",
              "Add deciders one at a time and recompute mmc(40, 10, c).wait * 8.")
        return m
    m.ok(f"With {c} deciders sharing one queue a decision waits {_minutes(wait)} on average.")
    fewer = mmc(arriving, capacity, c - 1).wait * HOURS_PER_DAY if c > 1 else math.inf
    if fewer < limit_hours:
        m.bad(f"But {c - 1} would do too: {_minutes(fewer)}.", "Find the smallest pool that works.")
        return m
    sep = next(k for k in range(c, c + 200) if separate_queues(arriving, capacity, k).wait * HOURS_PER_DAY
               < limit_hours)
    m.hint(f"With separate queues (each decider only their own area's decisions) it takes {sep} people to get "
           "under an hour: sharing one queue is worth several deciders.")
    return m


def _minutes(hours: float) -> str:
    n = max(1, round(hours * 60))
    return f"{n} minute{'' if n == 1 else 's'}" if hours * 60 >= 0.5 else "less than a minute"


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def gatekeeper_reflection(reflection):
    """Check that the reflection on a gatekeeper is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Name a person whose approval many decisions in your organisation wait for. Roughly how busy are they, "
        "and how long do decisions wait? Does the hockey stick fit what you see?",
        "Which of those decisions could be taken by several people sharing one queue?",
    ])


# --------------------------------------------------------------------------- exercise 5.2


def chart() -> nx.Graph:
    """Krackhardt's (1987) formal chart, undirected: information can travel either way along a reporting line."""
    return orgs.load_dataset("krack_reports", directed=False)


#: The managers who hold pieces of the information in Task 3 of exercise 5.2.
HOLDERS = ("10", "11", "1")


@task("Task 1: detail after four hand-offs", "a number from 0 to 1, like kept = 0.5")
def relay_fidelity(kept, hops: int = 4, keep: float = 0.9):
    """Check the share of detail that survives four hand-offs when each keeps 90% (keep-or-lose relays).

    Examples
    --------
    >>> relay_fidelity(0.6561).status, relay_fidelity(0.6).status
    ('correct', 'not yet')
    """
    x = as_number(kept, "kept")
    truth = fidelity(hops, keep)
    m = Marks()
    if compare_number(m, x, truth, f"The share of detail left after {hops} hand-offs", mistakes=[
            (1 - hops * (1 - keep), "Subtracting 10% per hand-off overcounts: each relay loses 10% of what is "
             "left, not of the original.", "Each detail must survive every hand-off: keep ** hops."),
            (keep * hops, "Multiplying by the number of hand-offs gives more than all the detail.",
             "Raise keep to the power of the hand-offs."),
            (keep, "That is one hand-off.", f"There are {hops}: keep ** {hops}.")],
            hint="Each detail survives each hand-off with probability 0.9, independently.", rel=0.005):
        m.hint("Bartlett's retellings lost more than this: people also change and add detail (the noise model).")
    return m


@task("Task 2: hand-offs in a real chart", "a whole number, like hops = 3")
def chart_hops(hops):
    """Check the hand-offs from manager 10 (who holds the data) to the chief executive 7 in Krackhardt's chart.

    Examples
    --------
    >>> chart_hops(2).status, chart_hops(1).status
    ('correct', 'not yet')
    """
    x = as_number(hops, "hops")
    G = chart()
    truth = hops_to_decider(G, "10", "7")
    m = Marks()
    if compare_number(m, x, truth, "The number of hand-offs from manager 10 to the chief executive", mistakes=[
            (truth + 1, "That counts the people on the route, not the hand-offs between them.",
             "Count the ties on the route: 10 -> 18 -> 7.")],
            hint="Follow the reporting lines: to whom does manager 10 report, and to whom does that person report?"):
        m.ok(f"So the chief executive gets {fidelity(truth, 0.9):.0%} of manager 10's detail (keep 0.9).")
        m.hint("Every level-3 manager in this flat chart is two hand-offs from the top; in a chart twice as tall, "
               "the top would get 0.9**4 = 66%.")
    return m


@task("Task 3: who should decide?", "a manager's number in quotes, like decider = '7'")
def best_decider(decider):
    """Check the decider with the fewest hand-offs in total from the three holders (the chart's 1-median).

    The check computes :func:`p2pkit.decay.hops_to_decider` from each holder to each manager.

    Examples
    --------
    >>> best_decider("18").status, best_decider("7").status
    ('correct', 'not yet')
    """
    G = chart()
    who = as_person(decider, G, "decider")
    total = {v: sum(hops_to_decider(G, h, v) for h in HOLDERS) for v in G}
    best = min(total.values())
    m = Marks()
    detail = sum(fidelity(hops_to_decider(G, h, who), 0.9) for h in HOLDERS) / len(HOLDERS)
    if total[who] == best:
        m.ok(f"Manager {who} is {' + '.join(str(hops_to_decider(G, h, who)) for h in HOLDERS)} = {best} hand-offs "
             f"from the holders {', '.join(HOLDERS[:-1])} and {HOLDERS[-1]}: fewer than anyone else.")
        m.ok(f"On average {detail:.0%} of the detail reaches them (keep 0.9), against "
             f"{sum(fidelity(hops_to_decider(G, h, '7'), 0.9) for h in HOLDERS) / 3:.0%} at the chief executive.")
        m.hint("The best place to decide is not the top: it is where the information is. Chapter 5's peer mesh "
               "decides there by design.")
    else:
        m.bad(f"Manager {who} is {total[who]} hand-offs in total from the three holders; someone is only {best}.",
              "Two of the holders report to the same vice-president. Add up the hand-offs from each holder to "
              "each candidate: sum(hops_to_decider(G, h, v) for h in check.HOLDERS).")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def relay_reflection(reflection):
    """Check that the reflection on information decay is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Pick a decision taken recently in your organisation. Who held the information it needed, who decided, "
        "and how many hand-offs were there between them? What got lost?",
        "What would have to change for the person nearest the information to take that decision?",
    ])


# --------------------------------------------------------------------------- exercise 5.3

_WHO = {"crowd": ["peers", "the crowd", "majority", "the majority", "panel", "the peers"],
        "decider": ["one decider", "the decider", "one person", "boss", "the boss"]}


@task("Task 1: predict, then check", "'crowd' or 'decider' in quotes, for each question")
def crowd_prediction(crowd_better, with_hub_better, p: float = 0.7, q: float = 0.6, n: int = 9,
                     follow: float = 0.3):
    """Check two predictions: is a majority of 9 peers right 60% of the time more often right than one
    decider right 70%, and is it still when each peer follows one hub 30% of the time?

    Examples
    --------
    >>> crowd_prediction("crowd", "decider").status, crowd_prediction("decider", "decider").status
    ('correct', 'not yet')
    """
    first = as_choice(crowd_better, _WHO, "crowd_better")
    second = as_choice(with_hub_better, _WHO, "with_hub_better")
    indep, hub = majority_accuracy(n, q), hub_majority_accuracy(n, q, follow)
    truth1 = "crowd" if indep > p else "decider"
    truth2 = "crowd" if hub > p else "decider"
    m = Marks()
    said1 = f"the majority of {n} is right {indep:.1%} of the time, the decider {p:.0%}"
    said2 = f"with the hub the majority is right {hub:.1%}"
    if first == truth1:
        m.ok(f"Independent peers: {said1}.")
    else:
        m.bad(f"Independent peers: {said1}.",
              "Each peer is only a little better than a coin, but their mistakes are independent: a majority of "
              "them is wrong only when five or more err at once.")
    if second == truth2:
        m.ok(f"Following a hub: {said2}.")
    else:
        m.bad(f"Following a hub: {said2}.",
              "When peers take their cue from one hub, their mistakes come together: the crowd is worth much less "
              "than nine independent views.")
    if not m.wrong:
        m.hint(f"However many peers vote, with this hub the majority can never be right more than "
               f"{crowd_ceiling(q, follow):.0%} of the time: the hub's own accuracy caps it.")
    return m


@task("Task 2: a majority of five, by hand", "a number from 0 to 1, like right = 0.5")
def majority_of_five(right, n: int = 5, q: float = 0.6):
    """Check the probability that a majority of 5 independent peers, each right 60% of the time, is right.

    Examples
    --------
    >>> majority_of_five(0.68256).status, majority_of_five(0.6).status
    ('correct', 'not yet')
    """
    x = as_number(right, "right")
    truth = majority_accuracy(n, q)
    m = Marks()
    no_comb = sum(q**k * (1 - q) ** (n - k) for k in range(n // 2 + 1, n + 1))
    if compare_number(m, x, truth, "The probability that the majority of five is right", rel=0.002, mistakes=[
            (q, "That is one peer on their own.", "The majority is right when 3, 4 or 5 of the 5 are right."),
            (no_comb, "That counts each number of right votes only once.",
             "There are C(5, 3) = 10 ways for exactly three to be right, and C(5, 4) = 5 for four: multiply each "
             "term by its count."),
            (1 - truth, "That is the probability the majority is wrong.", "Add the cases with 3, 4 or 5 right."),
            (truth - math.comb(n, 3) * q**3 * (1 - q) ** 2, "That leaves out the case of exactly three right.",
             "Three of five is already a majority: add C(5, 3) 0.6^3 0.4^2.")],
            hint="Add the probabilities of exactly 3, 4 and 5 right: C(5, k) 0.6^k 0.4^(5 - k)."):
        m.hint("A small lift: 60% becomes 68%. With 25 such peers it is 85%, with 101 almost 98%.")
    return m


@task("Task 3: how many peers beat the decider?", "a whole number, like peers = 11")
def peers_to_beat(peers, p: float = 0.8, q: float = 0.6):
    """Check the smallest number of independent peers, each right 60%, whose majority beats a decider right 80%.

    Examples
    --------
    >>> peers_to_beat(17).status, peers_to_beat(16).status, peers_to_beat(19).status
    ('correct', 'not yet', 'not yet')
    """
    x = as_number(peers, "peers")
    if not float(x).is_integer() or x < 1:
        raise AnswerError(f"peers is {fmt(x)}; a number of people is a whole number of at least 1.")
    n = int(x)
    if n > MAX_PEERS:
        raise AnswerError(f"peers is more than {MAX_PEERS:,}; try a smaller panel.")
    acc = majority_accuracy(n, q)
    m = Marks()
    if acc <= p:
        extra = (" An even panel is no better than the odd one below it: a tie is a coin toss."
                 if n % 2 == 0 and n > 1 and abs(acc - majority_accuracy(n - 1, q)) < 1e-12 else "")
        m.bad(f"A majority of {n} is right {acc:.2%} of the time, not more than the decider's {p:.0%}.{extra}",
              "Try larger panels: majority_accuracy(n, 0.6) for n = 11, 13, 15, ...")
        return m
    m.ok(f"A majority of {n} is right {acc:.2%} of the time, more than the decider's {p:.0%}.")
    smaller = next((k for k in range(1, n) if majority_accuracy(k, q) > p), None)
    if smaller is not None:
        m.bad(f"But {smaller} peers would already do it ({majority_accuracy(smaller, q):.2%}).",
              "Find the smallest panel that beats the decider.")
        return m
    m.hint(f"{n} people to beat one good decider, and each of them spends the time: {n} times the "
           "person-hours. Task 4 looks at the days.")
    return m


@task("Task 4: how long does the panel take?", "a number of days, like panel_days = 2.5")
def panel_time(panel_days, decisions_per_day: float = 8.0, capacity_per_day: float = 10.0, n: int = 9):
    """Check the mean days for a panel of 9, each voting on every decision, to have all votes in (the bound of
    :func:`p2pkit.judgement.decision_days`).

    Examples
    --------
    >>> panel_time(1.4145).status, panel_time(0.5).status, panel_time(4.5).status
    ('correct', 'not yet', 'not yet')
    """
    x = as_number(panel_days, "panel_days")
    t = decision_days(decisions_per_day, capacity_per_day, n)
    m = Marks()
    if compare_number(m, x, t.panel_days, "The panel's time to decision", unit=" days", rel=0.005, mistakes=[
            (t.decider_days, "That is one member's time, the decider's.",
             "The panel waits for the slowest of nine votes: W (1 + 1/2 + ... + 1/9)."),
            (n * t.decider_days, "The members vote at the same time, not one after another.",
             "The slowest of nine exponential times has mean W (1 + 1/2 + ... + 1/9), not 9 W."),
            (t.panel_days * 8, "That is in working hours.", "Give it in days.")],
            hint="decision_days(8, 10, 9).panel_days, or by hand: 1 / (10 - 8) x (1 + 1/2 + ... + 1/9)."):
        m.hint(f"Almost three times the decider's {fmt(t.decider_days, 2)} days, and nine times the person-time: "
               "accuracy costs time and people, so spend it on the decisions where being right matters most.")
    return m


@task("Task 5: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def crowd_reflection(reflection):
    """Check that the reflection on deciding alone or together is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Name a decision your team takes together and one a single person takes. For each, who knows most, and "
        "do the people who weigh in judge independently or follow one voice?",
        "Where would a wrong decision cost most? Is that where you spend the most people's time?",
    ])
