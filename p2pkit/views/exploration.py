"""Chapter 6 figure: iterating when a strategy falters (scenes from :mod:`p2pkit.exploration`).

- :func:`strategy_falters` -- 40 people search an NK landscape together, copying a better
  contact or trying one change; at round 50 part of the landscape is re-drawn. Four
  networks, from everyone seeing everyone to a sparse ring; rounds play forward.

The figure calls :func:`p2pkit.exploration.compare` and the verdict; it only arranges what
they return.
"""

from __future__ import annotations

from functools import cache, lru_cache

import networkx as nx
import numpy as np

from .. import orgs
from ..exploration import compare, exploration_verdict
from .component import Figure, choice, play, seed, slider
from .layouts import tree_layout
from .scene import chart, network, scene, series
from .shapes import drawn, person_names, ring

__all__ = ["NETWORKS", "falter_scene", "strategy_falters"]

#: The four networks of 40 people, from the densest to the sparsest, with their layouts.
NETWORKS = {
    "full mesh": (lambda: nx.complete_graph(40), ring),
    "peer mesh": (lambda: orgs.peer_mesh(40, 4, 0.1, seed=0), ring),
    "chart": (lambda: orgs.hierarchy(4, 3), tree_layout),
    "sparse ring": (lambda: orgs.peer_mesh(40, 2, 0.0, seed=0), ring),
}
SHORT = {"full mesh": "full mesh", "peer mesh": "peer mesh", "chart": "chart", "sparse ring": "sparse ring"}
LINE_ROLE = {"full mesh": "centre", "peer mesh": "peer", "chart": "rumour", "sparse ring": "reached"}
ROUNDS, SHOCK_ROUND, CHOICES = 100, 50, 12
ROUND_STEPS = (0, 3, 49, 50, 55, 100)
ROLE_WORDS = {"holder": "holds the best possible strategy", "peer": "holds the most common strategy",
              "bridge": "holds another strategy"}


@cache
def _drawn() -> tuple[dict, dict]:
    """The four networks and their places (:func:`p2pkit.views.shapes.drawn`), built once."""
    return drawn(NETWORKS)


@lru_cache(maxsize=32)
def _results(k: int, shock: float, seed: int) -> dict:
    return compare(_drawn()[0], n=CHOICES, k=k, rounds=ROUNDS, shock_round=SHOCK_ROUND, shock_share=shock, seed=seed)


@lru_cache(maxsize=32)
def _verdict(k: int, shock: float, seed: int) -> str:
    return exploration_verdict(_results(k, shock, seed))


def _pct(x: float) -> str:
    text = f"{x:.0%}"
    return f"{x:.1%}" if text == "100%" and x < 1 - 1e-9 else text


def _search_panel(network_name: str, run, t: int, after: bool) -> tuple[dict, int, int]:
    """The people of the first search at round ``t``, by the strategy they hold: the network panel, the number of
    different strategies held and the number of people who copied a contact."""
    G = _drawn()[0][network_name]
    held, score = run.strategies[t], run.scores[t]
    values, counts = np.unique(held, return_counts=True)
    common = int(values[np.argmax(counts)])
    count = dict(zip(values.tolist(), counts.tolist(), strict=True))
    roles = {v: ("holder" if sc >= 1 - 1e-12 else "peer" if int(s) == common else "bridge")
             for v, s, sc in zip(run.nodes, held, score, strict=True)}
    copied = [v for v, c in zip(run.nodes, run.copied[t], strict=True) if c]
    net = network(
        G, _drawn()[1][network_name],
        title=f"{network_name[0].upper() + network_name[1:]}, round {t}: {len(values)} different "
              f"strateg{'y' if len(values) == 1 else 'ies'}" + (" (after the shock)" if after else ""),
        names=person_names(G), roles=roles, role_labels=ROLE_WORDS, nodes=run.nodes,
        figures=[("Score (share of the best possible)", dict(zip(run.nodes, np.round(score, 3), strict=True)), ".0%"),
                 ("People holding the same strategy",
                  {v: count[int(s)] for v, s in zip(run.nodes, held, strict=True)}, "d")],
        highlight=copied, labels=False)
    return net, len(values), len(copied)


def _line_charts(res: dict, network_name: str, t: int) -> tuple[dict, dict]:
    """The average score and the number of different strategies, round by round, on every network."""
    xs = list(range(ROUNDS + 1))
    score_lines, diversity_lines = [], []
    for name, r in res.items():
        dash = name != network_name
        score_lines.append(series(SHORT[name], xs, np.round(r.mean_score.mean(axis=0), 4).tolist(),
                                  role=LINE_ROLE[name], dash=dash))
        diversity_lines.append(series(SHORT[name], xs, np.round(r.distinct.mean(axis=0), 2).tolist(),
                                      role=LINE_ROLE[name], dash=dash))
    scores = chart("Average score (mean of 50 searches)", score_lines, x_label="round",
                   y_label="share of the best possible", y_format=".0%", x_domain=(0, ROUNDS), y_domain=(0.5, 1),
                   marker_x=t)
    diversity = chart("Different strategies held", diversity_lines, x_label="round",
                      y_label="strategies (of 40 people)", x_domain=(0, ROUNDS), y_domain=(1, 40), y_log=True,
                      marker_x=t)
    return scores, diversity


def falter_scene(network_name: str, k: int, shock: float, at_round: int, seed: int = 0) -> dict:
    """One state of :func:`strategy_falters`."""
    res = _results(int(k), float(shock), int(seed))
    run = res[network_name]
    t = min(int(at_round), ROUNDS)
    net, held, copied = _search_panel(network_name, run, t, shock > 0 and t >= SHOCK_ROUND)
    readout = [("This search, now: different strategies", f"{held}"),
               ("This search, now: average score", _pct(float(run.scores[t].mean()))),
               ("People who copied a contact this round", f"{copied}"),
               *[(f"Average score at round {t}: {name}", _pct(r.mean(t))) for name, r in res.items()]]
    said = ", ".join(f"the {name} {_pct(r.mean(t))}" for name, r in res.items())
    summary = (f"The {network_name} of 40 people at round {t} of a search on a landscape with {k} interactions per "
               f"choice{'' if not shock else f', {shock:.0%} of which is re-drawn at round {SHOCK_ROUND}'}: "
               f"{held} different strategies are held; triangles hold the best possible one, circles the most "
               f"common, diamonds another; ringed people copied a contact this round. Average scores at this round: "
               f"{said}.")
    return scene(net, *_line_charts(res, network_name, t), readout=readout,
                 verdict=_verdict(int(k), float(shock), int(seed)), summary=summary,
                 caption=f"Each round a person copies their best contact if that contact scores higher, or else tries "
                         f"changing one of {CHOICES} choices and keeps the change if it scores higher. Lines: the mean "
                         f"of 5 landscapes x 10 searches per network (solid: the network drawn); the drawing shows the "
                         f"first of them. The shock re-draws part of the landscape at round {SHOCK_ROUND}.")


def strategy_falters() -> Figure:
    """Fast convergence against exploration, before and after a strategy falters.

    Controls: the network drawn, how rugged the landscape is (interactions per choice), how
    much of it the shock at round 50 re-draws, the round (Play), and the seed.
    """
    def build(network_name, k, shock, round, seed):
        return falter_scene(network_name, k, shock, round, seed)

    return Figure(
        "When a strategy falters: copying fast or exploring longer", build,
        [choice("network_name", "Network", {"full mesh": "full mesh (everyone sees everyone)",
                                             "peer mesh": "peer mesh (4 ties each)", "chart": "chart (4 levels)",
                                             "sparse ring": "sparse ring (2 ties each)"}, "peer mesh"),
         slider("k", "Interactions per choice", (0, 5), 5, fmt="d", live=(0, CHOICES - 1, 1),
                help="0: every choice counts on its own and there is one best strategy. More: choices interact, and "
                     "there are many local peaks."),
         slider("shock", "Landscape re-drawn at round 50", (0.5, 1.0), 0.5, fmt=".0%", live=(0.0, 1.0, 0.05),
                help="The share of the choices whose worth changes when the strategy falters."),
         play("round", "Round", ROUND_STEPS, 0, fmt="d", interval_ms=1000),
         seed((0,), help="The landscapes and searches.")],
        description="A network of 40 people coloured by the strategy they hold, and line charts of the average score "
                    "and of the number of different strategies over 100 rounds, for four networks.")


FIGURES = [strategy_falters]
