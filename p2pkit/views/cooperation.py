"""Chapter 9 figure: incentives to share on a network (scenes from :mod:`p2pkit.cooperation`).

- :func:`free_riding` -- the networked public-goods game round by round (a Play control) on
  a chart or a peer mesh, with the synergy and a reward for sharing the leader sets; the
  share still sharing in every network (means of 40 seeded runs) against the well-mixed
  baseline.

The figure calls :func:`p2pkit.cooperation.simulate`, the replicator curve and the verdict;
it only chooses what to draw.
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np

from .. import orgs
from ..cooperation import (
    cooperation_verdict,
    simulate,
    well_mixed_share,
    well_mixed_threshold,
)
from .component import Figure, choice, play, seed, slider
from .layouts import tree_layout
from .scene import chart, network, scene, series
from .shapes import drawn, person_names, ring

__all__ = ["NETWORKS", "free_riding", "sharing_scene"]

#: The networks compared, all of 40 people: name -> (builder, layout).
NETWORKS = {
    "chart": (lambda: orgs.hierarchy(4, 3), tree_layout),
    "peer mesh, 2 ties each": (lambda: orgs.peer_mesh(40, 2, 0.1, seed=0), ring),
    "peer mesh, 4 ties each": (lambda: orgs.peer_mesh(40, 4, 0.1, seed=0), ring),
}
ROUNDS = 300
RUNS = 40
BASELINE_GROUP = 5
ROUND_STEPS = (0, 20, 100, 300)
#: Rounds at which the lines are drawn (dense early, where they move most).
LINE_ROUNDS = tuple(sorted({*range(20), *range(20, 100, 4), *range(100, ROUNDS + 1, 10)}))
ROLE_WORDS = {"reached": "shares", "rumour": "free-rides"}
SHORT = {"chart": "chart", "peer mesh, 2 ties each": "mesh, 2 ties", "peer mesh, 4 ties each": "mesh, 4 ties"}
LINE_ROLE = {"chart": "centre", "peer mesh, 2 ties each": "peer", "peer mesh, 4 ties each": "reached"}


@cache
def _drawn() -> tuple[dict, dict]:
    """The three networks and their places (:func:`p2pkit.views.shapes.drawn`), built once."""
    return drawn(NETWORKS)


@lru_cache(maxsize=256)
def _runs(r: float, reward: float) -> dict:
    return {name: simulate(G, r, rounds=ROUNDS, reward=reward, runs=RUNS, seed=1) for name, G in _drawn()[0].items()}


@lru_cache(maxsize=256)
def _one_run(name: str, r: float, reward: float, seed: int):
    """The run the network drawing shows."""
    return simulate(_drawn()[0][name], r, rounds=ROUNDS, reward=reward, runs=1, seed=seed)


def _pct(x: float) -> str:
    text = f"{x:.0%}"
    return "under 1%" if text == "0%" and x > 0 else ("over 99%" if text == "100%" and x < 1 else text)


def sharing_scene(network_name: str, r: float, reward: float, at_round: int, seed: int = 0) -> dict:
    """One state of :func:`free_riding`."""
    G = _drawn()[0][network_name]
    runs = _runs(float(r), float(reward))
    one = _one_run(network_name, float(r), float(reward), int(seed))
    t = min(int(at_round), ROUNDS)
    nodes = one.nodes
    shares_now = one.history[t]
    sharers = int(shares_now.sum())
    roles = {v: ("reached" if s else "rumour") for v, s in zip(nodes, shares_now, strict=True)}
    net = network(
        G, _drawn()[1][network_name],
        title=f"{network_name[0].upper() + network_name[1:]}, round {t}: {sharers} of {len(nodes)} share",
        names=person_names(G), roles=roles, role_labels=ROLE_WORDS, nodes=nodes,
        figures=[("Payoff this round", dict(zip(nodes, one.payoffs[t], strict=True)), ".2f"),
                 ("Group size (self and contacts)", one.group_size, "d")], labels=False)

    xs = list(LINE_ROUNDS)
    lines = [series(SHORT[name], xs, np.round(run.mean_share[xs], 3).tolist(), role=LINE_ROLE[name],
                    dash=name != network_name)
             for name, run in runs.items()]
    lines.append(series("no network", xs,
                        np.round(well_mixed_share(xs, r, BASELINE_GROUP, reward=reward), 3).tolist(),
                        role="other", dash=True))
    here = {"x": t, "y": float(shares_now.mean()), "label": "", "role": "rumour"}
    panel = chart("Share of people who share", lines, x_label="round", y_label="share who share", y_format=".0%",
                  x_domain=(0, ROUNDS), y_domain=(0, 1), marker_x=t, points=[here])

    thr = well_mixed_threshold(BASELINE_GROUP, 1.0, reward)
    mine = runs[network_name]
    readout = [("Synergy / reward per contribution", f"{r:g} / {reward:g}"),
               (f"Without a network (groups of {BASELINE_GROUP}) sharing pays above", f"{thr:g}"),
               ("Sharing in this run now", f"{sharers} of {len(nodes)}"),
               *[(f"Sharing after {ROUNDS} rounds on the {name}", _pct(run.final)) for name, run in runs.items()],
               (f"Runs on the {network_name} that end with everyone sharing / nobody",
                f"{mine.all_shared:.0%} / {mine.none_shared:.0%}")]
    summary = (f"A network drawing of the {network_name} after {t} rounds of a public-goods game with synergy {r:g}"
               + (f" and a reward of {reward:g} per contribution" if reward else "")
               + f": {sharers} of {len(nodes)} share (circles), the rest free-ride (triangles). Line chart: the share "
               "still sharing round by round, averaged over 40 runs: "
               + ", ".join(f"{_pct(run.final)} on the {name}" for name, run in runs.items())
               + f" after {ROUNDS} rounds, against the well-mixed baseline.")
    return scene(net, panel, readout=readout, verdict=cooperation_verdict(runs, BASELINE_GROUP), summary=summary,
                 caption=f"Each person shares in their own group (themselves and their contacts) and in each contact's "
                         f"group; a share costs 1, the pot is multiplied by the synergy and split among the group. After "
                         f"each round everyone may copy a better-paid contact. Lines: means of {RUNS} seeded runs (solid: "
                         f"the network drawn); grey: the same game without a network, in random groups of "
                         f"{BASELINE_GROUP} (the replicator equation). The triangle on the lines: the run drawn.")


def free_riding() -> Figure:
    """Who keeps sharing: the networked public-goods game, round by round, with the leader's incentives.

    Controls: the network drawn (a 40-person chart or a peer mesh with 2 or 4 ties each), the
    synergy (what sharing is worth to a group), a reward per contribution, the round (Play),
    and the seed of the run drawn.
    """
    def build(network_name, r, reward, round, seed):
        return sharing_scene(network_name, r, reward, round, seed)

    return Figure(
        "Who keeps sharing? Incentives and structure", build,
        [choice("network_name", "Network", {k: k for k in NETWORKS}, "peer mesh, 4 ties each"),
         slider("r", "Synergy (what sharing is worth)", (3.0, 4.0, 6.0), 3.0, fmt="{:g}".format,
                live=(0.0, 20.0, 0.1),
                help="Each group's pot is multiplied by this before it is split among all its members."),
         slider("reward", "Reward per contribution", (0.0, 0.25, 0.5), 0.0, fmt="{:g}".format, live=(0.0, 2.0, 0.05),
                help="What the leader pays a sharer for each contribution (a contribution costs 1)."),
         play("round", "Round", ROUND_STEPS, 0, fmt="d", interval_ms=900),
         seed((0,), help="The seed of the run drawn; the lines average 40 runs.")],
        description="A network of 40 people who share or free-ride, and a line chart of the share who share over "
                    "300 rounds on three networks and without a network.")


FIGURES = [free_riding]
