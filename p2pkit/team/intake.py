"""Reading a team's network survey safely: tie lists, form exports, adjacency matrices.

A facilitator collects answers to a few *name-generator* questions ("whom do you go to for
advice?") on paper or with an online form, and ends up with one or two spreadsheet files.
:func:`read_survey` turns them into a network without ever losing anything silently: it
returns a :class:`~p2pkit.team.summary.Survey`, the network and a
:class:`~p2pkit.team.summary.ReadSummary` of what was read, tidied, merged and skipped, and why.

Every problem a user can cause in a file gives one message that names the file, the row
and the problem, and says what to do (:class:`p2pkit.errors.DataFileError`). Row-level
problems do not stop the reading: the row is skipped or tidied and counted in the summary.
The user's files are only ever opened for reading. Nothing is sent anywhere: the module
makes no network calls.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..errors import DataFileError, P2PKitError
from ..files import MAX_FILE_MB, Table, fail
from ..orgs import adjacency_from_table
from .cells import FORM_META, HEADERS, RELATIONS, clean_name, clean_text, find_column, name_key, relation_of, \
    split_answers
from .people import read_people
from .summary import PROBLEMS, FileInfo, ReadSummary, Survey, checked_name, load_table

__all__ = ["read_survey", "Survey", "ReadSummary"]

#: A tie's key: (person who answered, person named, relation or None).
Key = tuple[str, str, "str | None"]


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
    table, header, info = load_table(source, max_mb, "answers", summary)
    kind = _layout(table, header) if kind == "auto" else kind
    if not table.body:
        raise fail(table.source, "only a header row, no answers", "Add the answers below the header row.", row=1)
    answers = _read_answers(kind, table, header, info, summary)
    summary.files.append(info)
    _count_relations(answers.ties, summary)
    answers.merge_spellings(roster, merge_similar)
    if roster is not None:
        answers.ties = _within_roster(answers, roster, keep_unknown)
    answers.ties = _one_relation(answers.ties, relation, summary, table.source)
    G = _network(answers, roster, keep_unknown)
    _finish(G, answers, roster is not None or kind == "form", summary, table.source)
    G.graph.update(source=table.source, relation=summary.relation_used, kind=info.kind)
    return Survey(G, summary)


# --------------------------------------------------------------------------- the layout


def _layout(table: Table, header: list[str]) -> str:
    """``"matrix"``, ``"ties"`` or ``"form"``, recognised from the header row (or a message)."""
    if _looks_like_matrix(table.header, table.body):
        return "matrix"
    if find_column(header, HEADERS["source"], prefix=True) is not None and \
            find_column(header, HEADERS["target"], prefix=True) is not None:
        return "ties"
    respondent, questions, _ = _form_columns(header)
    if respondent is not None and questions:
        return "form"
    if find_column(header, HEADERS["person"]) is not None:
        raise fail(table.source, "this looks like a people list (names, no ties)",
                   "Give it as the people list (--people) and the answers as the input.", row=1)
    raise _missing_columns(table.source, table.header, "a tie list, a form export or a matrix")


def _looks_like_matrix(header_raw: list[str], rows) -> bool:
    if len(header_raw) < 3 or header_raw[0].strip():
        return False
    labels = [clean_text(h) for h in header_raw[1:]]
    firsts = [clean_text(r[0]) for _, r in rows[: len(labels) + 1] if r]
    return bool(firsts) and set(firsts) <= set(labels)


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


def _read_answers(kind: str, table: Table, header: list[str], info: FileInfo, summary: ReadSummary) -> _Answers:
    answers = _Answers(summary, table.source, decimal_comma=info.delimiter not in (",", None))
    if kind == "matrix":
        info.kind = "an adjacency matrix"
        _read_matrix(table, answers)
    elif kind == "ties":
        info.kind = "a tie list"
        _read_tie_list(table, header, answers)
    else:
        info.kind = "an online-form export"
        _read_form(table, header, answers)
    return answers


# --------------------------------------------------------------------------- the answers


@dataclass
class _Answers:
    """The ties read so far, with validation; everything dropped is counted in the summary."""

    summary: ReadSummary
    source: str
    decimal_comma: bool = False
    ties: dict = field(default_factory=dict)         # (s, t, relation) -> weight
    first_row: dict = field(default_factory=dict)    # (s, t, relation) -> (file, row) first given
    named: Counter = field(default_factory=Counter)  # spelling -> times seen
    order: dict = field(default_factory=dict)        # spelling -> first seen
    respondents: set | None = None                   # a form's respondents (None for other layouts)
    form_attrs: dict = field(default_factory=dict)   # a form's team/role/manager answers per respondent
    rename: dict = field(default_factory=dict)       # spelling -> the spelling it was merged into
    tidy: set = field(default_factory=set)           # cells already seen to be tidy names

    def name(self, cell: str, row: int) -> str | None:
        if cell in self.tidy:  # the common case: a name seen before, nothing to tidy or report
            name = cell
        else:
            name = checked_name(cell, self.summary, self.source, row)
            if name is None:
                return None
            if name == cell:
                self.tidy.add(cell)
        self.named[name] += 1
        self.order.setdefault(name, len(self.order))
        return name

    def weight(self, cell: str | None, row: int) -> float | None:
        if cell is None or not cell.strip():
            return 1.0
        t = cell.strip()
        if self.decimal_comma and "," in t and "." not in t:
            t = t.replace(",", ".")
        try:
            w = float(t)
        except ValueError:
            w = math.nan
        if math.isnan(w) or math.isinf(w) or w < 0:
            self.summary.add("bad_weight", self.source, row, detail=f"weight {cell.strip()[:20]!r}")
            return None
        if w == 0:
            self.summary.add("zero_weight", self.source, row)
            return None
        return w

    def add(self, s: str, t: str, relation: str | None, w: float, row: int) -> None:
        if s == t:
            self.summary.add("self_tie", self.source, row, names=(s,))
            return
        key = (s, t, relation)
        if key in self.ties:
            self.summary.add("duplicate_tie", self.source, row, names=(s, t))
            self.ties[key] = max(self.ties[key], w)
            return
        self.ties[key] = w
        self.first_row[key] = (self.source, row)

    def merge_spellings(self, roster: dict | None, merge: bool) -> None:
        """Report (or, with ``merge``, merge) names that differ only in upper/lower case or spaces."""
        rename = _spelling_renames(self._all_names(roster), roster, merge, self, self.summary, self.source)
        if not rename:
            return
        merged: dict[Key, float] = {}
        for (s, t, rel), w in self.ties.items():
            s2, t2 = rename.get(s, s), rename.get(t, t)
            if s2 == t2:
                self.summary.add("self_tie", self.source, None, names=(s2,), detail="after merging spellings")
                continue
            key = (s2, t2, rel)
            if key in merged:
                self.summary.add("duplicate_tie", self.source, None, names=(s2, t2), detail="after merging spellings")
                merged[key] = max(merged[key], w)
            else:
                merged[key] = w
        self.ties = merged
        if self.respondents is not None:
            self.respondents = {rename.get(r, r) for r in self.respondents}
        self.form_attrs = {rename.get(k, k): v for k, v in self.form_attrs.items()}
        self.rename = rename

    def _all_names(self, roster: dict | None) -> list[str]:
        names = list(self.order)
        if roster is not None:
            names = list(roster) + [n for n in names if n not in roster]
        if self.respondents:
            names += [n for n in self.respondents if n not in self.order]
        return names


def _spelling_renames(names: list[str], roster: dict | None, merge: bool, answers: _Answers,
                      summary: ReadSummary, source: str) -> dict[str, str]:
    """Spelling -> the one kept, for every group of names with the same :func:`name_key`.

    The people list's spelling wins, else the most frequent (then the first seen).
    Without ``merge`` the groups are only reported and nothing is renamed.
    """
    spellings: dict[str, list[str]] = {}
    for n in names:
        variants = spellings.setdefault(name_key(n), [])
        if n not in variants:
            variants.append(n)
    rename: dict[str, str] = {}
    for variants in spellings.values():
        if len(variants) < 2:
            continue
        if not merge:
            summary.add("similar_names", source, None, names=tuple(variants))
            continue
        in_roster = [v for v in variants if roster is not None and v in roster]
        canon = in_roster[0] if in_roster else max(
            variants, key=lambda v: (answers.named[v], -answers.order.get(v, 0)))
        rename.update({v: canon for v in variants if v != canon})
        summary.add("merged_names", source, None, names=tuple(variants))
    return rename


# --------------------------------------------------------------------------- the three layouts


def _tie_columns(table: Table, header: list[str]) -> dict[str, int | None]:
    """Column index of source, target, relation, weight and direction (None if absent)."""
    cols = {"source": find_column(header, HEADERS["source"], prefix=True),
            "target": find_column(header, HEADERS["target"], prefix=True)}
    if cols["source"] is None or cols["target"] is None or cols["source"] == cols["target"]:
        raise _missing_columns(table.source, table.header, "a tie list")
    for key in ("relation", "weight", "direction"):
        cols[key] = find_column(header, HEADERS[key])
    ri = cols["relation"]
    if ri is not None and header[ri] == "type":
        values = {clean_text(r[ri]).lower() for _, r in table.body if ri < len(r) and r[ri].strip()}
        if values and values <= {"directed", "undirected", "mixed"}:
            cols["direction"], cols["relation"] = ri, None  # Gephi's Type column: the direction, not a relation
    return cols


def _read_tie_list(table: Table, header: list[str], answers: _Answers) -> None:
    cols = _tie_columns(table, header)
    si, ti, ri, wi, di = (cols[k] for k in ("source", "target", "relation", "weight", "direction"))
    needed = max(si, ti) + 1
    width = len(table.header)
    summary, source = answers.summary, answers.source
    for row, cells in table.body:
        summary.answers_read += 1
        if len(cells) < needed:
            summary.add("too_few_cells", source, row,
                        detail=f"{len(cells)} cell{'s' if len(cells) != 1 else ''}, needs {needed}")
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            summary.add("too_many_cells", source, row, detail=f"{len(cells)} cells, header has {width}")
            continue
        s, t = answers.name(cells[si], row), answers.name(cells[ti], row)
        if s is None or t is None:
            continue
        rel = relation_of(cells[ri]) if ri is not None and ri < len(cells) and cells[ri].strip() else None
        w = answers.weight(cells[wi] if wi is not None and wi < len(cells) else None, row)
        if w is None:
            continue
        answers.add(s, t, rel, w, row)
        if di is not None and di < len(cells) and s != t and \
                clean_text(cells[di]).lower() in ("undirected", "mutual", "both", "no", "false"):
            summary.add("undirected_tie", source, row, names=(s, t))
            if (t, s, rel) not in answers.ties:
                answers.ties[(t, s, rel)] = w
                answers.first_row[(t, s, rel)] = (source, row)


def _form_columns(header: list[str]) -> tuple[int | None, list[tuple[int, str]], dict[str, int]]:
    """The respondent's column, the question columns with their relations, and team/role/manager."""
    ri = find_column(header, HEADERS["respondent"])
    if ri is None:
        ri = next((i for i, h in enumerate(header) if "your name" in h or h.startswith("name")), None)
    attrs: dict[str, int] = {}
    for key in ("team", "role", "manager"):
        j = find_column(header, HEADERS[key])
        if j is not None and j != ri:
            attrs[key] = j
    questions = []
    for i, h in enumerate(header):
        if i == ri or i in attrs.values() or h in FORM_META or not h:
            continue
        rel = relation_of(h)
        if rel in RELATIONS or h.startswith("who") or "whom" in h:
            questions.append((i, rel))
    return ri, questions, attrs


def _read_form(table: Table, header: list[str], answers: _Answers) -> None:
    ri, questions, attrs = _form_columns(header)
    if ri is None or not questions:
        raise _missing_columns(table.source, table.header, "an online-form export")
    summary, source = answers.summary, answers.source
    latest: dict[str, tuple[int, list[str]]] = {}
    for row, cells in table.body:
        if ri >= len(cells):
            summary.add("too_few_cells", source, row, detail=f"{len(cells)} cell{'s' if len(cells) != 1 else ''}")
            continue
        if not cells[ri].strip():
            summary.add("no_respondent", source, row)
            continue
        name = answers.name(cells[ri], row)
        if name is None:
            continue
        if name in latest:
            summary.add("repeat_respondent", source, row, names=(name,))
        latest[name] = (row, cells)
    answers.respondents = set(latest)
    for name, (row, cells) in latest.items():
        answers.form_attrs[name] = {k: clean_text(cells[j]) for k, j in attrs.items()
                                    if j < len(cells) and cells[j].strip()}
        for j, rel in questions:
            for part in (split_answers(cells[j]) if j < len(cells) else ()):
                summary.answers_read += 1
                t = answers.name(part, row)
                if t is not None:
                    answers.add(name, t, rel, 1.0, row)


def _read_matrix(table: Table, answers: _Answers) -> None:
    summary = answers.summary
    M = adjacency_from_table(table, directed=True)
    for n in M:
        name, _ = clean_name(str(n))
        answers.named[name] += 1
        answers.order.setdefault(name, len(answers.order))
    for u, v, d in M.edges(data=True):
        summary.answers_read += 1
        su, sv = clean_name(str(u))[0], clean_name(str(v))[0]
        w = float(d.get("weight", 1.0))
        if w < 0:
            summary.add("bad_weight", answers.source, None, names=(su, sv), detail=f"weight {w:g}")
            continue
        answers.add(su, sv, None, w, 0)
    if M.graph.get("self_ties_ignored"):
        summary.add("matrix_self_tie", answers.source, None, count=int(M.graph["self_ties_ignored"]))


# --------------------------------------------------------------------------- after reading


def _count_relations(ties: dict, summary: ReadSummary) -> None:
    for (_, _, rel) in ties:
        summary.relations[rel or "(none)"] += 1
    if len(summary.relations) == 1 and "(none)" in summary.relations:
        summary.relations.clear()


def _within_roster(answers: _Answers, roster: dict, keep_unknown: bool) -> dict:
    """The ties among people of the people list (all ties with ``keep_unknown``); the others reported."""
    unknown: Counter = Counter()
    where: dict[str, tuple[str, int]] = {}
    kept: dict[Key, float] = {}
    for key, w in answers.ties.items():
        missing = [x for x in key[:2] if x not in roster]
        for x in missing:
            unknown[x] += 1
            where.setdefault(x, answers.first_row.get(key, (answers.source, None)))
        if not missing or keep_unknown:
            kept[key] = w
    folded: dict[str, str] = {}
    for r in roster:
        folded.setdefault(r.casefold(), r)
    for x, n in unknown.items():
        close = difflib.get_close_matches(x.casefold(), list(folded), n=1, cutoff=0.75)
        hint = f"{n} tie{'s' if n != 1 else ''}" + ("; did you mean the second name (in the people list)?"
                                                     if close else "")
        names_shown = (x, folded[close[0]]) if close else (x,)
        answers.summary.add("unknown_name_kept" if keep_unknown else "unknown_name", where[x][0], where[x][1],
                            names=names_shown, detail=hint)
    return kept


def _one_relation(ties: dict, relation: str | None, summary: ReadSummary, source: str) -> dict:
    """Only the ties of ``relation`` (all of them when None; a note when several are combined)."""
    if relation is None:
        if len({rel for (_, _, rel) in ties}) > 1:
            summary.notes.append("Several relations are combined here (a tie if any of them links the pair); "
                                 "choose one with --relation for a clearer picture.")
        return ties
    wanted = relation_of(relation)
    available = Counter(rel for (_, _, rel) in ties)
    if set(available) == {None}:
        summary.notes.append(f"The answers have no relation column, so --relation {relation!r} "
                             "was not applied: all ties are used.")
        return ties
    if wanted not in available:
        listing = ", ".join(f"{k} ({v} tie{'s' if v != 1 else ''})"
                            for k, v in sorted(available.items(), key=lambda kv: str(kv[0])))
        raise fail(source, f"no ties of the relation {relation!r}",
                   f"Choose one of the relations in the file: {listing}.")
    other = sum(v for k, v in available.items() if k != wanted)
    if other:
        summary.add("other_relation", source, None, detail=f"{other} ties", count=other)
    summary.relation_used = wanted
    return {k: w for k, w in ties.items() if k[2] == wanted}


def _network(answers: _Answers, roster: dict | None, keep_unknown: bool) -> nx.DiGraph:
    """The DiGraph: the people (list order, else order of first mention), then the ties."""
    G = nx.DiGraph()
    if roster is not None:
        for name, attrs in roster.items():
            G.add_node(name, **attrs)
    else:
        G.add_nodes_from(answers.rename.get(n, n) for n in answers.order)
    if answers.respondents is not None:
        G.add_nodes_from(r for r in answers.respondents if roster is None or r in roster or keep_unknown)
    for name, attrs in answers.form_attrs.items():
        if name in G:
            for k, v in attrs.items():
                G.nodes[name].setdefault(k, v)
    pairs: dict[tuple[str, str], dict] = {}  # a pair named on several relations is one tie
    for (s, t, rel), w in answers.ties.items():
        d = pairs.get((s, t))
        if d is None:
            pairs[(s, t)] = {"weight": w, "relation": rel} if rel else {"weight": w}
            continue
        d["weight"] = max(d.get("weight", 1.0), w)
        rels = set(filter(None, d.get("relation", "").split(";"))) | ({rel} if rel else set())
        d["relation"] = ";".join(sorted(rels))
    G.add_edges_from((s, t, d) for (s, t), d in pairs.items())
    return G


def _finish(G: nx.DiGraph, answers: _Answers, report_silent: bool, summary: ReadSummary, source: str) -> None:
    """Refuse a network without ties; count respondents, people who named nobody, ties and people."""
    if G.number_of_edges() == 0:
        top = summary.counts.most_common(1)
        why = f" (most common problem: {PROBLEMS[top[0][0]][0]}, {top[0][1]} times)" if top else ""
        raise fail(source, f"no usable ties were found{why}",
                   "Check the file against mapping/template-ties.csv, and the names against the people list.")
    if answers.respondents is None:
        summary.respondents = sum(1 for v in G if G.out_degree(v) > 0)
    else:
        summary.respondents = len(answers.respondents & set(G))
    silent = [v for v in G if G.out_degree(v) == 0]
    if silent and report_silent:
        summary.add("no_answer", source, None, names=tuple(silent[: summary.max_examples]), count=len(silent))
    summary.ties_kept = G.number_of_edges()
    summary.people = G.number_of_nodes()
