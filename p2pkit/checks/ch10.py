"""Checks for the chapter-10 exercises (designing for growth, and where AI agents sit).

Exercise 10.1, *Does it scale linearly?* -- :func:`mesh_ties`, :func:`teams_ties`,
:func:`best_team_size`, :func:`growth_factors`.
Exercise 10.2, *One AI hub or an agent in every team?* -- :func:`hub_minutes`,
:func:`saturation`, :func:`faster_design`, :func:`agent_speed_needed`, :func:`ai_reflection`.
Exercise 10.3, *Can the AI reach the data?* -- :func:`agents_prediction`,
:func:`kept_through_managers`, :func:`agents_for_two_hours`, :func:`ai_data_reflection`.

Values come from :mod:`p2pkit.scaling` (closed forms), :mod:`p2pkit.hybrid`
(``decision_minutes``, ``mm1_time_in_system``) and :mod:`p2pkit.ai_access`
(``compare_designs``, with :func:`p2pkit.decay.fidelity`), with every setting passed explicitly.
"""

from __future__ import annotations

import math

from ..ai_access import compare_designs
from ..decay import fidelity
from ..hybrid import decision_minutes, mm1_time_in_system
from ..scaling import DESIGNS, full_mesh_ties, team_of_teams_ties, team_sizes, ties
from .core import AnswerError, Marks, as_choice, as_number, compare_number, fmt, task
from .core import reflection as _reflection

__all__ = [
    "mesh_ties",
    "teams_ties",
    "best_team_size",
    "growth_factors",
    "SETTINGS",
    "hub_minutes",
    "saturation",
    "faster_design",
    "agent_speed_needed",
    "ai_reflection",
    "agents_prediction",
    "kept_through_managers",
    "agents_for_two_hours",
    "ai_data_reflection",
]


@task("Task 1: a full mesh of 150", "a whole number, like n_ties = 1000")
def mesh_ties(n_ties, people: int = 150):
    """Check the number of ties when 150 people all deal directly with each other.

    Examples
    --------
    >>> mesh_ties(11175).status, mesh_ties(22350).status
    ('correct', 'not yet')
    """
    x = as_number(n_ties, "n_ties")
    truth = full_mesh_ties(people)
    m = Marks()
    if compare_number(m, x, truth, f"The number of ties among {people} people", rel=0, abs_tol=0.5, mistakes=[
            (people * (people - 1), "That counts every tie twice, once from each end.", "Divide by 2."),
            (people * people, "That counts everyone tied to themselves and every tie twice.",
             "n (n - 1) / 2: each of n people with the n - 1 others, each tie counted once."),
            (people - 1, "That is the ties one person has.", "Count all pairs: n (n - 1) / 2.")],
            hint="Each of the n people deals with the n - 1 others; each tie joins two of them."):
        m.hint(f"At ten minutes a week per tie, that is {fmt(2 * truth * 10 / people / 60, 1)} hours a week for "
               "each person just to keep the ties alive.")
    return m


@task("Task 2: a team of teams", "a whole number, like team_ties = 1000")
def teams_ties(team_ties, people: int = 150, team_size: int = 10):
    """Check the ties of 150 people in full-mesh teams of 10 whose liaisons form a full mesh.

    Examples
    --------
    >>> teams_ties(780).status, teams_ties(675).status
    ('correct', 'not yet')
    """
    x = as_number(team_ties, "team_ties")
    sizes = team_sizes(people, team_size)
    truth = team_of_teams_ties(sizes)
    inside = sum(s * (s - 1) // 2 for s in sizes)
    t = len(sizes)
    m = Marks()
    if compare_number(m, x, truth, "The number of ties in the team of teams", rel=0, abs_tol=0.5, mistakes=[
            (inside, "That is the ties inside the teams only.", f"Add the ties between the {t} liaisons."),
            (t * (t - 1) // 2, "That is the liaisons' ties only.", "Add the ties inside each team."),
            (inside + t * (t - 1), "The liaisons' ties are counted twice.", "t (t - 1) / 2 ties between t liaisons.")],
            hint=f"{t} teams of {team_size}: each team is a full mesh, and the {t} liaisons form one more."):
        m.hint(f"{fmt(truth / full_mesh_ties(people) * 100, 1)}% of the full mesh's ties: structure saves ties, "
               "and pays in hops and in the liaisons' load.")
    return m


@task("Task 3: the best team size", "a whole number, like team_size = 20")
def best_team_size(team_size, people: int = 1000):
    """Check the team size that needs the fewest ties for a team of teams of 1,000 people.

    Examples
    --------
    >>> best_team_size(13).status, best_team_size(10).status
    ('correct', 'not yet')
    """
    s = as_number(team_size, "team_size")
    if not float(s).is_integer() or s < 2:
        raise AnswerError(f"team_size is {fmt(s)}; it is a whole number of people, at least 2.")
    s = int(s)
    if s > people:
        raise AnswerError(f"team_size is {s}, more than the {people} people there are.")
    cost = {k: ties("team of teams", people, team_size=k) for k in range(2, people + 1)}
    best = min(cost.values())
    m = Marks()
    if cost[s] == best:
        m.ok(f"Teams of {s} need {cost[s]:,} ties for {people:,} people, fewer than any other size.")
        m.hint("The optimum sits near the cube root of 2n: smaller teams need more liaisons, larger ones more ties "
               "inside. Ties are not everything: a liaison of teams of 13 keeps about 90 ties.")
    else:
        smaller, larger = cost.get(s - 1, math.inf), cost.get(s + 1, math.inf)
        direction = "smaller" if smaller < cost[s] else "larger" if larger < cost[s] else None
        m.bad(f"Teams of {s} need {cost[s]:,} ties; another size needs only {best:,}.",
              f"Try {direction} teams." if direction else
              "Compute ties('team of teams', 1000, team_size=s) for every s and take the smallest.")
    return m


@task("Task 4: predict, then check", "a dict with three numbers, like growth = {'full mesh': 2, ...}")
def growth_factors(growth, people: int = 1000):
    """Check how many times the ties of each design grow when the people double from 1,000 to 2,000.

    Examples
    --------
    >>> growth_factors({"full mesh": 4, "team of teams": 3.06, "sparse peer mesh": 2}).status
    'correct'
    """
    if not isinstance(growth, dict):
        raise AnswerError("growth should be a dict: {'full mesh': ..., 'team of teams': ..., 'sparse peer mesh': ...}.")
    m = Marks()
    for design in DESIGNS:
        if design not in growth:
            m.bad(f"No value for {design!r}.", f"Give one number per design: {', '.join(DESIGNS)}.")
            continue
        x = as_number(growth[design], f"growth[{design!r}]")
        truth = ties(design, 2 * people) / ties(design, people)
        if abs(x - truth) <= 0.1 * truth:
            m.ok(f"{design}: the ties grow {fmt(truth, 2)} times.")
        else:
            m.bad(f"{design}: not {fmt(x, 2)} times (too {'high' if x > truth else 'low'}).",
                  {"full mesh": "n (n - 1) / 2 grows with the square of n.",
                   "team of teams": "Inside the teams the ties grow in step with n; between the liaisons, with the "
                                    "square of the number of teams.",
                   "sparse peer mesh": "Everyone keeps the same number of ties, whatever the size."}[design])
    if not m.wrong:
        m.hint("Only the sparse mesh scales linearly; it pays with more hops between people.")
    return m


# --------------------------------------------------------------------------- exercise 10.2

#: The organisation of exercise 10.2 (chapter 10's defaults, written out).
SETTINGS = {"people": 150, "team_size": 10, "hub_speed": 600.0, "agent_speed": 60.0, "cross_team": 0.2}


def _minutes(r: float, **changes) -> tuple[float, float]:
    settings = {**SETTINGS, **changes}
    return decision_minutes(r, **settings)


@task("Task 1: minutes at the hub", "a number of minutes, like minutes = 1.5")
def hub_minutes(minutes, requests_per_person: float = 2.0):
    """Check the mean minutes a request spends at the hub (M/M/1) at 2 requests per person per hour.

    Examples
    --------
    >>> hub_minutes(0.2).status, hub_minutes(12).status
    ('correct', 'not yet')
    """
    x = as_number(minutes, "minutes")
    lam = SETTINGS["people"] * requests_per_person
    truth = 60 * mm1_time_in_system(lam, SETTINGS["hub_speed"])
    m = Marks()
    if compare_number(m, x, truth, "The mean time at the hub", unit=" minutes", rel=0.01, mistakes=[
            (truth * 60, "That is in seconds.", "The task asks for minutes."),
            (truth / 60, "That is in hours.", "Multiply by 60."),
            (60 / SETTINGS["hub_speed"], "That is the service time alone, with no waiting.",
             "W = 1 / (mu - lambda): the hub receives everyone's requests, lambda = 150 x 2 an hour.")],
            hint="W = 1 / (mu - lambda) hours, with mu = 600 and lambda = 150 people x 2 requests an hour."):
        emb = _minutes(requests_per_person)[1]
        m.ok(f"decision_minutes gives the same for the hub, and {fmt(emb, 2)} minutes for the embedded agents.")
        m.hint("Twelve seconds: one fast server that pools all the demand is the quickest design there is, until it "
               "fills up.")
    return m


@task("Task 2: when does each design fill up?", "two numbers of requests per person per hour")
def saturation(hub_limit, agent_limit):
    """Check the demand (requests per person per hour) at which the hub, and the embedded agents, saturate.

    Examples
    --------
    >>> saturation(4, 5).status, saturation(5, 4).status
    ('correct', 'not yet')
    """
    h = as_number(hub_limit, "hub_limit")
    a = as_number(agent_limit, "agent_limit")
    hub_truth = SETTINGS["hub_speed"] / SETTINGS["people"]
    agent_truth = SETTINGS["agent_speed"] / (SETTINGS["team_size"] * (1 + SETTINGS["cross_team"]))
    m = Marks()
    ok_hub = compare_number(m, h, hub_truth, "The hub's limit", unit=" requests per person per hour", mistakes=[
        (SETTINGS["hub_speed"], "That is the hub's speed in requests per hour for everyone together.",
         "Divide by the 150 people who share it.")],
        hint="The hub saturates when 150 x r reaches its 600 an hour.")
    ok_agent = compare_number(m, a, agent_truth, "The agents' limit",
                              unit=" requests per person per hour", mistakes=[
        (SETTINGS["agent_speed"] / SETTINGS["team_size"], "That forgets the requests from other teams.",
         "Each agent also serves the 20% of requests that need its team from elsewhere: 10 x r x 1.2.")],
        hint="An agent receives its team's 10 x r requests, plus 20% more from other teams.")
    if ok_hub and ok_agent:
        hub, emb = _minutes(0.999 * hub_truth)
        m.hint(f"Just below the hub's limit a request waits {fmt(hub, 1)} minutes at the hub and {fmt(emb, 1)} at "
               "the agents: the hub's speed does not warn you before it fails.")
    return m


@task("Task 3: predict, then check", "'hub' or 'embedded' in quotes")
def faster_design(faster, requests_per_person: float = 3.9):
    """Check the prediction of the faster design at 3.9 requests per person per hour.

    Examples
    --------
    >>> faster_design("hub").status, faster_design("embedded").status
    ('correct', 'not yet')
    """
    choice = as_choice(faster, {"hub": ["ai hub", "one hub", "centre", "central"],
                                "embedded": ["agents", "embedded agents", "agent in every team", "teams"]}, "faster")
    hub, emb = _minutes(requests_per_person)
    truth = "hub" if hub < emb else "embedded"
    m = Marks()
    said = f"hub {fmt(hub, 2)} minutes, embedded agents {fmt(emb, 2)}"
    winner = "hub is" if truth == "hub" else "embedded agents are"
    if choice == truth:
        m.ok(f"The {winner} faster ({said}).")
        m.hint("At 4 requests per person per hour the hub stops keeping up altogether. Speed is not the only "
               "difference: what does each design lose when one AI node fails?")
    else:
        m.bad(f"Here the {winner} faster ({said}).",
              "A single fast server that pools all the demand beats several slow ones until it nearly fills up."
              if truth == "hub" else "Close to its limit the hub's queue explodes.")
    return m


@task("Task 4: how fast must the agents be?", "a speed in requests per hour, a multiple of 10, like speed = 100")
def agent_speed_needed(speed, requests_per_person: float = 3.9):
    """Check the slowest agent speed (in tens) at which embedded agents beat the hub at 3.9 requests per person per hour.

    Examples
    --------
    >>> agent_speed_needed(70).status, agent_speed_needed(80).status, agent_speed_needed(60).status
    ('correct', 'not yet', 'not yet')
    """
    s = as_number(speed, "speed")
    if s <= 0 or s > 100000:
        raise AnswerError(f"speed is {fmt(s)}; give a positive number of requests per hour.")
    if not float(s / 10).is_integer():
        raise AnswerError(f"speed is {fmt(s)}; give a multiple of 10, like 70 or 80.")
    hub, emb = _minutes(requests_per_person, agent_speed=s)
    m = Marks()
    if emb >= hub:
        m.bad(f"At {fmt(s)} requests an hour the agents take {fmt(emb, 2)} minutes, the hub {fmt(hub, 2)}.",
              "Faster agents: each one serves its team's 39 requests an hour plus 20% from other teams.")
        return m
    m.ok(f"At {fmt(s)} requests an hour the agents take {fmt(emb, 2)} minutes, the hub {fmt(hub, 2)}.")
    if s > 10 and _minutes(requests_per_person, agent_speed=s - 10)[1] < hub:
        m.bad(f"{fmt(s - 10)} would be fast enough too.", "Find the slowest speed, in steps of 10, that still beats "
              "the hub.")
        return m
    m.hint(f"Fifteen agents at {fmt(s)} an hour are {fmt(15 * s, 0)} an hour of AI capacity against the hub's 600: "
           "the embedded design buys speed near the limit, and survival of a failure, with capacity.")
    return m


@task("Task 5: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def ai_reflection(reflection):
    """Check that the reflection on where AI sits is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Where does an AI tool sit in your organisation's network today: one shared service everyone queues for, "
        "or something each team runs? What happens to your work when it is down?",
        "What does the model leave out that would decide the question for you: quality, cost, trust, security?",
    ])


# --------------------------------------------------------------------------- exercise 10.3

_DESIGN_WORDS = {"hierarchy": ["chart", "the hierarchy", "central", "centre"],
                 "peer network": ["peer", "network", "the network", "mesh", "peer mesh", "p2p"]}


@task("Task 1: predict, then check", "'hierarchy' or 'peer network' in quotes, for each question")
def agents_prediction(more_with_one, more_with_three):
    """Check which design gets more of the detail to its AI within 4 hours, with one agent each and with three.

    Examples
    --------
    >>> agents_prediction("hierarchy", "peer network").status
    'correct'
    >>> agents_prediction("peer network", "peer network").status
    'not yet'
    """
    a = as_choice(more_with_one, _DESIGN_WORDS, "more_with_one")
    b = as_choice(more_with_three, _DESIGN_WORDS, "more_with_three")
    m = Marks()
    for answer, agents, what in ((a, 1, "one agent each"), (b, 3, "three agents each")):
        res = compare_designs(agents=agents).results
        h, p = res["hierarchy"], res["peer network"]
        truth = "hierarchy" if h.usable > p.usable else "peer network"
        said = (f"with {what}, {h.usable:.0%} of the detail reaches the hierarchy's AI within 4 hours and "
                f"{p.usable:.0%} the network's ({h.reached} and {p.reached} of {h.streams} streams)")
        if answer == truth:
            m.ok(f"The {truth}: {said}.")
        elif agents == 1:
            m.bad(f"The {truth}: {said}.",
                  "One agent cannot be near every stream of a network: in the mesh some streams are more hand-offs "
                  "away than the chart's three levels.")
        else:
            m.bad(f"The {truth}: {said}.",
                  "With three agents the network puts each one at a holder of data, while the chart's sit with "
                  "managers, one hand-off further up.")
    if not m.wrong:
        m.hint("So the claim holds only once the network uses its freedom to put agents where the data is.")
    return m


@task("Task 2: through three managers", "a number from 0 to 1, like kept = 0.5")
def kept_through_managers(kept, managers: int = 3, keep: float = 0.9):
    """Check the share of a stream's detail that reaches the hierarchy's central AI through 3 managers keeping 90% each.

    Examples
    --------
    >>> kept_through_managers(0.729).status, kept_through_managers(0.7).status
    ('correct', 'not yet')
    """
    x = as_number(kept, "kept")
    truth = fidelity(managers, keep)
    m = Marks()
    if compare_number(m, x, truth, "The share of the detail that arrives", rel=0.005, mistakes=[
            (1 - managers * (1 - keep), "Each manager loses 10% of what is left, not of the original.",
             "Multiply: 0.9 x 0.9 x 0.9."),
            (keep, "That is one manager.", f"There are {managers}: keep ** {managers}."),
            (keep ** (managers + 1), "That counts one relay too many: the person who holds the stream does not "
             "relay it.", f"Three managers relay it: keep ** {managers}.")],
            hint="Each manager on the way passes on 90% of what reaches them: 0.9 ** 3."):
        m.hint("The same relay model as chapter 5's information decay: an AI fed through the chain sees the chain's "
               "summary, not the data.")
    return m


@task("Task 3: agents for a two-hour budget", "a whole number, like agents = 4")
def agents_for_two_hours(agents, budget: float = 2.0):
    """Check the smallest number of agents with which the peer network gets all 27 streams within 2 hours.

    Examples
    --------
    >>> agents_for_two_hours(6).status, agents_for_two_hours(5).status, agents_for_two_hours(9).status
    ('correct', 'not yet', 'not yet')
    """
    k = as_number(agents, "agents")
    if not float(k).is_integer() or not 1 <= k <= 27:
        raise AnswerError(f"agents is {fmt(k)}; give a whole number of agents from 1 to 27.")
    k = int(k)
    res = compare_designs(agents=k, budget=budget).results
    p = res["peer network"]
    m = Marks()
    if p.reached < p.streams:
        m.bad(f"With {k} agents the peer network gets {p.reached} of {p.streams} streams within {fmt(budget)} hours.",
              "Add agents one at a time: compare_designs(agents=k, budget=2).results['peer network'].reached.")
        return m
    m.ok(f"With {k} agents the peer network gets all {p.streams} streams within {fmt(budget)} hours.")
    if k > 1 and compare_designs(agents=k - 1, budget=budget).results["peer network"].reached == p.streams:
        m.bad(f"{k - 1} agents would do too.", "Find the smallest number that works.")
        return m
    h_need = next(j for j in range(1, 28)
                  if compare_designs(agents=j, budget=budget).results["hierarchy"].reached == p.streams)
    m.hint(f"The hierarchy needs {h_need}: its vice-presidents are two hand-offs from every stream, while the "
           "mesh's random ties leave a few streams far from any agent. A chart is a good shape for collecting data; "
           "what costs it is summarising and approving on the way up (set access='approved feed').")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def ai_data_reflection(reflection):
    """Check that the reflection on AI and data streams is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Name an AI tool your organisation uses or plans. Where does the data it needs arise, where is it stored, "
        "and whose approval or hands does it pass through on its way?",
        "Would pooling that data in one place, or letting the tool attach where the data arises, help more?",
    ])
