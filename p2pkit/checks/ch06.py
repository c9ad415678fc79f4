"""Checks for the chapter-6 exercises (resilience: no single point of failure).

Exercise 6.1, *Targeted or random?* -- :func:`attack_prediction`, :func:`cut_off_without_0`,
:func:`two_who_matter`, :func:`departure_reflection`.
Exercise 6.2, *No single point of failure* -- :func:`wiring_single_points`,
:func:`one_tie_for_the_room`, :func:`department_ties`, :func:`friends_as_backup`.
Exercise 6.3, *When a strategy falters* -- :func:`falter_prediction`, :func:`k0_best`,
:func:`explore_longer`, :func:`falter_reflection`.

Values come from :mod:`p2pkit.resilience` (``targeted_vs_random``, ``knock_out``,
``redundancy``) and :mod:`p2pkit.exploration` (``compare``, ``nk_landscape``,
``all_fitness``), run by the check on the network as the reader changed it.
"""

from __future__ import annotations

import networkx as nx

from .. import orgs
from ..exploration import all_fitness, compare, nk_landscape
from ..resilience import knock_out, redundancy, targeted_vs_random
from .core import (AnswerError, Marks, as_choice, as_number, as_people, as_ties, compare_number, fmt,
                   people_text, task)
from .core import reflection as _reflection

__all__ = [
    "karate",
    "advice",
    "attack_prediction",
    "cut_off_without_0",
    "friends",
    "two_who_matter",
    "departure_reflection",
    "wiring_room",
    "wiring_single_points",
    "one_tie_for_the_room",
    "DEPARTMENT",
    "department",
    "department_ties",
    "friends_as_backup",
    "search_networks",
    "falter_prediction",
    "k0_best",
    "explore_longer",
    "falter_reflection",
]

_OUTCOMES = {"targeted": ["attack", "the best-connected", "best connected", "hubs"],
             "random": ["at random", "chance"],
             "about the same": ["same", "equal", "neither", "no difference"]}


def karate() -> nx.Graph:
    """Zachary's (1977) karate club (networkx's copy, members 0 to 33)."""
    return nx.karate_club_graph()


def advice() -> nx.Graph:
    """Krackhardt's (1987) advice network, undirected (a tie if either asks the other)."""
    return orgs.load_dataset("krack_advice", directed=False)


def _outcome(G: nx.Graph) -> tuple[str, object]:
    c = targeted_vs_random(G, 3, trials=50, seed=0)
    if c.targeted_cut - c.random_cut > 0.05:
        return "targeted", c
    if c.random_cut - c.targeted_cut > 0.05:
        return "random", c
    return "about the same", c


@task("Task 1: predict, then check", "'targeted', 'random' or 'about the same', for each network")
def attack_prediction(karate_worse, advice_worse):
    """Check which hurts more when three people leave: the best-connected, or three at random.

    Examples
    --------
    >>> attack_prediction("targeted", "about the same").status
    'correct'
    """
    answers = {"karate club": as_choice(karate_worse, _OUTCOMES, "karate_worse"),
               "advice network": as_choice(advice_worse, _OUTCOMES, "advice_worse")}
    m = Marks()
    for name, G in (("karate club", karate()), ("advice network", advice())):
        truth, c = _outcome(G)
        said = (f"the three best-connected leaving cut {c.targeted_cut:.0%} of the pairs of the rest off, "
                f"three at random {c.random_cut:.0%} on average")
        if answers[name] == truth:
            m.ok(f"In the {name} {said}.")
        elif name == "karate club":
            m.bad(f"In the {name} {said}.", "A club held together by two leaders falls apart when they go; "
                  "a random member is usually nobody in particular.")
        else:
            m.bad(f"In the {name} {said}.", "The managers ask many colleagues for advice: with that many "
                  "routes, removing three people, best-connected or not, cuts nobody off.")
    m.hint("Attack tolerance depends on redundancy: the karate club's node connectivity is 1, the advice "
           "network's is 7 (redundancy(G).node_connectivity).")
    return m


@task("Task 2: when member 0 leaves", "a whole number, like cut_off = 3")
def cut_off_without_0(cut_off):
    """Check how many members are cut off from the largest group when member 0 leaves the karate club.

    Examples
    --------
    >>> cut_off_without_0(6).status, cut_off_without_0(1).status
    ('correct', 'not yet')
    """
    x = as_number(cut_off, "cut_off")
    k = knock_out(karate(), [0])
    m = Marks()
    if compare_number(m, x, k.cut_off, "The number of members cut off from the largest group", mistakes=[
            (1, "Member 11 is not the only one: 11 has no other tie, but others lose their only route too.",
             "Count everyone outside the largest group: knock_out(G, [0]).cut_off."),
            (k.groups, "That is the number of groups, not of members cut off.", "Use .cut_off.")],
            hint="knock_out(G, [0]) says what happens when member 0 leaves; read its cut_off."):
        m.ok(f"The rest fall into {k.groups} groups; {k.pairwise:.0%} of the pairs of the rest can still reach "
             "each other.")
        m.hint("Member 0 was the instructor, Mr. Hi: the club's split followed his ties.")
    return m


def friends() -> nx.Graph:
    """Krackhardt's (1987) friendship network, undirected."""
    return orgs.load_dataset("krack_friends", directed=False)


@task("Task 3: the two who matter", "a set of two managers, like pair = {'1', '2'}")
def two_who_matter(pair):
    """Check two managers whose joint departure cuts somebody off from the friendship network.

    The check removes them with :func:`p2pkit.resilience.knock_out`.

    Examples
    --------
    >>> two_who_matter({"5", "11"}).status, two_who_matter({"2", "17"}).status
    ('correct', 'not yet')
    """
    G = friends()
    who = as_people(pair, G, "pair")
    m = Marks()
    if len(who) != 2:
        m.bad(f"You named {len(who)} manager{'s' if len(who) != 1 else ''}; the task asks for two.",
              "Give a set of exactly two managers.")
        return m
    k = knock_out(G, who)
    if k.groups > 1:
        m.ok(f"Without {people_text(who, ' and')}, {k.cut_off} manager{'s' if k.cut_off != 1 else ''} "
             f"({people_text(k.outside)}) {'is' if k.cut_off == 1 else 'are'} cut off from everyone else.")
        m.hint(f"Nobody alone can do this: the network's node connectivity is {redundancy(G).node_connectivity}. "
               "Redundancy is counted at its thinnest point, the person with the fewest friends.")
    else:
        m.bad(f"Without {people_text(who, ' and')} everyone else can still reach everyone.",
              "Look for a manager with only two friends: if both leave, that manager is alone. "
              "min(G.degree, key=lambda x: x[1]) finds the person with the fewest.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def departure_reflection(reflection):
    """Check that the reflection on departures is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Who in your organisation has only one or two working ties? Whose departure, alone or with one other "
        "person, would cut them off, and who would notice first?",
        "Which single new tie would give that person a second route?",
    ])


# --------------------------------------------------------------------------- exercise 6.2


def wiring_room() -> nx.Graph:
    """Who plays games with whom in the Bank Wiring Room (Roethlisberger & Dickson 1939), the 12 who play.

    Two of the 14 men (I3 and S2) played with nobody; they are left out here.

    Examples
    --------
    >>> G = wiring_room(); G.number_of_nodes(), G.number_of_edges()
    (12, 28)
    """
    G = orgs.load_dataset("wiring_gam", directed=False)
    G.remove_nodes_from([v for v in list(G) if G.degree(v) == 0])
    return G


@task("Task 1: single points of failure", "a set of names in quotes, like single_points = {'W1'}")
def wiring_single_points(single_points):
    """Check the single points of failure of the Bank Wiring Room's games network.

    Examples
    --------
    >>> wiring_single_points({"W5", "W7"}).status, wiring_single_points({"W5"}).status
    ('correct', 'not yet')
    """
    G = wiring_room()
    given = as_people(single_points, G, "single_points")
    r = redundancy(G)
    truth = set(r.single_points)
    m = Marks()
    if given & truth:
        m.ok(f"{people_text(given & truth, ' and')} {'is a single point' if len(given & truth) == 1 else 'are single points'}"
             " of failure.")
    if truth - given:
        m.bad(f"{len(truth - given)} more man {'is' if len(truth - given) == 1 else 'are'} a single point of "
              "failure.", "The room has two groups joined by one tie; who is at each end of it?")
    if given - truth:
        m.bad(f"{people_text(given - truth)} would not cut anyone off by leaving.",
              "In each group everyone plays with several others; only the two ends of the link matter.")
    if given == truth:
        m.hint(f"The tie between them, {' - '.join(r.bridges[0])}, is a bridge: the room's only link between "
               "its two groups.")
    return m


@task("Task 2: one tie for the room", "a list with one tie, like new_ties = [('W1', 'W9')]")
def one_tie_for_the_room(new_ties, budget: int = 1):
    """Check one new tie after which nobody in the wiring room is a single point of failure.

    The check adds the tie and runs :func:`p2pkit.resilience.redundancy`.

    Examples
    --------
    >>> one_tie_for_the_room([("I1", "W9")]).status, one_tie_for_the_room([("W1", "W2")]).status
    ('correct', 'not yet')
    """
    G = wiring_room()
    ties = as_ties(new_ties, G, "new_ties")
    m = Marks()
    if len(ties) > budget:
        m.bad(f"You added {len(ties)} ties; one is enough.", "Give a second route between the two groups.")
        return m
    if any(G.has_edge(*t) for t in ties):
        m.bad("That tie already exists.", "Choose two men who do not play together yet.")
        return m
    H = G.copy()
    H.add_edges_from(ties)
    r = redundancy(H)
    if r.single_points:
        m.bad(f"With your tie, {people_text(r.single_points, ' and')} "
              f"{'is still a single point' if len(r.single_points) == 1 else 'are still single points'} of failure.",
              "The new tie must join the two groups a second way, and not through W5 or W7.")
    else:
        m.ok(f"With {ties[0][0]} - {ties[0][1]} nobody is a single point of failure: at least "
             f"{r.node_connectivity} men would have to leave at once to cut anyone off.")
        m.hint("In a real room a tie cannot be ordered into being. What would make two men from different "
               "groups start playing together?")
    return m


#: Vice-president 21 and the four managers who report to him (Krackhardt 1987).
DEPARTMENT = ("21", "6", "8", "12", "17")


def department() -> nx.Graph:
    """Vice-president 21's part of the chart: a star with 21 in the centre.

    Examples
    --------
    >>> list(department().edges())
    [('21', '6'), ('21', '8'), ('21', '12'), ('21', '17')]
    """
    R = orgs.load_dataset("krack_reports", directed=False)
    G = nx.Graph()
    G.add_nodes_from(DEPARTMENT)
    G.add_edges_from((u, v) for u in DEPARTMENT for v in DEPARTMENT if DEPARTMENT.index(u) < DEPARTMENT.index(v)
                     and R.has_edge(u, v))
    return G


@task("Task 3: a department without single points", "a list of at most 3 ties, like dept_ties = [('6', '8')]")
def department_ties(dept_ties, budget: int = 3):
    """Check at most three new ties after which nobody in vice-president 21's department is a single point of failure.

    Examples
    --------
    >>> department_ties([("6", "8"), ("8", "12"), ("12", "17")]).status
    'correct'
    >>> department_ties([("6", "8"), ("12", "17")]).status
    'not yet'
    """
    G = department()
    ties = as_ties(dept_ties, G, "dept_ties")
    m = Marks()
    if len(ties) > budget:
        m.bad(f"You added {len(ties)} ties; at most {budget} are allowed.",
              "Three ties that join the four managers to each other are enough.")
    if any(G.has_edge(*t) for t in ties):
        m.bad("A tie to 21 already exists: every manager reports to him.", "Tie the managers to each other.")
    H = G.copy()
    H.add_edges_from(ties)
    r = redundancy(H)
    if r.single_points:
        m.bad(f"{people_text(r.single_points)} {'is' if len(r.single_points) == 1 else 'are'} still a single "
              "point of failure.",
              "Without 21, the four managers must still reach each other: four people need three ties "
              "among them to hang together.")
    elif not m.wrong:
        m.ok(f"With your {len(ties)} ties nobody in the department is a single point of failure.")
        m.hint("The managers may already have such ties without a chart showing them: Task 4 looks at their "
               "friendships.")
    return m


@task("Task 4: friends as a backup", "a whole number, like remaining = 2")
def friends_as_backup(remaining):
    """Check how many single points of failure the department has once the managers' friendships are added.

    Examples
    --------
    >>> friends_as_backup(0).status, friends_as_backup(1).status
    ('correct', 'not yet')
    """
    x = as_number(remaining, "remaining")
    G = department()
    F = orgs.load_dataset("krack_friends", directed=False).subgraph(DEPARTMENT)
    H = G.copy()
    H.add_edges_from(F.edges())
    truth = len(redundancy(H).single_points)
    m = Marks()
    if compare_number(m, x, truth, "The number of single points of failure with the friendships added",
                      mistakes=[(1, "That is the chart alone: 21 is its single point of failure.",
                                 "Add the friendship ties among the five to the chart first."),
                                (len(redundancy(nx.Graph(F.edges())).single_points),
                                 "That is the friendships alone, without the reporting lines.",
                                 "Add the friendships to the chart: both kinds of tie together.")],
                      hint="H = check.department(); add the friendship ties among check.DEPARTMENT; "
                           "then redundancy(H).single_points."):
        m.ok(f"The managers are friends along {F.number_of_edges()} ties: the informal network already gives "
             "the department the second routes its chart lacks.")
        m.hint("Friendship is a backup nobody planned. Would it carry work if 21 left? That is what chapter 6's "
               "'self-correction' asks.")
    return m


# --------------------------------------------------------------------------- exercise 6.3


def search_networks() -> dict:
    """The four networks of 40 people of exercise 6.3 (and of chapter 6's figure)."""
    return {"full mesh": nx.complete_graph(40), "peer mesh": orgs.peer_mesh(40, 4, 0.1, seed=0),
            "chart": orgs.hierarchy(4, 3), "sparse ring": orgs.peer_mesh(40, 2, 0.0, seed=0)}


def _searches(k: int = 5) -> dict:
    return compare(search_networks(), k=k, shock_round=None, shock_share=0.0)


_NETS = {"full mesh": ["everyone sees everyone", "complete", "dense", "full"],
         "peer mesh": ["mesh", "small world"],
         "chart": ["hierarchy", "tree", "org chart"],
         "sparse ring": ["ring", "sparse", "circle"]}


@task("Task 1: predict, then check", "a network's name in quotes, like 'chart', for each question")
def falter_prediction(fastest, best_by_49):
    """Check two predictions: which network's average strategy scores highest after 3 rounds, and which by round 49.

    Examples
    --------
    >>> falter_prediction("full mesh", "sparse ring").status
    'correct'
    >>> falter_prediction("sparse ring", "full mesh").status
    'not yet'
    """
    a = as_choice(fastest, _NETS, "fastest")
    b = as_choice(best_by_49, _NETS, "best_by_49")
    res = _searches()
    early = {name: r.mean(3) for name, r in res.items()}
    late = {name: r.mean(49) for name, r in res.items()}
    t1, t2 = max(early, key=early.get), max(late, key=late.get)
    m = Marks()
    said1 = ", ".join(f"{name} {v:.1%}" for name, v in early.items())
    said2 = ", ".join(f"{name} {v:.1%}" for name, v in late.items())
    if a == t1:
        m.ok(f"After 3 rounds the {t1} is ahead ({said1}).")
    else:
        m.bad(f"After 3 rounds the {t1} is ahead ({said1}).",
              "Early on, whoever can see the best strategy in the group copies it at once: the more ties, the faster.")
    if b == t2:
        m.ok(f"By round 49 the {t2} is ahead ({said2}).")
    else:
        m.bad(f"By round 49 the {t2} is ahead ({said2}).",
              "Once everyone has copied the same strategy, the search only goes on from that one point; where news "
              "travels slowly, people keep trying different things for longer.")
    if not m.wrong:
        m.hint("Lazer and Friedman (2007) found the same: the efficient network wins the short run and loses the "
               "long one.")
    return m


@task("Task 2: the one peak", "a whole number, like best = 17")
def k0_best(best, n: int = 8, seed: int = 3):
    """Check the best strategy of ``nk_landscape(8, 0, seed=3)`` (no interactions: one peak), as a number.

    Examples
    --------
    >>> k0_best(229).status, k0_best(0).status
    ('correct', 'not yet')
    """
    x = as_number(best, "best")
    if not float(x).is_integer() or not 0 <= x < 2**n:
        raise AnswerError(f"best is {fmt(x)}; a strategy is a whole number from 0 to {2**n - 1}.")
    land = nk_landscape(n, 0, seed=seed)
    f = all_fitness(land)
    truth = int(f.argmax())
    m = Marks()
    if int(x) == truth:
        m.ok(f"Strategy {truth} scores {fmt(float(f[truth]))}, the best of all {2**n}.")
        by_choice = sum(int(land.tables[i].argmax()) << i for i in range(n))
        m.ok(f"It is also what you get choice by choice: the better option for each choice on its own ({by_choice}).")
        m.hint("With interactions (k > 0) the choice-by-choice answer is no longer the best, and step-by-step "
               "improvement can stop on a lower peak.")
    elif int(x) == int(f.argmin()):
        m.bad(f"Strategy {int(x)} is the worst of all, not the best.", "Use argmax, not argmin.")
    else:
        m.bad(f"Strategy {int(x)} scores {fmt(float(f[int(x)]))}; another scores more.",
              "all_fitness(L) lists the score of every strategy by its number: take the index of the largest.")
    return m


@task("Task 3: a network that keeps exploring", "a list of ties among people 0 to 39, like my_ties = [(0, 1), (1, 2)]")
def explore_longer(my_ties, most_ties: int = 60, target: float = 0.96):
    """Check a network of 40 people with at most 60 ties, connected, whose search scores at least 96% by round 49.

    The check builds the network from the ties and runs :func:`p2pkit.exploration.compare` on it
    (5 landscapes of 12 choices with 5 interactions each, 10 searches each, as in chapter 6).

    Examples
    --------
    >>> explore_longer([(i, (i + 1) % 40) for i in range(40)]).status
    'correct'
    >>> explore_longer([(0, i) for i in range(1, 40)]).status
    'not yet'
    """
    people = nx.empty_graph(40)
    ties = as_ties(my_ties, people, "my_ties")
    G = nx.Graph(people)
    G.add_edges_from(ties)
    m = Marks()
    if len(ties) > most_ties:
        m.bad(f"Your network has {len(ties)} ties; at most {most_ties} are allowed.",
              "Fewer ties: the point is a network where news travels slowly.")
        return m
    if not nx.is_connected(G):
        parts = nx.number_connected_components(G)
        m.bad(f"Your network falls into {parts} separate groups.",
              "Everyone must be able to learn from everyone else, if slowly: connect the groups.")
        return m
    score = compare({"yours": G}, k=5, shock_round=None, shock_share=0.0)["yours"].mean(49)
    full = _searches()["full mesh"].mean(49)
    if score < target:
        m.bad(f"By round 49 your network's search scores {score:.1%} of the best possible (the full mesh "
              f"{full:.1%}).", "A star or a chart gathers everyone on one strategy fast. Try a network in which "
                               "everyone has only two or three contacts and no one is central.")
        return m
    m.ok(f"By round 49 your network's search scores {score:.1%} of the best possible, against {full:.1%} for the "
         f"full mesh, with {len(ties)} ties.")
    m.hint("The same slowness that helps the search costs time after a shock: play chapter 6's figure past round 50.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def falter_reflection(reflection):
    """Check that the reflection on exploring and copying is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "When a plan stopped working in your organisation, did everyone switch to the first alternative someone "
        "senior liked, or did several teams try different things for a while? What came of it?",
        "Where would you want fast copying, and where slower, independent trying?",
    ])
