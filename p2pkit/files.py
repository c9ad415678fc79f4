"""Reading a user's table file safely, in one place: CSV, TSV or an Excel workbook (.xlsx).

Both the survey intake (:mod:`p2pkit.team.intake`) and the data-set reader
(:func:`p2pkit.orgs.read_adjacency_csv`) read files through :func:`read_table`, so a file reads
the same whichever path it takes: the same encodings (UTF-8 with or without a byte-order mark,
UTF-16, Windows-1252), the same separators (comma, semicolon, tab, vertical bar, or Excel's
``sep=`` first line), the same row numbers (as a spreadsheet shows them) and the same messages.

A file is only ever read, never changed; :func:`output_path` makes sure that nothing the kit
writes (a report, an export) lands on one of the files it read. Every problem raises a
:class:`~p2pkit.errors.DataFileError` whose message names the file (and the row, where there is
one) and says what to do.

Workbooks are read with openpyxl (Gazoni & Clark), values only: a formula is never evaluated;
its last computed value, as the spreadsheet shows it, is read instead.
"""

from __future__ import annotations

import csv
import io
import math
import os
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from .errors import DataFileError, P2PKitError

__all__ = ["Table", "read_table", "read_bytes", "fail", "output_path", "MAX_FILE_MB", "MAX_CELLS",
           "DELIMITER_NAMES"]

#: Files larger than this (MB) are refused unless the caller raises the limit.
MAX_FILE_MB = 50.0
#: A workbook with more cells than this is refused (a small compressed file can unpack huge).
MAX_CELLS = 20_000_000
#: The longest cell read (a longer one is almost always an unclosed quote).
MAX_CELL = 131_072
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def fail(source: str, problem: str, todo: str, row: int | None = None) -> DataFileError:
    """The kit's one-line message: ``"SOURCE: row N: PROBLEM. TODO"``."""
    where = f"{source}: row {row}: " if row is not None else f"{source}: "
    return DataFileError(f"{where}{problem}. {todo}")


def output_path(path: str | Path, inputs: Iterable[str | Path] = (), what: str = "report") -> Path:
    """``path`` as a place to write the ``what`` (a report, an export): never one of the ``inputs``,
    and in a folder that exists.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = p.write_text("source,target\\nAnn,Bo\\n", encoding="utf-8")
    >>> output_path(p, [p], "export")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    p2pkit.errors.P2PKitError: ... is one of the input files; choose another name for the export.
    """
    p = Path(path)
    for src in inputs:
        try:
            if p.exists() and os.path.samefile(p, src):
                raise P2PKitError(f"{p} is one of the input files; choose another name for the {what}.")
        except FileNotFoundError:
            continue
    if not p.parent.exists():
        raise P2PKitError(f"the folder {p.parent} does not exist; create it or choose another path.")
    return p


@dataclass
class Table:
    """A file read as rows of text cells, with how it was read.

    ``rows`` holds every non-blank record as ``(row number, cells)``; row numbers count as a
    spreadsheet does (the header is row 1). ``blank`` counts the blank rows skipped after the
    header. ``delimiter`` is ``None`` for a workbook.
    """

    source: str
    rows: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str | None
    blank: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return self.rows[0][1] if self.rows else []

    @property
    def body(self) -> list[tuple[int, list[str]]]:
        return self.rows[1:]

    def describe(self) -> str:
        """How the file was read, for a summary: encoding and separator (or workbook sheet)."""
        if self.delimiter is None:
            return self.encoding
        return f"{self.encoding}; {DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))}-separated"


def read_bytes(path: str | Path, max_mb: float = MAX_FILE_MB) -> bytes:
    """The file's bytes, read-only, after the checks every file gets (exists, size, not empty)."""
    p = Path(path)
    source = str(p)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise fail(source, "no such file", "Check the name and the folder.") from None
    except OSError as exc:
        raise fail(source, f"the file cannot be opened ({exc.strerror or type(exc).__name__})",
                   "Check the name and that you may read it.") from None
    if p.is_dir():
        raise fail(source, "this is a folder, not a file", "Give the path of the CSV file inside it.")
    if size > max_mb * 1e6:
        def show(b: float) -> str:
            return f"{b / 1e6:,.1f} MB" if b >= 1e6 else f"{b:,.0f} bytes"

        raise fail(source, f"the file is {show(size)}, more than the limit of {show(max_mb * 1e6)}",
                   "Split it (for example one file per relation) or raise the limit "
                   "(max_mb=..., or --max-mb on the command line) if you trust the file.")
    try:
        with open(p, "rb") as fh:  # read-only: the user's file is never changed
            raw = fh.read()
    except OSError as exc:
        raise fail(source, f"the file cannot be read ({exc.strerror or type(exc).__name__})",
                   "Check that you may read it.") from None
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise fail(source, "the file is empty", "Export the answers again from your spreadsheet or form tool.")
    return raw


def read_table(path: str | Path, max_mb: float = MAX_FILE_MB) -> Table:
    """Read a CSV/TSV file or the first non-empty sheet of an .xlsx workbook as rows of text.

    Parameters
    ----------
    path : str or pathlib.Path
        The file; only read, never changed.
    max_mb : float, default 50
        Refuse larger files (the message says how to raise the limit).

    Returns
    -------
    Table

    Raises
    ------
    DataFileError
        Missing, empty, too large, binary, damaged or unreadable files; an old ``.xls`` or a
        password-protected workbook; a PDF; a row that cannot be read as CSV.

    References
    ----------
    Shafranovich, Y. (2005). Common Format and MIME Type for Comma-Separated Values (CSV)
    Files. RFC 4180, IETF.
    ECMA-376 (2021). *Office Open XML File Formats* (the .xlsx format), 5th edition.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("source;target\\nAnn;Bo\\n", encoding="utf-8")
    >>> t = read_table(p)
    >>> t.header, t.body, t.describe()
    (['source', 'target'], [(2, ['Ann', 'Bo'])], 'UTF-8; semicolon-separated')
    """
    source = str(path)
    raw = read_bytes(path, max_mb)
    if raw.startswith(b"PK\x03\x04"):
        return _read_workbook(raw, source)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise fail(source, "this is an old Excel workbook (.xls) or a password-protected one, which the kit "
                   "cannot open", "Open it and save it as an Excel workbook (.xlsx) without a password, or as "
                   "'CSV UTF-8 (comma delimited)'.")
    if raw.startswith(b"%PDF"):
        raise fail(source, "this is a PDF, not a CSV file", "Type the answers into the CSV template instead.")
    text, encoding = _decode(raw, source)
    bad = sum(1 for ch in text[:200_000] if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
    if bad > max(5, 0.01 * min(len(text), 200_000)):
        raise fail(source, "this does not look like a text (CSV) file: it contains binary data",
                   "Save the data as CSV from your spreadsheet and try again.")
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) in (4, 5):
        delimiter = first.strip()[4:] or "\t"  # Excel's "sep=;" first line names the separator
        text = "\n" + rest  # keep the row numbers as a spreadsheet shows them
    else:
        delimiter = _sniff_delimiter(text)
    table = Table(source, [], encoding, delimiter)
    _keep(table, _records(text, delimiter, source))
    return table


def _keep(table: Table, records: Iterator[tuple[int, list[str]]]) -> None:
    """Keep the non-blank records; count blank rows after the header."""
    for row, cells in records:
        if not "".join(cells).strip():  # every cell blank
            if table.rows:
                table.blank += 1
            continue
        table.rows.append((row, cells))
    if not table.rows:
        raise fail(table.source, "the file has no rows", "Export the answers again.")


def _decode(raw: bytes, source: str) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf") and _is_utf8(raw[3:]):
        return raw[3:].decode("utf-8"), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise fail(source, "the file says it is UTF-16 text but cannot be read as such",
                       "Save it again as 'CSV UTF-8'.") from None
    if b"\x00" in raw[:4096]:
        sample = raw[:4096]
        odd = sample[1::2].count(0)
        even = sample[0::2].count(0)
        half = len(sample) / 2
        for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
            if zeros > 0.8 * half:
                try:
                    return raw.decode(enc), "UTF-16 (no byte-order mark)"
                except UnicodeDecodeError:
                    break
        raise fail(source, "this does not look like a text (CSV) file: it contains binary data",
                   "Save the data as CSV from your spreadsheet and try again.")
    if _is_utf8(raw):
        return raw.decode("utf-8"), "UTF-8"
    try:
        return raw.decode("cp1252"), "Windows-1252 (not UTF-8)"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1 (not UTF-8)"


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _sniff_delimiter(text: str) -> str:
    """The separator among , ; tab | that splits the first rows most consistently."""
    head = "\n".join(text.splitlines()[:30])
    best, best_score = ",", (0, 0)
    for d in (",", ";", "\t", "|"):
        try:
            rows = [r for r in csv.reader(io.StringIO(head, newline=""), delimiter=d) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(1 for r in rows if len(r) == width)
        score = (consistent, width)
        if score > best_score:
            best, best_score = d, score
    return best


def _records(text: str, delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells)`` for every record; row numbers count as a spreadsheet does."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row = 0
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            msg = str(exc)
            if "field larger than field limit" in msg:
                raise fail(source, "a cell runs on for more than 131,072 characters -- probably a double "
                           'quote (") that opens a cell and is never closed', "Check the quotes in that row.",
                           row) from None
            raise fail(source, f"this row cannot be read as CSV ({msg})",
                       "Check the quotes in that row, or save the file again from your spreadsheet.",
                       row) from None
        yield row, cells


def _cell_text(value) -> str:
    """A workbook value as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _read_workbook(raw: bytes, source: str) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise fail(source, "this looks like a zip file or a workbook, but it is damaged",
                   "Save it again from your spreadsheet (as .xlsx or as CSV).") from None
    if "xl/workbook.xml" not in names:
        kind = "an OpenDocument spreadsheet (.ods)" if "content.xml" in names else "a zip archive"
        raise fail(source, f"this is {kind}, not a CSV file or an Excel workbook",
                   "Save the sheet as an Excel workbook (.xlsx) or as 'CSV UTF-8 (comma delimited)'.")
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is in requirements.txt
        raise fail(source, "reading .xlsx workbooks needs the openpyxl package",
                   "Install it (pip install openpyxl) or save the sheet as CSV.") from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise fail(source, f"this workbook cannot be read ({type(exc).__name__}); it may be damaged",
                   "Open it in your spreadsheet and save it again (as .xlsx or as CSV).") from None
    try:
        chosen, skipped, table = None, [], None
        cells = 0
        for ws in wb.worksheets:
            t = Table(source, [], "", None)
            records = []
            for offset, values in enumerate(ws.iter_rows(values_only=True)):
                cells += len(values)
                if cells > MAX_CELLS:
                    raise fail(source, f"the workbook holds more than {MAX_CELLS:,} cells",
                               "Save only the sheet with the answers, as CSV.")
                texts = [_cell_text(v) for v in values]
                row = (ws.min_row or 1) + offset
                if any(len(x) > MAX_CELL for x in texts):
                    raise fail(source, f"a cell holds more than {MAX_CELL:,} characters", "Check that row.", row)
                records.append((row, texts))
            if any(any(c.strip() for c in r) for _, r in records):
                if table is None:
                    chosen, table = ws.title, t
                    _keep(table, iter(records))
                else:
                    skipped.append(ws.title)
        if table is None:
            raise fail(source, "the workbook has no filled-in cells", "Export the answers again.")
        # a sheet gives every row its full width: empty cells beyond the header's last filled
        # column are not data (a CSV export would not have them either)
        head = table.rows[0][1]
        width = max((i + 1 for i, c in enumerate(head) if c.strip()), default=0)
        for i, (row, texts) in enumerate(table.rows):
            while len(texts) > width and texts[-1] == "":
                texts.pop()
            table.rows[i] = (row, texts)
        table.encoding = f"Excel workbook (.xlsx), sheet '{chosen}'"
        if skipped:
            table.notes.append(f"The workbook's first sheet with data, '{chosen}', was read; other sheets "
                               f"were not: {', '.join(repr(s) for s in skipped)}.")
        return table
    finally:
        wb.close()
