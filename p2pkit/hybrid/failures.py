"""Any failure in a hybrid organisation: who can still reach whom, and which requests are answered.

:func:`failure` says what is left once some nodes (people or AI nodes) fail, and
:func:`failure_verdict` says it in a sentence; :func:`ai_utilisation` and
:func:`most_harmful_ai` read the AI nodes of a network.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from ..errors import P2PKitError, require_probability
from .comparison import DESIGNS, _agent_rates, _check_rates
from .designs import _people_in_touch, in_touch_without_each

__all__ = ["Failure", "failure", "failure_verdict", "ai_utilisation", "most_harmful_ai"]


@dataclass(frozen=True)
class Failure:
    """What is left of a hybrid organisation once some nodes fail (see :func:`failure`).

    Attributes
    ----------
    design : str
        ``"AI hub"`` or ``"embedded agents"`` (:data:`~p2pkit.hybrid.DESIGNS`).
    failed : tuple
        The nodes that failed (people or AI nodes).
    people_left : int
        People still there.
    in_touch : float
        Share of the pairs of people left who can still reach each other (through people or
        AI nodes).
    answered : float
        Share of the requests of the people left that still get an AI answer.
    without_ai : tuple
        People left whose own AI node (the hub, or their team's agent) has failed: none of
        their requests is answered.
    reach : dict
        Person left -> how many of the other people left they can still reach.
    """

    design: str
    failed: tuple
    people_left: int
    in_touch: float
    answered: float
    without_ai: tuple
    reach: dict


def failure(G: nx.Graph, failed=(), cross_team: float = 0.2) -> Failure:
    """What survives when the nodes in ``failed`` fail, in a network from :func:`hub_design`
    or :func:`embedded_design`.

    Requests follow the rules of :func:`compare_designs`: each person's requests go to their
    own AI node (the hub, or their team's agent), and with embedded agents a share
    ``cross_team`` of them also need the agent of another team, chosen at random among the
    other teams. A request is answered if every AI node it needs is working. A failed
    person simply stops asking.

    Parameters
    ----------
    G : networkx.Graph
        A network from :func:`hub_design` or :func:`embedded_design`.
    failed : iterable
        Nodes that fail (people ``0 .. n-1`` or AI nodes).
    cross_team : float, default 0.2

    Returns
    -------
    Failure
        With one AI node failed and nobody else, ``in_touch`` and ``answered`` are the
        ``in_touch_if_fails`` and ``answered_if_fails`` of :func:`compare_designs`.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34 (pairwise connectivity).

    Jackson, J. R. (1957). Networks of waiting lines. *Operations Research* 5(4), 518-521.

    Examples
    --------
    >>> from p2pkit.hybrid import hub_design
    >>> f = failure(hub_design(20, 5), [20])
    >>> round(f.in_touch, 4), f.answered, len(f.without_ai)
    (0.2105, 0.0, 20)
    """
    return _failure(_Structure(G), failed, cross_team)



def _check_design(G) -> None:
    """Refuse anything but a network built by :func:`~p2pkit.hybrid.hub_design` or
    :func:`~p2pkit.hybrid.embedded_design` (which lists its AI nodes in ``G.graph["ai"]``)."""
    if not isinstance(G, nx.Graph) or "ai" not in G.graph:
        raise P2PKitError("give a network from hub_design or embedded_design.")


class _Structure:
    """What :func:`failure` needs of a network, computed once (a sparse adjacency matrix)."""

    def __init__(self, G: nx.Graph):
        _check_design(G)
        self.G = G
        self.nodes = list(G)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        self.A = nx.to_scipy_sparse_array(G, nodelist=self.nodes, format="csr", weight=None)
        self.person = np.array([G.nodes[v].get("kind") == "person" for v in self.nodes])
        self.ai = list(G.graph["ai"])
        self.hub = len(self.ai) == 1 and G.nodes[self.ai[0]].get("team") is None
        agent_of = {G.nodes[a]["team"]: a for a in self.ai} if not self.hub else {}
        self.own = {v: (self.ai[0] if self.hub else agent_of[G.nodes[v]["team"]])
                    for v in self.nodes if G.nodes[v].get("kind") == "person"}


def _failure(st: _Structure, failed, cross_team) -> Failure:
    c = require_probability("cross_team", cross_team)
    gone = []
    for v in failed:
        if v not in st.index:
            raise P2PKitError(f"{v!r} is not in this network; fail a person or an AI node shown in it.")
        if v not in gone:
            gone.append(v)
    keep = np.ones(len(st.nodes), dtype=bool)
    keep[[st.index[v] for v in gone]] = False
    in_touch, kept, labels, per = _people_in_touch(st.A, st.person, keep)
    p = int(st.person[kept].sum())
    mine = st.person[kept]
    reach = dict(zip([st.nodes[i] for i in kept[mine]], (per[labels[mine]] - 1).tolist(), strict=True))
    down = set(gone) & set(st.ai)
    left = [v for v in st.own if v in reach]
    without = tuple(v for v in left if st.own[v] in down)
    t = len(st.ai)
    if not left:
        answered = 0.0
    elif st.hub:
        answered = 0.0 if down else 1.0
    else:
        share = 0.0
        for v in left:
            if st.own[v] in down:
                continue
            share += 1 - (c * len(down) / (t - 1) if t > 1 else 0.0)
        answered = share / len(left)
    design = DESIGNS[0] if st.hub else DESIGNS[1]
    return Failure(design=design, failed=tuple(gone), people_left=p, in_touch=float(in_touch), answered=float(answered),
                   without_ai=without, reach=reach)


def failure_verdict(f: Failure) -> str:
    """One plain sentence on a :class:`Failure` of either design: who can still reach whom, and
    which requests still get answered.

    Examples
    --------
    >>> from p2pkit.hybrid import hub_design
    >>> failure_verdict(failure(hub_design(20, 5), [20])).startswith("With the AI hub")
    True
    """
    design = f.design
    if not f.failed:
        return (f"With the {design}, nothing has failed: all {f.people_left} people are in touch and every "
                "request gets an AI answer.")
    lost = len(f.without_ai)
    if f.answered >= 1 - 1e-12:
        ai_part = "every request still gets an AI answer"
    elif f.answered <= 1e-12:
        ai_part = "no request gets an AI answer"
    else:
        ai_part = (f"{f.answered:.0%} of requests still get an AI answer"
                   + (f" ({lost} {'person gets' if lost == 1 else 'people get'} none at all)" if lost else ""))
    return (f"With the {design}, {f.in_touch:.0%} of the pairs of people left can still reach each other "
            f"and {ai_part}.")


def ai_utilisation(G: nx.Graph, requests_per_person: float, hub_speed: float = 600.0,
                   agent_speed: float = 60.0, cross_team: float = 0.2) -> dict:
    """Each AI node's utilisation: requests it receives per hour over what it can serve.

    The arrival rates of :func:`compare_designs` (the hub receives everyone's requests;
    an embedded agent its own team's and its share of the other teams' cross-team
    requests); 1 or more means saturated.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley.

    Examples
    --------
    >>> from p2pkit.hybrid import hub_design
    >>> ai_utilisation(hub_design(20, 5), 2.0, hub_speed=80)
    {20: 0.5}
    """
    _check_design(G)
    r, mu_h, mu_a, c = _check_rates(requests_per_person, hub_speed, agent_speed, cross_team)
    ai = list(G.graph["ai"])
    sizes = G.graph["sizes"]
    if len(ai) == 1 and G.nodes[ai[0]].get("team") is None:
        return {ai[0]: sum(sizes) * r / mu_h}
    lam, _ = _agent_rates(sizes, r, c)
    return {a: lam[G.nodes[a]["team"]] / mu_a for a in ai}


def most_harmful_ai(G: nx.Graph):
    """The AI node whose failure alone leaves the fewest pairs of people in touch.

    Ties go to the agent of the largest team, then to the lowest number: the node whose loss
    :func:`compare_designs` reports as ``in_touch_if_fails``.

    Examples
    --------
    >>> from p2pkit.hybrid import embedded_design, hub_design
    >>> most_harmful_ai(hub_design(20, 5)), most_harmful_ai(embedded_design(23, 10))
    (20, 23)
    """
    st = _Structure(G)
    served = {a: 0 for a in st.ai}
    for a in st.own.values():
        served[a] += 1
    touch = in_touch_without_each(G)
    return min(st.ai, key=lambda a: (touch[a], -served[a], a))
