"""Chapter 10 figure: can the AI reach the data? (scenes from :mod:`p2pkit.ai_access`).

- :func:`data_to_agents` -- a 40-person chart whose AI agents sit with managers, and the same
  people as a peer network whose agents attach where the data is; data held at the front
  line or pooled in a central store. Hours play forward and streams light up as they reach
  an agent.

The figure calls :func:`p2pkit.ai_access.compare_designs` and :func:`~p2pkit.ai_access.ai_verdict`;
it only places the agents beside their hosts and arranges what the model returns.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from functools import lru_cache

import networkx as nx

from ..ai_access import STORE, ai_verdict, compare_designs
from .component import Figure, choice, play, seed, slider
from .layouts import ring_layout, tree_layout
from .scene import chart, network, scene, series
from .shapes import person_names

__all__ = ["HOURS", "access_scene", "data_to_agents"]

HOURS = (0, 1, 2, 3, 4, 8, 16, 24)
LEVELS, SPAN = 4, 3
RELAY_HOURS, APPROVAL_HOURS = 1.0, 8.0
ROLE_WORDS = {"reached": "its stream has reached an AI agent", "bridge": "its stream is not there yet",
              "manager": "manager", "peer": "holds no stream", "other": "holds no stream", "agent": "AI agent",
              "centre": "central data store"}
DATA_WORDS = {"edge": "at the front line", "pooled": "pooled in a central store"}
ACCESS_WORDS = {"relayed": "relayed by managers", "approved feed": "a feed each manager approves"}
CURVE_HOURS = tuple(h / 2 for h in range(2 * 24 + 1))


@lru_cache(maxsize=128)
def _compare(data: str, access: str, agents: int, keep: float, seed: int):
    # the budget is applied per state (usable_by); compare once per setting
    return compare_designs(LEVELS, SPAN, data, access, agents, keep, RELAY_HOURS, APPROVAL_HOURS, budget=4.0,
                           seed=seed)


def _layout(design: str, G) -> dict:
    if design == "hierarchy":
        pos = tree_layout(G.subgraph([v for v in G if v != STORE]))
        if STORE in G:
            pos[STORE] = (0.0, 1.35)
        return pos
    ring = nx.Graph()
    ring.add_nodes_from(G.graph["ring_order"])   # who stands where on the peer network's ring
    if STORE in G:
        ring.add_node(STORE)                     # the store in the middle
    return ring_layout(ring, centre=STORE)


def _with_agents(design: str, G, res, pos: dict):
    """The network with a node per agent, tied to its host, placed just outside the host."""
    H = G.copy()
    P = dict(pos)
    for i, h in enumerate(res.hosts, start=1):
        a = f"AI {i}"
        H.add_edge(a, h)
        x, y = pos[h]
        if design == "hierarchy" and h != STORE:
            P[a] = (x + 0.12, y + 0.25)
        elif h == STORE:
            P[a] = (x + 0.25 * (i - (len(res.hosts) + 1) / 2), y + 0.3)
        else:
            r = math.hypot(x, y) or 1.0
            P[a] = (x * 1.18 / r, y * 1.18 / r)
    return H, P


def _people(design: str, c, H, res, arrived: set) -> tuple[dict, dict]:
    """Each person's role (their stream in or not yet, a manager, an agent, the store) and name."""
    G = c.networks[design]
    holders = set(res.holders) - {STORE}
    front = {v for v, r in c.networks["hierarchy"].nodes(data="role") if r == "staff"}
    names = person_names(H)
    roles = {}
    for v in H:
        if isinstance(v, str) and v.startswith("AI "):
            roles[v], names[v] = "agent", f"AI agent {v[3:]}"
        elif v == STORE:
            roles[v], names[v] = "centre", "Central data store"
        elif v in holders:
            roles[v] = "reached" if res.holders.index(v) in arrived else "bridge"
        elif G.nodes[v].get("role") in ("top", "manager"):
            roles[v] = "manager"
        else:
            roles[v] = "peer" if (v in front or STORE not in G) else "other"
    return roles, names


def _tie_kinds(H, res, arrived: set) -> dict:
    """Ties on the route of a stream that has arrived, an agent's link to its host, and the other ties."""
    on_route = {frozenset(e) for i in arrived for e in itertools.pairwise(res.routes[i])}
    kinds = {}
    for u, v in H.edges():
        if frozenset((u, v)) in on_route:
            kinds[(u, v)] = "route"
        elif str(u).startswith("AI ") or str(v).startswith("AI "):
            kinds[(u, v)] = "feed"
        else:
            kinds[(u, v)] = "tie"
    return kinds


def _panel(design: str, c, hours: float) -> dict:
    G, res = c.networks[design], c.results[design]
    H, P = _with_agents(design, G, res, _layout(design, G))
    arrived = {i for i, h in enumerate(res.hours) if h <= hours + 1e-9}
    roles, names = _people(design, c, H, res, arrived)
    per = {s: i for i, s in enumerate(res.holders) if s != STORE}
    relays = {v: int(res.relays[i]) for v, i in per.items()}
    arrive = {v: float(res.hours[i]) for v, i in per.items() if math.isfinite(res.hours[i])}
    kept = {v: float(res.fidelity[i]) for v, i in per.items()}
    title = (f"{'Hierarchy' if design == 'hierarchy' else 'Peer network'}: {len(arrived)} of {res.streams} streams "
             f"in, {res.usable_by(hours):.0%} of the detail")
    words = dict(ROLE_WORDS, peer="their data is in the store") if STORE in G else ROLE_WORDS
    return network(H, P, title=title, names=names, roles=roles, role_labels=words,
                   figures=[("People who relay its stream", relays, "d"), ("Hours until it arrives", arrive, ".0f"),
                            ("Detail that arrives", kept, ".0%")],
                   tie_kinds=_tie_kinds(H, res, arrived),
                   kind_names={"route": "route of a stream that has arrived", "feed": "agent's link",
                               "tie": "other tie"},
                   kind_roles={"route": "reached"}, labels=False)


def access_scene(data: str, access: str, agents: int, keep: float, hours: float, seed: int = 0) -> dict:
    """One state of :func:`data_to_agents`."""
    base = _compare(data, access, int(agents), float(keep), int(seed))
    # the same comparison read at this state's budget (the routes and times do not depend on it)
    c = replace(base, budget=float(hours),
                results={k: replace(r, budget=float(hours)) for k, r in base.results.items()})
    hier, peer = c.results["hierarchy"], c.results["peer network"]
    panels = [_panel("hierarchy", c, hours), _panel("peer network", c, hours)]
    lines = [series("hierarchy", list(CURVE_HOURS), [hier.usable_by(h) for h in CURVE_HOURS], role="manager",
                    step=True),
             series("peer network", list(CURVE_HOURS), [peer.usable_by(h) for h in CURVE_HOURS], role="agent",
                    step=True, dash=True)]
    curve = chart("Detail that has reached the AI, hour by hour", lines, x_label="hours since the data arose",
                  y_label="share of all the detail", y_format=".0%", x_domain=(0, 24), y_domain=(0, 1),
                  marker_x=hours)
    readout = [("Where the data sits", DATA_WORDS[data]),
               ("Hierarchy's AI gets the data", ACCESS_WORDS[access] if data == "edge" else "straight from the store"),
               ("AI agents: hierarchy / peer network", f"{len(hier.hosts)} / {len(peer.hosts)}"
                + (" (at the store)" if data == "pooled" else "")),
               (f"Streams in after {hours:g} h: hierarchy / peer network", (f"{hier.reached} / {peer.reached} of "
                                                                          f"{hier.streams}")),
               ("Detail that has arrived: hierarchy / peer network", f"{hier.usable:.0%} / {peer.usable:.0%}"),
               ("Most hand-offs to an agent: hierarchy / peer network",
                f"{int(hier.relays.max())} / {int(peer.relays.max())}")]
    summary = (f"Two network drawings of the same 40 people with the data {DATA_WORDS[data]}: a chart whose "
               f"{agents} AI agent{'s sit' if agents > 1 else ' sits'} with managers, and a peer network whose agents "
               f"attach where the data is. After {hours:g} hours {hier.reached} of {hier.streams} streams have reached "
               f"the hierarchy's AI ({hier.usable:.0%} of the detail) and {peer.reached} the network's "
               f"({peer.usable:.0%}). Circles: streams that have arrived; diamonds: not yet.")
    return scene(*panels, curve, readout=readout, verdict=ai_verdict(c), summary=summary,
                 caption=f"Each person who relays a stream keeps {keep:.0%} of its detail and takes "
                         f"{RELAY_HOURS:g} hour; an approval takes {APPROVAL_HOURS:g} hours; a machine feed takes no "
                         "time. Thick green ties: routes of streams that have arrived.")


def data_to_agents() -> Figure:
    """Where the data sits, where the agents attach, and how much reaches them in time.

    Controls: where the data sits, how the hierarchy's AI gets it, how many agents each
    design has, how much detail a relay keeps, the hours since the data arose (Play), and
    the seed of the peer network.
    """
    return Figure(
        "Can the AI reach the data? A hierarchy and a peer network", access_scene,
        [choice("data", "Where the data sits", DATA_WORDS, "edge"),
         choice("access", "The hierarchy's AI gets the data", ACCESS_WORDS, "relayed"),
         slider("agents", "AI agents in each design", (1, 3, 9), 3, fmt="d", live=(1, 27, 1)),
         slider("keep", "Each relay keeps", (0.8, 0.9), 0.9, fmt=".0%", live=(0.5, 1.0, 0.01)),
         play("hours", "Hours since the data arose", HOURS, 4, fmt="{:g} h".format, interval_ms=1000),
         seed((0,), help="The peer network's random ties.")],
        description="Two networks of the same 40 people with their AI agents, streams lighting up as they reach an "
                    "agent, and a step chart of the detail that has arrived hour by hour.")


FIGURES = [data_to_agents]
