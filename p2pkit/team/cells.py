"""What one cell of a survey file holds: names, column headers and relations, tidied.

The survey kit's vocabulary lives here: its four relations and their questions
(:data:`RELATIONS`, :data:`QUESTIONS`), the column names it recognises in a header
(:data:`HEADERS`), and the small functions that tidy a cell before anything is counted:
:func:`clean_name` (spaces, invisible characters, Unicode normal form), :func:`name_key`
(names that differ only in case or spaces), :func:`relation_of` (a header or cell read as one
of the relations) and :func:`find_column`. Nothing here reads a file or counts a problem: that
is :mod:`p2pkit.team.summary` and :mod:`p2pkit.team.intake`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterable

__all__ = [
    "RELATIONS",
    "QUESTIONS",
    "MAX_NAME_LENGTH",
    "HEADERS",
    "FORM_META",
    "clean_text",
    "clean_name",
    "name_key",
    "norm_header",
    "find_column",
    "relation_of",
    "split_answers",
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

#: The header spellings recognised for each column (after :func:`norm_header`), in order of preference.
HEADERS: dict[str, tuple[str, ...]] = {
    "source": ("source", "from", "ego", "respondent", "sender", "asker", "seeker", "who answered", "person",
               "name", "your name"),
    "target": ("target", "to", "alter", "receiver", "named", "named person", "chosen", "answer", "contact"),
    "relation": ("relation", "relationship", "type", "question", "network", "tie type", "connection type",
                 "kind"),
    "weight": ("weight", "strength", "value", "frequency", "how often"),
    "direction": ("direction", "directed"),
    "person": ("name", "label", "id", "person", "full name", "employee", "your name", "respondent", "who are you"),
    "team": ("team", "department", "dept", "unit", "group", "your team", "division"),
    "role": ("role", "title", "job title", "position", "your role", "job"),
    "manager": ("manager", "reports to", "boss", "supervisor", "line manager", "your manager"),
    "respondent": ("your name", "respondent", "name", "full name", "who are you", "your full name"),
}

#: Columns of an online-form export that are not questions (time stamps, e-mail, consent).
FORM_META = ("timestamp", "time stamp", "start time", "completion time", "submitted", "submission time",
             "date", "id", "email", "email address", "e-mail", "last modified time", "consent")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_WS = re.compile(r"\s+")


def clean_text(cell: str) -> str:
    """A cell in Unicode normal form C, without zero-width characters or surrounding spaces."""
    return unicodedata.normalize("NFC", cell).translate(_ZERO_WIDTH).strip()


def norm_header(cell: str) -> str:
    """A header cell as compared with :data:`HEADERS`: lower case, ``_`` and ``-`` read as spaces.

    Examples
    --------
    >>> norm_header(" Source_Name: ")
    'source name'
    """
    h = clean_text(cell).lower().strip(" :?*")
    return _WS.sub(" ", h.replace("_", " ").replace("-", " ")).strip()


def clean_name(cell: str) -> tuple[str, bool]:
    """Tidy a name: NFC, no invisible characters, spaces collapsed. Returns (name, changed).

    Examples
    --------
    >>> clean_name("  Ann\\u200b  Lee ")
    ('Ann Lee', True)
    """
    if cell.isascii() and cell.isprintable() and "  " not in cell and cell == cell.strip():
        return cell, False  # the common case, fast
    raw = cell
    t = unicodedata.normalize("NFC", cell).translate(_ZERO_WIDTH)
    t = "".join(ch if unicodedata.category(ch) != "Cc" else (" " if ch in "\t\n\r" else "") for ch in t)
    t = _WS.sub(" ", t).strip()
    return t, t != raw


def name_key(name: str) -> str:
    """Names that differ only in case or spaces share this key.

    Examples
    --------
    >>> name_key("Ann Lee") == name_key("ann  lee")
    True
    """
    return _WS.sub("", name).casefold()


def find_column(header: list[str], aliases: Iterable[str], prefix: bool = False) -> int | None:
    """The index of the first header cell that is one of ``aliases`` (in their order of preference).

    With ``prefix``, a header that starts with an alias and a space also matches ("Source
    name", "Target (who was named)"), after every exact match has been tried.
    """
    aliases = list(aliases)
    for a in aliases:  # exact match first, in the order of preference
        for i, h in enumerate(header):
            if h == a:
                return i
    if prefix:
        for a in aliases:
            for i, h in enumerate(header):
                if h.startswith(a + " ") or h.startswith(a + " ("):
                    return i
    return None


@lru_cache(maxsize=4096)
def relation_of(text: str) -> str:
    """Relation name for a header or a cell: one of :data:`RELATIONS` if a keyword matches.

    Otherwise the text itself (its label before a colon, if any), tidied and cut to 60
    characters: a relation the kit does not know keeps the file's own name.

    Examples
    --------
    >>> relation_of("Energy: which colleagues leave you with more energy?"), relation_of("Friendship")
    ('energy', 'friendship')
    """
    t = clean_text(text).lower()
    head = t.split(":")[0] if ":" in t else ""
    for part in (head, t):  # "Energy: which colleagues..." -> the label before the colon wins
        for kw, rel in _RELATION_KEYWORDS:
            if kw in part:
                return rel
    t = head.strip() or t
    return _WS.sub(" ", t)[:60]


def split_answers(cell: str) -> list[str]:
    """Split a form cell into names: by ; or new lines if there are any, else by commas.

    Examples
    --------
    >>> split_answers("Ann; Bo\\nCy"), split_answers("Ann, Bo")
    (['Ann', 'Bo', 'Cy'], ['Ann', 'Bo'])
    """
    parts = re.split(r"[;\r\n]+", cell) if (";" in cell or "\n" in cell or "\r" in cell) else cell.split(",")
    return [p.strip() for p in parts if p.strip()]
