"""The facilitator workshop kit: session plans checked against the template, the models and figures.

Part 1 -- every session plan (``workshops/*.md`` whose front matter says
``type: session-plan``) and the template itself (``workshops/_template.md``) are checked
against the template: the front-matter fields and their types; the sections, in order; the
agenda table and the step-by-step headings agree with the front matter; the agenda's minutes
add up to ``duration_minutes`` exactly; every step has its exact-words prompt (a ``Say``
admonition); the minutes by kind and by participation are stated; the demo notebook, the
handout, the facilitator one-pager, the next module and the chapters exist; the full-day
programme strings the modules with breaks and its times add up; the index lists every
workshop with its duration and says how to run presenter mode.

Part 2 -- the models of :mod:`p2pkit.workshops`, each against an independent computation
(networkx, closed forms, the CSV read with the csv module) or a published rule; then the
figures of :mod:`p2pkit.views.workshops` (what they show is what the models say) and the
live panel that reads a room's own answers in presenter mode.
"""

from __future__ import annotations

import csv
import datetime
import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WS = ROOT / "workshops"
SAMPLE = WS / "data" / "sample-room.csv"

KINDS = {"teaching", "activity", "debrief", "break"}
PARTICIPATION = ("solo", "pairs", "fours", "all")
FIELDS = {
    "type": str, "id": str, "title": str, "audience": str, "group_size": dict, "duration_minutes": int,
    "prerequisites": list, "outcomes": list, "agenda": list, "chapters": list, "demo": str,
    "handout": str, "facilitator_page": str, "next_module": str,
}
SECTIONS = [
    "Purpose",
    "Outcomes",
    "Audience, group size and prerequisites",
    "Timed agenda",
    "Space and materials",
    "Step by step",
    "How participation is distributed",
    "The live demo: what to point at",
    "Debrief questions",
    "If you are running late",
    "Late joiners",
    "Variations",
    "Accessibility",
    "What to run next",
    "Facilitator notes",
    "Sources",
]
SUBSECTIONS = {
    "Variations": ["In person", "Remote", "Large group"],
    "Facilitator notes": ["Common questions", "Misconceptions", "Explaining the model's limits"],
}


# --------------------------------------------------------------------------- reading pages


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert m, f"{path.name}: no YAML front matter"
    return yaml.safe_load(m.group(1)) or {}, text[m.end():]


def plans() -> list[Path]:
    out = []
    for p in sorted(WS.glob("*.md")):
        if p.name.startswith("_"):
            continue
        try:
            meta, _ = front_matter(p)
        except AssertionError:
            continue
        if meta.get("type") == "session-plan":
            out.append(p)
    return out


PLANS = plans()
CHECKED = PLANS + [WS / "_template.md"]


def sections(body: str, level: int = 2) -> list[tuple[str, str]]:
    """``(heading, text)`` for each heading of ``level`` (code fences are skipped)."""
    marker = "#" * level + " "
    out: list[list] = []
    fence = False
    for line in body.splitlines():
        if line.startswith("```"):
            fence = not fence
        if not fence and line.startswith(marker):
            out.append([line[len(marker):].strip(), []])
        elif out:
            out[-1][1].append(line)
    return [(h, "\n".join(t)) for h, t in out]


def section(body: str, name: str) -> str:
    return dict(sections(body))[name]


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def plan_ids() -> set[str]:
    return {front_matter(p)[0]["id"] for p in PLANS}


# --------------------------------------------------------------------------- part 1: the plans


def test_there_are_at_least_four_plans_of_60_to_90_minutes():
    assert len(PLANS) >= 4, [p.name for p in PLANS]
    for p in PLANS:
        meta, _ = front_matter(p)
        assert 60 <= meta["duration_minutes"] <= 90, p.name


@pytest.fixture(params=CHECKED, ids=lambda p: p.stem)
def plan(request):
    path = request.param
    meta, body = front_matter(path)
    return path, meta, body


def test_front_matter_has_every_field_with_its_type(plan):
    path, meta, _ = plan
    for name, kind in FIELDS.items():
        assert name in meta, f"{path.name}: missing front-matter field {name!r}"
        assert isinstance(meta[name], kind), f"{path.name}: {name} should be a {kind.__name__}"
    assert meta["type"] == "session-plan"
    if not path.name.startswith("_"):
        assert meta["id"] == path.stem, f"{path.name}: id must be the file name"
    g = meta["group_size"]
    assert isinstance(g.get("min"), int) and isinstance(g.get("max"), int) and g["min"] <= g["max"], g
    assert "best" in g
    assert len(meta["outcomes"]) >= 3 and all(isinstance(o, str) and o for o in meta["outcomes"])
    assert meta["prerequisites"] and all(isinstance(x, str) and x for x in meta["prerequisites"])
    assert meta["demo"] == f"{meta['id']}-demo.ipynb"
    assert meta["handout"] == f"{meta['id']}-handout"
    assert meta["facilitator_page"] == f"{meta['id']}-facilitator"


def test_agenda_steps_are_well_formed_and_add_up_to_the_slot(plan):
    path, meta, _ = plan
    agenda = meta["agenda"]
    assert len(agenda) >= 4
    for step in agenda:
        assert set(step) == {"step", "minutes", "kind", "participation"}, f"{path.name}: {step}"
        assert isinstance(step["minutes"], int) and step["minutes"] > 0, step
        assert step["kind"] in KINDS, step
        assert step["participation"] in PARTICIPATION, step
        assert step["step"].strip() == step["step"] and step["step"], step
    assert len({s["step"] for s in agenda}) == len(agenda), "step names must differ"
    total = sum(s["minutes"] for s in agenda)
    assert total == meta["duration_minutes"], f"{path.name}: agenda adds up to {total}, not {meta['duration_minutes']}"
    assert any(s["kind"] == "debrief" for s in agenda), f"{path.name}: no debrief step"


def test_sections_in_template_order(plan):
    path, meta, body = plan
    heads = [h for h, _ in sections(body)]
    assert heads == SECTIONS, f"{path.name}: sections are {heads}"
    h1 = re.findall(r"^# (.+)$", body, re.M)
    assert h1 == [meta["title"]], f"{path.name}: the page's one title must be the front matter's title"
    for name, subs in SUBSECTIONS.items():
        assert [h for h, _ in sections(section(body, name), 3)] == subs, f"{path.name}: {name}"


def test_outcomes_section_repeats_the_front_matter(plan):
    path, meta, body = plan
    listed = re.findall(r"^\d+\. (.+?)[;.]?$", section(body, "Outcomes"), re.M)
    want = [o.rstrip(".") for o in meta["outcomes"]]
    got = [x.rstrip(";.") for x in listed]
    assert [w[0].lower() + w[1:] for w in want] == [g[0].lower() + g[1:] for g in got], path.name


def test_agenda_table_matches_the_front_matter(plan):
    path, meta, body = plan
    text = section(body, "Timed agenda")
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("|")]
    assert rows[0] == ["Time", "Step", "Minutes", "Kind", "Participation"], rows[0]
    rows = rows[2:]
    assert len(rows) == len(meta["agenda"]), f"{path.name}: table has {len(rows)} rows"
    start = 0
    for i, (row, step) in enumerate(zip(rows, meta["agenda"], strict=True), 1):
        assert row == [clock(start), f"{i}. {step['step']}", str(step["minutes"]), step["kind"],
                       step["participation"]], f"{path.name}: row {i} is {row}"
        start += step["minutes"]
    kinds = Counter()
    for s in meta["agenda"]:
        kinds[s["kind"]] += s["minutes"]
    summary = f"Total: {meta['duration_minutes']} minutes. " + ", ".join(
        f"{k.capitalize() if j == 0 else k} {kinds[k]} min" for j, k in enumerate(
            [k for k in ("teaching", "activity", "debrief", "break") if kinds[k]])) + "."
    assert summary in text, f"{path.name}: the agenda should end with: {summary}"


def test_every_step_has_its_exact_words(plan):
    path, meta, body = plan
    steps = sections(section(body, "Step by step"), 3)
    want = [f"{i}. {s['step']} ({s['minutes']} min)" for i, s in enumerate(meta["agenda"], 1)]
    assert [h for h, _ in steps] == want, f"{path.name}: step headings are {[h for h, _ in steps]}"
    for (head, text), step in zip(steps, meta["agenda"], strict=True):
        kind_line = f"*{step['kind'].capitalize()}, {step['participation']}.*"
        assert kind_line in text, f"{path.name}, {head}: say '{kind_line}' at the start of the step"
        says = re.findall(r"```\{admonition\} Say\n:class: say\n(.*?)\n```", text, re.S)
        assert says, f"{path.name}, {head}: no 'Say' admonition with the exact words"
        words = " ".join(says)
        assert len(words) >= 60 and words.lstrip().startswith('"'), f"{path.name}, {head}: the prompt is too short"


def test_participation_is_stated_in_minutes(plan):
    path, meta, body = plan
    text = section(body, "How participation is distributed")
    minutes = Counter()
    for s in meta["agenda"]:
        minutes[s["participation"]] += s["minutes"]
    want = " ".join(f"{p.capitalize()}: {minutes[p]} min." for p in PARTICIPATION if minutes[p])
    assert text.strip().startswith(want), f"{path.name}: start the section with: {want}"


def test_debrief_questions_and_demo_and_next_module(plan):
    path, meta, body = plan
    assert len(re.findall(r"^\d+\. ", section(body, "Debrief questions"), re.M)) >= 3
    demo = section(body, "The live demo: what to point at")
    assert f"make present WORKSHOP={meta['id']}" in demo
    assert len(re.findall(r"^\d+\. ", demo, re.M)) >= 3, "say what to point at, in order"
    assert f"{{doc}}`{meta['next_module']}`" in section(body, "What to run next")
    for name in ("If you are running late", "Late joiners", "Accessibility"):
        assert len(section(body, name).split()) >= 25, f"{path.name}: {name} is too thin"
    sources = section(body, "Sources")
    assert "Baker, M. N. (2014)" in sources
    assert "(Baker 2014" in section(body, "Purpose"), "cite the book where the idea comes from"
    for ch in meta["chapters"]:
        assert f"{{doc}}`../chapters/{ch}`" in body, f"{path.name}: link the chapter {ch}"


def test_linked_files_exist_for_real_plans():
    ids = plan_ids()
    for p in PLANS:
        meta, body = front_matter(p)
        assert (WS / meta["demo"]).exists(), meta["demo"]
        assert (WS / f"{meta['handout']}.md").exists(), meta["handout"]
        assert (WS / f"{meta['facilitator_page']}.md").exists(), meta["facilitator_page"]
        assert meta["next_module"] in ids and meta["next_module"] != meta["id"], meta["next_module"]
        for ch in meta["chapters"]:
            assert (ROOT / "chapters" / f"{ch}.md").exists(), ch
        for doc in re.findall(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`", body):
            assert (WS / f"{doc}.md").exists() or (WS / f"{doc}.ipynb").exists(), f"{p.name}: {doc}"


def test_the_template_is_the_plans_template():
    """The template passes the same checks (above) and is kept out of the book."""
    assert (WS / "_template.md").exists()
    toc = (ROOT / "_toc.yml").read_text()
    assert "workshops/_template" not in toc


# --------------------------------------------------------------------------- handouts, one-pagers


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_handout_and_one_pager_are_printable(path):
    meta, _ = front_matter(path)
    for page, cls in ((meta["handout"], "handout"), (meta["facilitator_page"], "one-pager")):
        text = (WS / f"{page}.md").read_text(encoding="utf-8")
        assert len(re.findall(r"^# ", text, re.M)) == 1, f"{page}: one title"
        assert re.search(rf"^:::\{{div\}} {cls}\b", text, re.M) or f":class: {cls}" in text, \
            f"{page}: wrap the printable part in a '{cls}' div (the print stylesheet styles it)"
        assert f"{{doc}}`{meta['id']}`" in text, f"{page}: link back to the session plan"
    one = (WS / f"{meta['facilitator_page']}.md").read_text(encoding="utf-8")
    for step in meta["agenda"]:
        assert step["step"] in one, f"{meta['facilitator_page']}: list the step {step['step']!r}"


def test_print_stylesheet_exists_and_targets_a4_and_letter():
    css = (ROOT / "theme" / "print.css").read_text()
    assert "@media print" in css and "@page" in css
    assert ".handout" in css and ".one-pager" in css
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
    files = cfg["sphinx"]["config"].get("html_css_files", [])
    assert "print.css" in files, "register theme/print.css in _config.yml (sphinx.config.html_css_files)"


# --------------------------------------------------------------------------- demos


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_demo_notebook_is_thin_committed_and_presentable(path):
    meta, _ = front_matter(path)
    nb = nbformat.read(WS / meta["demo"], as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a demo calls a figure"
    first_md = next(c for c in nb.cells if c.cell_type == "markdown")
    assert first_md.source.startswith("# "), "the demo starts with its title"
    figure_cells = [c for c in code if "p2pkit.views.workshops" in c.source]
    assert figure_cells and all("nbval-ignore-output" in c.metadata.get("tags", []) for c in figure_cells)
    assert all("remove-input" in c.metadata.get("tags", []) for c in figure_cells), "the page shows the figure, not code"
    assert all(c.execution_count is not None and c.outputs for c in code), "commit the outputs (execute_notebooks)"
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)
    # the committed output is the static figure, every state of every control (what the site shows)
    html_out = "".join(o.get("data", {}).get("text/html", "") for c in figure_cells for o in c.outputs)
    assert "data-p2pfig='1'" in html_out and "p2p-fig-data" in html_out
    assert not nb.metadata.get("widgets"), "no ipywidgets state: the figure component needs none"
    # presenter mode (tests/test_presenter.py) moves the first slider of the first figure:
    # the first code cell builds the one figure on the page.
    assert code.index(figure_cells[0]) == 0 and len(figure_cells) == 1 and len(code) == 1
    for c in nb.cells:
        if c.cell_type == "markdown":
            for line in c.source.splitlines():
                assert not re.match(r"\s*(from p2pkit|import )", line), "prose that looks like code"


def test_sample_room_is_made_up_and_readable():
    rows = list(csv.reader(SAMPLE.open(encoding="utf-8")))
    assert rows[0][1] == "Your name" and len(rows) - 1 >= 12


# --------------------------------------------------------------------------- index and full day


def test_index_lists_every_workshop_with_its_duration_and_presenter_mode():
    index = (WS / "index.md").read_text(encoding="utf-8")
    for p in PLANS:
        meta, _ = front_matter(p)
        assert re.search(rf"\{{doc\}}`{meta['id']}`\s*\|\s*{meta['duration_minutes']} min", index), \
            f"index.md: list {meta['id']} with '{meta['duration_minutes']} min'"
    assert "make present WORKSHOP=" in index
    assert "{doc}`full-day`" in index


def test_full_day_programme_strings_the_modules_with_breaks():
    meta, body = front_matter(WS / "full-day.md")
    assert meta["type"] == "programme"
    durations = {front_matter(p)[0]["id"]: front_matter(p)[0]["duration_minutes"] for p in PLANS}
    h, m = map(int, meta["start"].split(":"))
    t = h * 60 + m
    modules = []
    table = [[c.strip() for c in line.strip().strip("|").split("|")]
             for line in section(body, "Timetable").splitlines() if line.startswith("|")][2:]
    assert len(table) == len(meta["schedule"])
    for row, item in zip(table, meta["schedule"], strict=True):
        assert set(item) <= {"module", "item", "minutes", "kind"} and item["minutes"] > 0
        if "module" in item:
            assert item["minutes"] == durations[item["module"]], item
            modules.append(item["module"])
            assert f"{{doc}}`{item['module']}`" in row[1]
        else:
            assert item["kind"] in KINDS and item["item"] in row[1]
        assert row[0] == f"{t // 60:02d}:{t % 60:02d}", row
        t += item["minutes"]
    assert sorted(modules) == sorted(durations), "the day strings every module"
    kinds = [("break" if "module" not in i and i["kind"] == "break" else "x") for i in meta["schedule"]]
    assert kinds.count("break") >= 2
    pairs = zip(kinds, kinds[1:], strict=False)
    assert not any(a == b == "x" and "module" in i and "module" in j
                   for (a, b), i, j in zip(pairs, meta["schedule"], meta["schedule"][1:], strict=False)), \
        "a break between modules"
    assert f"{t // 60:02d}:{t % 60:02d}" == meta["end"]
    module_minutes = sum(i["minutes"] for i in meta["schedule"] if "module" in i)
    breaks = sum(i["minutes"] for i in meta["schedule"] if i.get("kind") == "break")
    assert f"{module_minutes} minutes of modules" in body and f"{breaks} minutes of breaks" in body


def test_index_shows_the_same_day_as_the_programme():
    meta, _ = front_matter(WS / "full-day.md")
    titles = {front_matter(p)[0]["id"]: front_matter(p)[0]["title"] for p in PLANS}
    _, index = "", (WS / "index.md").read_text(encoding="utf-8")
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in section(index, "The full-day programme").splitlines() if line.startswith("|")][2:]
    h, m = map(int, meta["start"].split(":"))
    t = h * 60 + m
    for row, item in zip(rows, meta["schedule"], strict=False):
        name = titles[item["module"]] if "module" in item else item["item"]
        assert row == [f"{t // 60:02d}:{t % 60:02d}", f"{name} ({item['minutes']} min)"], row
        t += item["minutes"]
    assert rows[len(meta["schedule"])] == [meta["end"], "End"]


# --------------------------------------------------------------------------- part 2: the models

from p2pkit.errors import P2PKitError  # noqa: E402
from p2pkit import workshops as ws  # noqa: E402


def test_parse_names_matches_case_and_spaces_and_suggests():
    found, problems = ws.parse_names(" ana ,BO;\nZoe\u200b, ana", ["Ana", "Bo", "Zoë"])
    assert found == ["Ana", "Bo"]
    assert len(problems) == 1 and "did you mean 'Zoë'" in problems[0]
    assert ws.parse_names("", ["Ana"]) == ([], [])


@pytest.mark.parametrize("text", ["Ana-Bo", "Ana - Bo", "ana+bo", "Ana & Bo", "Ana and Bo", "Ana \u2013 Bo",
                                  "Ana/Bo", "Ana with Bo", "Ana--Bo", "Ana<->Bo"])
def test_parse_pairs_reads_every_separator(text):
    assert ws.parse_pairs(text, ["Ana", "Bo", "Cy"]) == ([("Ana", "Bo")], [])


def test_parse_pairs_handles_hyphenated_names_duplicates_and_mistakes():
    people = ["Anne-Marie", "Bo", "Marie", "Anne", "Cy"]
    pairs, problems = ws.parse_pairs("Anne-Marie-Bo, Bo+Anne-Marie, Cy-Cy, Cy-Dee, Cy", people)
    assert pairs == [("Anne-Marie", "Bo")]
    assert any("themselves" in p for p in problems)
    assert any("'Dee' is not in the network" in p for p in problems)
    assert any("needs two names" in p for p in problems)
    # "Anne-Marie-Cy" could be Anne + Marie-Cy? No: Marie-Cy is not a person. Ambiguity needs two readings:
    pairs, problems = ws.parse_pairs("A-B-C", ["A-B", "C", "A", "B-C"])
    assert pairs == [] and "more than one way" in problems[0]


def test_load_room_reads_the_sample_like_the_csv_module_does():
    room = ws.load_room(SAMPLE)
    rows = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))
    qs = [k for k in rows[0] if k not in ("Timestamp", "Your name", "Your team")]
    ties = {(r["Your name"], n.strip()) for r in rows for q in qs for n in r[q].split(";") if n.strip()}
    named = {n for _, n in ties} | {r["Your name"] for r in rows}
    assert set(room.graph.edges()) == ties
    assert set(room.graph) == named
    assert room.respondents == [r["Your name"] for r in rows if any(r[q].strip() for q in qs)]
    for q, rel in zip(qs, ("advice", "information", "decisions"), strict=True):
        one = ws.load_room(SAMPLE, rel)
        assert set(one.graph.edges()) == {(r["Your name"], n.strip()) for r in rows
                                          for n in r[q].split(";") if n.strip()}
    U = room.network
    assert not U.is_directed() and U.number_of_edges() == len({frozenset(t) for t in ties})


def test_load_room_from_an_upload_and_with_codes():
    content = SAMPLE.read_bytes()
    up = ws.load_room(("room.csv", content), pseudonymise_names=True)
    plain = ws.load_room(SAMPLE)
    assert all(re.fullmatch(r"P\d\d", v) for v in up.graph)
    assert up.graph.number_of_edges() == plain.graph.number_of_edges()
    assert nx.is_isomorphic(up.graph, plain.graph)
    assert up.show("Ana") in up.graph


def test_load_room_errors_say_what_to_do():
    with pytest.raises(P2PKitError, match="Upload"):
        ws.load_room("")
    with pytest.raises(P2PKitError):
        ws.load_room(WS / "no-such-file.csv")


def test_room_map_against_networkx():
    room = ws.load_room(SAMPLE)
    m = ws.room_map(room.graph)
    U = room.network
    assert set(m.isolates) == set(nx.isolates(U)) == {"Quinn"}
    assert set(m.single_points) == set(nx.articulation_points(U))
    assert m.silent == ("Rosa",)  # named by others, no card
    assert m.people == 18 and m.ties == U.number_of_edges()
    member = {v: i for i, c in enumerate(m.communities) for v in c}
    assert sorted(member) == sorted(U)
    for b in m.brokers:  # a bridge has a tie into another community
        assert any(member[u] != member[b] for u in U[b])
    others = {v for v in U if any(member[u] != member[v] for u in U[v])}
    assert set(m.brokers) <= others
    verdict = ws.map_verdict(m)
    assert "Quinn" in verdict and f"{len(m.communities)} node communities" in verdict


def test_chart_and_peer_round_shapes():
    for n, span in [(13, 3), (7, 2), (10, 3), (30, 4)]:
        T = ws.chart(n, span)
        assert nx.is_tree(T) and T.number_of_nodes() == n
        assert max(d for _, d in T.degree()) <= span + 1
        assert T.nodes[0]["level"] == 0
    assert nx.is_isomorphic(ws.peer_round(8, 7), nx.complete_graph(8))
    P = ws.peer_round(20, 4, seed=3)
    assert P.number_of_edges() == 40 and nx.is_connected(P)
    with pytest.raises(P2PKitError):
        ws.chart(2, 3)


def test_deal_cards_is_a_seeded_derangement():
    people = list(range(13))
    a, b = ws.deal_cards(people, 0), ws.deal_cards(people, 0)
    assert a == b and sorted(a.values()) == people and all(h != t for h, t in a.items())
    assert any(ws.deal_cards(people, s) != a for s in range(1, 5))


def test_pass_the_cards_closed_forms():
    # everyone tied to everyone: every card goes directly, all in round 1
    cards = ws.deal_cards(list(range(9)), 2)
    run = ws.pass_the_cards(nx.complete_graph(9), cards)
    assert run.ticks == 1 and set(run.passes.values()) == {1}
    # a star whose leaves hold every card: all queue at the centre, one per round
    n = 8
    leaves = list(range(1, n))
    cards = {v: leaves[(i + 1) % len(leaves)] for i, v in enumerate(leaves)}
    run = ws.pass_the_cards(nx.star_graph(n - 1), cards)
    assert run.ticks == 1 + (n - 1) and run.passes[0] == n - 1 and run.most_held == n - 1
    # one card along a path of m hand-offs
    run = ws.pass_the_cards(nx.path_graph(6), {0: 5})
    assert run.ticks == 5 and run.hops == {0: 5}


@pytest.mark.parametrize("seed", range(6))
def test_pass_the_cards_invariants_on_random_networks(seed):
    G = nx.connected_watts_strogatz_graph(15, 4, 0.3, seed=seed)
    cards = ws.deal_cards(list(G), seed)
    run = ws.pass_the_cards(G, cards)
    lengths = {h: nx.shortest_path_length(G, h, a) for h, a in cards.items()}
    assert run.hops == lengths
    assert run.hand_offs == sum(lengths.values())  # every hand-off is one step of a route
    assert run.ticks >= max(lengths.values()) and run.ticks >= max(run.passes.values())
    assert max(run.delivered.values()) == run.ticks
    assert run.ticks <= sum(lengths.values())


def test_chart_round_tallies_match_the_unique_routes_of_the_tree():
    T = ws.chart(13, 3)
    cards = ws.deal_cards(list(T), 0)
    run = ws.pass_the_cards(T, cards)
    expected = Counter()
    for h, a in cards.items():
        route = nx.shortest_path(T, h, a)  # unique in a tree
        for v in route[:-1]:
            expected[v] += 1
    assert run.passes == {v: expected.get(v, 0) for v in T}
    assert run.busiest == 0  # the top passes the most cards


def test_card_game_verdict_and_errors():
    a = ws.pass_the_cards(nx.star_graph(4), {1: 2, 2: 3, 3: 4, 4: 1})
    b = ws.pass_the_cards(nx.complete_graph(5), {1: 2, 2: 3, 3: 4, 4: 1})
    text = ws.card_game_verdict(ws.CardGame(a, b, 2.0, room=(50, 25)))
    assert "5 rounds" in text and "about 10 s" in text and "2.0 times" in text
    with pytest.raises(P2PKitError):
        ws.card_game_verdict(ws.CardGame(a, b, 0))
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    with pytest.raises(P2PKitError, match="cannot reach"):
        ws.pass_the_cards(G, {0: 2})


def test_introductions_follow_the_definitions():
    G = nx.Graph([(0, 1), (1, 2), (3, 4), (4, 5)])
    G.add_node(6)
    comms = [{0, 1, 2}, {3, 4, 5}, {6}]
    H, intros = ws.introductions(G, [(0, 2), (2, 3), (1, 3), (6, 0), (0, 1)], comms)
    kinds = [i.kind for i in intros]
    # (0,2) share 1 -> closes; (2,3) different communities -> bridge; (1,3): after 2-3 they share 2,
    # but they are in different communities, and a bridge comes first; (6,0) another part; (0,1) exists
    assert kinds == ["close", "bridge", "bridge", "bridge", "already tied"]
    assert intros[0].via == (1,)
    assert H.number_of_edges() == G.number_of_edges() + 4 and G.number_of_edges() == 4
    same = [{0, 1, 2, 3, 4, 5, 6}]
    _, intros = ws.introductions(nx.path_graph(4), [(0, 3), (0, 2)], same)
    assert [i.kind for i in intros] == ["spoke", "close"]  # the second shares 3 after the first


def test_weaving_verdict_uses_the_profiles():
    from p2pkit.weaving import phase_profile

    room = ws.load_room(SAMPLE)
    U = room.network
    H, intros = ws.introductions(U, [("Quinn", "Kofi"), ("Bo", "Jun")])
    before, after = phase_profile(U, "Dana"), phase_profile(H, "Dana")
    text = ws.weaving_verdict(ws.WeavingRound(before, after, tuple(intros)))
    assert "2 introductions" in text and f"{before.triangles} -> {after.triangles}" in text
    assert after.components == 1 and before.components == 2  # Quinn joined
    assert ws.weaving_verdict(ws.WeavingRound(before, before, ())).startswith("No introductions")


def test_departures_against_an_independent_computation():
    room = ws.load_room(SAMPLE, "decisions")
    U = room.network
    d = ws.departures(U, named=["Priya"])
    H = U.copy()
    H.remove_nodes_from(list(nx.isolates(U)))
    assert set(d.left_out) == set(nx.isolates(U)) == {"Quinn", "Rosa"}
    left = H.copy()
    left.remove_node("Priya")
    comps = sorted(nx.connected_components(left), key=len, reverse=True)
    n = left.number_of_nodes()
    pairs = sum(len(c) * (len(c) - 1) / 2 for c in comps) / (n * (n - 1) / 2)
    assert d.pairs_after == pytest.approx(pairs) and d.groups == len(comps) == 3
    assert set(d.single_points_before) == set(nx.articulation_points(H))
    assert set(d.single_points_now) == set(nx.articulation_points(left))
    assert len(d.cut_off) == n - len(comps[0])
    # the rule: after the named people, the people on most routes, re-ranked (removal_order)
    from p2pkit.resilience import removal_order

    d2 = ws.departures(U, named=["Priya"], leaving=2)
    assert d2.gone[1:] == tuple(removal_order(left, "betweenness", count=2))
    # backup ties: the same departure, with and without them
    d3 = ws.departures(U, named=["Priya"], backup=[("Ana", "Farah"), ("Farah", "Kofi")])
    assert d3.pairs_after == 1.0 and d3.pairs_after_without_backup == pytest.approx(pairs)
    assert "Without the 2 backup ties" in ws.departures_verdict(d3)


def test_departures_errors():
    U = ws.load_room(SAMPLE).network
    with pytest.raises(P2PKitError, match="not in the network"):
        ws.departures(U, named=["Nobody"])
    with pytest.raises(P2PKitError, match="at most"):
        ws.departures(U, leaving=40)


def test_workshop_counts_may_be_numpy_integers():
    # numpy integers (a slider, an array) are whole numbers; the card game refused them before issue 14
    import numpy as np

    i = np.int64
    same = nx.utils.graphs_equal
    assert same(ws.chart(i(13), i(3)), ws.chart(13, 3))
    assert same(ws.peer_round(i(20), i(4), seed=3), ws.peer_round(20, 4, seed=3))
    U = ws.load_room(SAMPLE).network
    assert ws.departures(U, leaving=i(2)).gone == ws.departures(U, leaving=2).gone
    assert ws.most_routes(U, i(3)) == ws.most_routes(U, 3)
    assert ws.suggest_backup_ties(U, limit=i(2)) == ws.suggest_backup_ties(U, limit=2)
    assert ws.deal_cards(range(13), seed=i(2)) == ws.deal_cards(range(13), seed=2)  # the same deal


@pytest.mark.parametrize("call, words", [
    (lambda: ws.chart(2, 3), r"people \(in the game\) must be a whole number of at least 3; got 2"),
    (lambda: ws.chart(13, 0), r"span \(of control\) must be a whole number of at least 1; got 0"),
    (lambda: ws.peer_round(13.5, 4), r"people \(in the game\) must be a whole number of at least 3; got 13.5"),
    (lambda: ws.peer_round(13, 0), r"reach \(people each can pass to\) must be a whole number of at least 1"),
    (lambda: ws.departures(ws.load_room(SAMPLE).network, leaving=-1),
     "the number of people leaving must be a whole number of at least 0; got -1"),
])
def test_workshop_counts_say_what_to_give(call, words):
    with pytest.raises(P2PKitError, match=words):
        call()


def test_the_number_of_players_is_called_people():
    assert nx.utils.graphs_equal(ws.chart(people=13, span=3), ws.chart(13, 3))
    assert nx.utils.graphs_equal(ws.peer_round(people=20, reach=4, seed=3), ws.peer_round(20, 4, seed=3))




def test_room_relations_are_the_questions_in_the_file():
    assert ws.load_room(SAMPLE).relations == ("advice", "information", "decisions")
    matrix = ROOT / "p2pkit" / "data" / "orgnets" / "krack_advice.csv"
    assert ws.load_room(matrix).relations == ()


def test_answers_in_keeps_only_what_the_first_answers_said():
    room = ws.load_room(SAMPLE)
    G, who = room.graph, room.respondents
    for k in (1, 3, 8):
        H = ws.answers_in(G, who, k)
        shown = set(who[:k])
        assert set(H.edges()) == {(u, v) for u, v in G.edges() if u in shown}
        assert set(H) == shown | {v for u, v in G.edges() if u in shown}
    assert ws.answers_in(G, who, len(who)) is G and ws.answers_in(G, who, 99) is G


def test_card_states_on_a_star_follow_the_closed_form():
    # every leaf holds a card for another leaf: round 1 all go to the centre, then one per round
    n = 7
    leaves = list(range(1, n))
    run = ws.pass_the_cards(nx.star_graph(n - 1), {v: leaves[i - 2] for i, v in enumerate(leaves, 1)} |
                            {1: leaves[-1]})
    s0 = run.at(0)
    assert s0.delivered == 0 and s0.held == {v: (1 if v else 0) for v in range(n)} and set(s0.passes.values()) == {0}
    s1 = run.at(1)
    assert s1.held[0] == n - 1 and s1.passes[0] == 0 and all(s1.passes[v] == 1 for v in leaves)
    for j in range(1, n):
        s = run.at(1 + j)
        assert s.passes[0] == j and s.delivered == j and s.held[0] == n - 1 - j and s.waiting == n - 1 - j
    assert run.at(run.ticks).passes == run.passes and run.at(10 ** 6).delivered == n - 1


@pytest.mark.parametrize("seed", range(4))
def test_card_states_add_up_on_random_networks(seed):
    G = nx.connected_watts_strogatz_graph(14, 4, 0.3, seed=seed)
    cards = ws.deal_cards(list(G), seed)
    run = ws.pass_the_cards(G, cards)
    before = None
    for t in range(run.ticks + 1):
        s = run.at(t)
        assert s.delivered == sum(1 for r in run.delivered.values() if r <= t)
        assert s.delivered + s.waiting == len(cards)
        assert sum(s.passes.values()) == sum(1 for m in run.moves if m[0] <= t)
        if before is not None:  # tallies only grow, by at most one card a round
            assert all(0 <= s.passes[v] - before.passes[v] <= 1 for v in G)
        before = s


def test_most_routes_is_the_betweenness_ranking():
    U = ws.load_room(SAMPLE).network
    bc = nx.betweenness_centrality(U)
    order = list(U)
    want = sorted(U, key=lambda v: (-round(bc[v], 12), order.index(v)))[:4]
    assert ws.most_routes(U, 4) == want


def test_suggested_introductions_follow_the_weavers_rules():
    from p2pkit.communities import detect, membership

    U = ws.load_room(SAMPLE).network
    comms = detect(U, seed=0)
    group = membership(comms)
    for weaver in ws.most_routes(U, 4):
        pairs = ws.suggest_introductions(U, weaver, comms, limit=20)
        home = nx.node_connected_component(U, weaver)
        assert pairs and len(set(map(frozenset, pairs))) == len(pairs)
        kinds = []
        for a, b in pairs:
            assert not U.has_edge(a, b)
            if a == weaver and b not in home:
                kinds.append(0)  # a newcomer meets the weaver
            else:
                assert a in U[weaver] and b in U[weaver], (a, b)
                kinds.append(1 if group[a] != group[b] else 2)
        assert kinds[0] == 0 and ("Quinn" in pairs[0])  # Quinn has no ties: brought in first
        newcomers = [p for p, k in zip(pairs, kinds, strict=True) if k == 0]
        assert len(newcomers) == len([c for c in nx.connected_components(U) if weaver not in c])
        assert set(kinds[:len(newcomers)]) == {0}, "newcomers come first"
        # the first bridges introduce different people (spread), before any triangle
        firsts = [p for p, k in zip(pairs, kinds, strict=True) if k]
        seen, distinct = set(), 0
        for a, b in firsts:
            if a in seen or b in seen:
                break
            seen |= {a, b}
            distinct += 1
        assert distinct >= min(2, len(firsts))
    assert ws.suggest_introductions(U, "Dana", comms, limit=3) == ws.suggest_introductions(U, "Dana", comms)[:3]
    with pytest.raises(P2PKitError):
        ws.suggest_introductions(U, "Nobody")


def test_suggested_backup_ties_go_around_the_single_points():
    U = ws.load_room(SAMPLE, "decisions").network
    ties = ws.suggest_backup_ties(U, 2)
    H = U.copy()
    H.remove_nodes_from(list(nx.isolates(U)))
    for a, b in ties:
        assert a in H and b in H and not H.has_edge(a, b)
    # Priya is the single point whose loss cuts off most people; with the ties she no longer is
    left = H.copy()
    left.remove_node("Priya")
    assert not nx.is_connected(left)
    left.add_edges_from(ties)
    assert nx.is_connected(left)
    assert len(set(x for e in ties for x in e)) == 2 * len(ties), "the ties spread, they make no new hub"
    assert ws.suggest_backup_ties(nx.cycle_graph(6)) == []
    assert ws.suggest_backup_ties(nx.star_graph(3), 2) == [(2, 1), (3, 1)]


def test_departures_say_who_the_rule_takes_next_and_ignore_people_without_ties():
    from p2pkit.resilience import removal_order

    U = ws.load_room(SAMPLE, "decisions").network
    d = ws.departures(U, named=["Priya"], leaving=1)
    left = U.copy()
    left.remove_nodes_from(list(nx.isolates(U)) + ["Priya"])
    assert d.next_leaving == tuple(removal_order(left, "betweenness", count=2))[1:]
    q = ws.departures(U, named=["Quinn"])
    assert q.gone == () and q.ignored == ("Quinn",) and "Quinn has no ties" in ws.departures_verdict(q)


# --------------------------------------------------------------------------- part 3: the figures

from p2pkit.views import workshops as vw  # noqa: E402


def _rows(s):
    return dict(s["readout"])


def _net(s):
    return next(p for p in s["panels"] if p["kind"] == "network")


def test_map_scene_shows_what_room_map_says():
    data = vw.sample_room()
    s = vw.map_scene(data, "all questions", 3, 16)
    m = ws.room_map(ws.load_room(SAMPLE).graph)
    assert s["verdict"] == ws.map_verdict(m)
    net = _net(s)
    role = dict(zip(net["people"]["name"], net["role"], strict=True))
    assert {v for v, r in role.items() if r == "bridge"} == set(m.brokers[:3])
    assert {v for v, r in role.items() if r == "no_ties"} == set(m.isolates) == {"Quinn"}
    assert _rows(s)["No ties at all"] == "Quinn"
    assert net["colour_by"] == "group" and len(set(net["group"])) == len(m.communities)
    # people keep their places whatever the question and however many answers are in
    people = {json.dumps(_net(vw.map_scene(data, q, 3, k))["people"]) for q in data.questions for k in (1, 2, 9, 16)}
    assert len(people) == 1
    early = _net(vw.map_scene(data, "all questions", 3, 2))
    assert "not_yet" in early["role"]


def test_map_with_few_answers_says_so():
    data = vw.sample_room()
    s = vw.map_scene(data, "decisions", 3, 1)  # Priya answered no decisions question
    assert "Fewer than 3 people" in s["verdict"]
    s = vw.map_scene(data, "all questions", 3, 1)
    assert _rows(s)["Answers in"] == "1 of 16"


def test_card_scene_is_the_game_round_by_round():
    T, P = ws.chart(13, 3), ws.peer_round(13, vw.ANYONE, 0)
    cards = ws.deal_cards(list(range(13)), 0)
    a, b = ws.pass_the_cards(T, cards), ws.pass_the_cards(P, cards)
    end = vw.card_scene(13, 3, vw.ANYONE, 0, vw.END, 3.0)
    assert end["verdict"] == ws.card_game_verdict(ws.CardGame(a, b, 3.0))
    assert _rows(end)["Rounds of passing (chart / peer-to-peer)"] == f"{a.ticks} / {b.ticks}"
    for t in (0, 2, 5):
        s = vw.card_scene(13, 3, vw.ANYONE, 0, t, 3.0)
        chart_panel = s["panels"][0]
        held = a.at(t).held
        assert sorted(chart_panel["highlight"]) == sorted(v for v in T if held[v])
        assert _rows(s)[f"Cards delivered after {t} round{'s' if t != 1 else ''}"].startswith(f"{a.at(t).delivered} /")
    timed = vw.card_scene(13, 3, vw.ANYONE, 0, vw.END, 3.0, room_chart=90, room_peers=30)
    assert "Your room took 90 s and 30 s" in timed["verdict"]
    with pytest.raises(P2PKitError):
        vw.card_scene(13, 3, vw.ANYONE, 0, vw.END, 0.0)


def test_card_game_at_a_thousand_people_draws_no_hairball():
    s = vw.card_scene(300, 3, vw.ANYONE, 0, vw.END, 3.0)
    assert s["panels"][1]["ties"] == [] and "ties not drawn" in s["panels"][1]["title"]


def test_weaving_scene_makes_the_weavers_introductions():
    from p2pkit.weaving import phase_profile

    data = vw.sample_room()
    U = data.network("all questions")
    comms = [set(c) for c in __import__("p2pkit.communities", fromlist=["detect"]).detect(U, seed=0)]
    plan = ws.suggest_introductions(U, "Kofi", comms)
    for k in (0, 2, 6):
        s = vw.weaving_scene(data, "all questions", "Kofi", k)
        H, intros = ws.introductions(U, plan[:k], comms)
        assert s["verdict"] == ws.weaving_verdict(ws.WeavingRound(phase_profile(U, "Kofi"), phase_profile(H, "Kofi"),
                                                                  tuple(intros)))
        net = _net(s)
        assert net.get("tie_kind", []).count("intro") == sum(1 for i in intros if i.kind != "already tied")
        assert net["role"][net["people"]["name"].index("Kofi")] == "weaver"
    assert _rows(vw.weaving_scene(data, "all questions", "Kofi", 2))["3. next"].startswith(f"{plan[2][0]} and")


def test_weaving_with_typed_introductions():
    data = vw.RoomData(SAMPLE, typed="Quinn-Kofi, Bo-Jun, Ana-Xavier")
    assert data.pairs == [("Quinn", "Kofi"), ("Bo", "Jun")] and "Xavier" in data.problems[0]
    fig = vw.weaving(data)
    made = next(c for c in fig.controls if c.name == "made")
    assert made.values == (0, 1, 2)
    s = fig.scene(made=2)
    assert "bridges community" in _rows(s)["1. made"] and s["verdict"].startswith("2 introductions")


def test_boss_scene_agrees_with_departures():
    data = vw.sample_room()
    U = data.network("decisions")
    s = vw.boss_scene(data, "decisions", "Priya", 0, "betweenness", False)
    d = ws.departures(U, named=["Priya"])
    assert s["verdict"] == ws.departures_verdict(d)
    assert _rows(s)["Pairs who can reach each other"] == f"{d.pairs_before:.0%} before, {d.pairs_after:.0%} now"
    net = _net(s)
    role = dict(zip(net["people"]["name"], net["role"], strict=True))
    assert role["Priya"] == "removed" and {v for v, r in role.items() if r == "cut_off"} == set(d.cut_off)
    assert net["removable"] and d.groups == 3
    backed = vw.boss_scene(data, "decisions", "Priya", 0, "betweenness", True)
    assert _rows(backed)["Pairs who can reach each other"].endswith("100% now")
    assert net_kinds(backed) == 2
    nobody = vw.boss_scene(data, "advice", "", 0, "betweenness", True)
    assert _rows(nobody)["Backup ties added"].startswith("none needed")


def net_kinds(s):
    return _net(s).get("tie_kind", []).count("backup")


def test_names_are_data_everywhere(tmp_path):
    evil = '<img src=x onerror=alert(1)>'
    path = tmp_path / "room.csv"
    path.write_text("Source,Target\n"
                    f"\"{evil}\",Bo\nBo,$x^2$\n$x^2$,\"{evil}\"\nBo,Cy\nCy,Di\nDi,Bo\n", encoding="utf-8")
    data = vw.RoomData(path)
    for make in (vw.map_our_network, vw.weaving, vw.remove_the_boss):
        page = make(data).static_html()
        assert evil not in page and "<img" not in page
        body = page.split("<script type='application/json' class='p2p-fig-data'>")[1].split("</script>")[0]
        assert evil in json.dumps(json.loads(body), ensure_ascii=False)  # the name itself is kept, as data


def test_the_figures_are_the_same_in_every_process():
    """Names are strings, whose set order changes with Python's hash seed: the figures must not."""
    import os
    import subprocess
    import sys

    code = ("import hashlib; from p2pkit.views import workshops as vw; "
            "print(hashlib.sha256((vw.map_our_network().static_html() + vw.weaving().static_html())"
            ".encode()).hexdigest())")
    out = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed, P2PKIT_FIGURES="static")
        r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
        assert r.returncode == 0, r.stderr[-2000:]
        out.add(r.stdout.strip())
    assert len(out) == 1, "the figures differ between processes"


# --------------------------------------------------------------------------- the live panel


def test_demos_are_static_figures_on_the_site_and_panels_in_presenter_mode(monkeypatch):
    import ipywidgets

    from p2pkit.views import Figure

    monkeypatch.setenv("P2PKIT_FIGURES", "static")
    for demo in (vw.map_demo, vw.card_game_demo, vw.weaving_demo, vw.remove_the_boss_demo):
        assert isinstance(demo(), Figure)
    monkeypatch.setenv("P2PKIT_FIGURES", "live")
    for demo in (vw.map_demo, vw.weaving_demo, vw.remove_the_boss_demo):
        box = demo()
        assert isinstance(box, ipywidgets.VBox) and len(box.children) == 2, demo.__name__
    assert isinstance(vw.card_game_demo(), Figure)  # no data to read: the figure is live by itself


def test_live_panel_reads_the_rooms_file_and_says_what_went_wrong():
    from p2pkit.views.live import LiveFigure

    panel = vw.RoomPanel(vw.map_our_network, str(SAMPLE))
    assert isinstance(panel.widget.children[-1], LiveFigure) and "18 people" in panel.status.value
    first = panel.widget.children[-1]
    panel.codes.value = True
    coded = panel.widget.children[-1]
    assert coded is not first and "Priya" not in json.dumps(coded.scene) and "codes instead of names" in panel.status.value
    panel.path.value = "no-such-file.csv"
    assert "no-such-file.csv" in panel.status.value and "Traceback" not in panel.status.value
    assert panel.widget.children[-1] is coded, "a bad file keeps the last good figure"
    panel.path.value = ""
    assert "Upload" in panel.status.value
    # an upload wins over the path (ipywidgets 8 value layout)
    panel.upload.value = ({"name": "room.csv", "content": memoryview(b"Source,Target\nAna,Bo\nBo,Cy\nCy,Ana\nCy,Di\n"),
                           "type": "text/csv", "size": 40, "last_modified": datetime.datetime(2026, 1, 1)},)
    assert "room.csv" in panel.status.value and "4 people" in panel.status.value


def test_live_panel_typed_pairs_rebuild_the_figure_and_keep_the_rooms_settings():
    panel = vw.RoomPanel(vw.remove_the_boss, str(SAMPLE), typed="", kind="boss")
    panel.widget.children[-1].set_values(removed="Priya")
    panel.typed.value = "Iñaki-Dana, Zoë-Bo, Ana-Nobody"
    assert panel.figure is not None and "Nobody" in panel.status.value
    w = panel.widget.children[-1]
    assert w.values["removed"] == "Priya" and w.values["backup"] is True, "the boss stays gone; typed ties are tested"
    rows = dict(w.scene["readout"])
    assert w.message == "" and rows["Pairs who can reach each other"].endswith("100% now")
    assert rows["Backup ties added"] == "Iñaki-Dana; Zoë-Bo"
    panel.codes.value = True  # codes: Priya is no longer a name in the figure, so nobody is chosen
    assert panel.widget.children[-1].values["removed"] in ("", None)
    weave = vw.RoomPanel(vw.weaving, str(SAMPLE), typed="", kind="weaving")
    weave.typed.value = "Quinn-Kofi, Bo-Jun"
    assert weave.widget.children[-1].values["made"] == 2, "typed introductions are shown made"


def test_card_game_live_takes_the_rooms_times():
    w = vw.card_game().widget()
    w.set_values(room_chart=90, room_peers=30)
    assert w.message == "" and "Your room took 90 s and 30 s" in w.scene["verdict"]
    w.set_values(people=150)
    assert w.message == ""
    w.set_values(deal=-1)
    assert "whole number" in w.message


@pytest.mark.parametrize("G", [nx.star_graph(6), nx.path_graph(7), ws.chart(13, 3), nx.complete_graph(8),
                               nx.connected_watts_strogatz_graph(20, 4, 0.3, seed=1)], ids=str)
def test_route_centralization_is_freemans(G):
    # the card game reads equipotency's centralization (its own faster copy is gone): Freeman's
    # betweenness centralization, checked against networkx's betweenness
    from p2pkit.equipotency import centralization

    c = nx.betweenness_centrality(G, normalized=True)
    freeman = sum(max(c.values()) - x for x in c.values()) / (G.number_of_nodes() - 1)
    assert freeman == pytest.approx(centralization(G, "betweenness"), abs=1e-9)


def test_departures_in_a_large_room_bound_the_connectivity_quickly():
    G = nx.circulant_graph(80, [1, 2, 3])  # no single point of failure; 6 must leave at once
    quick = ws.departures(G, named=[0])
    assert not quick.connectivity_exact and quick.connectivity_now == 2
    slow = ws.departures(G, named=[0], exact=True)
    assert slow.connectivity_exact and slow.connectivity_now == nx.node_connectivity(nx.circulant_graph(80, [1, 2, 3]).subgraph(range(1, 80)))
    assert ws.departures(nx.circulant_graph(12, [1, 2]), named=[0]).connectivity_exact
