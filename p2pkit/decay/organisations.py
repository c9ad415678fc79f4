"""Three organisations of about the same size compared: a tall hierarchy, a flat one, a peer mesh.

- :func:`three_orgs` -- the three networks;
- :func:`compare` -- :func:`~p2pkit.decay.journey` in each, with the same :class:`~p2pkit.decay.Flow`;
- :func:`decay_verdict` -- what the numbers mean, in plain sentences.
"""

from __future__ import annotations

import math

import networkx as nx

from .. import orgs
from ..errors import P2PKitError, require_whole_number
from .journey import HOURS_PER_DAY, Flow, Journey, _flow, journey

__all__ = ["SHAPES", "three_orgs", "compare", "decay_verdict"]

#: The three organisations :func:`compare` builds, in the order figures show them.
SHAPES = ("tall hierarchy", "flat hierarchy", "peer mesh")


def three_orgs(people: int = 31, k: int = 4, rewire: float = 0.1, seed: int | None = 0) -> dict[str, nx.Graph]:
    """A tall hierarchy, a flat one and a peer mesh of about ``people`` people each.

    - tall: span of control 2, as many levels as it takes (:func:`p2pkit.orgs.hierarchy`);
    - flat: three levels, the span that comes closest to ``people``;
    - peer mesh: exactly ``people`` people, ``k`` peers each (:func:`p2pkit.orgs.peer_mesh`).

    The hierarchies cannot hit every size; compare ``G.number_of_nodes()``.

    Examples
    --------
    >>> {name: G.number_of_nodes() for name, G in three_orgs(31).items()}
    {'tall hierarchy': 31, 'flat hierarchy': 31, 'peer mesh': 31}
    """
    n = require_whole_number("people", people, minimum=7, maximum=5000)
    levels = max(2, round(math.log2(n + 1)))
    span = max(2, round((-1 + math.sqrt(4 * n - 3)) / 2))
    tall = orgs.hierarchy(levels, 2)
    tall.graph["shape"] = "tall hierarchy"
    flat = orgs.hierarchy(3, span)
    flat.graph["shape"] = "flat hierarchy"
    mesh = orgs.peer_mesh(n, k=min(k, n - 1), rewire=rewire, seed=seed)
    return {"tall hierarchy": tall, "flat hierarchy": flat, "peer mesh": mesh}


def compare(people: int = 31, seed: int | None = 0, k: int = 4, rewire: float = 0.1, flow: Flow | None = None,
            **settings) -> dict[str, Journey]:
    """:func:`journey` in the three organisations of :func:`three_orgs`, with the same :class:`Flow`.

    In the two hierarchies the top decides (``rule="top"``); in the peer mesh the person
    nearest the data decides (``rule="nearest"``). ``flow`` (default ``Flow()``) and the
    settings of :class:`Flow` given by keyword are those of every :func:`journey`; the same
    ``seed`` draws the peer mesh and every sample.

    Examples
    --------
    >>> c = compare(31, keep=0.9)
    >>> [c[s].mean_hops for s in SHAPES]
    [4.0, 2.0, 0.0]
    """
    flow = _flow(flow, settings)
    nets = three_orgs(people, k=k, rewire=rewire, seed=seed)
    return {name: journey(G, "nearest" if name == "peer mesh" else "top", flow, seed=seed, shape=name)
            for name, G in nets.items()}


def _hours(x: float) -> str:
    if x < 1:
        return f"{x * 60:.0f} minutes"
    if x < 2 * HOURS_PER_DAY:
        return f"{x:.1f} hours"
    return f"{x / HOURS_PER_DAY:.1f} working days"


def _hand_offs(h: float) -> str:
    if h == 0:
        return "decided at the data"
    if abs(h - round(h)) < 1e-9:
        return f"{h:.0f} hand-off{'s' if round(h) != 1 else ''} from the data"
    return f"{h:.1f} hand-offs from the data on average"


def decay_verdict(journeys: dict[str, Journey]) -> str:
    """Plain sentences on information decay and time to decision, computed from ``journeys``.

    One clause per organisation (detail kept, hand-offs, hours), then which organisation
    keeps the most detail and which decides soonest, and a warning when the peer mesh
    concentrates decisions on a few people.

    Examples
    --------
    >>> print(decay_verdict(compare(31, keep=0.9)))  # doctest: +NORMALIZE_WHITESPACE
    Tall hierarchy: 66% of the detail, 4 hand-offs from the data, decided in 8.6 hours.
    Flat hierarchy: 81% of the detail, 2 hand-offs from the data, decided in 6.2 hours.
    Peer mesh: 100% of the detail, decided at the data, decided in 49 minutes. The peer
    mesh keeps the most detail and decides soonest.
    """
    if not journeys:
        raise P2PKitError("no organisations to compare.")
    parts = []
    for name, j in journeys.items():
        when = (f"decided in {_hours(j.hours)}" if j.stable else
                "and a backlog that grows without limit (someone on the way is overloaded)")
        parts.append(f"{name[0].upper() + name[1:]}: {j.fidelity:.0%} of the detail, "
                     f"{_hand_offs(j.mean_hops)}, {when}.")
    most = max(journeys, key=lambda s: journeys[s].fidelity)
    soon = min(journeys, key=lambda s: journeys[s].hours)
    if not journeys[soon].stable:
        parts.append(f"The {most} keeps the most detail; none of them keeps up with the decisions.")
    elif most == soon:
        parts.append(f"The {most} keeps the most detail and decides soonest.")
    else:
        parts.append(f"The {most} keeps the most detail, but the {soon} decides soonest.")
    mesh = journeys.get("peer mesh")
    if mesh is not None and mesh.sources_per_decision > 1 and mesh.busiest_decider_share >= 0.2:
        busy = mesh.busiest_decider_utilisation
        tail = ("a new gatekeeper" if busy >= 0.5 else "not yet a bottleneck, but a new centre")
        busy_txt = "more than they can handle" if busy >= 1 else f"busy {busy:.0%} of the time"
        parts.append(f"Needing what {mesh.sources_per_decision} people know pulls "
                     f"{mesh.busiest_decider_share:.0%} of the mesh's decisions to one well-placed person "
                     f"({busy_txt}): {tail}.")
    return " ".join(parts)
