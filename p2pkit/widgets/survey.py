"""Workshop widget: map your own team from an uploaded file or a path, live in Jupyter.

Upload the survey answers (or type a path), choose a relation, tick *Pseudonymise* before
projecting to a room, and pick which figure to show. The readout shows what was read,
tidied and skipped, and the report's plain-language reading of the figure. Every problem
appears as a one-line message, never a traceback; every name is shown as text (escaped).
"""

from __future__ import annotations

import hashlib
import html
import tempfile
from pathlib import Path

import ipywidgets as w

from ..errors import P2PKitError
from ..report import (diagnose, figure_equipotency, figure_krackhardt, figure_map, figure_resilience,
                      readings)
from ..survey import RELATIONS, pseudonym_map, pseudonymise, read_survey
from .core import Explorer

__all__ = ["explorer", "render", "FIGURES"]

#: Figure choices: label -> (figure function key, readings key).
FIGURES = {
    "Network map": ("map", "map"),
    "Equipotency": ("equipotency", "equipotency"),
    "Krackhardt's dimensions": ("krackhardt", "krackhardt"),
    "Resilience": ("resilience", "resilience"),
}

_ALL = "all relations"


def _uploaded(value) -> tuple[str, bytes] | None:
    """(file name, content) of the first uploaded file, for ipywidgets 7 and 8 layouts."""
    if not value:
        return None
    if isinstance(value, dict):  # ipywidgets 7: {name: {"content": ...}}
        name, item = next(iter(value.items()))
        return str(name), bytes(item["content"])
    item = value[0]
    return str(item["name"]), bytes(item["content"])


def _source(values: dict) -> tuple[str, bytes | Path]:
    up = _uploaded(values.get("upload"))
    if up is not None:
        return up
    path = (values.get("path") or "").strip()
    if not path:
        raise P2PKitError("Upload a CSV file with the survey answers, or type the path of one.")
    return path, Path(path)


_CACHE: dict = {}


def _analyse(values: dict):
    label, src = _source(values)
    rel = None if values.get("relation") in (None, _ALL) else values["relation"]
    if isinstance(src, bytes):
        ident = hashlib.sha256(src).hexdigest()
    else:
        try:
            ident = f"{src.resolve()}:{src.stat().st_mtime_ns}"
        except OSError:
            ident = str(src)
    key = (label, ident, rel, bool(values.get("pseudonymise")))
    if key in _CACHE:
        return _CACHE[key]
    if isinstance(src, bytes):
        # an uploaded copy: written to a private temporary folder, read, and deleted
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / (Path(label).name or "upload.csv")
            p.write_bytes(src)
            survey = read_survey(p, relation=rel)
    else:
        survey = read_survey(src, relation=rel)
    G, summary = survey
    name_of = str
    if values.get("pseudonymise"):
        mapping = pseudonym_map((str(v) for v in G), "")
        G, _ = pseudonymise(G, mapping=mapping)
        name_of = lambda v: mapping.get(v, "(someone not in the network)")  # noqa: E731
    d = diagnose(G, progress=False)
    d.respondents = summary.respondents
    _CACHE.clear()  # keep one analysis only: uploaded data should not linger
    _CACHE[key] = (G, summary, d, name_of)
    return _CACHE[key]


def render(values: dict):
    """Read, measure and draw: ``(figure, readout_html)`` (raises P2PKitError on bad input)."""
    G, summary, d, name_of = _analyse(values)
    which, rkey = FIGURES.get(values.get("figure"), FIGURES["Network map"])
    if which == "map":
        fig = figure_map(G, d)
    elif which == "equipotency":
        fig = figure_equipotency(d)
    elif which == "krackhardt":
        fig = figure_krackhardt(d)
    else:
        fig = figure_resilience(d)
    fig.set_size_inches(7.0, min(5.2, fig.get_size_inches()[1]))
    r = readings(d)
    lines = summary.lines(name_of)
    head = "".join(f"<li>{html.escape(x)}</li>" for x in lines[:12])
    more = f"<li>... {len(lines) - 12} more lines (see the full report)</li>" if len(lines) > 12 else ""
    readout = (f"<div style='max-width:30em'><p><b>Reading.</b> {html.escape(r[rkey])}</p>"
               f"<p><b>What was read</b></p><ul style='font-size:0.85em'>{head}{more}</ul></div>")
    return fig, readout


def explorer(path: str = "", relation: str = _ALL, pseudonymised: bool = True) -> Explorer:
    """The workshop widget: a file upload or a path, a relation, a pseudonymise switch, a figure.

    Parameters
    ----------
    path : str, optional
        A CSV to start with (for example ``p2pkit/data/orgnets/krack_advice.csv``).
    relation : str, default "all relations"
    pseudonymised : bool, default True
        Start with names hidden: the safe default in front of a room.
    """
    controls = {
        "upload": w.FileUpload(accept=".csv,.txt,.tsv", multiple=False, description="Upload CSV"),
        "path": w.Text(value=path, description="or path", placeholder="answers.csv",
                       layout=w.Layout(width="22em")),
        "relation": w.Dropdown(options=[_ALL, *RELATIONS], value=relation if relation in (_ALL, *RELATIONS) else _ALL,
                               description="Relation"),
        "pseudonymise": w.Checkbox(value=pseudonymised, description="Pseudonymise"),
        "figure": w.Dropdown(options=list(FIGURES), value="Network map", description="Show"),
    }
    return Explorer(controls, render, title="Map your own team")
