"""Chapter 5 figures: the managerial tax (draws :mod:`p2pkit.decisions`)."""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
from matplotlib.ticker import NullLocator
import numpy as np

from ..decisions import ARRANGEMENTS, arrangements, md1, mm1, mmc, separate_queues, simulate, tax_verdict
from ..style import ROLE_COLOURS
from .core import Scrubber, scrubber

__all__ = ["ARRANGEMENT_STYLE", "queue_curves", "decision_volume", "draw_queues", "time_curves"]

#: How each arrangement is drawn: centre colours and squares for one decider at the centre,
#: peer colours and circles for several deciders (the house palette, p2pkit.style).
ARRANGEMENT_STYLE = {
    "gatekeeper": dict(color=ROLE_COLOURS["centre"], ls="-", marker="s", label="one gatekeeper"),
    "separate deciders": dict(color=ROLE_COLOURS["peer"], ls="-", marker="o", label="separate deciders"),
    "pooled deciders": dict(color=ROLE_COLOURS["peer"], ls="--", marker="o", label="deciders sharing one queue"),
    "one fast centre": dict(color=ROLE_COLOURS["centre"], ls=":", marker="s", label="one centre, as fast as all of them"),
}

_WAITING = "#555555"


def queue_curves(deciders: int = 5, sim_decisions: int = 60_000, seed: int = 0):
    """Two panels: the gatekeeper's hockey stick, and the same capacity organised three ways.

    Left: waiting time in multiples of the decision time against utilisation for one
    gatekeeper with random (M/M/1) and fixed (M/D/1) decision times. Right: time to decision
    (in decision times) for one fast centre, a pool and separate queues with the same total
    capacity. Dots are seeded simulations (:func:`p2pkit.decisions.simulate`), lines the
    formulas. Returns the figure.
    """
    c = deciders
    rho = np.linspace(0.02, 0.96, 120)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.9))
    ax1.plot(rho, [mm1(r, 1.0).wait for r in rho], color=ROLE_COLOURS["centre"], label="random decision times (M/M/1)")
    ax1.plot(rho, [md1(r, 1.0).wait for r in rho], color=ROLE_COLOURS["centre"], ls="--",
             label="fixed decision times (M/D/1)")
    pts = [0.3, 0.5, 0.7, 0.85]
    for k, r in enumerate(pts):
        s1 = simulate(r, 1.0, decisions=sim_decisions, seed=seed + k)
        s2 = simulate(r, 1.0, service="fixed", decisions=sim_decisions, seed=seed + 100 + k)
        ax1.plot([r], [s1.wait], "s", color=ROLE_COLOURS["centre"], ms=6, mec="white")
        ax1.plot([r], [s2.wait], "s", color="white", mec=ROLE_COLOURS["centre"], ms=6)
    ax1.set_ylim(0, 20)
    ax1.set_xlim(0, 1)
    ax1.set_xlabel("share of the gatekeeper's time that is busy")
    ax1.set_ylabel("waiting time, in decision times")
    ax1.set_title("One gatekeeper: the hockey stick")
    ax1.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:.0%}"))
    ax1.legend(fontsize=8.5, loc="upper left", frameon=False)

    curves = {
        "one fast centre": lambda r: mm1(r * c, c).time_in_system,
        "pooled deciders": lambda r: mmc(r * c, 1.0, c).time_in_system,
        "separate deciders": lambda r: separate_queues(r * c, 1.0, c).time_in_system,
    }
    for name, f in curves.items():
        st = ARRANGEMENT_STYLE[name]
        ax2.plot(rho, [f(r) for r in rho], color=st["color"], ls=st["ls"], label=st["label"])
    for k, r in enumerate(pts):
        sims = {
            "one fast centre": simulate(r * c, float(c), decisions=sim_decisions, seed=seed + 200 + k),
            "pooled deciders": simulate(r * c, 1.0, deciders=c, decisions=sim_decisions, seed=seed + 300 + k),
            "separate deciders": simulate(r * c, 1.0, deciders=c, pooled=False, decisions=sim_decisions,
                                          seed=seed + 400 + k),
        }
        for name, s in sims.items():
            st = ARRANGEMENT_STYLE[name]
            ax2.plot([r], [s.time_in_system], st["marker"], color=st["color"], ms=6, mec="white")
    ax2.set_ylim(0, 12)
    ax2.set_xlim(0, 1)
    ax2.set_xlabel(f"share of the {c} people's total capacity in use")
    ax2.set_ylabel("time to decision, in decision times")
    ax2.set_title(f"The same capacity ({c} people's worth), three ways")
    ax2.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:.0%}"))
    ax2.legend(fontsize=8.5, loc="upper left", frameon=False)
    fig.text(0.5, -0.02, "Lines: queueing formulas. Dots: seeded simulations of "
             f"{sim_decisions:,} decisions each.", ha="center", fontsize=8.5, color="#444444")
    fig.tight_layout()
    return fig


def _dots(ax, x0: float, y: float, n_float: float, cap: int = 20, step: float = 0.03) -> None:
    """Draw about ``n_float`` waiting decisions as a row of dots to the left of ``x0``."""
    n = int(round(n_float)) if math.isfinite(n_float) else cap + 1
    shown = min(n, cap)
    if shown:
        xs = x0 - step * (np.arange(shown) + 1)
        ax.plot(xs, np.full(shown, y), "o", color=_WAITING, ms=3.2)
    if n > cap:
        more = "backlog grows" if not math.isfinite(n_float) else f"+{n - cap}"
        ax.text(0.0, y, more, ha="left", va="center", fontsize=7.5, color=_WAITING)


def draw_queues(ax, a: dict) -> None:
    """Picture the four arrangements in ``a`` (from :func:`arrangements`) with their waiting lines.

    Each waiting decision is a grey dot (the mean number waiting, rounded); deciders are
    squares (centre) or circles (peers).
    """
    ax.clear()
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.7, 4.0)
    ax.set_axis_off()
    rows = {"gatekeeper": 3.5, "one fast centre": 2.55, "pooled deciders": 1.45, "separate deciders": 0.0}
    x_server = 0.86
    for name in ARRANGEMENTS:
        q, y, st = a[name], rows[name], ARRANGEMENT_STYLE[name]
        c = q.deciders
        title = st["label"][0].upper() + st["label"][1:]
        if name == "separate deciders":
            title = f"{c} separate deciders"
        elif name == "pooled deciders":
            title = f"{c} deciders, one shared queue"
        waiting = "no steady state" if not q.stable else f"{q.in_queue:.1f} waiting on average"
        ax.text(0.0, y + 0.36, f"{title}  ·  {waiting}", fontsize=9.5, va="bottom", color="#222222")
        if name in ("gatekeeper", "one fast centre"):
            ax.plot([x_server], [y], st["marker"], color=st["color"], ms=13 if name == "one fast centre" else 10,
                    mec="white")
            _dots(ax, x_server - 0.04, y, q.in_queue)
        elif name == "pooled deciders":
            shown = min(c, 5)
            ys = y + np.linspace(0.22, -0.22, shown) if shown > 1 else np.array([y])
            ax.plot(np.full(shown, x_server), ys, "o", color=st["color"], ms=6.5, mec="white")
            _dots(ax, x_server - 0.04, y, q.in_queue)
        else:
            shown = min(c, 5)
            per = q.in_queue / c if q.stable else math.inf
            ys = y + np.linspace(0.24, -0.24 * 2, shown) if shown > 1 else np.array([y])
            for yy in ys:
                ax.plot([x_server], [yy], "o", color=st["color"], ms=6.5, mec="white")
                _dots(ax, x_server - 0.04, yy, per, cap=16)
            if c > shown:
                ax.text(x_server + 0.04, ys[-1], f"... {c} in all", fontsize=7.5, va="center")
    ax.text(0.0, -0.62, "Grey dots: decisions waiting (the average number); square or circles: who decides.",
            fontsize=7.5, color="#444444", va="top")


def _curve_data(capacity_per_day: float, deciders: int, service_cv: float, x_max: float,
                points: int = 300) -> tuple:
    lam = np.linspace(x_max / points, x_max, points)
    ys = {name: np.empty(points) for name in ARRANGEMENTS}
    for i, x in enumerate(lam):
        a = arrangements(float(x), capacity_per_day, deciders, service_cv)
        for name in ARRANGEMENTS:
            ys[name][i] = a[name].time_in_system
    return lam, ys


def time_curves(ax, capacity_per_day: float, deciders: int, current: float | None = None,
                service_cv: float = 1.0, x_max: float | None = None, sims: dict | None = None,
                data: tuple | None = None) -> None:
    """Time to decision (working days, log scale) against decisions per day, one line per arrangement.

    ``data`` can carry precomputed curves (from a previous call) so that animation frames
    only move the markers; ``sims`` maps arrangement names to simulated times, drawn as crosses.
    """
    ax.clear()
    mu, c = capacity_per_day, deciders
    x_max = x_max or 1.05 * c * mu
    lam, ys = data if data is not None else _curve_data(mu, c, service_cv, x_max)
    a_now = arrangements(current, mu, c, service_cv) if current is not None else None
    for name in ARRANGEMENTS:
        st = ARRANGEMENT_STYLE[name]
        ax.plot(lam, ys[name], color=st["color"], ls=st["ls"], label=st["label"], lw=1.6)
        if a_now is not None:
            y = a_now[name].time_in_system
            if math.isfinite(y):
                ax.plot([current], [y], st["marker"], color=st["color"], ms=8, mec="white", zorder=5)
        if sims and name in sims and current is not None:
            ax.plot([current], [sims[name]], "x", color="#222222", ms=7, zorder=6)
    if current is not None:
        ax.axvline(current, color="#999999", lw=0.8, zorder=0)
    ax.axvline(mu, color=ROLE_COLOURS["centre"], lw=0.6, ls=":", zorder=0)
    if mu < 0.8 * x_max:
        ax.text(mu, 60, " one person's\n capacity", fontsize=7.5, color=ROLE_COLOURS["centre"], va="top")
    ax.set_yscale("log")
    ax.set_ylim(0.01, 100)
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticks([0.01, 0.1, 1, 10, 100], ["0.01", "0.1", "1", "10", "100"])
    ax.set_xlim(0, x_max)
    ax.set_xlabel("decisions arriving per day")
    ax.set_ylabel("time to decision (working days)")
    ax.legend(fontsize=8, loc="lower right", frameon=True, framealpha=0.9)


def decision_volume(capacity_per_day: float = 10.0, deciders: int = 5,
                    volumes: tuple = (2, 5, 8, 9, 9.5, 9.8, 20, 30, 40, 45, 48, 49.5)) -> Scrubber:
    """Scrub the number of decisions arriving per day, from light to the team's full capacity.

    Each frame shows the four arrangements of :func:`p2pkit.decisions.arrangements` as
    waiting lines, the time to decision of each against volume, and
    :func:`p2pkit.decisions.tax_verdict` for that volume.
    """
    mu, c = float(capacity_per_day), int(deciders)
    fig = plt.figure(figsize=(9.6, 5.2))
    ax_q = fig.add_axes([0.01, 0.27, 0.44, 0.64])
    ax_t = fig.add_axes([0.55, 0.31, 0.43, 0.62])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.17])

    x_max = 1.05 * c * mu
    data = _curve_data(mu, c, 1.0, x_max)

    def draw(i: int) -> None:
        lam = float(volumes[i])
        a = arrangements(lam, mu, c)
        draw_queues(ax_q, a)
        fig.suptitle(f"{lam:g} decisions arrive a day; one person can take {mu:g} a day", fontsize=11,
                     x=0.02, y=0.985, ha="left")
        time_curves(ax_t, mu, c, current=lam, x_max=x_max, data=data)
        ax_txt.clear()
        ax_txt.set_axis_off()
        ax_txt.text(0.5, 0.5, textwrap.fill(tax_verdict(lam, mu, c), 110), ha="center", va="center",
                    fontsize=9.8, color="#222222")

    alt = (f"Animation in {len(volumes)} frames, from {volumes[0]:g} to {volumes[-1]:g} decisions a day. "
           "Left: four ways of taking the same decisions drawn as waiting lines of grey dots: one "
           f"gatekeeper; one centre as fast as {c} people; {c} deciders sharing one queue; {c} deciders "
           "each with their own queue. Right: time to decision on a logarithmic scale against "
           "decisions per day, one line per arrangement; the gatekeeper's line shoots up as volume "
           f"nears one person's capacity ({mu:g} a day), the others' as it nears {c * mu:g}. A sentence "
           "under the figure states the model's verdict for each frame.")
    return scrubber(fig, draw, len(volumes), alt=alt)
