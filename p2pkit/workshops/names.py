"""Names as a facilitator types them, and names in a sentence.

:func:`parse_names` and :func:`parse_pairs` read typed lists of people and pairs against the
people of a network, with a suggestion for every name they cannot find; :func:`people_text`
lists people in a sentence.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

__all__ = ["parse_names", "parse_pairs", "people_text"]

_ENTRY_SPLIT = re.compile(r"[,;\n\r]+")
_PAIR_SPLIT = re.compile(r"\s*(?:--?|\u2013|\u2014|\+|&|/|<->|\bwith\b|\band\b)\s*", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def _key(name: object) -> str:
    return " ".join(str(name).translate(_INVISIBLE).split()).casefold()


def _index(people: Iterable) -> dict:
    """casefolded name -> person (the first spelling wins if two differ only in case)."""
    out: dict = {}
    for v in people:
        out.setdefault(_key(v), v)
    return out


def _unknown(text: str, index: dict) -> str:
    close = difflib.get_close_matches(_key(text), list(index), n=1, cutoff=0.6)
    hint = f" (did you mean {index[close[0]]!r}?)" if close else ""
    shown = " ".join(str(text).translate(_INVISIBLE).split())
    return f"{shown!r} is not in the network{hint}"


def parse_names(text: str, people: Iterable) -> tuple[list, list[str]]:
    """Read a typed list of people ("Ana, Bo; Chidi") against the people in a network.

    Parameters
    ----------
    text : str
        Names separated by commas, semicolons or new lines. Case and extra spaces do not
        matter ("  ana " finds "Ana").
    people : iterable
        The people of the network (its nodes).

    Returns
    -------
    (list, list of str)
        The people found, in the order typed and each once, and one message per entry that
        could not be used (an unknown name, with the closest known name as a suggestion).

    Examples
    --------
    >>> parse_names("ana, Bo;  Cy", ["Ana", "Bo"])
    (['Ana', 'Bo'], ["'Cy' is not in the network"])
    """
    index = _index(people)
    found, problems = [], []
    for entry in _ENTRY_SPLIT.split(text or ""):
        if not entry.strip():
            continue
        v = index.get(_key(entry))
        if v is None:
            problems.append(_unknown(entry, index))
        elif v not in found:
            found.append(v)
    return found, problems


def parse_pairs(text: str, people: Iterable) -> tuple[list[tuple], list[str]]:
    """Read typed introductions or ties ("Ana-Bo, Chidi + Dana") against a network's people.

    Entries are separated by commas, semicolons or new lines. In each entry the two names are
    separated by ``-``, ``--``, an en or em dash, ``+``, ``&``, ``/``, ``<->``, "and" or "with".
    A name may itself contain a separator ("Anne-Marie-Bo" is read as Anne-Marie and Bo when
    both are in the network): every split is tried and the one whose two sides are both
    people is used.

    Parameters
    ----------
    text : str
    people : iterable
        The people of the network.

    Returns
    -------
    (list of tuple, list of str)
        The pairs found, in the order typed and each once, and one message per entry that
        could not be used (unknown names, a person paired with themselves, an entry that can
        be read in two ways).

    Examples
    --------
    >>> parse_pairs("Ana-Bo, bo + Cy, Ana-Ana", ["Ana", "Bo", "Cy"])
    ([('Ana', 'Bo'), ('Bo', 'Cy')], ["'Ana-Ana' pairs a person with themselves"])
    >>> parse_pairs("Anne-Marie-Bo", ["Anne-Marie", "Bo"])[0]
    [('Anne-Marie', 'Bo')]
    """
    index = _index(people)
    pairs: list[tuple] = []
    seen: set = set()
    problems: list[str] = []
    for entry in _ENTRY_SPLIT.split(text or ""):
        entry = entry.strip()
        if not entry:
            continue
        splits = [(entry[: m.start()], entry[m.end():]) for m in _PAIR_SPLIT.finditer(entry)
                  if m.start() > 0 and m.end() < len(entry)]
        readings_ = {(index[_key(a)], index[_key(b)]) for a, b in splits
                     if _key(a) in index and _key(b) in index}
        if not splits:
            problems.append(f"{entry!r} needs two names joined by a dash, e.g. Ana-Bo")
            continue
        if not readings_:
            a, b = splits[0]
            bad = [_unknown(x, index) for x in (a, b) if _key(x) not in index] or [
                f"{entry!r} could not be read as two people"]
            problems.append("; ".join(bad))
            continue
        if len(readings_) > 1:
            problems.append(f"{entry!r} can be read in more than one way; separate the names with ' + '")
            continue
        a, b = next(iter(readings_))
        if a == b:
            problems.append(f"{entry!r} pairs a person with themselves")
            continue
        key = frozenset((a, b))
        if key not in seen:
            seen.add(key)
            pairs.append((a, b))
    return pairs, problems



def people_text(names: Sequence, limit: int = 6) -> str:
    """``names`` in a sentence: "Ana", "Ana and Bo", "Ana, Bo and Cy", or the first ``limit`` and how many more.

    Examples
    --------
    >>> people_text(["Ana", "Bo", "Cy"]), people_text(range(9), limit=3)
    ('Ana, Bo and Cy', '0, 1, 2 and 6 more')
    """
    names = [str(v) for v in names]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
