"""Chapter 9 figure: alignment with strategic intent (scenes from :mod:`p2pkit.alignment`).

- :func:`shared_intent` -- people average their contacts' positions while anchored to what
  they can see: the intent (if they see it) or their own local priority. Transparency is the
  share who see it; a broadcast from the centre is the alternative. Rounds play forward; the
  curve shows where people settle at every level of transparency.

The figure calls :func:`p2pkit.alignment.run`, :func:`~p2pkit.alignment.compare_alignment`
and the verdict; it only arranges what they return.
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np

from .. import orgs
from ..alignment import compare_alignment, local_priorities, run
from .component import Figure, choice, play, seed, slider, toggle
from .layouts import tree_layout
from .scene import chart, network, scene, series
from .shapes import drawn, person_names, ring

__all__ = ["BROADCAST", "NETWORKS", "intent_scene", "shared_intent"]

#: The two networks of the same 40 people: name -> (builder, layout).
NETWORKS = {
    "chart": (lambda: orgs.hierarchy(4, 3), tree_layout),
    "peer mesh": (lambda: orgs.peer_mesh(40, 4, 0.1, seed=0), ring),
}
#: Share of everyone's attention the centre's broadcast gets when it is on.
BROADCAST = 0.3
ANCHOR = 0.3
ROUND_STEPS = (0, 3, 10, 60)
ROUNDS = 60
ROLE_WORDS = {"holder": "sees the intent", "peer": "does not see it", "centre": "broadcasts the intent"}


@cache
def _drawn() -> tuple[dict, dict]:
    """The two networks and their places (:func:`p2pkit.views.shapes.drawn`), built once."""
    return drawn(NETWORKS)


@lru_cache(maxsize=2)
def _priorities() -> dict:
    """The same people's local priorities in both networks: each front-line team shares part of it."""
    G = _drawn()[0]["chart"]
    level = dict(G.nodes(data="level"))
    teams = {v: (min(G.neighbors(v), key=lambda u: level[u]) if level[v] == 3 else v) for v in G}
    return local_priorities(G, spread=0.2, team_spread=0.3, teams=teams, seed=0)


@lru_cache(maxsize=64)
def _run(name: str, transparency: float, pull: float, broadcast: bool, seed: int):
    return run(_drawn()[0][name], transparency, ANCHOR, pull, BROADCAST if broadcast else 0.0,
               priorities=_priorities(), rounds=ROUNDS, seed=seed)


@lru_cache(maxsize=64)
def _compare(name: str, transparency: float, pull: float):
    return compare_alignment(_drawn()[0][name], transparency, ANCHOR, pull, BROADCAST, priorities=_priorities())


def _share(x: float) -> str:
    """A position on the scale from the local priorities' average (0%) to the intent (100%).

    A position less than a percentage point below the local priorities' average reads 0%, as
    the verdict's "none of the way" does (not "-1%", which a reader takes for a real step back).
    """
    if -0.01 < x < 0:
        return "0%"
    text = f"{x:.0%}"
    return "0%" if text == "-0%" else text


def _people_panel(network_name: str, r, t: int, broadcast: bool) -> dict:
    """The people at round ``t``: who sees the intent (or broadcasts it), sized by how close they are to it."""
    G = _drawn()[0][network_name]
    x = r.positions[t]
    seen = set(r.sees)
    roles = {v: ("centre" if broadcast and v == r.centre else "holder" if v in seen else "peer") for v in r.nodes}
    return network(
        G, _drawn()[1][network_name],
        title=f"{network_name[0].upper() + network_name[1:]}, round {t}: on average {_share(float(x.mean()))} of the "
              "way to the intent",
        names=person_names(G), roles=roles, role_labels=ROLE_WORDS, nodes=r.nodes,
        sizes={v: min(1.0, max(0.0, round(float(p), 2))) for v, p in zip(r.nodes, x, strict=True)},
        figures=[("Position (0%: local priorities, 100%: the intent)",
                  dict(zip(r.nodes, np.round(x, 3), strict=True)), ".0%"),
                 ("Own local priority", dict(zip(r.nodes, np.round(r.priorities, 3), strict=True)), ".0%")],
        labels=False)


def intent_scene(network_name: str, transparency: float, local_pull: float, broadcast: bool, at_round: int,
                 seed: int = 0) -> dict:
    """One state of :func:`shared_intent`."""
    r = _run(network_name, float(transparency), float(local_pull), bool(broadcast), int(seed))
    c = _compare(network_name, float(transparency), float(local_pull))
    t = min(int(at_round), ROUNDS)
    x = r.positions[t]
    seen = set(r.sees)
    net = _people_panel(network_name, r, t, broadcast)

    curve = chart("Where people settle", [
        series("local rules", list(c.levels), list(c.curve), role="peer", points=True),
        series("broadcast", [0, 1], [c.broadcast_alignment] * 2, role="centre", dash=True),
    ], x_label="share who see the intent", y_label="average position at the end", x_format=".0%", y_format=".0%",
        x_domain=(0, 1), y_domain=(min(0.0, min(c.curve)), 1), marker_x=transparency,
        points=[{"x": transparency, "y": c.here, "label": "", "role": "peer"}])

    rounds = list(range(ROUNDS + 1))
    track = chart("Average position, round by round", [
        series("this run", rounds,
               np.round(r.positions.mean(axis=1), 4).tolist(), role="centre" if broadcast else "holder"),
        series("where it settles", [0, ROUNDS], [r.alignment] * 2, role="other", dash=True),
    ], x_label="round", y_label="average position", y_format=".0%", x_domain=(0, ROUNDS),
        y_domain=(min(0.0, float(r.positions.mean(axis=1).min())), 1), marker_x=t)

    who = f"{len(seen)} of {len(r.nodes)} see the intent" + (", the centre broadcasts it" if broadcast else "")
    readout = [("Who sees the intent", who),
               ("This draw: average position now / where it settles", f"{_share(float(x.mean()))} / {_share(r.alignment)}"),
               ("This draw: people at least 80% of the way, at the end", f"{r.aligned:.0%}"),
               ("This draw: rounds until everyone has settled", str(r.rounds_to_settle) if r.rounds_to_settle is not None
                else f"more than {ROUNDS}"),
               ("Local rules alone settle at (0%: the local priorities' average)", _share(c.local)),
               (f"Visibility needed to come {c.target:.0%} of the way",
                f"{c.needed:.0%}" if c.needed is not None else "none suffices"),
               ("A broadcast alone settles at", _share(c.broadcast_alignment))]
    summary = (f"The {network_name} of {len(r.nodes)} people after {t} rounds: {who} (triangles"
               + (", the square broadcasts" if broadcast else "") + "); the bigger a mark, the closer that person is "
               f"to the intent. On average they are {_share(float(x.mean()))} of the way there and settle at "
               f"{_share(r.alignment)}. The curve: local rules settle at {_share(c.local)} with nobody seeing the intent "
               f"and {_share(c.here)} with {transparency:.0%} seeing it; a broadcast alone, at "
               f"{_share(c.broadcast_alignment)}.")
    return scene(net, curve, track, readout=readout, verdict=_verdict(network_name, float(transparency),
                                                                       float(local_pull)),
                 summary=summary,
                 caption=f"Each round everyone moves to the average of their own and their contacts' positions, while "
                         f"keeping {ANCHOR:.0%} of their weight on the intent if they see it, or the chosen pull on their "
                         f"own local priority if they do not. The curve averages 10 random choices of who sees it. The "
                         f"broadcast: only the centre sees it, and everyone gives it {BROADCAST:.0%} of their attention.")


@lru_cache(maxsize=64)
def _verdict(name: str, transparency: float, pull: float) -> str:
    from ..alignment import alignment_verdict

    return alignment_verdict(_compare(name, transparency, pull))


def shared_intent() -> Figure:
    """Local rules and a shared goal: how many need to see the intent, and when a broadcast is better.

    Controls: the network, the share who see the intent, how strongly people hold on to their
    local priorities, a broadcast from the centre, the round (Play) and the seed of who sees it.
    """
    def build(network_name, transparency, local_pull, broadcast, round, seed):
        return intent_scene(network_name, transparency, local_pull, broadcast, round, seed)

    return Figure(
        "Aligning with the intent: local rules, visibility and a broadcast", build,
        [choice("network_name", "Network", {k: k for k in NETWORKS}, "peer mesh"),
         slider("transparency", "People who see the intent", (0.0, 0.2, 0.6, 1.0), 0.2, fmt=".0%",
                live=(0.0, 1.0, 0.01)),
         slider("local_pull", "Pull of local priorities", (0.0, 0.1), 0.1, fmt=".0%", live=(0.0, 1.0, 0.01),
                help="How much weight someone who does not see the intent keeps on their own local priority each round."),
         toggle("broadcast", "Broadcast from the centre",
                help=f"The centre sees the intent and everyone gives it {BROADCAST:.0%} of their attention."),
         play("round", "Round", ROUND_STEPS, 0, fmt="d", interval_ms=900),
         seed((0,), help="Who sees the intent, at random.")],
        description="A network whose people move towards the strategic intent or stay near local priorities, a curve "
                    "of where they settle against the share who see the intent, and their average position by round.")


FIGURES = [shared_intent]
