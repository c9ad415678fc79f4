"""Exports of the live survey, written only inside the survey's folder.

- the answers in **the kit's CSV form** (one row per person who answered: ``Timestamp, Your
  name, Your team`` and one ``Label: question`` column per question holding the names ticked,
  separated by ``;``), which :func:`p2pkit.team.intake.read_survey` reads back, with the people
  CSV, to the same network;
- the roster as **the kit's people CSV** (``name,team``);
- **the full team report** (:func:`p2pkit.team.render.build_report`): one HTML file that works offline.

Every cell, and every name inside a cell, is neutralised against formula injection with
:func:`p2pkit.team.privacy.neutralise_cell` (the same rule as :mod:`p2pkit.team.exports`): a name such as
``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)`` in both files, so they still match. With codes instead of names switched on, every name
is replaced by its code (:func:`p2pkit.team.privacy.pseudonym_map` with the survey's own secret
key), in the files and in the report alike.

Files go to ``FOLDER/exports/`` and never over an existing file. Names of files come from
:func:`export_path` and :func:`download_path`, which refuse anything that could leave that
folder (``..``, slashes, absolute paths, links).
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ..privacy import neutralise_cell, pseudonym_map
from ..summary import ReadSummary, Survey
from .model import RoomError, survey_graph
from .store import Snapshot

__all__ = [
    "EXPORTS",
    "download_path",
    "export_path",
    "form_rows",
    "list_exports",
    "names_for",
    "write_exports",
]

EXPORTS = "exports"
_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,60}")
_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,60}-(answers|people)\.csv|[A-Za-z0-9][A-Za-z0-9_-]{0,60}-report\.html")


def _exports_dir(folder: Path) -> Path:
    d = Path(folder).resolve() / EXPORTS
    d.mkdir(exist_ok=True)
    if d.is_symlink() or not d.resolve().is_relative_to(Path(folder).resolve()):
        raise RoomError("the exports folder is a link to somewhere else; remove it.", 403)
    return d


def _inside(folder: Path, name: str, pattern: re.Pattern, what: str) -> Path:
    if not isinstance(name, str) or not pattern.fullmatch(name):
        raise RoomError(f"{what} {name[:80]!r} is not allowed: use letters, digits, '-' and '_' only "
                        "(files stay in the survey's exports folder).", 400)
    d = _exports_dir(folder)
    path = d / name
    if path.is_symlink() or path.resolve().parent != d.resolve():
        raise RoomError(f"{what} {name!r} points outside the survey's exports folder.", 403)
    return path


def export_path(folder: Path, stem: str, suffix: str) -> Path:
    """``FOLDER/exports/STEM-SUFFIX`` after checking ``stem`` (letters, digits, ``-``, ``_``)."""
    if not isinstance(stem, str) or not _STEM.fullmatch(stem):
        _inside(folder, str(stem), _STEM, "the export name")  # raises with the message
    return _inside(folder, f"{stem}-{suffix}", _FILE, "the export name")


def download_path(folder: Path, name: str) -> Path:
    """The exported file ``name`` in ``FOLDER/exports`` (404 if there is none)."""
    path = _inside(folder, name, _FILE, "the file name")
    if not path.is_file():
        raise RoomError("there is no such export; export again.", 404)
    return path


def list_exports(folder: Path) -> list[tuple[str, int, float]]:
    """``(name, bytes, modified)`` of every export, newest first."""
    d = Path(folder).resolve() / EXPORTS
    if not d.is_dir():
        return []
    out = [(p.name, p.stat().st_size, p.stat().st_mtime) for p in d.iterdir()
           if p.is_file() and not p.is_symlink() and _FILE.fullmatch(p.name)]
    return sorted(out, key=lambda x: (-x[2], x[0]))


def names_for(snap: Snapshot) -> Callable[[str], str]:
    """Name -> what is shown and exported: the name, or its code when pseudonymising."""
    if not snap.settings.pseudonymise:
        return str
    mapping = pseudonym_map((p.name for p in snap.people), snap.key)
    return lambda v: mapping.get(v, "(not on the roster)")


def form_rows(snap: Snapshot) -> tuple[list[str], list[list[str]]]:
    """The kit's CSV form: header and one row per person who answered (roster order)."""
    name = names_for(snap)
    qs = snap.settings.questions
    header = ["Timestamp", "Your name", "Your team"] + [q.header for q in qs]
    rows = []
    for p in snap.people:
        if p.name not in snap.answers:
            continue
        ticks = snap.answers[p.name]
        when = datetime.fromtimestamp(snap.answered_at.get(p.name, time.time())).strftime("%Y-%m-%d %H:%M:%S")
        rows.append([when, name(p.name), p.team] + [_cell([name(n) for n in ticks.get(q.key, [])]) for q in qs])
    return header, rows


def _cell(names: list[str]) -> str:
    """Names for one cell of the form: each neutralised (as in the people file, so that they
    match when read back), joined by ``; ``. A lone name with a comma gets a closing ``;``:
    the kit splits a cell without ``;`` at its commas."""
    safe = [str(neutralise_cell(n)) for n in names]
    text = "; ".join(safe)
    return text + ";" if len(safe) == 1 and "," in text else text


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "x", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([neutralise_cell(c) for c in header])
        for r in rows:
            w.writerow([neutralise_cell(c) for c in r])


def _summary(snap: Snapshot, G) -> ReadSummary:
    s = ReadSummary()
    s.answers_read = sum(len(v) for ticks in snap.answers.values() for v in ticks.values())
    s.relations = Counter({q.key: sum(len(t.get(q.key, ())) for t in snap.answers.values())
                           for q in snap.settings.questions})
    s.ties_kept, s.people, s.respondents = G.number_of_edges(), G.number_of_nodes(), len(snap.answers)
    silent = [v for v in G if G.out_degree(v) == 0]
    if silent:
        s.add("no_answer", "the live room", None, names=tuple(silent[: s.max_examples]), count=len(silent))
    s.notes.append(f"Answers collected live in the room ({len(snap.answers)} of {len(snap.people)} people "
                   "answered), stored only on the facilitator's laptop.")
    return s


def write_exports(snap: Snapshot, folder: Path, stem: str | None = None, report: bool = True) -> list[Path]:
    """Write the CSV form, the people CSV and (with 3 people or more) the report; return the paths.

    ``stem`` names the files (``STEM-answers.csv``, ``STEM-people.csv``, ``STEM-report.html``);
    by default ``room-YYYYMMDD-HHMMSS``. An existing file is never overwritten.
    """
    stem = stem or datetime.now().strftime("room-%Y%m%d-%H%M%S")
    if snap.settings.pseudonymise and _STEM.fullmatch(stem) and not stem.endswith("-codes"):
        stem = stem[:54] + "-codes"
    paths = [export_path(folder, stem, s) for s in ("answers.csv", "people.csv", "report.html")]
    for p in paths:
        if p.exists():
            raise RoomError(f"{p.name} exists already; choose another export name.", 409)
    header, rows = form_rows(snap)
    _write_csv(paths[0], header, rows)
    name = names_for(snap)
    _write_csv(paths[1], ["name", "team"], [[neutralise_cell(name(p.name)), p.team] for p in snap.people])
    if not report or len(snap.people) < 3:
        return paths[:2]
    from ..render import build_report

    G = survey_graph(snap.people, snap.settings.questions, snap.answers)
    rep = build_report(Survey(G, _summary(snap, G)), pseudonymise=snap.settings.pseudonymise, key=snap.key,
                       progress=False)
    with open(paths[2], "x", encoding="utf-8") as fh:
        fh.write(rep.html)
    return paths
