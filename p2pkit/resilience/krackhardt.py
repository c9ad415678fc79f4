"""Krackhardt's (1987) managers: the formal chart, the advice network and who is sought most."""

from __future__ import annotations

from .. import orgs

__all__ = ["krackhardt_managers"]


def krackhardt_managers() -> dict:
    """Krackhardt's (1987) 21 managers: the formal chart and the advice network.

    Returns
    -------
    dict
        ``{"chart": G, "advice": G, "sought": [...]}``: the reporting lines and the advice
        ties as undirected networks (two managers are tied if either reports to, or asks
        advice of, the other), and the managers by how many colleagues seek their advice
        (in-degree in the directed advice data), most first, ties by number. Nodes are the
        managers' numbers as strings and carry ``level`` (1 the CEO, 2 vice-presidents,
        3 managers) and ``dept``.

    References
    ----------
    Krackhardt, D. (1987). Cognitive social structures. *Social Networks* 9, 109-134.

    Examples
    --------
    >>> m = krackhardt_managers()
    >>> m["sought"][:3], m["chart"].number_of_edges()
    (['2', '18', '21'], 20)
    """
    chart = orgs.load_dataset("krack_reports", top_down=True)
    advice = orgs.load_dataset("krack_advice")
    sought = sorted(advice, key=lambda v: (-advice.in_degree(v), int(v)))
    return {"chart": chart.to_undirected(), "advice": advice.to_undirected(), "sought": sought}
