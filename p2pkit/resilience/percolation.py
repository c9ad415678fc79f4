"""Random failure: everyone stays with probability ``keep`` (site percolation), and its threshold.

- :func:`random_failure` -- the share that stays connected, on average over random draws.
- :func:`percolation_threshold`, :func:`random_network_giant_share` -- the threshold below
  which a random network falls apart (Molloy & Reed 1995; Callaway et al. 2000).

Conventions (those of the whole :mod:`p2pkit.resilience` package): an undirected
:class:`networkx.Graph`; ties in a ranking broken by the order of ``list(G)``; anything
random takes an explicit ``seed``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np

from ..errors import P2PKitError, require_graph, require_probability, require_whole_number
from ..seeding import rng
from ._base import _curve_from_order

__all__ = ["RandomFailure", "random_failure", "percolation_threshold", "random_network_giant_share"]


@dataclass(frozen=True)
class RandomFailure:
    """Averages over random failures where everyone stays with probability ``keep``."""

    keep: float
    trials: int
    largest: float
    pairwise: float
    connected_pairs: float


def random_failure(G: nx.Graph, keep: float, trials: int = 200, seed: int | None = 0) -> RandomFailure:
    """Everyone stays independently with probability ``keep``: what holds together, on average.

    This is site percolation on the network: each person is kept with probability
    ``keep`` and removed otherwise, independently.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    keep : float
        Probability that each person stays (0 to 1).
    trials : int, default 200
        Number of random draws averaged.
    seed : int or None, default 0
        Seed of numpy's generator (:func:`p2pkit.rng`); the same seed gives the same result.

    Returns
    -------
    RandomFailure
        Means over the trials of: ``largest``, the largest connected group as a share of
        the original organisation; ``pairwise``, the pairwise connectivity of the people
        left (0 when fewer than two are left); ``connected_pairs``, the share of all the
        original pairs that are both still there and still connected.

    Notes
    -----
    On a path of ``n`` people, two people ``d`` apart stay connected only if all ``d + 1``
    people from one to the other stay, so the expected ``connected_pairs`` is
    ``sum((n - d) * keep**(d + 1) for d in 1..n-1) / C(n, 2)``; the tests check this.

    References
    ----------
    Callaway, D. S., Newman, M. E. J., Strogatz, S. H., & Watts, D. J. (2000). Network
    robustness and fragility: percolation on random graphs. *Physical Review Letters* 85,
    5468-5471.

    Examples
    --------
    >>> random_failure(nx.complete_graph(5), keep=1.0, trials=3).largest
    1.0
    """
    n = require_graph(G, minimum=2, undirected=True, what="random_failure()")
    keep = require_probability("keep", keep)
    trials = require_whole_number("trials", trials, minimum=1, maximum=1_000_000)
    gen = rng(seed)
    nodes = list(G)
    total = n * (n - 1) / 2
    lg = pc = cp = 0.0
    for _ in range(trials):
        stays = gen.random(n) < keep
        left = [v for v, s in zip(nodes, stays, strict=True) if s]
        gone = [v for v, s in zip(nodes, stays, strict=True) if not s]
        pairs, largest = _curve_from_order(G, gone)
        m = len(left)
        lg += largest[-1] / n
        pc += pairs[-1] / (m * (m - 1) / 2) if m >= 2 else 0.0
        cp += pairs[-1] / total
    return RandomFailure(keep, trials, lg / trials, pc / trials, cp / trials)


def percolation_threshold(G: nx.Graph) -> float:
    """Share of people who must stay for a random network with these degrees to hold together.

    The Molloy-Reed criterion applied to site percolation (Callaway et al. 2000; Cohen et
    al. 2000): in a large random network with the same distribution of ties per person
    as ``G``, a connected group spanning a fixed share of everyone survives random
    departures only while the share that stays is above
    ``<k> / (<k^2> - <k>)``. For a random (Erdos-Renyi) network this is ``1 / <k>``.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network; only its degree sequence is used.

    Returns
    -------
    float
        The critical share ``keep_c``. A value of 1 or more means that even with everyone
        present such a random network has no spanning group; ``inf`` if nobody has more
        than one tie.

    Notes
    -----
    This describes a *random* network with ``G``'s degrees, not ``G`` itself: clustered,
    tree-like or geographic networks (an organisation chart, a ring of neighbours) can
    break up much sooner. Few hubs with many ties make ``<k^2>`` large and the threshold
    low: such networks survive random failure well and targeted removal badly (Albert et
    al. 2000).

    References
    ----------
    Molloy, M., & Reed, B. (1995). A critical point for random graphs with a given degree
    sequence. *Random Structures & Algorithms* 6(2-3), 161-179.
    Callaway, D. S., Newman, M. E. J., Strogatz, S. H., & Watts, D. J. (2000). Network
    robustness and fragility: percolation on random graphs. *Physical Review Letters* 85,
    5468-5471.
    Cohen, R., Erez, K., ben-Avraham, D., & Havlin, S. (2000). Resilience of the Internet
    to random breakdowns. *Physical Review Letters* 85, 4626-4628.

    Examples
    --------
    >>> percolation_threshold(nx.random_regular_graph(4, 20, seed=1))
    0.3333333333333333
    """
    require_graph(G, minimum=2, undirected=True, what="percolation_threshold()")
    k = np.array([d for _, d in G.degree()], dtype=float)
    m1, m2 = k.mean(), (k**2).mean()
    if m2 - m1 <= 0:
        return math.inf
    return float(m1 / (m2 - m1))


def random_network_giant_share(mean_degree: float, keep: float = 1.0) -> float:
    """Expected share of everyone in the largest group of a large random network after random failure.

    In an Erdos-Renyi network with ``mean_degree`` ties per person in which each person
    stays with probability ``keep``, the people left form a random network with
    ``keep * mean_degree`` ties each among themselves. The share ``S`` of the original
    organisation in the giant group solves ``S = keep * (1 - exp(-mean_degree * S))``
    (Erdos & Renyi 1960; Callaway et al. 2000); ``S = 0`` when
    ``keep * mean_degree <= 1``.

    Parameters
    ----------
    mean_degree : float
        Average ties per person, ``<k>`` (non-negative).
    keep : float, default 1.0
        Probability that each person stays.

    Returns
    -------
    float
        ``S`` in the limit of a large network.

    References
    ----------
    Erdos, P., & Renyi, A. (1960). On the evolution of random graphs. *Publications of
    the Mathematical Institute of the Hungarian Academy of Sciences* 5, 17-61.
    Callaway, D. S., Newman, M. E. J., Strogatz, S. H., & Watts, D. J. (2000). Network
    robustness and fragility: percolation on random graphs. *Physical Review Letters* 85,
    5468-5471.

    Examples
    --------
    >>> round(random_network_giant_share(2.0), 4)
    0.7968
    >>> random_network_giant_share(4.0, keep=0.2)
    0.0
    """
    keep = require_probability("keep", keep)
    try:
        c = float(mean_degree)
    except (TypeError, ValueError):
        raise P2PKitError(f"mean_degree must be a number of ties per person; got {mean_degree!r}.") from None
    if c < 0 or math.isnan(c) or math.isinf(c):
        raise P2PKitError(f"mean_degree must be a non-negative number; got {mean_degree!r}.")
    if keep * c <= 1.0:
        return 0.0
    s = keep  # start at the top: the iteration then falls to the non-zero root
    for _ in range(10_000):
        nxt = keep * (1.0 - math.exp(-c * s))
        if abs(nxt - s) < 1e-14:
            break
        s = nxt
    return float(nxt)
