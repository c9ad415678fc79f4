"""Privacy: codes instead of names, and cells that a spreadsheet cannot run as formulas.

- :func:`pseudonym_map` / :func:`pseudonymise` -- replace names by stable codes (P01, P02,
  ...) before anything is shown to a room or written to disk;
- :func:`neutralise_cell` -- make a text safe to write into a CSV that a spreadsheet opens
  (no formula injection).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

import networkx as nx

__all__ = ["pseudonym_map", "pseudonymise", "neutralise_cell", "SAFE_ATTRIBUTES"]

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
