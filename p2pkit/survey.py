"""Reading a team's network survey safely: tie lists, people lists, form exports, matrices.

A facilitator collects answers to a few *name-generator* questions ("whom do you go to for
advice?") on paper or with an online form, and ends up with one or two spreadsheet files.
This module turns those files into a network without ever losing anything silently:

- :func:`read_survey` -- read the answers (a tie list, an online-form export or an
  adjacency matrix) and, optionally, a people list; returns a :class:`Survey`: the network
  and a :class:`ReadSummary` of what was read, tidied, merged and skipped, and why.
- :func:`pseudonymise` / :func:`pseudonym_map` -- replace names by stable codes (P01, P02,
  ...) before anything is shown to a room or written to disk.
- :func:`neutralise_cell` -- make a text safe to write into a CSV that a spreadsheet opens
  (no formula injection).
- :func:`example_company` / :func:`write_example` -- a seeded, synthetic company to practise on.

Every problem a user can cause in a file gives one message that names the file, the row
and the problem, and says what to do (:class:`p2pkit.errors.DataFileError`). Row-level
problems do not stop the reading: the row is skipped or tidied and counted in the summary.
The user's files are only ever opened for reading. Nothing is sent anywhere: the module
makes no network calls.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import hmac
import math
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from .errors import DataFileError, P2PKitError
from .files import DELIMITER_NAMES, MAX_FILE_MB, fail, read_table

__all__ = [
    "RELATIONS",
    "QUESTIONS",
    "MAX_NAME_LENGTH",
    "MAX_FILE_MB",
    "Problem",
    "ReadSummary",
    "Survey",
    "read_survey",
    "read_people",
    "pseudonym_map",
    "pseudonymise",
    "neutralise_cell",
    "example_company",
    "write_example",
]

#: The four name-generator relations of the survey kit, in the order the form asks them.
RELATIONS = ("advice", "information", "decisions", "energy")

#: The questions of the survey kit (organisational network analysis practice: Krackhardt &
#: Hanson 1993; Cross & Parker 2004; energy: Cross, Baker & Parker 2003).
QUESTIONS = {
    "advice": "Whom do you go to for advice before you make an important decision about your work?",
    "information": "From whom do you get the information you need to do your work?",
    "decisions": "Whose agreement or input do you need before a decision in your work can go ahead?",
    "energy": "Which colleagues usually leave you with more energy for your work after you talk with them?",
}

#: Names longer than this are treated as a mistake (a note or a pasted list in a cell).
MAX_NAME_LENGTH = 100


_RELATION_KEYWORDS = (
    ("advice", "advice"), ("advise", "advice"),
    ("information", "information"), ("inform", "information"),
    ("decision", "decisions"), ("decide", "decisions"), ("approv", "decisions"),
    ("energ", "energy"),
)

_SOURCE = ("source", "from", "ego", "respondent", "sender", "asker", "seeker", "who answered", "person",
           "name", "your name")
_TARGET = ("target", "to", "alter", "receiver", "named", "named person", "chosen", "answer", "contact")
_RELATION = ("relation", "relationship", "type", "question", "network", "tie type", "connection type",
             "kind")
_WEIGHT = ("weight", "strength", "value", "frequency", "how often")
_DIRECTION = ("direction", "directed")
_PERSON = ("name", "label", "id", "person", "full name", "employee", "your name", "respondent", "who are you")
_TEAM = ("team", "department", "dept", "unit", "group", "your team", "division")
_ROLE = ("role", "title", "job title", "position", "your role", "job")
_MANAGER = ("manager", "reports to", "boss", "supervisor", "line manager", "your manager")
_FORM_META = ("timestamp", "time stamp", "start time", "completion time", "submitted", "submission time",
              "date", "id", "email", "email address", "e-mail", "last modified time", "consent")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------- the summary

#: kind -> (what it is, what the kit did, what to do). ``{n}`` is the number of cases.
PROBLEMS: dict[str, tuple[str, str, str]] = {
    "blank_row": ("blank rows", "skipped", "nothing to do"),
    "too_few_cells": ("rows with too few cells", "skipped",
                      "give every row at least the name of the person who answered and the name they chose"),
    "too_many_cells": ("rows with more cells than the header", "skipped",
                       "put a name that contains the separator (a comma) in double quotes, "
                       "or save the file again from your spreadsheet"),
    "missing_name": ("rows with an empty name cell", "skipped", "fill in the missing name"),
    "long_name": (f"names longer than {MAX_NAME_LENGTH} characters", "skipped",
                  "shorten the name: a very long cell is usually a note or a pasted list"),
    "tidied_name": ("names with extra spaces, line breaks or invisible characters", "tidied",
                    "nothing to do"),
    "self_tie": ("self-ties (someone named themselves)", "skipped",
                 "nothing to do, unless a different name was meant"),
    "duplicate_tie": ("ties given more than once", "kept once (with the largest weight)", "nothing to do"),
    "bad_weight": ("weights that are not a positive number (words, negative, NaN)", "skipped",
                   "use a positive number, or leave the cell empty for a weight of 1"),
    "zero_weight": ("ties with weight 0", "skipped (0 means no tie)", "nothing to do"),
    "undirected_tie": ("ties marked Undirected", "read in both directions", "nothing to do"),
    "unknown_name": ("names in the answers that are not in the people list", "their ties skipped",
                     "correct the spelling or add the person to the people list "
                     "(or use --keep-unknown to keep them)"),
    "unknown_name_kept": ("names in the answers that are not in the people list",
                          "kept, as people without team or role", "correct the spelling or add them to the people list"),
    "similar_names": ("names that differ only in upper/lower case or spaces", "reported, not merged",
                      "check whether they are the same person; use --merge-similar to merge them"),
    "merged_names": ("names that differed only in upper/lower case or spaces", "merged into one spelling",
                     "nothing to do, unless they are different people"),
    "duplicate_person": ("people listed more than once in the people list", "the first row kept",
                         "remove the extra rows"),
    "unknown_manager": ("managers who are not in the people list", "kept as text",
                        "add the manager to the people list, or correct the spelling"),
    "no_respondent": ("form rows without the respondent's name", "skipped",
                      "ask for the respondent's name in the form, or fill it in"),
    "repeat_respondent": ("people who sent the form more than once", "the later answer kept",
                          "nothing to do, unless the earlier answer was the right one"),
    "matrix_self_tie": ("non-zero cells on the matrix diagonal (self-ties)", "ignored", "nothing to do"),
    "no_answer": ("people who named nobody (perhaps they did not answer)", "kept, with no ties out",
                  "see the caveat on non-response; ask them again if you can"),
    "other_relation": ("ties of other relations", "left out (a relation was chosen)", "nothing to do"),
}


@dataclass(frozen=True)
class Problem:
    """One tidied, merged or skipped item: what, where, and the names involved.

    Names are kept apart from the text so that a pseudonymised view can replace them.
    ``detail`` never contains a name (it holds, for example, the bad weight as written).
    """

    kind: str
    file: str
    row: int | None = None
    names: tuple[str, ...] = ()
    detail: str = ""

    def describe(self, name: Callable[[str], str] = str) -> str:
        where = Path(self.file).name + (f", row {self.row}" if self.row is not None else "")
        bits = [", ".join(repr(name(n)) for n in self.names)] if self.names else []
        if self.detail:
            bits.append(self.detail)
        return f"{where}: {'; '.join(bits)}" if bits else where


@dataclass
class FileInfo:
    """How one file was read (``delimiter`` is None for a workbook)."""

    path: str
    kind: str
    encoding: str = "utf-8"
    delimiter: str | None = ","
    rows: int = 0
    table: object = field(default=None, repr=False, compare=False)


@dataclass
class ReadSummary:
    """What was read, tidied, merged and skipped, and why (counts and a few examples).

    Nothing is lost silently: every row or answer that did not become a tie, and every
    name that was changed, is counted here under one of the kinds in :data:`PROBLEMS`.
    """

    files: list[FileInfo] = field(default_factory=list)
    answers_read: int = 0
    ties_kept: int = 0
    people: int = 0
    respondents: int | None = None
    relations: Counter = field(default_factory=Counter)
    relation_used: str | None = None
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[Problem]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    max_examples: int = 5

    def add(self, kind: str, file: str, row: int | None = None, names: Iterable[str] = (),
            detail: str = "", count: int = 1) -> None:
        """Count one (or ``count``) problem(s) of ``kind``; keep the first few as examples."""
        if kind not in PROBLEMS:  # pragma: no cover - programming error
            raise KeyError(kind)
        self.counts[kind] += count
        ex = self.examples.setdefault(kind, [])
        if len(ex) < self.max_examples:
            ex.append(Problem(kind, str(file), row, tuple(names), detail))

    def rows(self, name: Callable[[str], str] = str) -> list[tuple[str, int, str, str, list[str]]]:
        """``(what, count, what the kit did, what to do, examples)`` for each kind seen."""
        out = []
        for kind in PROBLEMS:
            if self.counts.get(kind):
                what, did, todo = PROBLEMS[kind]
                out.append((what, self.counts[kind], did, todo,
                            [p.describe(name) for p in self.examples.get(kind, [])]))
        return out

    def lines(self, name: Callable[[str], str] = str) -> list[str]:
        """The summary as plain-text lines (``name`` maps a real name to what is shown)."""
        out = []
        for f in self.files:
            how = f.encoding if f.delimiter is None else \
                f"{f.encoding}; {DELIMITER_NAMES.get(f.delimiter, repr(f.delimiter))}-separated"
            out.append(f"Read {Path(f.path).name} as {f.kind} ({f.rows:,} rows; {how}).")
        rel = ""
        if self.relation_used:
            rel = f" of relation '{self.relation_used}'"
        resp = f"; {self.respondents:,} of them named someone" if self.respondents is not None else ""
        out.append(f"Kept {self.ties_kept:,} ties{rel} among {self.people:,} people{resp} "
                   f"(from {self.answers_read:,} answers read).")
        if len(self.relations) > 0:
            by = "Ties by relation: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.relations.items()))
            total = sum(self.relations.values())
            if self.relation_used is None and total != self.ties_kept:
                by += (f" -- {total:,} ties in all, which join {self.ties_kept:,} pairs of people "
                       "(a pair linked by several relations is one tie of the network)")
            out.append(by + ".")
        for what, n, did, todo, examples in self.rows(name):
            ex = f" e.g. {' | '.join(examples[:3])}" if examples else ""
            out.append(f"- {n} {what}: {did}. What to do: {todo}.{ex}")
        out.extend(self.notes)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


@dataclass
class Survey:
    """A network read from survey files, with the summary of how it was read.

    ``graph`` is a :class:`networkx.DiGraph`: a tie runs from the person who answered to the
    person they named. Node attributes come from the people list (``team``, ``role``,
    ``manager`` and any other column). Unpacks as ``graph, summary = survey``.
    """

    graph: nx.DiGraph
    summary: ReadSummary

    def __iter__(self) -> Iterator:
        return iter((self.graph, self.summary))


# --------------------------------------------------------------------------- reading text


def _norm_header(cell: str) -> str:
    h = _clean_text(cell).lower().strip(" :?*")
    return _WS.sub(" ", h.replace("_", " ").replace("-", " ")).strip()


def _clean_text(cell: str) -> str:
    return unicodedata.normalize("NFC", cell).translate(_ZERO_WIDTH).strip()


def _clean_name(cell: str) -> tuple[str, bool]:
    """Tidy a name: NFC, no invisible characters, spaces collapsed. Returns (name, changed)."""
    if cell.isascii() and cell.isprintable() and "  " not in cell and cell == cell.strip():
        return cell, False  # the common case, fast
    raw = cell
    t = unicodedata.normalize("NFC", cell).translate(_ZERO_WIDTH)
    t = "".join(ch if unicodedata.category(ch) != "Cc" else (" " if ch in "\t\n\r" else "") for ch in t)
    t = _WS.sub(" ", t).strip()
    return t, t != raw


def _name_key(name: str) -> str:
    """Names that differ only in case or spaces share this key."""
    return _WS.sub("", name).casefold()


def _find(header: list[str], aliases: Iterable[str], prefix: bool = False) -> int | None:
    aliases = list(aliases)
    for a in aliases:  # exact match first, in the order of preference
        for i, h in enumerate(header):
            if h == a:
                return i
    if prefix:  # then a header that starts with the word: "Source name", "Target (who was named)"
        for a in aliases:
            for i, h in enumerate(header):
                if h.startswith(a + " ") or h.startswith(a + " ("):
                    return i
    return None


def _load_table(path: str | Path, max_mb: float, kind: str, summary: ReadSummary
                ) -> tuple[str, list[str], list[str], list[tuple[int, list[str]]], FileInfo]:
    """Read a table (CSV or .xlsx, :func:`p2pkit.files.read_table`) into (source, raw header,
    normalised header, data rows, info)."""
    table = read_table(path, max_mb)
    info = FileInfo(path=table.source, kind=kind, encoding=table.encoding, delimiter=table.delimiter)
    if table.blank:
        summary.add("blank_row", table.source, detail=f"{table.blank} blank rows", count=table.blank)
    summary.notes.extend(table.notes)
    info.rows = len(table.body)
    header = [_norm_header(h) for h in table.header]
    info.table = table
    return table.source, table.header, header, table.body, info


# --------------------------------------------------------------------------- tie rows


class _Collector:
    """Accumulates ties with validation; everything it drops is counted in the summary."""

    def __init__(self, summary: ReadSummary, decimal_comma: bool = False):
        self.summary = summary
        self.ties: dict[tuple[str, str, str | None], float] = {}
        self.first_row: dict[tuple[str, str, str | None], tuple[str, int]] = {}
        self.decimal_comma = decimal_comma
        self.named: Counter = Counter()  # spelling -> times seen
        self.order: dict[str, int] = {}

    def name(self, cell: str, source: str, row: int) -> str | None:
        name, changed = _clean_name(cell)
        if not name:
            self.summary.add("missing_name", source, row)
            return None
        if len(name) > MAX_NAME_LENGTH:
            self.summary.add("long_name", source, row, names=(name[:40] + "...",),
                             detail=f"{len(name)} characters")
            return None
        if changed:
            self.summary.add("tidied_name", source, row, names=(name,))
        self.named[name] += 1
        self.order.setdefault(name, len(self.order))
        return name

    def weight(self, cell: str | None, source: str, row: int) -> float | None:
        if cell is None or not cell.strip():
            return 1.0
        t = cell.strip()
        if self.decimal_comma and "," in t and "." not in t:
            t = t.replace(",", ".")
        try:
            w = float(t)
        except ValueError:
            self.summary.add("bad_weight", source, row, detail=f"weight {cell.strip()[:20]!r}")
            return None
        if math.isnan(w) or math.isinf(w) or w < 0:
            self.summary.add("bad_weight", source, row, detail=f"weight {cell.strip()[:20]!r}")
            return None
        if w == 0:
            self.summary.add("zero_weight", source, row)
            return None
        return w

    def add(self, s: str, t: str, relation: str | None, w: float, source: str, row: int) -> None:
        if s == t:
            self.summary.add("self_tie", source, row, names=(s,))
            return
        key = (s, t, relation)
        if key in self.ties:
            self.summary.add("duplicate_tie", source, row, names=(s, t))
            self.ties[key] = max(self.ties[key], w)
            return
        self.ties[key] = w
        self.first_row[key] = (source, row)


def _relation_of(text: str) -> str:
    """Relation name for a header or a cell: one of RELATIONS if a keyword matches."""
    t = _clean_text(text).lower()
    head = t.split(":")[0] if ":" in t else ""
    for part in (head, t):  # "Energy: which colleagues..." -> the label before the colon wins
        for kw, rel in _RELATION_KEYWORDS:
            if kw in part:
                return rel
    t = head.strip() or t
    return _WS.sub(" ", t)[:60]


def _read_tie_list(source: str, header_raw: list[str], header: list[str], rows, info: FileInfo,
                   col: _Collector, summary: ReadSummary) -> None:
    si = _find(header, _SOURCE, prefix=True)
    ti = _find(header, _TARGET, prefix=True)
    if si is None or ti is None or si == ti:
        raise _missing_columns(source, header_raw, "a tie list")
    ri = _find(header, _RELATION)
    wi = _find(header, _WEIGHT)
    di = _find(header, _DIRECTION)
    if ri is not None and header[ri] == "type":
        values = {_clean_text(r[ri]).lower() for _, r in rows if ri < len(r) and r[ri].strip()}
        if values and values <= {"directed", "undirected", "mixed"}:
            di, ri = ri, None  # Gephi's Type column: the direction, not a relation
    needed = max(si, ti) + 1
    width = len(header_raw)
    while width > needed and not header_raw[width - 1].strip():
        width -= 1  # trailing empty header cells (spreadsheets add them)
    for row, cells in rows:
        summary.answers_read += 1
        if len(cells) < needed:
            summary.add("too_few_cells", source, row,
                        detail=f"{len(cells)} cell{'s' if len(cells) != 1 else ''}, needs {needed}")
            continue
        if len(cells) > len(header_raw) and any(c.strip() for c in cells[len(header_raw):]):
            summary.add("too_many_cells", source, row, detail=f"{len(cells)} cells, header has {len(header_raw)}")
            continue
        s = col.name(cells[si], source, row)
        t = col.name(cells[ti], source, row)
        if s is None or t is None:
            continue
        rel = None
        if ri is not None and ri < len(cells) and cells[ri].strip():
            rel = _relation_of(cells[ri])
        w = col.weight(cells[wi] if wi is not None and wi < len(cells) else None, source, row)
        if w is None:
            continue
        both = False
        if di is not None and di < len(cells):
            both = _clean_text(cells[di]).lower() in ("undirected", "mutual", "both", "no", "false")
        col.add(s, t, rel, w, source, row)
        if both and s != t:
            summary.add("undirected_tie", source, row, names=(s, t))
            if (t, s, rel) not in col.ties:
                col.ties[(t, s, rel)] = w
                col.first_row[(t, s, rel)] = (source, row)


def _missing_columns(source: str, header_raw: list[str], what: str) -> DataFileError:
    found = ", ".join(repr(h.strip()) for h in header_raw if h.strip())[:300] or "none"
    hint = ""
    if len(header_raw) == 1 and header_raw[0]:
        hint = (" The header has only one column: if the file uses another separator (not a comma, "
                "semicolon, tab or |), save it again as CSV.")
    return fail(source, f"missing columns: this does not look like {what} (columns found: {found})",
                 "A tie list needs a column for the person who answered (Source or From) and one for the "
                 "person they named (Target or To); an online-form export needs a column with the "
                 "respondent's name and one column per question; a matrix has names in the first row and "
                 "column. See mapping/template-ties.csv." + hint, row=1)


def _split_answers(cell: str) -> list[str]:
    """Split a form cell into names: by ; or new lines if there are any, else by commas."""
    if ";" in cell or "\n" in cell or "\r" in cell:
        parts = re.split(r"[;\r\n]+", cell)
    else:
        parts = cell.split(",")
    return [p.strip() for p in parts if p.strip()]


def _form_columns(header: list[str]) -> tuple[int | None, list[tuple[int, str]], dict[str, int]]:
    ri = _find(header, ("your name", "respondent", "name", "full name", "who are you", "your full name"))
    if ri is None:
        for i, h in enumerate(header):
            if "your name" in h or h.startswith("name"):
                ri = i
                break
    attrs: dict[str, int] = {}
    for key, aliases in (("team", _TEAM), ("role", _ROLE), ("manager", _MANAGER)):
        j = _find(header, aliases)
        if j is not None and j != ri:
            attrs[key] = j
    questions = []
    for i, h in enumerate(header):
        if i == ri or i in attrs.values() or h in _FORM_META or not h:
            continue
        rel = _relation_of(h)
        if rel in RELATIONS or h.startswith("who") or "whom" in h:
            questions.append((i, rel))
    return ri, questions, attrs


def _read_form(source: str, header_raw: list[str], header: list[str], rows, info: FileInfo,
               col: _Collector, summary: ReadSummary) -> tuple[set[str], dict[str, dict]]:
    ri, questions, attrs = _form_columns(header)
    if ri is None or not questions:
        raise _missing_columns(source, header_raw, "an online-form export")
    latest: dict[str, tuple[int, list[str]]] = {}
    for row, cells in rows:
        if ri >= len(cells):
            summary.add("too_few_cells", source, row, detail=f"{len(cells)} cell{'s' if len(cells) != 1 else ''}")
            continue
        name = col.name(cells[ri], source, row) if cells[ri].strip() else None
        if name is None:
            if not cells[ri].strip():
                summary.add("no_respondent", source, row)
            continue
        if name in latest:
            summary.add("repeat_respondent", source, row, names=(name,))
        latest[name] = (row, cells)
    respondents = set(latest)
    form_attrs: dict[str, dict] = {}
    for name, (row, cells) in latest.items():
        form_attrs[name] = {k: _clean_text(cells[j]) for k, j in attrs.items() if j < len(cells) and cells[j].strip()}
        for j, rel in questions:
            if j >= len(cells):
                continue
            for part in _split_answers(cells[j]):
                summary.answers_read += 1
                t = col.name(part, source, row)
                if t is None:
                    continue
                col.add(name, t, rel, 1.0, source, row)
    return respondents, form_attrs


def _looks_like_matrix(header_raw: list[str], rows) -> bool:
    if len(header_raw) < 3 or header_raw[0].strip():
        return False
    labels = [_clean_text(h) for h in header_raw[1:]]
    firsts = [_clean_text(r[0]) for _, r in rows[: len(labels) + 1] if r]
    return bool(firsts) and set(firsts) <= set(labels)


# --------------------------------------------------------------------------- people


def read_people(path: str | Path, max_mb: float = MAX_FILE_MB,
                summary: ReadSummary | None = None) -> dict[str, dict]:
    """Read a people list: one row per person, with a name column and any attributes.

    Parameters
    ----------
    path : str or pathlib.Path
        A CSV with a column ``name`` (or ``Label``, ``Id``, ``Person``, ``Full name``) and
        optional columns such as ``team``, ``role`` and ``manager``. Only read, never changed.
    max_mb : float, default 50
        Refuse larger files (a message says how to raise the limit).
    summary : ReadSummary, optional
        Where to count duplicates and tidied names (a new one if not given).

    Returns
    -------
    dict
        Name -> attributes (``team``, ``role``, ``manager`` and the other columns, with
        lower-case keys), in file order.

    Raises
    ------
    DataFileError
        If the file is empty, has only a header, or has no name column.

    References
    ----------
    Marsden, P. V. (1990). Network data and measurement. *Annual Review of Sociology* 16,
    435-463 (rosters, boundaries and name generators).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "people.csv")
    >>> _ = open(p, "w").write("Name,Team\\nAnn,Sales\\n")
    >>> read_people(p)
    {'Ann': {'team': 'Sales'}}
    """
    summary = summary if summary is not None else ReadSummary()
    source, header_raw, header, rows, info = _load_table(path, max_mb, "a people list", summary)
    ni = _find(header, _PERSON)
    if ni is None:
        found = ", ".join(repr(h.strip()) for h in header_raw if h.strip())[:300] or "none"
        raise fail(source, f"missing columns: no column with the people's names (columns found: {found})",
                    "Name the first column 'name' (see mapping/template-people.csv).", row=1)
    if not rows:
        raise fail(source, "only a header row, no people", "Add one row per person below the header.", row=1)
    keys: list[str | None] = []
    for i, h in enumerate(header):
        key = None
        if i != ni and h:
            for canon, aliases in (("team", _TEAM), ("role", _ROLE), ("manager", _MANAGER)):
                if h in aliases:
                    key = canon
                    break
            key = key or h
        keys.append(key)
    people: dict[str, dict] = {}
    col = _Collector(summary)
    for row, cells in rows:
        if ni >= len(cells):
            summary.add("too_few_cells", source, row, detail=f"{len(cells)} cell{'s' if len(cells) != 1 else ''}")
            continue
        name = col.name(cells[ni], source, row)
        if name is None:
            continue
        if name in people:
            summary.add("duplicate_person", source, row, names=(name,))
            continue
        attrs = {}
        for i, key in enumerate(keys):
            if key is None or i >= len(cells):
                continue
            val = _clean_text(cells[i])
            if not val:
                continue
            if key == "manager":
                val, _ = _clean_name(val)
            attrs[key] = val
        people[name] = attrs
    info.rows = len(rows)
    summary.files.append(info)
    for name, attrs in people.items():
        m = attrs.get("manager")
        if m and m not in people:
            summary.add("unknown_manager", source, None, names=(m,))
    return people


# --------------------------------------------------------------------------- reading


def read_survey(
    source: str | Path,
    people: str | Path | None = None,
    relation: str | None = None,
    kind: str = "auto",
    merge_similar: bool = False,
    keep_unknown: bool = False,
    max_mb: float = MAX_FILE_MB,
) -> Survey:
    """Read survey answers (and optionally a people list) into a network, safely.

    Parameters
    ----------
    source : str or pathlib.Path
        The answers, in one of these layouts (recognised from the header row):

        - **tie list**: one row per tie, ``source,target[,relation][,weight]``; also the
          column spellings of Gephi (``Source,Target,Type,Weight``, where ``Type`` is
          ``Directed``/``Undirected``) and Kumu (``From,To,Type``, where ``Type`` is the
          relation);
        - **online-form export**: one row per respondent, a column with their name and one
          column per question holding the names they chose, separated by ``;``, ``,`` or
          new lines (use ``;`` or new lines if names contain commas);
        - **adjacency matrix**: names in the first row and column, as in
          ``p2pkit/data/orgnets`` (read with :func:`p2pkit.orgs.read_adjacency_csv`).

        Comma, semicolon, tab and ``|`` separators, UTF-8 (with or without BOM), UTF-16
        and Windows-1252/Latin-1 files are accepted. The file is only read, never changed.
    people : str or pathlib.Path, optional
        A people list (see :func:`read_people`). It sets who is in the network: ties naming
        someone not on it are skipped (or kept with ``keep_unknown``) and reported.
    relation : str, optional
        Keep only ties of this relation (``"advice"``, ``"information"``, ``"decisions"``,
        ``"energy"`` or any relation name in the file). By default all relations are
        combined (a tie if any relation links the pair).
    kind : {"auto", "ties", "form", "matrix"}
        Force a layout instead of recognising it.
    merge_similar : bool, default False
        Merge names that differ only in upper/lower case or spaces into one spelling (the
        people list's, else the most frequent). By default they are only reported.
    keep_unknown : bool, default False
        Keep ties to people who are not in the people list (as people without attributes).
    max_mb : float, default 50
        Size limit per file, in megabytes.

    Returns
    -------
    Survey
        ``graph`` (a DiGraph, ties from respondent to the person named; ``weight`` and
        ``relation`` edge attributes) and ``summary`` (a :class:`ReadSummary`).

    Raises
    ------
    DataFileError
        For a problem with a whole file (missing, empty, not text, too large, header only,
        missing columns, no usable ties, unknown relation): one message that names the file
        and row and says what to do. Problems with single rows are counted in the summary.

    References
    ----------
    Krackhardt, D., & Hanson, J. R. (1993). Informal networks: the company behind the chart.
    *Harvard Business Review* 71(4), 104-111.
    Cross, R., & Parker, A. (2004). *The Hidden Power of Social Networks*. Boston: Harvard
    Business School Press.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "ties.csv")
    >>> _ = open(p, "w").write("Source;Target\\nAnn;Bo\\nBo;Bo\\n")
    >>> G, summary = read_survey(p)
    >>> list(G.edges()), summary.counts["self_tie"]
    ([('Ann', 'Bo')], 1)
    """
    summary = ReadSummary()
    roster = read_people(people, max_mb, summary) if people is not None else None
    if kind not in ("auto", "ties", "form", "matrix"):
        raise P2PKitError(f"kind must be 'auto', 'ties', 'form' or 'matrix'; got {kind!r}.")

    src, header_raw, header, rows, info = _load_table(source, max_mb, "answers", summary)
    if kind == "auto":
        if _looks_like_matrix(header_raw, rows):
            kind = "matrix"
        elif _find(header, _SOURCE, prefix=True) is not None and _find(header, _TARGET, prefix=True) is not None:
            kind = "ties"
        elif _form_columns(header)[0] is not None and _form_columns(header)[1]:
            kind = "form"
        elif _find(header, _PERSON) is not None:
            raise fail(src, "this looks like a people list (names, no ties)",
                        "Give it as the people list (--people) and the answers as the input.", row=1)
        else:
            raise _missing_columns(src, header_raw, "a tie list, a form export or a matrix")
    if not rows:
        raise fail(src, "only a header row, no answers", "Add the answers below the header row.", row=1)

    col = _Collector(summary, decimal_comma=info.delimiter not in (",", None))
    respondents: set[str] | None = None
    form_attrs: dict[str, dict] = {}
    if kind == "matrix":
        info.kind = "an adjacency matrix"
        _read_matrix(info.table, col, summary)
    elif kind == "ties":
        info.kind = "a tie list"
        _read_tie_list(src, header_raw, header, rows, info, col, summary)
    else:
        info.kind = "an online-form export"
        respondents, form_attrs = _read_form(src, header_raw, header, rows, info, col, summary)
    summary.files.append(info)

    ties = col.ties
    for (_, _, rel) in ties:
        summary.relations[rel or "(none)"] += 1
    if len(summary.relations) == 1 and "(none)" in summary.relations:
        summary.relations.clear()

    # names that differ only in case or spaces
    spellings: dict[str, list[str]] = {}
    all_names = list(col.order)
    if roster is not None:
        all_names = list(roster) + [n for n in all_names if n not in roster]
    if respondents:
        all_names += [n for n in respondents if n not in col.order]
    for n in all_names:
        spellings.setdefault(_name_key(n), [])
        if n not in spellings[_name_key(n)]:
            spellings[_name_key(n)].append(n)
    rename: dict[str, str] = {}
    for variants in spellings.values():
        if len(variants) < 2:
            continue
        if merge_similar:
            in_roster = [v for v in variants if roster is not None and v in roster]
            canon = in_roster[0] if in_roster else max(variants, key=lambda v: (col.named[v], -col.order.get(v, 0)))
            for v in variants:
                if v != canon:
                    rename[v] = canon
            summary.add("merged_names", src, None, names=tuple(variants))
        else:
            summary.add("similar_names", src, None, names=tuple(variants))
    if rename:
        merged: dict[tuple, float] = {}
        for (s, t, rel), w in ties.items():
            s2, t2 = rename.get(s, s), rename.get(t, t)
            if s2 == t2:
                summary.add("self_tie", src, None, names=(s2,), detail="after merging spellings")
                continue
            key = (s2, t2, rel)
            if key in merged:
                summary.add("duplicate_tie", src, None, names=(s2, t2), detail="after merging spellings")
                merged[key] = max(merged[key], w)
            else:
                merged[key] = w
        ties = merged
        if respondents is not None:
            respondents = {rename.get(r, r) for r in respondents}
        form_attrs = {rename.get(k, k): v for k, v in form_attrs.items()}

    # people outside the people list
    if roster is not None:
        unknown: Counter = Counter()
        where: dict[str, tuple[str, int]] = {}
        kept: dict[tuple, float] = {}
        for key, w in ties.items():
            s, t, _ = key
            missing = [x for x in (s, t) if x not in roster]
            if missing:
                for x in missing:
                    unknown[x] += 1
                    where.setdefault(x, col.first_row.get(key, (src, None)))
                if not keep_unknown:
                    continue
            kept[key] = w
        folded = {}
        for r in roster:
            folded.setdefault(r.casefold(), r)
        for x, n in unknown.items():
            close = difflib.get_close_matches(x.casefold(), list(folded), n=1, cutoff=0.75)
            hint = f"{n} tie{'s' if n != 1 else ''}" + ("; did you mean the second name (in the people list)?"
                                                         if close else "")
            kind_u = "unknown_name_kept" if keep_unknown else "unknown_name"
            names_shown = (x, folded[close[0]]) if close else (x,)
            summary.add(kind_u, where[x][0], where[x][1], names=names_shown, detail=hint)
        ties = kept

    # relation filter
    if relation is not None:
        wanted = _relation_of(relation)
        available = Counter(rel for (_, _, rel) in ties)
        if set(available) == {None}:
            summary.notes.append(f"The answers have no relation column, so --relation {relation!r} "
                                 "was not applied: all ties are used.")
        else:
            if wanted not in available:
                listing = ", ".join(f"{k} ({v} tie{'s' if v != 1 else ''})"
                                    for k, v in sorted(available.items(), key=lambda kv: str(kv[0])))
                raise fail(src, f"no ties of the relation {relation!r}",
                            f"Choose one of the relations in the file: {listing}.")
            other = sum(v for k, v in available.items() if k != wanted)
            if other:
                summary.add("other_relation", src, None, detail=f"{other} ties", count=other)
            ties = {k: w for k, w in ties.items() if k[2] == wanted}
            summary.relation_used = wanted
    elif len({rel for (_, _, rel) in ties}) > 1:
        summary.notes.append("Several relations are combined here (a tie if any of them links the pair); "
                             "choose one with --relation for a clearer picture.")

    # the graph
    G = nx.DiGraph()
    if roster is not None:
        for name, attrs in roster.items():
            G.add_node(name, **attrs)
    else:
        for n in col.order:
            n2 = rename.get(n, n)
            if n2 not in G:
                G.add_node(n2)
    if respondents is not None:
        for r in respondents:
            if roster is None or r in roster or keep_unknown:
                G.add_node(r)
    for name, attrs in form_attrs.items():
        if name in G:
            for k, v in attrs.items():
                G.nodes[name].setdefault(k, v)
    for (s, t, rel), w in ties.items():
        if G.has_edge(s, t):
            d = G[s][t]
            d["weight"] = max(d.get("weight", 1.0), w)
            rels = set(filter(None, d.get("relation", "").split(";"))) | ({rel} if rel else set())
            d["relation"] = ";".join(sorted(rels))
        else:
            G.add_edge(s, t, weight=w, **({"relation": rel} if rel else {}))
    if G.number_of_edges() == 0:
        top = summary.counts.most_common(1)
        why = f" (most common problem: {PROBLEMS[top[0][0]][0]}, {top[0][1]} times)" if top else ""
        raise fail(src, f"no usable ties were found{why}",
                    "Check the file against mapping/template-ties.csv, and the names against the people list.")

    if respondents is None:
        respondents = {v for v in G if G.out_degree(v) > 0}
        summary.respondents = len(respondents)
    else:
        summary.respondents = len(respondents & set(G))
    silent = [v for v in G if G.out_degree(v) == 0]
    if silent and (roster is not None or kind == "form"):
        summary.add("no_answer", src, None, names=tuple(silent[: summary.max_examples]),
                    count=len(silent))
    summary.ties_kept = G.number_of_edges()
    summary.people = G.number_of_nodes()
    G.graph.update(source=src, relation=summary.relation_used, kind=info.kind)
    return Survey(G, summary)


def _read_matrix(table, col: _Collector, summary: ReadSummary) -> None:
    from .orgs import adjacency_from_table

    src = table.source
    M = adjacency_from_table(table, directed=True)
    for n in M:
        name, changed = _clean_name(str(n))
        col.named[name] += 1
        col.order.setdefault(name, len(col.order))
    for u, v, d in M.edges(data=True):
        summary.answers_read += 1
        su, sv = _clean_name(str(u))[0], _clean_name(str(v))[0]
        w = float(d.get("weight", 1.0))
        if w < 0:
            summary.add("bad_weight", src, None, names=(su, sv), detail=f"weight {w:g}")
            continue
        col.add(su, sv, None, w, src, 0)
    if M.graph.get("self_ties_ignored"):
        summary.add("matrix_self_tie", src, None, count=int(M.graph["self_ties_ignored"]))


# --------------------------------------------------------------------------- privacy


def pseudonym_map(names: Iterable[str], key: str = "") -> dict[str, str]:
    """Stable codes ``P01, P02, ...`` for a set of names, in an order set by a keyed hash.

    The order is that of ``HMAC-SHA256(key, name)``, so the same names and key always give
    the same codes, whatever order the rows came in; a different key gives a different
    assignment. Codes are zero-padded to the same width (at least two digits).

    Parameters
    ----------
    names : iterable of str
    key : str, default ""
        A secret that only the facilitator keeps. Without one, anyone who has the list of
        names can recompute which code is whom: set a key before a pseudonymised file
        leaves your hands.

    Notes
    -----
    Pseudonymisation is not anonymisation: in a small team the shape of the network (the
    only manager, the person everybody names) can still give people away.

    References
    ----------
    Krawczyk, H., Bellare, M., & Canetti, R. (1997). HMAC: keyed-hashing for message
    authentication. RFC 2104.

    Examples
    --------
    >>> pseudonym_map(["Bo", "Ann"]) == pseudonym_map(["Ann", "Bo"])
    True
    >>> sorted(pseudonym_map(["Ann", "Bo", "Cy"]).values())
    ['P01', 'P02', 'P03']
    """
    unique = sorted(set(names))
    k = key.encode("utf-8")
    order = sorted(unique, key=lambda n: (hmac.new(k, n.encode("utf-8"), hashlib.sha256).hexdigest(), n))
    width = max(2, len(str(len(order))))
    return {n: f"P{i + 1:0{width}d}" for i, n in enumerate(order)}


#: Attributes kept by :func:`pseudonymise` (others, such as e-mail or age, are dropped).
SAFE_ATTRIBUTES = ("team", "role", "manager", "dept", "department", "level", "unit", "group", "community")


def pseudonymise(G: nx.Graph, key: str = "", mapping: dict | None = None) -> tuple[nx.Graph, dict]:
    """A copy of ``G`` with every name replaced by its code, and the mapping used.

    Names are replaced wherever they appear: the nodes and the ``manager`` attribute.
    Only the attributes in :data:`SAFE_ATTRIBUTES` are kept; any other column of the
    people list (an e-mail address, an age) is dropped.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    key : str, default ""
        See :func:`pseudonym_map`.
    mapping : dict, optional
        Use this name -> code mapping instead of computing one.

    Returns
    -------
    (graph, mapping)

    Examples
    --------
    >>> H, m = pseudonymise(nx.DiGraph([("Ann", "Bo")]))
    >>> sorted(H.nodes()) == sorted(m.values())
    True
    """
    mapping = mapping if mapping is not None else pseudonym_map((str(v) for v in G), key)
    H = G.__class__()
    H.graph.update({k: v for k, v in G.graph.items() if k in ("relation", "kind", "title")})
    H.graph["pseudonymised"] = True
    for v, d in G.nodes(data=True):
        attrs = {k: val for k, val in d.items() if k in SAFE_ATTRIBUTES}
        if "manager" in attrs:
            attrs["manager"] = mapping.get(str(attrs["manager"]), "(not in the network)")
        H.add_node(mapping[str(v)], **attrs)
    for u, v, d in G.edges(data=True):
        H.add_edge(mapping[str(u)], mapping[str(v)], **d)
    return H, mapping


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Make a text safe for a CSV that a spreadsheet will open (no formula injection).

    A text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    single quote in front, so that spreadsheets show it as text instead of running it as a
    formula (OWASP's CSV-injection guidance). Numbers are returned unchanged.

    References
    ----------
    OWASP Foundation. *CSV Injection*. https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> neutralise_cell("=HYPERLINK(\\"x\\")")
    '\\'=HYPERLINK("x")'
    >>> neutralise_cell("Ann"), neutralise_cell(-1.5)
    ('Ann', -1.5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# --------------------------------------------------------------------------- practice data


def example_company(people: int = 60, ties: int | None = None, seed: int = 0
                    ) -> tuple[list[dict], list[dict]]:
    """A synthetic company's survey answers, to practise with: ``(ties, people)``.

    People are grouped in teams of 5 to 12, each with a manager; managers report to
    department heads, who report to a chief executive. Each person names their manager,
    several team-mates, a few sought-after experts and some people in nearby teams, on the
    four relations of :data:`RELATIONS`. Same ``seed``, same company.

    Parameters
    ----------
    people : int, default 60
        Number of people (at least 10).
    ties : int, optional
        Total number of ties (distinct ordered pairs, each with one relation); default
        ``10 * people`` (at most a quarter of all ordered pairs).
    seed : int, default 0

    Returns
    -------
    (list of dict, list of dict)
        Ties ``{"source", "target", "relation", "weight"}`` and people
        ``{"name", "team", "role", "manager"}``.

    Notes
    -----
    A teaching and benchmarking stand-in, not a model fitted to data: dense ties inside
    teams, ties to managers and a few sought-after experts give the skewed, clustered
    networks that organisational network studies describe (Cross & Parker 2004).

    References
    ----------
    Cross, R., & Parker, A. (2004). *The Hidden Power of Social Networks*. Boston: Harvard
    Business School Press.

    Examples
    --------
    >>> t, p = example_company(60, seed=1)
    >>> len(p), len(t)
    (60, 600)
    """
    if not isinstance(people, int) or people < 10:
        raise P2PKitError(f"people must be a whole number of at least 10; got {people!r}.")
    ties = min(10 * people, people * (people - 1) // 4) if ties is None else int(ties)
    if ties < 1 or ties > people * (people - 1) // 4:
        raise P2PKitError(f"ties must be between 1 and {people * (people - 1) // 4}; got {ties}.")
    rng = random.Random(seed)
    width = len(str(people))
    names = [f"Person {i:0{width}d}" for i in range(people)]
    teams: list[list[int]] = []
    i = 1
    while i < people:
        size = rng.randint(5, 12)
        teams.append(list(range(i, min(people, i + size))))
        i += size
    dept_size = 8
    heads = []
    rows_people = [{"name": names[0], "team": "Executive", "role": "chief executive", "manager": ""}]
    team_of = {0: -1}
    manager_of = {0: None}
    for t, members in enumerate(teams):
        d = t // dept_size
        head_team = d * dept_size
        mgr = members[0]
        if t == head_team:
            heads.append(mgr)
            manager_of[mgr] = 0
        else:
            manager_of[mgr] = teams[head_team][0]
        for v in members:
            team_of[v] = t
            if v != mgr:
                manager_of[v] = mgr
    for t, members in enumerate(teams):
        for v in members:
            role = ("department head" if v in heads else "manager") if v == members[0] else "staff"
            rows_people.append({"name": names[v], "team": f"Team {t + 1}", "role": role,
                                "manager": names[manager_of[v]] if manager_of[v] is not None else ""})
    experts = rng.sample(range(people), max(2, people // 40))
    managers = [m[0] for m in teams]
    weights = (0.35, 0.3, 0.15, 0.2)
    out: dict[tuple[int, int], tuple[str, float]] = {}  # one relation per pair: ties = distinct pairs
    attempts = 0
    while len(out) < ties and attempts < 50 * ties:
        attempts += 1
        v = rng.randrange(people)
        rel = rng.choices(RELATIONS, weights)[0]
        r = rng.random()
        t = team_of[v]
        if r < 0.15 and manager_of[v] is not None:
            u = manager_of[v]
        elif r < 0.6 and t >= 0:
            u = rng.choice(teams[t])
        elif r < 0.72:
            u = rng.choice(experts)
        elif r < 0.8:
            u = rng.choice(managers)
        else:
            tt = min(len(teams) - 1, max(0, (t if t >= 0 else 0) + rng.randint(-3, 3)))
            u = rng.choice(teams[tt])
        if u == v:
            continue
        out.setdefault((v, u), (rel, float(rng.choice((1, 1, 2, 3)))))
    rows_ties = [{"source": names[s], "target": names[t], "relation": rel, "weight": w}
                 for (s, t), (rel, w) in out.items()]
    return rows_ties, rows_people


def write_example(folder: str | Path, people: int = 60, ties: int | None = None, seed: int = 0
                  ) -> tuple[Path, Path]:
    """Write :func:`example_company` as ``ties.csv`` and ``people.csv`` in ``folder``.

    Returns the two paths. Existing files of those names are refused, never overwritten.

    Examples
    --------
    >>> import tempfile
    >>> t, p = write_example(tempfile.mkdtemp(), people=20)
    >>> t.name, p.name
    ('ties.csv', 'people.csv')
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows_ties, rows_people = example_company(people, ties, seed)
    tp, pp = folder / "ties.csv", folder / "people.csv"
    for p in (tp, pp):
        if p.exists():
            raise P2PKitError(f"{p} already exists; the kit never overwrites a file. Choose another folder.")
    _write_rows(tp, ["source", "target", "relation", "weight"], rows_ties)
    _write_rows(pp, ["name", "team", "role", "manager"], rows_people)
    return tp, pp


def _write_rows(path: Path, header: list[str], rows: list[dict]) -> None:
    with open(path, "x", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow([neutralise_cell(r.get(h, "")) for h in header])
