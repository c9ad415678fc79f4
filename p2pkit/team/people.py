"""Reading a people list: who is in the team, with their team, role and manager.

A people list (one row per person) sets the boundary of the network: :func:`p2pkit.team.intake.read_survey`
skips and reports ties to anyone not on it. Rosters also help people remember whom to name
(Marsden 1990).
"""

from __future__ import annotations

from pathlib import Path

from ..files import MAX_FILE_MB, fail
from .cells import HEADERS, clean_name, clean_text, find_column
from .summary import ReadSummary, checked_name, load_table

__all__ = ["read_people"]


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
    table, header, info = load_table(path, max_mb, "a people list", summary)
    source, rows = table.source, table.body
    ni = find_column(header, HEADERS["person"])
    if ni is None:
        found = ", ".join(repr(h.strip()) for h in table.header if h.strip())[:300] or "none"
        raise fail(source, f"missing columns: no column with the people's names (columns found: {found})",
                   "Name the first column 'name' (see mapping/template-people.csv).", row=1)
    if not rows:
        raise fail(source, "only a header row, no people", "Add one row per person below the header.", row=1)
    keys = _attribute_keys(header, ni)
    people: dict[str, dict] = {}
    for row, cells in rows:
        if ni >= len(cells):
            summary.add("too_few_cells", source, row, detail=f"{len(cells)} cell{'s' if len(cells) != 1 else ''}")
            continue
        name = checked_name(cells[ni], summary, source, row)
        if name is None:
            continue
        if name in people:
            summary.add("duplicate_person", source, row, names=(name,))
            continue
        people[name] = _attributes(cells, keys)
    summary.files.append(info)
    for attrs in people.values():
        m = attrs.get("manager")
        if m and m not in people:
            summary.add("unknown_manager", source, None, names=(m,))
    return people


def _attribute_keys(header: list[str], name_column: int) -> list[str | None]:
    """The attribute each column holds: ``team``, ``role``, ``manager`` or its own header (None: skip)."""
    keys: list[str | None] = []
    for i, h in enumerate(header):
        key = None
        if i != name_column and h:
            key = next((canon for canon in ("team", "role", "manager") if h in HEADERS[canon]), h)
        keys.append(key)
    return keys


def _attributes(cells: list[str], keys: list[str | None]) -> dict[str, str]:
    """One person's attributes from their row (empty cells left out; a manager's name tidied)."""
    attrs = {}
    for i, key in enumerate(keys):
        if key is None or i >= len(cells):
            continue
        val = clean_text(cells[i])
        if not val:
            continue
        if key == "manager":
            val, _ = clean_name(val)
        attrs[key] = val
    return attrs
