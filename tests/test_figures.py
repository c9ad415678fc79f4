"""Every interactive figure: its static grid is complete and well formed, every control
changes something, it stays within the page budget, and its live widget recomputes for free
values and turns bad input into a message.

Figure modules are the modules of ``p2pkit.views`` that define ``FIGURES`` (a list of
functions returning a :class:`p2pkit.views.Figure`).
"""

from __future__ import annotations

import json
import logging

import pytest

from p2pkit.errors import P2PKitError
from p2pkit.views import catalogue
from p2pkit.views.component import Figure, _json_for_html, figure_mode, static_assets
from p2pkit.views.scene import compact
from p2pkit.views.style import ROLES

FACTORIES = catalogue()
IDS = [f"{f.__module__.rsplit('.', 1)[-1]}.{f.__name__}" for f in FACTORIES]
#: one figure's data on a page (a chapter page holds two or three; the page budget is 1.5 MB)
FIGURE_BUDGET = 700_000

_cache: dict = {}


def _built(factory):
    if factory not in _cache:
        fig = factory()
        _cache[factory] = (fig, fig.states())
    return _cache[factory]


def test_there_are_figures():
    assert len(FACTORIES) >= 2


@pytest.fixture(params=FACTORIES, ids=IDS)
def built(request):
    return _built(request.param)


def _check_panel(p, where):
    assert p["kind"] in ("network", "chart", "bars"), where
    if p["kind"] == "network":
        n = len(p["people"]["id"])
        assert n == len(set(p["people"]["id"])), f"{where}: duplicate person ids"
        for k in ("name", "x", "y"):
            assert len(p["people"][k]) == n, f"{where}: people.{k}"
        assert len(p["role"]) == n and all(r in ROLES for r in p["role"]), where
        assert len(p["ties"]) % 2 == 0 and all(0 <= i < n for i in p["ties"]), f"{where}: ties"
        for f in p.get("figures", []):
            assert len(f["values"]) == n, f"{where}: figure {f['label']}"
        for k in ("size", "group"):
            if k in p:
                assert len(p[k]) == n, f"{where}: {k}"
        assert all(0 <= v <= 1 for v in p["people"]["x"] + p["people"]["y"]), f"{where}: positions"
    elif p["kind"] == "chart":
        assert p["series"] or p.get("points"), f"{where}: an empty chart"
        for s in p["series"]:
            assert len(s["x"]) == len(s["y"]) and s["role"] in ROLES, where
    else:
        assert p["bars"], where


def test_every_state_is_well_formed(built):
    fig, states = built
    assert isinstance(fig, Figure)
    assert fig.default_key() in states, "the default state is missing from the grid"
    for key, st in states.items():
        where = f"{fig.title} [{key}]"
        assert st["summary"].strip(), f"{where}: no text alternative"
        assert isinstance(st["verdict"], str)
        assert st["panels"], f"{where}: nothing to draw"
        for p in st["panels"]:
            _check_panel(p, where)
        json.dumps(st, allow_nan=False)


def test_every_control_changes_something(built):
    """The grid-level dead-control check: from the default state, some other value of each
    control gives another scene (the browser test checks the same on the built pages)."""
    fig, states = built
    base = [c for c in fig.controls if c.kind != "person"]
    tail = ";" if any(c.kind == "person" for c in fig.controls) else ""
    default = [c.values.index(c.default) for c in base]
    key = lambda idx: ",".join(map(str, idx)) + tail  # noqa: E731
    for j, c in enumerate(base):
        if len(c.values) < 2:
            continue  # a single value is not shown on the site
        others = [default[:j] + [k] + default[j + 1:] for k in range(len(c.values)) if k != default[j]]
        assert any(states[key(o)] != states[key(default)] for o in others), \
            f"{fig.title}: the control {c.label!r} changes nothing from the default state"


def test_figure_fits_the_page_budget(built):
    fig, states = built
    packed, pool = compact(states)
    size = len(_json_for_html({"states": packed, "pool": pool}).encode())
    assert size <= FIGURE_BUDGET, f"{fig.title}: {size / 1e3:.0f} kB of data (budget {FIGURE_BUDGET / 1e3:.0f} kB)"


def test_compact_is_lossless(built):
    fig, states = built
    packed, pool = compact(states)

    def resolve(x):
        if isinstance(x, list):
            return [resolve(v) for v in x]
        if isinstance(x, dict):
            if set(x) == {"$"}:
                return resolve(pool[x["$"]])
            return {k: resolve(v) for k, v in x.items()}
        return x

    for key in list(states)[:: max(1, len(states) // 25)]:
        assert resolve(packed[key]) == states[key]


def test_live_widget_recomputes_and_reports_problems(built, caplog):
    fig, _ = built
    w = fig.widget()
    assert w.scene and w.message == ""
    first = w.scene
    changed = False
    for c in fig.controls:
        if c.kind == "person":
            continue
        if c.kind == "seed":
            w.set_values(**{c.name: 12345})
        elif c.live is not None:
            lo, hi, _ = c.live
            w.set_values(**{c.name: hi if c.default != hi else lo})
        elif len(c.values) > 1:
            w.set_values(**{c.name: c.values[-1] if c.default != c.values[-1] else c.values[0]})
        else:
            continue
        assert w.message == "", f"{fig.title}: {c.label} -> {w.message}"
        changed = changed or w.scene != first
        w.set_values(**{c.name: c.default})
    assert changed or not fig.controls
    # a value outside what a control allows is a message, never an exception
    c = next((c for c in fig.controls if c.kind != "person"), None)
    if c is not None:
        before = w.scene
        w.set_values(**{c.name: "not a value"})
        assert w.message and w.scene == before
        w.set_values(**{c.name: c.default})
        assert w.message == ""


def test_an_unexpected_error_is_logged_and_shown_plainly(caplog):
    from p2pkit.views import scene, slider

    def broken(x):
        if x == 2:
            raise ZeroDivisionError("boom")
        return scene(summary="fine")

    w = Figure("Broken", broken, [slider("x", "X", (1, 2))]).widget()
    with caplog.at_level(logging.ERROR, logger="p2pkit.views"):
        w.set_values(x=2)
    assert "ZeroDivisionError" in w.message and "Traceback" not in w.message
    assert any("Traceback" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_static_html_escapes_names_and_is_deterministic():
    import networkx as nx

    from p2pkit.views import network, scene

    G = nx.path_graph(3)
    names = {0: "</script><script>alert(1)</script>", 1: "=HYPERLINK(\"x\")", 2: "Ann & Bo"}

    def build(k):
        return scene(network(G, {0: (0, 0), 1: (1, 0), 2: (2, k)}, names=names), summary="<b>s</b>")

    from p2pkit.views import slider

    f1 = Figure("Names", build, [slider("k", "K", (0, 1))])
    f2 = Figure("Names", build, [slider("k", "K", (0, 1))])
    h = f1.static_html()
    assert h == f2.static_html()
    assert "</script><script>" not in h and "<b>s</b>" not in h
    body = h.split("<script type='application/json' class='p2p-fig-data'>")[1].split("</script>")[0]
    assert json.loads(body)["title"] == "Names"


def test_figure_mode_follows_the_environment(monkeypatch):
    monkeypatch.setenv("P2PKIT_FIGURES", "live")
    assert figure_mode() == "live"
    monkeypatch.setenv("P2PKIT_FIGURES", "static")
    assert figure_mode() == "static"
    monkeypatch.delenv("P2PKIT_FIGURES")
    assert figure_mode() == "static"  # not in a kernel


def test_bad_declarations_are_refused():
    from p2pkit.views import person, scene, slider

    with pytest.raises(P2PKitError):
        slider("x", "X", ())
    with pytest.raises(P2PKitError):
        slider("x", "X", (1, 2), default=3)
    with pytest.raises(P2PKitError):
        Figure("Two people", lambda **k: scene(summary="s"), [person("a"), person("b")])
    with pytest.raises(P2PKitError):
        scene()


def test_inlined_scripts_cannot_close_their_tag():
    for name, text in static_assets().items():
        assert "</script" not in text.lower(), name


def test_a_network_panel_refuses_what_it_cannot_draw():
    import networkx as nx

    from p2pkit.views import network

    G = nx.path_graph(3)
    pos = {0: (0, 0), 1: (1, 0), 2: (2, 1)}
    with pytest.raises(P2PKitError, match="no position for"):
        network(G, {0: (0, 0)})
    with pytest.raises(P2PKitError, match="unknown role 'boss of all'"):
        network(G, pos, roles={1: "boss of all"})
    with pytest.raises(P2PKitError, match="colour_by"):
        network(G, pos, colour_by="group")
    with pytest.raises(P2PKitError, match="unknown role 'nope'"):
        network(G, pos, tie_kinds={(0, 1): "a"}, kind_roles={"a": "nope"})
    panel = network(G, pos, removed=[2], groups={0: 0, 1: 1}, colour_by="group", sizes={0: 2.0},
                    tie_kinds={(1, 0): "a"}, kind_names={"a": "asks"}, highlight=[1, 9])
    assert panel["role"] == ["peer", "peer", "removed"] and panel["ties"] == [0, 1]
    assert panel["group"] == [0, 1, -1] and panel["colour_by"] == "group"
    assert panel["size"] == [1, 0, 0] and panel["tie_kind"] == ["a"] and panel["highlight"] == [1]
    assert list(panel)[:8] == ["kind", "title", "people", "role", "ties", "directed", "labels", "removable"]
