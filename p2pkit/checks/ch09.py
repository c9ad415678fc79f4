"""Checks for the chapter-9 exercises (the leader as architect: transparency and shared rules).

Exercise 9.1, *Who sees the whole picture?* -- :func:`chart_rounds`, :func:`rumour_estimate`,
:func:`manager_capacity`, :func:`transparency_reflection`.
Exercise 9.3, *Who keeps sharing?* -- :func:`sharing_prediction`, :func:`star_payoff`,
:func:`smallest_reward`, :func:`sharing_reflection`.
Exercise 9.4, *Local rules and a shared goal* -- :func:`intent_prediction`,
:func:`visibility_for_80`, :func:`broadcast_attention`, :func:`intent_reflection`.
Exercise 9.2, *Orders or a shared rule?* -- :func:`rule_or_centre`, :func:`extra_distance`,
:func:`centre_bandwidth`, :func:`rule_reflection`.

Values come from :mod:`p2pkit.transparency`, :mod:`p2pkit.protocols`, :mod:`p2pkit.cooperation`
and :mod:`p2pkit.alignment`, run by the check.
"""

from __future__ import annotations

import math

import networkx as nx

from .. import orgs
from ..alignment import compare_alignment, run
from ..cooperation import group_payoffs, simulate, well_mixed_threshold
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
    "sharing_mesh",
    "sharing_prediction",
    "star_payoff",
    "smallest_reward",
    "sharing_reflection",
    "intent_mesh",
    "intent_prediction",
    "visibility_for_80",
    "broadcast_attention",
    "intent_reflection",
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


# --------------------------------------------------------------------------- exercise 9.3


def sharing_mesh() -> nx.Graph:
    """The peer mesh of exercise 9.3: 40 people, 4 ties each (``orgs.peer_mesh(40, 4, 0.1, seed=0)``, the mesh
    of exercise 9.1)."""
    return mesh40()


def _sharing(G, r: float, reward: float = 0.0) -> float:
    return simulate(G, r, rounds=300, reward=reward, runs=40, seed=1).final


def _yes_no(value, what: str) -> bool:
    if isinstance(value, bool):
        return value
    return as_choice(value, {"yes": ["true", "y", "it does", "survives"],
                             "no": ["false", "n", "it does not", "dies out"]}, what) == "yes"


@task("Task 1: predict, then check", "'chart' or 'peer mesh', then 'yes' or 'no', in quotes")
def sharing_prediction(keeps_more, no_network_survives, r: float = 3.0):
    """Check two predictions at synergy 3: which network keeps more sharers after 300 rounds, and whether sharing
    survives without a network (random groups of 5).

    Examples
    --------
    >>> sharing_prediction("chart", "no").status, sharing_prediction("peer mesh", "no").status
    ('correct', 'not yet')
    """
    net = as_choice(keeps_more, {"chart": ["hierarchy", "org chart", "tree"],
                                 "peer mesh": ["mesh", "peers", "network"]}, "keeps_more")
    survives = _yes_no(no_network_survives, "no_network_survives")
    chart, mesh = _sharing(chart40(), r), _sharing(sharing_mesh(), r)
    truth = "chart" if chart > mesh else "peer mesh"
    thr = well_mixed_threshold(5)
    m = Marks()
    said = f"after 300 rounds {chart:.1%} share on the chart, {mesh:.1%} on the peer mesh"
    if net == truth:
        m.ok(f"The {truth} keeps more sharers: {said}.")
    else:
        m.bad(f"The {truth} keeps more sharers: {said}.",
              "Count the groups: a front-line person shares only with their manager, a group of two, where half of "
              "what they put in comes back to them times the synergy.")
    if survives == (r > thr):
        m.ok(f"Without a network, in groups of 5, sharing pays only above a synergy of {fmt(thr)}: at {fmt(r)} it "
             + ("survives." if r > thr else "dies out."))
    else:
        m.bad(f"Without a network, in groups of 5, sharing pays only above a synergy of {fmt(thr)}.",
              "Switching to sharing costs you 1 and brings you back synergy / 5 of it: at 3 that is a loss, "
              "whatever the others do.")
    if not m.wrong:
        m.hint("The chart does not share more because it is a hierarchy: its groups are small. Task 3 asks what "
               "the leader can do for the peer mesh.")
    return m


@task("Task 2: one round, by hand", "a number, like leader_payoff = 1.5")
def star_payoff(leader_payoff, r: float = 2.0):
    """Check the leader's payoff in a star of a leader and 3 staff when only the leader shares, synergy 2.

    Examples
    --------
    >>> star_payoff(-0.5).status, star_payoff(3.5).status
    ('correct', 'not yet')
    """
    x = as_number(leader_payoff, "leader_payoff")
    pay = group_payoffs(nx.star_graph(3), [True, False, False, False], r=r)
    truth = pay[0]
    m = Marks()
    if compare_number(m, x, truth, "The leader's payoff", mistakes=[
            (truth + 4, "That forgets what sharing costs the leader: 1 in each of the 4 groups they belong to.",
             "Subtract 1 for each group the leader puts into."),
            (r / 4, "That is what the leader gets back from their own group only, before paying.",
             "The leader also belongs to each of the 3 staff members' groups, and pays 1 in each of the 4."),
            (truth + 3, "The leader pays into their own group too: 4 groups in all.", "Subtract 4, not 1.")],
            hint="Leader's group: 4 members, pot 1 x 2 = 2, half a point each. Each staff member's group: leader and "
                 "that staff member, pot 2, 1 each. The leader is in all four groups and pays 1 in each."):
        m.hint(f"Each staff member earns {fmt(pay[1])} without paying anything: free riding pays here, as long as "
               "someone else shares.")
    return m


@task("Task 3: the smallest reward", "a number to one decimal, like reward = 0.3")
def smallest_reward(reward, r: float = 3.0):
    """Check the smallest reward per contribution (to one decimal) that keeps at least half the peer mesh
    sharing after 300 rounds at synergy 3 (mean of 40 seeded runs).

    Examples
    --------
    >>> smallest_reward(0.5).status, smallest_reward(0.4).status, smallest_reward(0.6).status
    ('correct', 'not yet', 'not yet')
    """
    b = as_number(reward, "reward")
    if b < 0 or b > 5:
        raise AnswerError(f"reward is {fmt(b)}; give a reward between 0 and 5 (a contribution costs 1).")
    if abs(round(b, 1) - b) > 1e-9:
        raise AnswerError(f"reward is {fmt(b)}; give it to one decimal, like 0.3.")
    b = round(b, 1)
    G = sharing_mesh()
    share = _sharing(G, r, b)
    m = Marks()
    if share < 0.5:
        m.bad(f"With a reward of {fmt(b)} only {share:.0%} still share after 300 rounds.",
              "Raise the reward in steps of 0.1 and rerun simulate(mesh, 3, rounds=300, reward=..., runs=40, "
              "seed=1).final.")
        return m
    m.ok(f"With a reward of {fmt(b)}, {share:.0%} still share after 300 rounds.")
    if b >= 0.1 and _sharing(G, r, round(b - 0.1, 1)) >= 0.5:
        m.bad(f"{fmt(round(b - 0.1, 1))} would do too.", "Find the smallest reward that works.")
        return m
    thr = well_mixed_threshold(5, 1.0, b)
    m.hint(f"Without a network a reward of {fmt(b)} lowers the bar to a synergy of {fmt(thr)}; on the mesh, "
           "where free riders next to sharers earn well, it takes about that much to keep half sharing.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def sharing_reflection(reflection):
    """Check that the reflection on incentives to share is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "What does someone in your organisation gain, and what does it cost them, to share what they know with "
        "the colleagues they work with? Who benefits when they do, and who when they do not?",
        "What could a leader change -- the worth of sharing, a reward, the size of the groups -- and what would "
        "each change cost?",
    ])


# --------------------------------------------------------------------------- exercise 9.4


def intent_mesh() -> nx.Graph:
    """The peer mesh of exercise 9.4: 40 people, 4 ties each (``orgs.peer_mesh(40, 4, 0.1, seed=0)``, the mesh
    of exercise 9.1)."""
    return mesh40()


_WHERE = {"the intent": ["intent", "strategic intent", "the goal", "goal"],
          "a local consensus": ["local consensus", "consensus", "an average", "the average", "average of local "
                                "priorities", "local"],
          "where they started": ["start", "nowhere", "where they began", "their own priorities", "stay put"]}


def _where(r) -> str:
    x = r.settled
    if abs(x.mean() - 1) < 0.01 and x.std() < 0.01:
        return "the intent"
    if x.std() < 0.01:
        return "a local consensus"
    return "where they started"


@task("Task 1: predict, then check", "'the intent', 'a local consensus' or 'where they started', in quotes")
def intent_prediction(nobody_sees, one_sees):
    """Check two predictions on the peer mesh without any pull back to local priorities: where people settle when
    nobody sees the intent, and when exactly one person does.

    Examples
    --------
    >>> intent_prediction("a local consensus", "the intent").status
    'correct'
    """
    a = as_choice(nobody_sees, _WHERE, "nobody_sees")
    b = as_choice(one_sees, _WHERE, "one_sees")
    G = intent_mesh()
    none = run(G, 0.0, local_pull=0.0, rounds=0)
    one = run(G, 0.0, local_pull=0.0, sees=[17], rounds=2000)
    t1, t2 = _where(none), _where(one)
    m = Marks()
    if a == t1:
        m.ok(f"Nobody sees it: everyone settles on {fmt(float(none.settled.mean()), 2)}, {t1}.")
    else:
        m.bad(f"Nobody sees it: everyone settles on {fmt(float(none.settled.mean()), 2)} -- {t1}.",
              "Averaging with your contacts round after round brings everyone together, but only on what they "
              "already had: the intent is not in anyone's average.")
    if b == t2:
        m.ok(f"One person sees it: everyone ends at the intent, after {one.rounds_to_settle} rounds.")
    else:
        m.bad(f"One person sees it: in the end everyone is at {t2} ({one.rounds_to_settle} rounds).",
              "The one person never lets go of the intent, and everyone else keeps averaging: with no pull back "
              "to local priorities the anchor wins in the end, however slowly.")
    if not m.wrong:
        m.hint("In the end is not the same as in time: Task 2 gives people a pull back to their local priorities, "
               "as real teams have.")
    return m


@task("Task 2: how much visibility?", "a share from 0 to 1, like needed = 0.4")
def visibility_for_80(needed, local_pull: float = 0.1):
    """Check the share who must see the intent for people on the peer mesh to settle 80% of the way to it
    (local pull 0.1; the mean over 10 random choices of who sees it).

    Examples
    --------
    >>> visibility_for_80(0.6).status, visibility_for_80(0.2).status
    ('correct', 'not yet')
    """
    x = as_number(needed, "needed")
    if x > 1.5:
        x = x / 100 if x <= 100 else x
    c = compare_alignment(intent_mesh(), 0.2, local_pull=local_pull)
    truth = c.needed
    m = Marks()
    if compare_number(m, x, truth, "The share who must see the intent", rel=0.0, abs_tol=0.03, mistakes=[
            (0.8, "80% is how far people should come, not how many must see the intent.",
             "Find where the curve of where people settle crosses 0.8."),
            (c.transparency, "At 20% visibility people come only about 40% of the way.",
             "Find where the curve of where people settle crosses 0.8.")],
            hint="transparency_curve(mesh, levels) gives where people settle at each level; find where it crosses "
                 "0.8, or use visibility_needed(levels, curve, 0.8)."):
        m.hint("Most people must see the intent themselves: a few who see it are diluted by everyone's pull back to "
               "their local priorities.")
    return m


@task("Task 3: how loud must the centre be?", "a share to one decimal, like attention = 0.5")
def broadcast_attention(attention, local_pull: float = 0.1):
    """Check the smallest share of everyone's attention (to one decimal) a broadcast from the centre needs, with
    nobody else seeing the intent, to bring people on the peer mesh at least half-way.

    Examples
    --------
    >>> broadcast_attention(0.3).status, broadcast_attention(0.2).status, broadcast_attention(0.4).status
    ('correct', 'not yet', 'not yet')
    """
    d = as_number(attention, "attention")
    if not 0 < d <= 1:
        raise AnswerError(f"attention is {fmt(d)}; it is a share of everyone's attention, above 0 and at most 1.")
    if abs(round(d, 1) - d) > 1e-9:
        raise AnswerError(f"attention is {fmt(d)}; give it to one decimal, like 0.3.")
    d = round(d, 1)
    G = intent_mesh()

    def reach(share):
        return compare_alignment(G, 0.0, local_pull=local_pull, broadcast=share).broadcast_alignment

    got = reach(d)
    m = Marks()
    if got < 0.5:
        m.bad(f"With {d:.0%} of everyone's attention the broadcast brings people {got:.0%} of the way.",
              "Raise the attention in steps of 0.1: compare_alignment(mesh, 0.0, broadcast=...).broadcast_alignment.")
        return m
    m.ok(f"With {d:.0%} of everyone's attention the broadcast brings people {got:.0%} of the way.")
    if d > 0.1 and reach(round(d - 0.1, 1)) >= 0.5:
        m.bad(f"{round(d - 0.1, 1):.0%} would do too.", "Find the smallest share that works.")
        return m
    local = compare_alignment(G, 0.2, local_pull=local_pull, broadcast=d)
    m.hint(f"A broadcast with {d:.0%} of everyone's attention does about as much as "
           f"{local.broadcast_beats_until:.0%} of people seeing the intent for themselves; it is quicker to set up, "
           "and everything rests on the centre.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def intent_reflection(reflection):
    """Check that the reflection on strategic intent is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "How many people in your team could say, in a sentence, what your organisation is trying to achieve this "
        "year? Where did they learn it: from seeing it themselves, or from a message passed down?",
        "What pulls your team back to its own priorities, and how strong is that pull?",
    ])
