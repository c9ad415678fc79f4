"""What was read, tidied, merged and skipped, and why: the reading summary of the survey kit.

Nothing is lost silently. Every row or answer that does not become a tie, and every name that
is changed, is counted in a :class:`ReadSummary` under one of the kinds of :data:`PROBLEMS`
(what it is, what the kit did, what to do), with a few examples that name the file and row.
:class:`Survey` pairs the network read with its summary; :func:`load_table` reads one file
through :func:`p2pkit.files.read_table` and records how it was read; :func:`checked_name`
tidies and checks a name cell, counting what it changed or refused.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator

import networkx as nx

from ..files import DELIMITER_NAMES, Table, read_table
from .cells import MAX_NAME_LENGTH, clean_name, norm_header

__all__ = ["PROBLEMS", "Problem", "FileInfo", "ReadSummary", "Survey", "load_table", "checked_name"]

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


def load_table(path: str | Path, max_mb: float, kind: str, summary: ReadSummary
               ) -> tuple[Table, list[str], FileInfo]:
    """Read a table (CSV or .xlsx, :func:`p2pkit.files.read_table`): (table, normalised header, info).

    Blank rows and the reader's notes (a workbook's other sheets) go into ``summary``.
    """
    table = read_table(path, max_mb)
    info = FileInfo(path=table.source, kind=kind, encoding=table.encoding, delimiter=table.delimiter,
                    rows=len(table.body))
    if table.blank:
        summary.add("blank_row", table.source, detail=f"{table.blank} blank rows", count=table.blank)
    summary.notes.extend(table.notes)
    return table, [norm_header(h) for h in table.header], info


def checked_name(cell: str, summary: ReadSummary, source: str, row: int) -> str | None:
    """A name cell tidied (:func:`~p2pkit.team.cells.clean_name`), or None if it is empty or too long.

    What was tidied or refused is counted in ``summary`` with the file and row.
    """
    name, changed = clean_name(cell)
    if not name:
        summary.add("missing_name", source, row)
        return None
    if len(name) > MAX_NAME_LENGTH:
        summary.add("long_name", source, row, names=(name[:40] + "...",), detail=f"{len(name)} characters")
        return None
    if changed:
        summary.add("tidied_name", source, row, names=(name,))
    return name
