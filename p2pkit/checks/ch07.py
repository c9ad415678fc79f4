"""Checks for the chapter-7 exercises (P2P organisations in practice: stylised cases, unit size).

Exercise 7.1, *Five ways to organise 150 people* -- :func:`least_centralized`,
:func:`busiest_in_buurtzorg`, :func:`cross_team_ties`, :func:`case_reflection`.
Exercise 7.2, *How big can a unit be?* -- :func:`ring_modularity`, :func:`more_units`,
:func:`unit_cap`, :func:`unit_reflection`.

Values come from :mod:`p2pkit.practice` (``build_case``, ``buurtzorg``, ``case_profile``,
``ideal_split_modularity``, ``split_unit``, ``unit_size``), computed when the check runs.
The models are stylised structures after published descriptions, not data about the
organisations.
"""

from __future__ import annotations

import math

from ..communities import modularity
from ..practice import (CASES, build_case, buurtzorg, case_profile, ideal_split, ideal_split_modularity,
                        split_unit, unit_size)
from .core import AnswerError, Marks, as_choice, as_number, compare_number, fmt, task
from .core import reflection as _reflection

__all__ = [
    "PEOPLE",
    "profiles",
    "least_centralized",
    "busiest_in_buurtzorg",
    "cross_team_ties",
    "case_reflection",
    "ring_modularity",
    "more_units",
    "unit_cap",
    "unit_reflection",
]

#: Size of every stylised organisation in exercise 7.1.
PEOPLE = 150


def profiles() -> dict:
    """:func:`p2pkit.practice.case_profile` of every stylised case at 150 people (seed 0)."""
    return {name: case_profile(build_case(name, PEOPLE, seed=0)) for name in CASES}


def _case_options() -> dict:
    return {name: [name.replace("_", " "), name.replace("_", "-"), name.split("_")[0]] for name in CASES}


@task("Task 1: predict, then check", "a case name in quotes, like least = 'chart'")
def least_centralized(least):
    """Check the prediction of the case with the lowest betweenness centralization.

    Examples
    --------
    >>> least_centralized("gore").status, least_centralized("buurtzorg").status
    ('correct', 'not yet')
    """
    choice = as_choice(least, _case_options(), "least")
    p = profiles()
    value = {name: pr.betweenness_centralization for name, pr in p.items()}
    best = min(value, key=value.get)
    table = "; ".join(f"{name} {fmt(v, 2)}" for name, v in value.items())
    m = Marks()
    if choice == best:
        m.ok(f"The {best} model has the lowest betweenness centralization ({table}).")
        m.hint("Everyone in it belongs to a home team and a project team that cross each other: nobody is the "
               "only route between groups.")
    else:
        m.bad(f"The {choice} model scores {fmt(value[choice], 2)}; another scores {fmt(value[best], 2)} ({table}).",
              "Look for the structure in which every person belongs to two groups that cut across each other: "
              "then nobody is the only route between them.")
    return m


_ROLE_OPTIONS = {"nurse": ["nurses", "team member", "nurse in a team"],
                 "coach": ["coaches", "regional coach"],
                 "back office": ["back-office colleague", "office", "back office colleague", "backoffice", "admin"]}


@task("Task 2: who is busiest?", "a role in quotes: 'nurse', 'coach' or 'back office'")
def busiest_in_buurtzorg(role):
    """Check the role of the person on most shortest routes in the Buurtzorg-style model.

    Examples
    --------
    >>> busiest_in_buurtzorg("back office").status, busiest_in_buurtzorg("coach").status
    ('correct', 'not yet')
    """
    choice = as_choice(role, _ROLE_OPTIONS, "role")
    p = case_profile(buurtzorg(PEOPLE, seed=0))
    truth = as_choice(p.most_central_role, _ROLE_OPTIONS, "the model's role")
    m = Marks()
    if choice == truth:
        m.ok(f"The busiest person is a {p.most_central_role}, on {p.most_central_load:.0%} of the shortest routes "
             "between others.")
        m.hint("The teams manage themselves, but the routes *between* teams run through a few supporting "
               "people: self-management inside teams is not the same as no centre between them.")
    else:
        m.bad(f"The busiest person is not a {choice}: someone sits on {p.most_central_load:.0%} of the routes.",
              "Who is tied to one member of every team? Routes between teams pass through that person.")
    return m


def _busiest(cross: int) -> float:
    return case_profile(buurtzorg(PEOPLE, cross_team=cross, seed=0)).most_central_load


@task("Task 3: ties between teams", "a whole number, like cross = 2")
def cross_team_ties(cross, limit: float = 0.2):
    """Check the fewest peer ties per team (``cross_team``) for which nobody sits on 20% or more of the routes.

    The check rebuilds the model with that many ties per team and measures it.

    Examples
    --------
    >>> cross_team_ties(4).status, cross_team_ties(5).status, cross_team_ties(2).status
    ('correct', 'not yet', 'not yet')
    """
    c = as_number(cross, "cross")
    if not float(c).is_integer() or c < 0:
        raise AnswerError(f"cross is {fmt(c)}; it is a whole number of ties per team, 0 or more.")
    c = int(c)
    if c > 30:
        raise AnswerError("cross is more than 30 ties per team; far fewer are enough.")
    share = _busiest(c)
    m = Marks()
    if share >= limit:
        m.bad(f"With {c} peer ties per team the busiest person still sits on {share:.0%} of the routes.",
              "Give each team more ties to other teams: each one is a route that avoids the coaches and "
              "the back office.")
        return m
    m.ok(f"With {c} peer ties per team nobody sits on 20% or more of the routes (the busiest: {share:.0%}).")
    if c > 0 and _busiest(c - 1) < limit:
        m.bad(f"{c - 1} would be enough as well.", "Find the fewest that work.")
        return m
    m.hint(f"Without them the busiest sat on {_busiest(0):.0%}. A few ties between teams do what no central "
           "role can: they spread the routes.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def case_reflection(reflection):
    """Check that the reflection on the stylised cases is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "Which of the five structures is closest to your organisation, and where does yours differ? Who in it "
        "plays the role the model's busiest person plays?",
        "What would the model need to add before you trusted it about your organisation?",
    ])


# --------------------------------------------------------------------------- exercise 7.2


@task("Task 1: modularity of a ring of units", "a number, like q = 0.5")
def ring_modularity(q, units: int = 4, size: int = 5):
    """Check the modularity of four units of five, everyone knowing everyone, joined in a ring.

    Examples
    --------
    >>> ring_modularity(0.659).status, ring_modularity(0.909).status
    ('correct', 'not yet')
    """
    x = as_number(q, "q")
    truth = ideal_split_modularity(units, size)
    G = ideal_split(units, size)
    groups = {}
    for v, g in G.nodes(data="group"):
        groups.setdefault(g, set()).add(v)
    measured = modularity(G, list(groups.values()))
    L = size * (size - 1) / 2
    m = Marks()
    if compare_number(m, x, truth, "The modularity of the four units", mistakes=[
            (L / (L + 1), "That is the share of each unit's ties that stay inside; modularity also subtracts what "
                          "chance would put inside.", f"Subtract 1/{units}: Q = L/(L + 1) - 1/units."),
            (1 - 1 / units, "That ignores the ring ties.", "Each unit has L ties inside and two ring ties out.")],
            hint="Each unit has L = 10 ties inside and 2 ring ties out; Q = L/(L + 1) - 1/units."):
        m.ok(f"modularity() on the built network gives the same: {fmt(measured)}.")
        m.hint("What happens with more, or larger, units? Task 2.")
    return m


@task("Task 2: predict, then check", "'up' or 'down' in quotes")
def more_units(direction):
    """Check the prediction: does the modularity go up or down from 4 units of 5 to 10 units of 15?

    Examples
    --------
    >>> more_units("up").status, more_units("down").status
    ('correct', 'not yet')
    """
    d = as_choice(direction, {"up": ["rise", "higher", "more", "increase"],
                              "down": ["fall", "lower", "less", "decrease"]}, "direction")
    a, b = ideal_split_modularity(4, 5), ideal_split_modularity(10, 15)
    truth = "up" if b > a else "down"
    m = Marks()
    if d == truth:
        m.ok(f"It goes {truth}: {fmt(a)} for 4 units of 5, {fmt(b)} for 10 units of 15.")
        m.hint("More and larger units look more 'modular' by this measure although each unit is exactly as "
               "closed as before: modularity compares with chance, and chance spreads ties thinner in a bigger "
               "network.")
    else:
        m.bad(f"It goes {truth}: {fmt(a)} for 4 units of 5, {fmt(b)} for 10 units of 15.",
              "In Q = L/(L + 1) - 1/units both terms change: larger units keep a larger share inside, and more "
              "units make chance put less inside.")
    return m


def _cost(cap: int, people: int = 600):
    return unit_size(split_unit(people, cap=cap, seed=0))


@task("Task 3: how big a unit?", "a whole number, like cap = 100")
def unit_cap(cap, people: int = 600, dunbar: int = 150):
    """Check a cap on unit size for 600 people: nobody needs over 150 relationships, with the fewest hand-offs.

    The check builds :func:`p2pkit.practice.split_unit` with that cap and measures it with
    :func:`p2pkit.practice.unit_size`; it compares with the largest units the limit allows.

    Examples
    --------
    >>> unit_cap(150).status, unit_cap(100).status, unit_cap(300).status
    ('correct', 'not yet', 'not yet')
    """
    c = as_number(cap, "cap")
    if not float(c).is_integer() or c < 4:
        raise AnswerError(f"cap is {fmt(c)}; it is a whole number of people, at least 4.")
    c = int(c)
    if c > people:
        raise AnswerError(f"cap is {c}, more than the {people} people there are; one unit of {people} is cap {people}.")
    u = _cost(c)
    m = Marks()
    if u.relationships_needed > dunbar:
        m.bad(f"With units of up to {c}, someone in the largest unit ({u.largest_unit} people) would need "
              f"{u.relationships_needed} working relationships to know everyone in it.",
              f"Dunbar's estimate is about {dunbar}: the units must be smaller.")
        return m
    units_needed = math.ceil(people / (dunbar + 1))
    best = _cost(math.ceil(people / units_needed))
    if u.units > units_needed:
        m.ok(f"Units of up to {c} keep everyone within {dunbar} relationships ({u.relationships_needed}).")
        m.bad(f"But {u.units} units need {fmt(u.mean_hops, 2)} hand-offs on average; {best.units} units would need "
              f"only {fmt(best.mean_hops, 2)}.", "Every split adds hand-offs between units: use the largest units "
              "the limit allows.")
        return m
    m.ok(f"{u.units} units of up to {u.largest_unit}: nobody needs more than {u.relationships_needed} "
         f"relationships, and a message needs {fmt(u.mean_hops, 2)} hand-offs on average.")
    one = _cost(people)
    m.hint(f"One unit of {people} would need only {fmt(one.mean_hops, 2)} hand-offs, but asks "
           f"{one.relationships_needed} relationships of whoever is to know everyone: splitting trades distance "
           "for what people can keep up.")
    return m


@task("Task 4: reflection", "a few sentences in triple quotes, like reflection = \"\"\"...\"\"\"")
def unit_reflection(reflection):
    """Check that the reflection on unit size is a real answer."""
    return _reflection(reflection, min_words=30, prompts=[
        "How large is the largest unit in your organisation in which people still know each other? What happens "
        "to coordination beyond that size?",
        "Who are the liaisons between your units, and how many relationships do they keep up?",
    ])
