"""One run of a way of sharing the state of the network, whatever the way (gossip or a chart).

:class:`Spread` is what :func:`~p2pkit.transparency.gossip_everything` and
:func:`~p2pkit.transparency.report_up_broadcast_down` return; the helpers here check the
inputs both ways share (who is absent).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..errors import P2PKitError, require_whole_number

__all__ = ["Spread"]


@dataclass(frozen=True)
class Spread:
    """One run of a way of sharing the state of the network (see :func:`gossip_everything`).

    Attributes
    ----------
    design : str
        ``"gossip (push)"``, ``"gossip (pull)"``, ``"gossip (push-pull)"`` or
        ``"report up, broadcast down"``.
    people : int
        Everyone in the network, absent people included.
    present : int
        People taking part (not absent).
    rounds : int or None
        Rounds until every present person knows every present person's piece; ``None`` if
        that never happens (someone is cut off).
    coverage : tuple of float
        After round 0, 1, 2, ...: the share of the whole present picture that a present
        person knows, on average.
    complete_share : tuple of float
        After each round: the share of present people who know the whole present picture.
    conversations : int
        Calls held in total until the end of the run.
    peak_load : int
        The most conversations one person took part in during a single round.
    calls : tuple
        For each round ``1 .. rounds``, the conversations held, as ``(caller, callee)`` pairs
        (for drawing).
    shares : numpy.ndarray
        ``shares[r, v]``: the share of the present picture person ``v`` knows after round
        ``r`` (0 for absent people).
    """

    design: str
    people: int
    present: int
    rounds: int | None
    coverage: tuple
    complete_share: tuple
    conversations: int
    peak_load: int
    calls: tuple = field(repr=False)
    shares: np.ndarray = field(repr=False)

    @property
    def final_coverage(self) -> float:
        """Share of the present picture a present person knows at the end, on average."""
        return float(self.coverage[-1])

    @property
    def last(self) -> int:
        """The last round of the run (``rounds``, or the round after which nothing changed)."""
        return len(self.coverage) - 1

    def conversations_by(self, r: int) -> int:
        """Conversations held in rounds ``1 .. r`` (all of them once ``r`` reaches the end).

        Examples
        --------
        >>> from p2pkit.transparency import gossip_everything
        >>> s = gossip_everything(16, seed=0)
        >>> s.conversations_by(0), s.conversations_by(1), s.conversations_by(99) == s.conversations
        (0, 16, True)
        """
        return int(sum(len(c) for c in self.calls[: max(0, int(r))]))



def _absent_mask(n: int, absent: Iterable) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    for v in absent:
        mask[require_whole_number(f"absent people (numbered 0 to {n - 1})", v, minimum=0, maximum=n - 1)] = True
    if mask.all():
        raise P2PKitError("everybody is absent: leave at least one person present.")
    return mask



def _spread_of_run(design: str, here: np.ndarray, shares: list, complete: list, rounds: int | None,
                  conversations: int, peak: int, calls: list) -> Spread:
    """The :class:`Spread` of a run recorded round by round.

    ``here`` marks the present people; ``shares`` holds, after round 0, 1, 2, ..., each
    person's share of the present picture, and ``complete`` the share of present people who
    know all of it; ``rounds`` is ``None`` if the run never completes.
    """
    S = np.vstack(shares)
    return Spread(
        design=design, people=len(here), present=int(here.sum()), rounds=rounds,
        coverage=tuple(float(x) for x in S[:, here].mean(axis=1)),
        complete_share=tuple(complete), conversations=conversations, peak_load=peak,
        calls=tuple(calls), shares=S,
    )
