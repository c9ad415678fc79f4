"""Exports to the tools facilitators already use: Gephi and Cytoscape, and Kumu.

- :func:`to_gexf` -- GEXF 1.2 (Gephi's own format; Cytoscape reads it too);
- :func:`to_graphml` -- GraphML (Gephi, Cytoscape, yEd, R's igraph);
- :func:`to_kumu` -- the two CSV sheets of Kumu's spreadsheet import: *elements*
  (``Label, Type, ...``) and *connections* (``From, To, Type, Strength``).

Names and attributes are written as they are, with two exceptions that keep the files
safe: a text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading single quote (:func:`p2pkit.team.privacy.neutralise_cell`, OWASP's CSV-injection
guidance), because any of these files can end up in a spreadsheet; and characters that
XML does not allow are dropped. Pseudonymise first (:func:`p2pkit.team.privacy.pseudonymise`)
before a file leaves your hands. None of these functions writes over one of the files it
was given to protect (``inputs``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from ..errors import P2PKitError
from ..files import output_path
from .privacy import neutralise_cell

__all__ = ["safe_graph", "to_gexf", "to_graphml", "to_kumu"]

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: object) -> object:
    if isinstance(value, str):
        return neutralise_cell(_XML_BAD.sub("", value))
    if value is None:
        return ""
    return value


def safe_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` fit for export: names and text attributes neutralised, no ``None``.

    Node names become strings (after neutralisation); every node gets a ``label``
    attribute equal to its (safe) name. Numbers are kept as numbers.

    References
    ----------
    OWASP Foundation. *CSV Injection*. https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> H = safe_graph(nx.DiGraph([("=1+1", "Ann")]))
    >>> sorted(H.nodes())
    ["'=1+1", 'Ann']
    """
    names = {v: _clean(str(v)) for v in G}
    if len(set(names.values())) != len(names):
        raise P2PKitError("two people have names that become the same after making them safe for export; "
                          "rename one of them.")
    H = G.__class__()
    for v, d in G.nodes(data=True):
        attrs = {str(k): _clean(val) for k, val in d.items() if val is not None}
        attrs["label"] = names[v]
        H.add_node(names[v], **attrs)
    for u, v, d in G.edges(data=True):
        H.add_edge(names[u], names[v], **{str(k): _clean(val) for k, val in d.items() if val is not None})
    return H


def to_gexf(G: nx.Graph, path: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``G`` as GEXF for Gephi (and Cytoscape), with names and attributes kept.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    path : str or pathlib.Path
    inputs : iterable of paths
        Files that must never be written over (the survey files).

    Returns
    -------
    pathlib.Path

    References
    ----------
    GEXF Working Group (2009). *GEXF 1.2 draft primer*. gexf.net.

    Examples
    --------
    >>> import tempfile, os
    >>> p = to_gexf(nx.DiGraph([("Ann", "Bo")]), os.path.join(tempfile.mkdtemp(), "t.gexf"))
    >>> sorted(nx.read_gexf(p).nodes())
    ['Ann', 'Bo']
    """
    p = output_path(path, inputs, "export")
    nx.write_gexf(safe_graph(G), p, encoding="utf-8", prettyprint=True)
    return p


def to_graphml(G: nx.Graph, path: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``G`` as GraphML (Gephi, Cytoscape, yEd), with names and attributes kept.

    References
    ----------
    Brandes, U., Eiglsperger, M., Herman, I., Himsolt, M., & Marshall, M. S. (2002).
    GraphML progress report: structural layer proposal. *Graph Drawing 2001*, LNCS 2265, 501-512.

    Examples
    --------
    >>> import tempfile, os
    >>> p = to_graphml(nx.DiGraph([("Ann", "Bo")]), os.path.join(tempfile.mkdtemp(), "t.graphml"))
    >>> sorted(nx.read_graphml(p).nodes())
    ['Ann', 'Bo']
    """
    p = output_path(path, inputs, "export")
    nx.write_graphml(safe_graph(G), p, encoding="utf-8", prettyprint=True)
    return p


def to_kumu(G: nx.Graph, prefix: str | Path, inputs: Iterable[str | Path] = ()) -> tuple[Path, Path]:
    """Write Kumu's spreadsheet import as two CSV files: ``PREFIX-elements.csv`` and ``PREFIX-connections.csv``.

    The elements sheet has ``Label`` first (Kumu requires it in column A), then ``Type``
    (``Person``) and one column per attribute (``Team``, ``Role``, ``Manager``...); the
    connections sheet has ``From`` and ``To`` first (columns A and B), then ``Type`` (the
    relation) and ``Strength`` (the weight). Import both sheets in Kumu.

    Notes
    -----
    Kumu splits a cell at ``|`` into several values, so a ``|`` inside a name is written as
    ``¦`` (broken bar). Every text is neutralised against formula injection.

    References
    ----------
    Kumu (2024). *Structure your data for Kumu* (import guide). docs.kumu.io.

    Examples
    --------
    >>> import tempfile, os
    >>> e, c = to_kumu(nx.DiGraph([("Ann", "Bo")]), os.path.join(tempfile.mkdtemp(), "team"))
    >>> open(c).read().splitlines()[0]
    'From,To,Type,Strength'
    """
    prefix = Path(prefix)
    if prefix.suffix.lower() == ".csv":
        prefix = prefix.with_suffix("")
    pe = output_path(prefix.parent / f"{prefix.name}-elements.csv", inputs, "export")
    pc = output_path(prefix.parent / f"{prefix.name}-connections.csv", inputs, "export")

    def kname(v: object) -> str:
        return str(neutralise_cell(_XML_BAD.sub("", str(v)).replace("|", "\u00a6")))

    keys: list[str] = []
    for _, d in G.nodes(data=True):
        for k in d:
            if k not in keys and k not in ("label", "Label", "type", "Type"):
                keys.append(k)
    with open(pe, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Label", "Type"] + [k[:1].upper() + k[1:] for k in keys])
        for v, d in G.nodes(data=True):
            row = [kname(v), "Person"]
            for k in keys:
                val = d.get(k, "")
                row.append(kname(val) if k == "manager" and val else _clean(val))
            w.writerow(row)
    with open(pc, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["From", "To", "Type", "Strength"])
        for u, v, d in G.edges(data=True):
            w.writerow([kname(u), kname(v), kname(d.get("relation", "tie")), d.get("weight", 1)])
    return pe, pc
