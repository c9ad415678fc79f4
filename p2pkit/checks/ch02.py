"""Checks for the chapter-2 exercises (node communities).

Exercise 2.1, *Two clubs in one* (Zachary's karate club) -- :func:`community_count`,
:func:`club_split_modularity`, :func:`two_communities`, :func:`misplaced_members`.
Exercise 2.2, *Departments or communities?* (Krackhardt's managers) --
:func:`department_modularity`, :func:`above_chance`, :func:`better_department`,
:func:`groups_reflection`.

The values are computed when a check runs, with :func:`p2pkit.communities.detect` and
:func:`p2pkit.communities.modularity`.
"""

from __future__ import annotations

import networkx as nx

from .. import orgs
from ..communities import chance_modularity, detect, modularity
from .core import (AnswerError, Marks, as_choice, as_number, as_people, as_person, compare_number, fmt,
                   people_text, task)
from .core import reflection as _reflection

__all__ = [
    "karate",
    "club_split",
    "community_count",
    "club_split_modularity",
    "two_communities",
    "misplaced_members",
    "friendship",
    "departments",
    "department_modularity",
    "above_chance",
    "better_department",
    "groups_reflection",
]


def karate() -> nx.Graph:
    """Zachary's (1977) karate club as networkx ships it: 34 members, numbered 0 to 33.

    Examples
    --------
    >>> karate().number_of_edges()
    78
    """
    return nx.karate_club_graph()


def club_split(G: nx.Graph | None = None) -> list[set]:
    """The two clubs the karate club actually split into: Mr. Hi's and the officer's (node attribute ``club``).

    Examples
    --------
    >>> [len(c) for c in club_split()]
    [17, 17]
    """
    G = karate() if G is None else G
    return [{v for v in G if G.nodes[v]["club"] == "Mr. Hi"}, {v for v in G if G.nodes[v]["club"] != "Mr. Hi"}]


@task("Task 1: predict, then check", "a whole number, like n_communities = 3")
def community_count(n_communities):
    """Check the prediction of how many communities Louvain finds in the karate club (resolution 1, seed 0).

    Examples
    --------
    >>> community_count(len(detect(karate(), seed=0))).status, community_count(2).status
    ('correct', 'not yet')
    """
    n = as_number(n_communities, "n_communities")
    if not float(n).is_integer() or n < 1:
        raise AnswerError(f"n_communities is {fmt(n)}, but a number of communities is a whole number of at least 1.")
    found = detect(karate(), seed=0)
    m = Marks()
    sizes = ", ".join(str(len(c)) for c in found)
    if int(n) == len(found):
        m.ok(f"Louvain finds {len(found)} communities, of {sizes} members.")
        m.hint("The club split into two. The method sees finer groups than the quarrel that split it; "
               "Task 3 asks how to make it see only two.")
    else:
        m.bad(f"Louvain finds {len(found)} communities (of {sizes} members), not {int(n)}.",
              "The club split into two clubs, but modularity rewards any group with many more ties inside than "
              "chance would give, and the karate club has several." if int(n) < len(found) else
              "Communities need many more ties inside than chance would give; 34 people rarely hold that many.")
    return m


@task("Task 2: modularity of the real split", "a number, like real_split_q = 0.25")
def club_split_modularity(real_split_q):
    """Check the modularity of the two clubs the karate club split into.

    Examples
    --------
    >>> club_split_modularity(modularity(karate(), club_split())).status
    'correct'
    """
    x = as_number(real_split_q, "real_split_q")
    G = karate()
    truth = modularity(G, club_split(G))
    found = modularity(G, detect(G, seed=0))
    m = Marks()
    if compare_number(m, x, truth, "The modularity of the two clubs", mistakes=[
            (found, f"{fmt(found)} is the modularity of the {len(detect(G, seed=0))} communities Louvain found, "
                    "not of the two clubs.", "Give modularity() the two clubs: check.club_split(G)."),
            (-truth, "The sign is wrong: a division with many ties inside its groups has a positive modularity.",
             "Check the formula: the share of ties inside, minus the share expected by chance.")],
            hint="Use modularity(G, check.club_split(G)): the first argument is the network, the second the two clubs."):
        m.hint(f"Louvain's division scores higher ({fmt(found)}) than the split that really happened: the best "
               "division by this measure is not the one people chose.")
    return m


@task("Task 3: only two communities", "a positive number, like resolution = 1.0")
def two_communities(resolution):
    """Check a resolution at which Louvain (seed 0) divides the karate club into exactly two communities.

    The check runs :func:`p2pkit.communities.detect` at that resolution.

    Examples
    --------
    >>> two_communities(0.5).status, two_communities(1.0).status
    ('correct', 'not yet')
    """
    r = as_number(resolution, "resolution")
    if r <= 0:
        raise AnswerError(f"resolution is {fmt(r)}, but it must be positive.")
    found = detect(karate(), resolution=r, seed=0)
    m = Marks()
    if len(found) == 2:
        m.ok(f"At resolution {fmt(r)} Louvain finds two communities, of {len(found[0])} and {len(found[1])} members.")
        m.hint("Now compare them with the two real clubs (Task 4): how many members land on the other side?")
    elif len(found) > 2:
        m.bad(f"At resolution {fmt(r)} Louvain still finds {len(found)} communities.",
              "A lower resolution favours fewer, larger communities.")
    else:
        m.bad(f"At resolution {fmt(r)} Louvain puts everyone in one community.",
              "That is too low: raise the resolution a little.")
    return m


@task("Task 4: who is on the other side?", "a set of members, like misplaced = {0, 33}")
def misplaced_members(misplaced, resolution: float = 0.5):
    """Check the members whose community (two communities, resolution 0.5) is not the one of their club.

    A member is *misplaced* if most members of their community belong to the other club.

    Examples
    --------
    >>> misplaced_members(_misplaced(0.5)).status, misplaced_members(set()).status
    ('correct', 'not yet')
    """
    G = karate()
    given = as_people(misplaced, G, "misplaced")
    truth = _misplaced(resolution)
    m = Marks()
    right, missing, extra = given & truth, truth - given, given - truth
    if right:
        m.ok(f"Member{'s' if len(right) > 1 else ''} {people_text(right)} "
             f"{'is' if len(right) == 1 else 'are'} in a community where most belong to the other club.")
    if missing:
        m.bad(f"{len(missing)} more member{'s' if len(missing) > 1 else ''} "
              f"{'is' if len(missing) == 1 else 'are'} in the community of the other club.",
              "For each member, compare G.nodes[v]['club'] with the club of most members of their community.")
    if extra:
        m.bad(f"Member{'s' if len(extra) > 1 else ''} {people_text(extra)} "
              f"{'is' if len(extra) == 1 else 'are'} with most of their own club.",
              "Look at each member's own club, not at their community's number.")
    if not missing and not extra:
        m.hint("Zachary (1977) predicted each member's side from the ties alone and got all but one right. "
               "Ties tell you a great deal about loyalties, but not everything.")
    return m


def _misplaced(resolution: float) -> set:
    G = karate()
    out = set()
    for c in detect(G, resolution=resolution, seed=0):
        clubs = [G.nodes[v]["club"] for v in c]
        majority = max(sorted(set(clubs)), key=clubs.count)
        out |= {v for v in c if G.nodes[v]["club"] != majority}
    return out


# --------------------------------------------------------------------------- exercise 2.2


def friendship() -> nx.Graph:
    """Krackhardt's (1987) managers' friendship network, undirected (a tie if either names the other).

    Examples
    --------
    >>> friendship().number_of_edges()
    79
    """
    return orgs.load_dataset("krack_friends", directed=False)


def departments(G: nx.Graph | None = None, move: tuple | None = None) -> list[set]:
    """The managers' departments (node attribute ``dept``; the chief executive is alone in 0).

    ``move = (manager, department)`` puts one manager in another department first.

    Examples
    --------
    >>> sorted(len(d) for d in departments())
    [1, 3, 4, 5, 8]
    """
    G = friendship() if G is None else G
    dept = {v: G.nodes[v]["dept"] for v in G}
    if move is not None:
        dept[move[0]] = move[1]
    groups: dict = {}
    for v, d in dept.items():
        groups.setdefault(d, set()).add(v)
    return [groups[d] for d in sorted(groups)]


@task("Task 1: do friendships follow departments?", "a number, like dept_q = 0.25")
def department_modularity(dept_q):
    """Check the modularity of the five departments as a division of the friendship network.

    Examples
    --------
    >>> department_modularity(modularity(friendship(), departments())).status
    'correct'
    """
    x = as_number(dept_q, "dept_q")
    G = friendship()
    truth = modularity(G, departments(G))
    advice = orgs.load_dataset("krack_advice", directed=False)
    found = modularity(G, detect(G, seed=0))
    m = Marks()
    if compare_number(m, x, truth, "The modularity of the departments in the friendship network", mistakes=[
            (modularity(advice, departments(advice)), "That is the departments' modularity in the advice network.",
             "Use the friendship network: check.friendship()."),
            (found, "That is the modularity of the communities Louvain finds, not of the departments.",
             "Give modularity() the departments: check.departments(G).")],
            hint="modularity(G, check.departments(G)), with G = check.friendship()."):
        m.hint("Positive but small: friends are a little more often in the same department than chance would give.")
    return m


@task("Task 2: predict, then check", "True or False")
def above_chance(answer):
    """Check the judgement: do the friendship communities stand clearly above chance (by more than 0.05)?

    The check compares the modularity of :func:`p2pkit.communities.detect` with
    :func:`p2pkit.communities.chance_modularity` (random networks with the same degrees).

    Examples
    --------
    >>> above_chance(False).status
    'correct'
    """
    if not isinstance(answer, bool):
        answer = as_choice(answer, {"True": ["yes", "true", "y"], "False": ["no", "false", "n"]}, "answer") == "True"
    G = friendship()
    found = modularity(G, detect(G, seed=0))
    chance = chance_modularity(G, runs=20, seed=0)
    clearly = found - chance > 0.05
    m = Marks()
    verdict = (f"The communities score {fmt(found)}; random networks with the same numbers of ties score "
               f"{fmt(chance)} on average.")
    if answer == clearly:
        m.ok(verdict + (" That is clearly more." if clearly else " Barely more: hardly any structure beyond chance."))
        m.hint("The method still draws borders if asked. Always compare with chance before you trust them.")
    else:
        m.bad(verdict, "Compare the two numbers: a difference under about 0.05 is not a clear community structure."
              if answer else "The difference is large: these communities are more than chance.")
    return m


@task("Task 3: move one manager", "a pair (manager, department), like move = ('5', 3)")
def better_department(move, target: float = 0.1):
    """Check a move of one manager to another department that lifts the departments' modularity above 0.1.

    The check recomputes the modularity of the friendship network with the changed departments.

    Examples
    --------
    >>> better_department(("20", 3)).status, better_department(("7", 1)).status
    ('correct', 'not yet')
    """
    G = friendship()
    try:
        who, where = move
    except (TypeError, ValueError):
        raise AnswerError("move should be a pair: the manager and their new department, like ('5', 3).") from None
    who = as_person(who, G, "the manager")
    where = as_number(where, "the department")
    depts = sorted({G.nodes[v]["dept"] for v in G})
    if where not in depts:
        raise AnswerError(f"{fmt(where)} is not a department; they are numbered {', '.join(map(str, depts))}.")
    where = int(where)
    before = modularity(G, departments(G))
    if G.nodes[who]["dept"] == where:
        raise AnswerError(f"Manager {who} is already in department {where}; move them to another one.")
    after = modularity(G, departments(G, (who, where)))
    m = Marks()
    friends_there = sum(1 for u in G[who] if G.nodes[u]["dept"] == where)
    friends_home = sum(1 for u in G[who] if G.nodes[u]["dept"] == G.nodes[who]["dept"] and u != who)
    if after > target:
        m.ok(f"Moving manager {who} to department {where} lifts the modularity from {fmt(before)} to {fmt(after)}.")
        m.ok(f"{who} has {friends_there} friends in department {where} and {friends_home} in their own.")
        m.hint("A chart drawn around friendships would look different from this one. Would it be a better chart? "
               "Friends are not always the people one should work with.")
    else:
        m.bad(f"Moving manager {who} to department {where} changes the modularity from {fmt(before)} to "
              f"{fmt(after)}, not above {fmt(target)}.",
              f"{who} has {friends_there} friends in department {where}. Look for a manager with more friends in "
              "another department than in their own: count G.nodes[u]['dept'] over their friends G[v].")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def groups_reflection(reflection):
    """Check that the reflection on informal groups is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Name one group in your organisation that formed without anyone assigning it, what brought it "
        "together, and whether it follows the chart.",
        "Who links that group to the rest? Did anyone choose them for that role, and do they know they play it?",
    ])
