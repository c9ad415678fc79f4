"""The exercises: one source per exercise, student versions without solutions, checks that teach.

- Every source notebook follows the conventions of ``tools/make_student_notebooks.py``, and
  every chapter has at least two exercises.
- The student notebooks are up to date with their sources (regenerating gives the same
  cells), contain no solution, and every check in them reports "not answered" (nbval then
  validates their committed outputs, like those of the sources).
- Run with the reference answers (the source notebook), every check passes; with typical
  wrong answers, each check says "not yet" and gives the hint meant for that mistake.
- No check ever raises, whatever it is given.
- The Sphinx extension points an exercise page's launch buttons at the student notebook.
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
import types
from pathlib import Path

import matplotlib
import nbformat
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "_ext"))

import make_student_notebooks as maker  # noqa: E402
import p2p_exercises  # noqa: E402

from p2pkit.checks import Feedback  # noqa: E402
from p2pkit.checks.core import is_blank  # noqa: E402

SOURCES = maker.sources()
IDS = [p.stem for p in SOURCES]
CHAPTER_MODULES = [f"p2pkit.checks.ch{n:02d}" for n in range(1, 11)]


def _tags(cell) -> list:
    return list(cell.get("metadata", {}).get("tags", []))


# --------------------------------------------------------------------------- running a notebook in-process


def run_cells(nb, workdir: Path) -> list[tuple[dict, object]]:
    """Execute a notebook's code cells in one namespace; return (cell, value of its last expression).

    This is how a kernel runs them, without the kernel: fast enough to run every exercise,
    and it gives the checks' Feedback objects themselves rather than their printed form.
    """
    import matplotlib.pyplot as plt

    namespace: dict = {"__name__": "__exercise__"}
    results = []
    old = Path.cwd()
    try:
        import os

        os.chdir(workdir)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(cell.source)
            last = None
            if tree.body and isinstance(tree.body[-1], ast.Expr):
                last = ast.Expression(tree.body.pop().value)
            exec(compile(tree, f"<{cell.get('id')}>", "exec"), namespace)
            value = eval(compile(last, f"<{cell.get('id')}>", "eval"), namespace) if last else None
            results.append((cell, value))
            plt.close("all")
    finally:
        os.chdir(old)
    return results


# --------------------------------------------------------------------------- conventions


def test_every_chapter_has_at_least_two_exercises():
    per_chapter: dict[int, int] = {}
    for src in SOURCES:
        info = maker.read(src).metadata["p2p_exercise"]
        per_chapter[int(info["chapter"])] = per_chapter.get(int(info["chapter"]), 0) + 1
    assert sorted(per_chapter) == list(range(1, 11)), per_chapter
    assert all(n >= 2 for n in per_chapter.values()), per_chapter
    assert len(SOURCES) >= 20


@pytest.mark.parametrize("src", SOURCES, ids=IDS)
def test_source_follows_the_conventions(src):
    nb = maker.read(src)
    info = nb.metadata["p2p_exercise"]
    assert {"chapter", "number", "title", "minutes", "kinds"} <= set(info)
    assert set(info["kinds"]) <= set(maker.KIND_WORDS), info["kinds"]
    assert src.name.startswith(f"ch{int(info['chapter']):02d}-")
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith(f"# Exercise {info['number']}: {info['title']}")
    headings = [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
                if line.startswith("#")]
    assert sum(h.startswith("# ") for h in headings) == 1, "exactly one title"
    assert all(h.startswith(("# ", "## ")) for h in headings), "tasks are level-2 headings"
    assert not maker.normalise(maker.read(src)), "run tools/make_student_notebooks.py (display settings)"
    kinds = {"answer": 0, "solution": 0, "check": 0}
    for cell in nb.cells:
        t = _tags(cell)
        for k in kinds:
            kinds[k] += k in t
        if cell.cell_type == "markdown":
            # plain Markdown only: a student's Jupyter does not know MyST roles
            assert not re.search(r"\{(doc|ref|cite|term|footcite|numref)[^}]*\}`", cell.source), cell.source[:80]
            if "solution" in t:
                assert cell.source.startswith(":::{admonition}") and ":class: dropdown" in cell.source
        if "answer" in t:
            assert "..." in cell.source, "an answer cell holds a ... placeholder"
        if "check" in t:
            assert re.fullmatch(r"check\.\w+\([^()]*\)", cell.source.strip()), cell.source
        if cell.cell_type == "code":
            long = [line for line in cell.source.splitlines() if len(line) > 79]
            assert not long, f"code lines over 79 characters scroll sideways on the page: {long}"
    assert kinds["answer"] >= 2 and kinds["check"] >= 2 and kinds["solution"] >= kinds["answer"], kinds


def test_student_notebooks_are_up_to_date():
    assert maker.stale_students() == []


def test_the_book_lists_every_exercise_in_order():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    listed = [f for f in re.findall(r"file:\s*(exercises/ch\S+)", toc)]
    assert listed == maker.toc_entries(), (
        "_toc.yml's Exercises part should read:\n" + maker.toc_snippet())


def test_index_lists_every_exercise_and_is_current():
    text = (ROOT / "exercises" / "index.md").read_text(encoding="utf-8")
    assert text == maker.index_text(), "run tools/make_student_notebooks.py"
    for src in SOURCES:
        assert f"]({src.name})" in text


@pytest.mark.parametrize("src", SOURCES, ids=IDS)
def test_student_notebook_has_no_solution(src):
    source = maker.read(src)
    student = maker.read(maker.STUDENT / src.name)
    assert not any("solution" in _tags(c) for c in student.cells)
    kept = "\n".join(c.source for c in source.cells if "solution" not in _tags(c))
    student_text = "\n".join(c.source for c in student.cells)
    for cell in source.cells:
        if "solution" not in _tags(cell):
            continue
        for line in cell.source.splitlines():
            line = line.strip()
            if len(line) > 12 and not line.startswith("#") and line not in kept:
                assert line not in student_text, f"solution line in the student notebook: {line}"
    outputs = "".join(str(o) for c in student.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "-- Correct" not in outputs and "Not answered yet" in outputs


# --------------------------------------------------------------------------- the checks, run as a student would


@pytest.mark.parametrize("src", SOURCES, ids=IDS)
def test_reference_answers_pass_every_check(src):
    results = run_cells(maker.read(src), src.parent)
    feedback = [value for cell, value in results if "check" in _tags(cell)]
    assert feedback and all(isinstance(f, Feedback) for f in feedback)
    failed = [str(f) for f in feedback if not f.passed]
    assert not failed, "\n\n".join(failed)


@pytest.mark.parametrize("src", SOURCES, ids=IDS)
def test_unanswered_student_notebook_runs_and_says_not_answered(src):
    results = run_cells(maker.read(maker.STUDENT / src.name), maker.STUDENT)
    feedback = [value for cell, value in results if "check" in _tags(cell)]
    assert feedback and all(isinstance(f, Feedback) for f in feedback)
    assert {f.status for f in feedback} == {"not answered"}
    assert all("Replace the ..." in f.hint for f in feedback)


def _assigned(nb) -> set:
    """Every name a notebook's code cells assign."""
    names = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
    return names


@pytest.mark.parametrize("src", SOURCES, ids=IDS)
def test_not_answered_hints_name_the_notebooks_own_variables(src):
    """A student who has not answered yet is told which variable to fill in: the one the
    notebook's check cell passes (and an answer cell assigns), not the check's parameter."""
    student = maker.read(maker.STUDENT / src.name)
    assigned = _assigned(student)
    for cell, fb in run_cells(student, maker.STUDENT):
        if "check" not in _tags(cell):
            continue
        call = ast.parse(cell.source.strip(), mode="eval").body
        passed = [a.id for a in call.args if isinstance(a, ast.Name)]
        passed += [k.value.id for k in call.keywords if isinstance(k.value, ast.Name)]
        named = re.findall(r"`(\w+)`", fb.hint) + re.findall(r"\blike (\w+) =", fb.hint)
        assert named, f"{src.name}: the hint of `{cell.source.strip()}` names no variable: {fb.hint}"
        wrong = [n for n in named if n not in passed or n not in assigned]
        assert not wrong, (f"{src.name}: the hint of `{cell.source.strip()}` names {wrong}, but the notebook "
                           f"passes {passed}: {fb.hint}")


def _checks():
    out = []
    for name in CHAPTER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        for attr in getattr(module, "__all__", []):
            fn = getattr(module, attr)
            if callable(fn) and hasattr(fn, "title") and hasattr(fn, "form"):
                out.append(pytest.param(fn, id=f"{name.rsplit('.', 1)[1]}.{attr}"))
    return out


ODD = [..., None, "", "nonsense", -1, 3.5, float("nan"), True, [], set(), {}, [("x", "y")], [1, 2, 3],
       [(1,), (1, 2, 3)], "1e9", object()]


@pytest.mark.parametrize("fn", _checks())
def test_a_check_never_raises(fn):
    import inspect

    required = [p for p in inspect.signature(fn).parameters.values() if p.default is inspect.Parameter.empty]
    for value in ODD:
        fb = fn(*[value] * len(required))
        assert isinstance(fb, Feedback), (fn, value)
        if is_blank(value):
            assert fb.status == "not answered"
        assert fb.status in ("correct", "not yet", "not answered")
        if fb.status == "not yet":
            assert fb.wrong and fb.hint, (fn.__name__, value, fb)


def test_every_check_is_used_by_an_exercise():
    used = "\n".join(c.source for src in SOURCES for c in maker.read(src).cells if c.cell_type == "code")
    unused = [p.values[0].__name__ for p in _checks() if f"check.{p.values[0].__name__}(" not in used]
    assert not unused


# --------------------------------------------------------------------------- wrong answers give the intended hint

# (module, check, answers, what the feedback must say: a phrase of its "not yet" message or hint)
WRONG = [
    ("ch01", "shapes_prediction", ("peer mesh", "peer mesh"), "Fragile is not the same as slow"),
    ("ch01", "shapes_prediction", ("client-server", "hierarchy"), "in which shape do the others still have ties"),
    ("ch01", "star_handoffs", (2,), "only one hand-off apart"),
    ("ch01", "star_handoffs", (1.5,), "Weight each distance by its number of pairs"),
    ("ch01", "star_handoffs", (2.5,), "lies between 1 and 2"),
    ("ch01", "single_points", ({"7"},), "Each vice-president is the only link"),
    ("ch01", "single_points", ({"7", "2", "14", "18", "21", "12"},), "has one tie"),
    ("ch01", "handoffs_trend", ("down",), "The star is the shortest shape"),
    ("ch01", "first_robust_p", (0.5,), "larger p"),
    ("ch01", "first_robust_p", (0.9,), "first such p"),
    ("ch01", "first_robust_p", (1.5,), "p runs from 0 to 1"),
    ("ch01", "no_single_point", ([(1, 2), (3, 4)],), "Connect the groups"),
    ("ch01", "no_single_point", ([(0, 1)] + [(i, i + 1) for i in range(1, 7)],), "ties to the centre add nothing"),
    ("ch01", "no_single_point", ([(i, j) for i in range(1, 8) for j in range(i + 1, 8)][:7],), "budget is 6"),
    ("ch01", "centre_reflection", ("Too short.",), "write at least 30"),
    ("ch02", "community_count", (2,), "modularity rewards any group"),
    ("ch02", "club_split_modularity", (0.4198,), "communities Louvain found"),
    ("ch02", "two_communities", (2.0,), "lower resolution"),
    ("ch02", "two_communities", (0.1,), "raise the resolution"),
    ("ch02", "misplaced_members", ({8, 0},), "with most of their own club"),
    ("ch02", "department_modularity", (-0.0237,), "advice network"),
    ("ch02", "above_chance", (True,), "not a clear community structure"),
    ("ch02", "better_department", (("7", 1),), "more friends in another department"),
    ("ch02", "better_department", (("7", 0),), "already in department 0"),
    ("ch03", "most_asked", ("7",), "The top of the chart is not the top"),
    ("ch03", "advice_centralization", (0.575,), "out-degree"),
    ("ch03", "advice_gini", (0.17,), "total degree"),
    ("ch03", "hierarchy_ranking", ("knok_money", "knok_info"), "never lead back up"),
    ("ch03", "money_dimensions", ({"connectedness": 1, "hierarchy": 0, "efficiency": 0.361, "lub": 1},),
     "the information one"),
    ("ch03", "lub_top_down", (0.0842,), "top_down=True"),
    ("ch03", "top_broker", (1,), "Every route between two branches"),
    ("ch03", "spread_brokerage", ([(1, 2)],), "another route"),
    ("ch03", "spread_brokerage", ([(0, 1)],), "already exists"),
    ("ch03", "centralization_after", ([(1, 7)], 0.6136), "before your ties"),
    ("ch04", "expected_left", (20.4,), "how many fade"),
    ("ch04", "mutual_lost", (0.2,), "only if both directions fade"),
    ("ch04", "mutual_lost", (0.36,), "at least one direction fades"),
    ("ch04", "keep_in_touch", ({"reciprocate": 0.1, "meet": 0.0},), "Raise reciprocate"),
    ("ch04", "keep_in_touch", ({"reciprocate": 0.5, "meet": 0.5},), "at most 0.1"),
    ("ch04", "faster_route", ("chain",), "asking around"),
    ("ch04", "chain_hours", (4,), "half hour"),
    ("ch04", "one_hour", ([("10", "3")],), "already exists"),
    ("ch04", "one_hour", ([("10", "2")],), "a third must be one hand-off away"),
    ("ch04", "star_consensus", (0.2,), "plain average"),
    ("ch04", "faster_agreement", ("friends of friends",), "cross the whole ring"),
    ("ch04", "agree_sooner", ([(0, 10)],), "deep inside the two camps"),
    ("ch05", "wait_multiple", (0.9,), "utilisation"),
    ("ch05", "wait_multiple", (10,), "counts the decision itself"),
    ("ch05", "wait_hours", (1.9,), "in days"),
    ("ch05", "smallest_pool", (4,), "grows without limit"),
    ("ch05", "smallest_pool", (6,), "smallest pool"),
    ("ch05", "relay_fidelity", (0.6,), "of what is left"),
    ("ch05", "chart_hops", (3,), "people on the route"),
    ("ch05", "best_decider", ("7",), "report to the same vice-president"),
    ("ch05", "crowd_prediction", ("decider", "decider"), "mistakes are independent"),
    ("ch05", "crowd_prediction", ("crowd", "crowd"), "mistakes come together"),
    ("ch05", "majority_of_five", (0.6,), "one peer on their own"),
    ("ch05", "majority_of_five", (0.16416,), "C(5, 3) = 10 ways"),
    ("ch05", "majority_of_five", (0.33696,), "exactly three right"),
    ("ch05", "peers_to_beat", (16,), "An even panel"),
    ("ch05", "peers_to_beat", (15,), "Try larger panels"),
    ("ch05", "peers_to_beat", (19,), "smallest panel"),
    ("ch05", "panel_time", (0.5,), "slowest of nine votes"),
    ("ch05", "panel_time", (4.5,), "same time, not one after another"),
    ("ch06", "attack_prediction", ("random", "targeted"), "two leaders"),
    ("ch06", "cut_off_without_0", (1,), "Member 11 is not the only one"),
    ("ch06", "two_who_matter", ({"2", "17"},), "only two friends"),
    ("ch06", "two_who_matter", ({"5"},), "exactly two"),
    ("ch06", "wiring_single_points", ({"W5"},), "joined by one tie"),
    ("ch06", "one_tie_for_the_room", ([("W5", "W9")],), "not through W5 or W7"),
    ("ch06", "department_ties", ([("6", "8")],), "three ties among them"),
    ("ch06", "friends_as_backup", (1,), "chart alone"),
    ("ch06", "falter_prediction", ("sparse ring", "full mesh"), "the more ties, the faster"),
    ("ch06", "falter_prediction", ("full mesh", "full mesh"), "keep trying different things"),
    ("ch06", "k0_best", (26,), "argmin"),
    ("ch06", "k0_best", (0,), "index of the largest"),
    ("ch06", "explore_longer", ([(0, i) for i in range(1, 40)],), "A star or a chart"),
    ("ch06", "explore_longer", ([(i, i + 1) for i in range(20)],), "separate groups"),
    ("ch06", "explore_longer", ([(i, j) for i in range(12) for j in range(i + 1, 12)],), "at most 60"),
    ("ch07", "least_centralized", ("buurtzorg",), "two groups that cut across"),
    ("ch07", "busiest_in_buurtzorg", ("coach",), "one member of every team"),
    ("ch07", "cross_team_ties", (2,), "more ties to other teams"),
    ("ch07", "cross_team_ties", (6,), "fewest that work"),
    ("ch07", "ring_modularity", (0.909,), "Subtract 1/4"),
    ("ch07", "more_units", ("down",), "both terms change"),
    ("ch07", "unit_cap", (300,), "units must be smaller"),
    ("ch07", "unit_cap", (100,), "largest units the limit allows"),
    ("ch08", "busiest_weaver_phase", (3,), "only link"),
    ("ch08", "without_the_weaver", (1.0,), "survives_without_weaver"),
    ("ch08", "connect_clusters", ([(0, 1), (0, 6)],), "already in the same cluster"),
    ("ch08", "weave_without_a_hub", ([(0, 6), (6, 12), (12, 18), (18, 0)],), "ring rather than a chain"),
    ("ch08", "weave_without_a_hub", ([(0, 6), (1, 7)],), "First connect all four clusters"),
    ("ch09", "chart_rounds", (9,), "come back down"),
    ("ch09", "chart_rounds", (6,), "talk to all their reports at once"),
    ("ch09", "rumour_estimate", (9.97,), "mopping-up"),
    ("ch09", "manager_capacity", (1,), "more conversations per round"),
    ("ch09", "manager_capacity", (3,), "smallest capacity"),
    ("ch09", "rule_or_centre", ("centre", "local rule"), "one assignment per round"),
    ("ch09", "extra_distance", (0.087,), "Multiply by 100"),
    ("ch09", "centre_bandwidth", (2,), "ceil(20 / per_round)"),
    ("ch09", "sharing_prediction", ("peer mesh", "no"), "Count the groups"),
    ("ch09", "sharing_prediction", ("chart", "yes"), "synergy / 5"),
    ("ch09", "star_payoff", (3.5,), "Subtract 1 for each group"),
    ("ch09", "star_payoff", (2.5,), "Subtract 4, not 1"),
    ("ch09", "star_payoff", (0.5,), "own group only"),
    ("ch09", "smallest_reward", (0.4,), "Raise the reward"),
    ("ch09", "smallest_reward", (0.6,), "smallest reward"),
    ("ch09", "smallest_reward", (0.45,), "one decimal"),
    ("ch09", "intent_prediction", ("the intent", "the intent"), "not in anyone's average"),
    ("ch09", "intent_prediction", ("a local consensus", "a local consensus"), "the anchor wins in the end"),
    ("ch09", "visibility_for_80", (0.8,), "how far people should come"),
    ("ch09", "visibility_for_80", (0.2,), "only about 40%"),
    ("ch09", "broadcast_attention", (0.2,), "Raise the attention"),
    ("ch09", "broadcast_attention", (0.4,), "smallest share"),
    ("ch10", "mesh_ties", (22350,), "Divide by 2"),
    ("ch10", "teams_ties", (675,), "ties between the 15 liaisons"),
    ("ch10", "best_team_size", (10,), "Try larger teams"),
    ("ch10", "growth_factors", ({"full mesh": 2, "team of teams": 2, "sparse peer mesh": 2},), "square of n"),
    ("ch10", "hub_minutes", (12,), "in seconds"),
    ("ch10", "saturation", (600, 5), "Divide by the 150 people"),
    ("ch10", "faster_design", ("embedded",), "pools all the demand"),
    ("ch10", "agent_speed_needed", (60,), "Faster agents"),
    ("ch10", "agent_speed_needed", (80,), "slowest speed"),
    ("ch10", "agents_prediction", ("peer network", "peer network"), "One agent cannot be near every stream"),
    ("ch10", "agents_prediction", ("hierarchy", "hierarchy"), "one hand-off further up"),
    ("ch10", "kept_through_managers", (0.7,), "not of the original"),
    ("ch10", "kept_through_managers", (0.9,), "That is one manager"),
    ("ch10", "kept_through_managers", (0.6561,), "does not relay it"),
    ("ch10", "agents_for_two_hours", (5,), "Add agents one at a time"),
    ("ch10", "agents_for_two_hours", (9,), "smallest number"),
]

def _k0_choice_by_choice(n=8, seed=3):
    """The single peak of a k = 0 landscape: the better option of each choice on its own."""
    from p2pkit.exploration import nk_landscape

    land = nk_landscape(n, 0, seed=seed)
    return sum(int(land.tables[i].argmax()) << i for i in range(n))


# Correct answers worked out independently of the module under test (closed forms, networkx,
# published values): each must be marked correct.
INDEPENDENT = [
    ("ch01", "star_handoffs", (2 * 12 / 13,)),                       # 2(n - 1)/n for a star
    ("ch01", "single_points", ({"7", "2", "14", "18", "21"},)),       # everyone with reports in a tree
    ("ch03", "money_dimensions", ({"connectedness": 0.800, "hierarchy": 0.906, "efficiency": 0.536,
                                   "lub": 0.857},)),                   # computed with CMU's ORA
    ("ch04", "expected_left", (102 * 0.8,)),
    ("ch04", "mutual_lost", (0.2 ** 2,)),
    ("ch04", "star_consensus", (5 / 13,)),                           # weights degree + 1 (Golub & Jackson)
    ("ch04", "chain_hours", (2 + 0.5 + 2,)),
    ("ch05", "wait_multiple", (0.9 / (1 - 0.9),)),                   # rho / (1 - rho)
    ("ch05", "wait_hours", (8 * 0.95 / (10 - 9.5),)),                 # Wq = rho / (mu - lambda), in hours
    ("ch05", "relay_fidelity", (0.9 ** 4,)),
    ("ch05", "majority_of_five", (0.6**5 + 5 * 0.6**4 * 0.4 + 10 * 0.6**3 * 0.4**2,)),   # binomial tail
    ("ch05", "peers_to_beat", (17,)),                                   # I_0.6(9, 9) = 0.801 > 0.8 > I_0.6(8, 8)
    ("ch05", "panel_time", (sum(1 / j for j in range(1, 10)) / (10 - 8),)),   # H_9 / (mu - lambda)
    ("ch06", "wiring_single_points", ({"W5", "W7"},)),
    ("ch06", "k0_best", (_k0_choice_by_choice(),)),                   # each choice on its own (k = 0)
    ("ch07", "ring_modularity", (10 / 11 - 1 / 4,)),                  # L/(L + 1) - 1/units
    ("ch09", "chart_rounds", (2 * 3 * 3,)),                           # 2 (levels - 1) ceil(span / capacity)
    ("ch09", "star_payoff", (2 * 1 / 4 + 3 * (2 * 1 / 2) - 4,)),      # own group + 3 pairs - 4 contributions
    ("ch10", "mesh_ties", (150 * 149 // 2,)),
    ("ch10", "teams_ties", (15 * 45 + 15 * 14 // 2,)),
    ("ch10", "hub_minutes", (60 / (600 - 300),)),                     # 1 / (mu - lambda) hours
    ("ch10", "saturation", (600 / 150, 60 / 12)),
    ("ch10", "kept_through_managers", (0.9 * 0.9 * 0.9,)),
]


@pytest.mark.parametrize("module, name, answers", INDEPENDENT, ids=[f"{m}.{n}" for m, n, _ in INDEPENDENT])
def test_an_independently_computed_answer_is_correct(module, name, answers):
    fn = getattr(importlib.import_module(f"p2pkit.checks.{module}"), name)
    fb = fn(*answers)
    assert fb.passed, str(fb)


def test_networkx_agrees_on_the_single_points():
    import networkx as nx

    from p2pkit.checks import ch01, ch06

    assert set(nx.articulation_points(ch01.reports_chart())) == {"7", "2", "14", "18", "21"}
    assert set(nx.articulation_points(ch06.wiring_room())) == {"W5", "W7"}
    assert ch06.two_who_matter({"5", "11"}).passed and nx.node_connectivity(ch06.friends()) == 2


@pytest.mark.parametrize("module, name, answers, phrase", WRONG, ids=[f"{m}.{n}-{i}" for i, (m, n, *_ ) in enumerate(WRONG)])
def test_a_wrong_answer_gets_the_intended_hint(module, name, answers, phrase):
    try:
        fn = getattr(importlib.import_module(f"p2pkit.checks.{module}"), name)
    except ModuleNotFoundError:
        pytest.skip(f"p2pkit.checks.{module} not there")
    fb = fn(*answers)
    assert fb.status == "not yet", str(fb)
    assert phrase in " ".join(fb.wrong) + " " + fb.hint, str(fb)


# --------------------------------------------------------------------------- the generator and the book


def _toy_source():
    nb = nbformat.v4.new_notebook()
    nb.metadata["p2p_exercise"] = {"chapter": 1, "number": "1.9", "title": "T", "minutes": 5, "kinds": ["goal"]}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Exercise 1.9: T\n\nSee [the chapter](../chapters/ch01.md) and "
                                      "[the web](https://example.org).", id="a"),
        nbformat.v4.new_code_cell("x = ...", id="b", metadata={"tags": ["answer"]}),
        nbformat.v4.new_code_cell("x = 42", id="c", metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("check.t(x)", id="d", metadata={"tags": ["check"]}),
        nbformat.v4.new_markdown_cell(":::{admonition} Why\n:class: dropdown\nBecause.\n:::", id="e",
                                      metadata={"tags": ["solution"]}),
    ]
    return nb


def test_generator_drops_solutions_and_relinks():
    nb = _toy_source()
    assert maker.normalise(nb) and not maker.normalise(nb)  # idempotent
    assert "hide-cell" in _tags(nb.cells[2]) and "hide-output" in _tags(nb.cells[3])
    student = maker.student_version(nb, "ch01-t.ipynb")
    assert [c.id for c in student.cells] == ["a", "b", "d"]
    assert "](../../chapters/ch01.md)" in student.cells[0].source
    assert "](https://example.org)" in student.cells[0].source
    assert student.cells[0].source.startswith("<!-- Student version of ../ch01-t.ipynb")
    assert "mystnb" not in student.cells[2].metadata and _tags(student.cells[2]) == ["check"]
    assert student.metadata["p2p_exercise"]["student"] is True
    assert maker.comparable(student) == maker.comparable(maker.student_version(nb, "ch01-t.ipynb"))


def test_launch_buttons_point_at_the_student_notebook(tmp_path):
    (tmp_path / "exercises" / "student").mkdir(parents=True)
    (tmp_path / "exercises" / "student" / "ch01-x.ipynb").write_text("{}")
    app = types.SimpleNamespace(srcdir=str(tmp_path))
    binder = "https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/exercises/ch01-x.ipynb"
    hub = "https://hub/hub/user-redirect/git-pull?repo=r&urlpath=lab%2Ftree%2Fr%2Fexercises%2Fch01-x.ipynb"
    download = "../_sources/exercises/ch01-x.ipynb"
    context = {"header_buttons": [
        {"type": "group", "label": "launch-buttons", "buttons": [{"url": binder}, {"url": hub}]},
        {"type": "group", "label": "download-buttons",
         "buttons": [{"url": download, "label": "download-source-button"}]}]}
    p2p_exercises.point_launch_buttons_at_student(app, "exercises/ch01-x", "page.html", context, None)
    launch, down = context["header_buttons"]
    assert launch["buttons"][0]["url"].endswith("urlpath=lab/tree/exercises/student/ch01-x.ipynb")
    assert launch["buttons"][1]["url"].endswith("exercises%2Fstudent%2Fch01-x.ipynb")
    assert down["buttons"][0]["url"] == download  # the file behind it is replaced at build-finished
    other = {"header_buttons": [{"type": "group", "buttons": [{"url": binder.replace("ch01-x", "ch01-y")}]}]}
    p2p_exercises.point_launch_buttons_at_student(app, "exercises/ch01-y", "page.html", other, None)
    assert "student" not in other["header_buttons"][0]["buttons"][0]["url"]  # no student notebook: unchanged


def test_downloaded_page_source_is_the_student_notebook(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "exercises" / "student").mkdir(parents=True)
    (out / "_sources" / "exercises").mkdir(parents=True)
    (src / "exercises" / "student" / "ch01-x.ipynb").write_text("student")
    (out / "_sources" / "exercises" / "ch01-x.ipynb").write_text("with solutions")
    app = types.SimpleNamespace(srcdir=str(src), outdir=str(out), builder=types.SimpleNamespace(format="html"))
    p2p_exercises.publish_student_sources(app, None)
    assert (out / "_sources" / "exercises" / "ch01-x.ipynb").read_text() == "student"


def test_feedback_is_shown_safely():
    fb = Feedback("Task <1>", "not yet", ("a & b",), ("<script>",), "use <b>")
    page = fb._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert str(fb).splitlines()[0] == "Task <1> -- Not yet"
    with pytest.raises(ValueError):
        Feedback("T", "wrong")
