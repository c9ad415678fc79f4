"""What a figure shows in one state, as plain data the browser draws.

A *scene* is a JSON-ready dictionary: one or more panels (a network, a chart, a set of bars),
a readout table, the model's verdict sentence and a one-sentence summary for screen readers.
Figure functions build scenes from the models' results with the helpers here; the browser
component (``assets/p2pfig.js``) only draws them. Nothing here computes a measure: the
numbers arrive from the models, and this module only rounds, names and arranges them.

Conventions
-----------
- People are listed in one fixed order per panel; every per-person array (roles, sizes,
  figures) follows that order, and ties are pairs of indices into it. A person who is
  removed stays in the list (drawn as removed) so that states of one figure share the list.
- Positions are scaled into the unit square (aspect ratio kept), rounded to 3 decimals.
- Numbers are rounded to 4 significant digits: the browser shows at most 3.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from ..errors import P2PKitError
from .style import ROLES

__all__ = ["network", "chart", "series", "bars", "scene", "node_id", "node_of", "compact", "roles_by_rule"]


def node_id(v: object) -> str:
    """The identifier a person carries in a scene (and in a person control's value)."""
    return str(v)


def node_of(G, ident):
    """The node of ``G`` whose :func:`node_id` is ``ident`` (``None`` for ``None`` or ``""``).

    Raises
    ------
    P2PKitError
        If nobody in ``G`` has that identifier.

    Examples
    --------
    >>> import networkx as nx
    >>> node_of(nx.path_graph(3), "2")
    2
    """
    if ident is None or ident == "":
        return None
    for v in G:
        if node_id(v) == str(ident):
            return v
    raise P2PKitError(f"nobody called {ident!r} is in this network; pick a person shown in the figure.")


def roles_by_rule(people: Iterable, rules: Sequence[tuple[str, Iterable]], default: str = "peer") -> dict:
    """Each person's role: the first of ``rules`` -- ``(role, the people it names)`` -- that names them.

    >>> roles_by_rule("abc", [("centre", "a"), ("cut_off", "ab")])
    {'a': 'centre', 'b': 'cut_off', 'c': 'peer'}
    """
    named = [(role, set(who)) for role, who in rules]
    return {v: next((role for role, who in named if v in who), default) for v in people}


def _num(x: float, digits: int = 4):
    """Round to ``digits`` significant digits; ints stay ints; NaN and infinities become None."""
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return x
    x = float(x)
    if not math.isfinite(x):
        return None
    if x == 0:
        return 0
    r = round(x, digits - 1 - int(math.floor(math.log10(abs(x)))))
    return int(r) if r == int(r) and abs(r) < 1e15 else r


def _unit_square(pos: Mapping, nodes: Sequence) -> tuple[list, list]:
    xs = [float(pos[v][0]) for v in nodes]
    ys = [float(pos[v][1]) for v in nodes]
    if not nodes:
        return [], []
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    span = max(x1 - x0, y1 - y0) or 1.0
    # centre the drawing in the unit square; y grows downwards in the browser
    ox = (span - (x1 - x0)) / 2
    oy = (span - (y1 - y0)) / 2
    return ([round((x - x0 + ox) / span, 3) for x in xs],
            [round(1 - (y - y0 + oy) / span, 3) for y in ys])


def network(
    G,
    pos: Mapping,
    *,
    title: str = "",
    names: Mapping | None = None,
    roles: Mapping | None = None,
    groups: Mapping | None = None,
    group_names: Sequence[str] | None = None,
    sizes: Mapping | None = None,
    figures: Sequence[tuple] = (),
    removed: Iterable = (),
    removable: bool = False,
    labels: bool | None = None,
    directed: bool | None = None,
    tie_kinds: Mapping | None = None,
    kind_names: Mapping | None = None,
    kind_roles: Mapping | None = None,
    highlight: Iterable = (),
    nodes: Sequence | None = None,
    role_labels: Mapping | None = None,
    colour_by: str = "role",
) -> dict:
    """A network panel: people at fixed positions, their ties, roles and figures.

    Parameters
    ----------
    G : networkx.Graph or DiGraph
        The network as it stands in this state. Ties touching a removed person are dropped.
    pos : mapping
        Node -> (x, y); any scale (it is fitted into the unit square).
    names : mapping, optional
        Node -> display name (default ``str(node)``). Names are data: the browser escapes them.
    roles : mapping, optional
        Node -> a key of :data:`p2pkit.views.style.ROLES` (colour *and* shape; default ``peer``).
    groups : mapping, optional
        Node -> community number, for "colour by community" (numbered from 0).
    sizes : mapping, optional
        Node -> relative size in [0, 1] (marker area grows with it; default all equal).
    figures : sequence of (label, mapping, format)
        Per-person figures shown on hover, focus and in the data table. ``format`` is a
        d3-format specifier (``".0%"``, ``".2f"``, ``"d"``).
    removed : iterable
        People drawn as removed (grey cross), with their ties left out.
    removable : bool
        If true, clicking a person (or pressing Enter on them) sets the figure's person control.
    labels : bool, optional
        Write names beside the markers (default: only for 20 people or fewer).
    tie_kinds : mapping, optional
        (u, v) -> kind key (for example the relation), drawn with its own dash pattern.
    kind_names : mapping, optional
        Kind key -> legend text. Its order fixes each kind's dash pattern (the first kind
        solid) and its place in the legend, so a kind looks the same in every state even when
        another is absent; without it kinds take patterns in order of appearance.
    kind_roles : mapping, optional
        Kind key -> a role of :data:`~p2pkit.views.style.ROLES`: ties of that kind are drawn
        thicker in the role's colour (on top of their dash pattern), for example the route a
        request took.
    highlight : iterable
        People to ring (for example the people a message has reached).
    nodes : sequence, optional
        The fixed order of people (default ``list(G)``); pass the same order in every state.
    role_labels : mapping, optional
        Role -> the words this figure uses for it in legends and tooltips (the colour and
        shape stay those of :data:`~p2pkit.views.style.ROLES`).
    colour_by : {"role", "group"}
        What the figure colours people by when it first shows (the reader can switch with
        "Colour by"); ``"group"`` needs ``groups``. Shapes always show the role.
    """
    order = list(nodes) if nodes is not None else list(G)
    if any(v not in pos for v in order):
        missing = [v for v in order if v not in pos][:3]
        raise P2PKitError(f"no position for {missing!r}; give a layout that covers everyone.")
    index = {v: i for i, v in enumerate(order)}
    gone = set(removed)
    roles = roles or {}
    role = [_require_role("removed" if v in gone else roles.get(v, "peer")) for v in order]
    people = _people(order, pos, names or {})
    ties, kinds = _tie_list(G, index, gone, tie_kinds)
    panel = {
        "kind": "network",
        "title": title,
        "people": people,
        "role": role,
        "ties": ties,
        "directed": bool(G.is_directed()) if directed is None else bool(directed),
        "labels": (len(order) <= 20) if labels is None else bool(labels),
        "removable": bool(removable),
    }
    panel.update(_group_fields(order, groups, group_names, colour_by))
    panel.update(_person_fields(order, sizes, figures))
    if role_labels:
        panel["role_labels"] = {str(k): str(v) for k, v in role_labels.items()}
    if tie_kinds is not None:
        panel.update(_kind_fields(kinds, kind_names, kind_roles))
    hl = [index[v] for v in highlight if v in index]
    if hl:
        panel["highlight"] = hl
    return panel


def _require_role(role: str) -> str:
    """``role`` if it is a key of :data:`~p2pkit.views.style.ROLES`, else a :class:`P2PKitError`."""
    if role not in ROLES:
        raise P2PKitError(f"unknown role {role!r}; use one of {sorted(ROLES)}.")
    return role


def _people(order: Sequence, pos: Mapping, names: Mapping) -> dict:
    """Each person's identifier, display name and position in the unit square."""
    xs, ys = _unit_square(pos, order)
    return {"id": [node_id(v) for v in order], "name": [str(names.get(v, v)) for v in order], "x": xs, "y": ys}


def _tie_list(G, index: Mapping, gone: set, tie_kinds: Mapping | None) -> tuple[list[int], list[str]]:
    """The ties between people still present, as flat index pairs, and each tie's kind."""
    ties: list[int] = []
    kinds: list[str] = []
    for u, v in G.edges():
        if u in gone or v in gone or u not in index or v not in index:
            continue
        ties += [index[u], index[v]]
        if tie_kinds is not None:
            kinds.append(str(tie_kinds.get((u, v), tie_kinds.get((v, u), ""))))
    return ties, kinds


def _group_fields(order: Sequence, groups: Mapping | None, group_names: Sequence[str] | None,
                  colour_by: str) -> dict:
    """The community of each person (``-1`` for none), their names, and what to colour by."""
    if colour_by not in ("role", "group") or (colour_by == "group" and groups is None):
        raise P2PKitError(f"colour_by must be 'role', or 'group' with groups given; got {colour_by!r}.")
    out: dict = {}
    if groups is not None:
        out["group"] = [int(groups[v]) if v in groups else -1 for v in order]
        if colour_by == "group":
            out["colour_by"] = "group"
        if group_names is not None:
            out["group_names"] = [str(g) for g in group_names]
    return out


def _person_fields(order: Sequence, sizes: Mapping | None, figures: Sequence[tuple]) -> dict:
    """Each person's marker size (clipped to [0, 1]) and figures, in the panel's order."""
    out: dict = {}
    if sizes is not None:
        out["size"] = [_num(max(0.0, min(1.0, float(sizes.get(v, 0.0)))), 3) for v in order]
    if figures:
        out["figures"] = [
            {"label": str(label), "format": fmt,
             "values": [_num(values[v]) if v in values and values[v] is not None else None for v in order]}
            for label, values, fmt in figures
        ]
    return out


def _kind_fields(kinds: list[str], kind_names: Mapping | None, kind_roles: Mapping | None) -> dict:
    """Each tie's kind, the kinds' legend texts and the roles that draw some kinds thicker."""
    out: dict = {"tie_kind": kinds}
    if kind_names:
        out["kind_names"] = {str(k): str(t) for k, t in kind_names.items()}
    if kind_roles:
        for r in kind_roles.values():
            _require_role(r)
        out["kind_role"] = {str(k): str(r) for k, r in kind_roles.items()}
    return out


def series(name: str, x: Sequence[float], y: Sequence[float], *, role: str = "peer",
           dash: bool = False, points: bool = False, step: bool = False, line: bool = True) -> dict:
    """One line of a chart: ``x`` and ``y`` values, styled by a role colour (and dashed).

    ``points`` marks each value with the role's shape; ``line=False`` draws the marks only
    (for example simulated values beside the line of a formula), named in the legend.
    ``step=True`` draws a step line (each value holds until the next ``x``), for counts
    that jump, such as "needs met so far".
    """
    if len(x) != len(y):
        raise P2PKitError(f"series {name!r}: {len(x)} x values but {len(y)} y values.")
    _require_role(role)
    out = {"name": str(name), "x": [_num(v) for v in x], "y": [_num(v) for v in y],
           "role": role, "dash": bool(dash), "points": bool(points) or not line}
    if step:
        out["step"] = True
    if not line:
        out["line"] = False
    return out


def chart(
    title: str,
    lines: Sequence[dict],
    *,
    x_label: str,
    y_label: str,
    x_format: str = "",
    y_format: str = "",
    x_log: bool = False,
    y_log: bool = False,
    x_domain: Sequence[float] | None = None,
    y_domain: Sequence[float] | None = None,
    marker_x: float | None = None,
    marker_label: str = "",
    points: Sequence[dict] = (),
) -> dict:
    """A chart panel: lines (from :func:`series`), an optional marker for the current setting.

    ``points`` are single highlighted points ``{"x", "y", "label", "role"}`` (for example "you
    are here"). Formats are d3-format specifiers for the axis ticks.
    """
    panel = {"kind": "chart", "title": title, "series": list(lines), "x_label": x_label,
             "y_label": y_label, "x_format": x_format, "y_format": y_format,
             "x_log": bool(x_log), "y_log": bool(y_log)}
    if x_domain is not None:
        panel["x_domain"] = [_num(v) for v in x_domain]
    if y_domain is not None:
        panel["y_domain"] = [_num(v) for v in y_domain]
    if marker_x is not None:
        panel["marker"] = {"x": _num(marker_x), "label": marker_label}
    if points:
        panel["points"] = [{"x": _num(p["x"]), "y": _num(p["y"]), "label": str(p.get("label", "")),
                            "role": p.get("role", "centre")} for p in points]
    return panel


def bars(title: str, items: Sequence[tuple], *, note: str = "") -> dict:
    """A bars panel: ``items`` are ``(label, fraction, text, role)``; fraction in [0, 1]."""
    out = []
    for label, frac, text, role in items:
        _require_role(role)
        f = float(frac)
        out.append({"label": str(label), "value": _num(max(0.0, min(1.0, f)) if math.isfinite(f) else 0.0, 3),
                    "text": str(text), "role": role})
    return {"kind": "bars", "title": title, "bars": out, "note": note}


def scene(*panels: dict, readout: Sequence[tuple] = (), verdict: str = "", summary: str = "",
          caption: str = "") -> dict:
    """One state of a figure: its panels, readout rows ``(label, value)``, verdict and summary.

    ``summary`` is the text alternative of this state: what a sighted reader sees, in a
    sentence or two. ``verdict`` is the model's conclusion for this state.
    """
    if not summary:
        raise P2PKitError("every scene needs a summary: the text alternative for this state.")
    return {"panels": list(panels), "readout": [[str(a), str(b)] for a, b in readout],
            "verdict": verdict, "summary": summary, "caption": caption}


def compact(states: Mapping[str, dict], min_chars: int = 120, min_text: int = 32) -> tuple[dict, list]:
    """Share repeated parts between states: ``(states with references, pool)``.

    Any list or dictionary whose JSON is at least ``min_chars`` long, or text of at least
    ``min_text`` characters, that appears more than once (the people of a network, a tie list,
    a series, a verdict or a readout label that many states share) is stored once in ``pool``
    and replaced by ``{"$": index}``. The browser resolves the references when it switches state.

    Examples
    --------
    >>> states, pool = compact({"a": {"v": list(range(60))}, "b": {"v": list(range(60))}})
    >>> states["a"] == states["b"] == {"v": {"$": 0}}, len(pool)
    (True, 1)
    >>> states, pool = compact({"a": {"s": "x" * 130}, "b": {"s": "x" * 130}})
    >>> states["a"], pool == ["x" * 130]
    ({'s': {'$': 0}}, True)
    """
    import json

    counts: dict[str, int] = {}

    def text(x) -> str:
        return json.dumps(x, separators=(",", ":"), sort_keys=True, ensure_ascii=False)

    def count(x) -> None:
        if isinstance(x, dict):
            for v in x.values():
                count(v)
        elif isinstance(x, list):
            for v in x:
                count(v)
        elif not isinstance(x, str):
            return
        s = text(x)
        if len(s) >= (min_text if isinstance(x, str) else min_chars):
            counts[s] = counts.get(s, 0) + 1

    for st in states.values():
        for v in st.values():
            count(v)

    pool: list = []
    where: dict[str, int] = {}

    def swap(x):
        if isinstance(x, (dict, list)):
            s = text(x)
            if counts.get(s, 0) > 1:
                if s not in where:
                    inner = {k: swap(v) for k, v in x.items()} if isinstance(x, dict) else [swap(v) for v in x]
                    where[s] = len(pool)
                    pool.append(inner)
                return {"$": where[s]}
            return {k: swap(v) for k, v in x.items()} if isinstance(x, dict) else [swap(v) for v in x]
        if isinstance(x, str):
            s = text(x)
            if counts.get(s, 0) > 1:  # counted only from min_text characters
                if s not in where:
                    where[s] = len(pool)
                    pool.append(x)
                return {"$": where[s]}
        return x

    out = {key: {k: swap(v) for k, v in st.items()} for key, st in states.items()}
    return out, pool
