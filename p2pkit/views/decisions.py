"""Chapter 5 figures: the managerial tax (scenes from :mod:`p2pkit.decisions`).

- :func:`queue_curves` -- the hockey stick of one gatekeeper, and the same capacity organised
  three ways (formulas as lines, seeded simulations as crosses);
- :func:`decision_volume` -- the Explore figure: decisions a day grow (a Play control) and the
  four arrangements' times to decision and waiting lines follow;
- :func:`tax_sandbox` -- the Live figure: every setting free, with a check by simulation.

The figures call the queueing formulas and the simulation of :mod:`p2pkit.decisions` and its
verdict functions; they only choose where to sample, round and arrange.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from ..decisions import (
    ARRANGEMENTS,
    arrangements,
    idle_while_waiting,
    md1,
    mm1,
    pooling,
    pooling_verdict,
    simulate,
    tax_verdict,
)
from .component import Figure, choice, play, seed, slider, toggle
from .scene import bars, chart, scene, series

__all__ = ["queue_curves", "decision_volume", "tax_sandbox", "curves_scene", "tax_scene", "LOOK"]

#: How each arrangement is drawn: (role, dashed). The centre's colour and square for one
#: person deciding everything, the peers' colour and circle for several.
LOOK = {
    "gatekeeper": ("centre", False),
    "one fast centre": ("centre", True),
    "pooled deciders": ("peer", True),
    "separate deciders": ("peer", False),
}


def _line_name(name: str, people: int) -> str:
    """A line's name, short enough to stand at the end of the line."""
    return {"gatekeeper": "one gatekeeper", "one fast centre": "one fast centre",
            "pooled deciders": f"{people} sharing a queue", "separate deciders": f"{people} separate queues"}[name]

#: Spread of decision times for each choice of the "Decision times" control.
TIMES = {"random": 1.0, "fixed": 0.0}
TIME_LABELS = {"random": "random (exponential)", "fixed": "fixed (all the same)"}
#: Decisions simulated for each cross (a seeded run of :func:`p2pkit.decisions.simulate`): at one
#: volume in the sandbox, and at each of the loads of the curves (fewer: fifteen runs per update).
SIM_DECISIONS = 20_000
CURVE_SIM_DECISIONS = 10_000

# ------------------------------------------------------------------ the two curves of the model section

#: Shares of capacity in use at which the curves are sampled: dense near 100%, where they turn.
RHO_GRID = tuple(sorted({round(float(x), 3) for x in np.r_[np.arange(0.01, 0.9, 0.02), np.arange(0.9, 0.9951, 0.005)]}))
SIM_LOADS = (0.4, 0.65, 0.9)
LEFT_TOP, RIGHT_TOP = 20.0, 12.0


def _below(xs, ys, top):
    """The points of a curve that fit under the chart's top (a curve stops where it leaves)."""
    keep = [(x, y) for x, y in zip(xs, ys, strict=True) if math.isfinite(y) and y <= top]
    return [x for x, _ in keep], [y for _, y in keep]


@lru_cache(maxsize=4)
def _gatekeeper_curves() -> tuple:
    random = _below(RHO_GRID, [mm1(r, 1.0).wait for r in RHO_GRID], LEFT_TOP)
    fixed = _below(RHO_GRID, [md1(r, 1.0).wait for r in RHO_GRID], LEFT_TOP)
    return random, fixed


@lru_cache(maxsize=64)
def _capacity_curves(people: int, times: str) -> dict:
    cv = TIMES[times]
    ys = {name: [] for name in ARRANGEMENTS}
    for r in RHO_GRID:
        a = arrangements(r * people, 1.0, people, cv)
        for name in ARRANGEMENTS:
            ys[name].append(a[name].time_in_system)
    return {name: _below(RHO_GRID, ys[name], RIGHT_TOP) for name in ARRANGEMENTS}


@lru_cache(maxsize=16)
def _gatekeeper_sims(seed: int) -> tuple:
    xs, ys = [], []
    for k, r in enumerate(SIM_LOADS):
        for j, service in enumerate(("exponential", "fixed")):
            s = simulate(r, 1.0, service=service, decisions=CURVE_SIM_DECISIONS, seed=seed * 1000 + 10 * k + j)
            xs.append(r)
            ys.append(s.wait)
    return xs, ys


@lru_cache(maxsize=128)
def _capacity_sims(people: int, times: str, seed: int) -> tuple:
    service = "exponential" if times == "random" else "fixed"
    xs, ys = [], []
    for k, r in enumerate(SIM_LOADS):
        lam = r * people
        runs = (simulate(lam, float(people), 1, service=service, decisions=CURVE_SIM_DECISIONS, seed=seed * 1000 + 10 * k),
                simulate(lam, 1.0, people, pooled=True, service=service, decisions=CURVE_SIM_DECISIONS,
                         seed=seed * 1000 + 10 * k + 1),
                simulate(lam, 1.0, people, pooled=False, service=service, decisions=CURVE_SIM_DECISIONS,
                         seed=seed * 1000 + 10 * k + 2))
        for s in runs:
            if s.time_in_system <= RIGHT_TOP:
                xs.append(r)
                ys.append(s.time_in_system)
    return xs, ys


def curves_scene(load: float, people: int, times: str, seed: int) -> dict:
    """One state of :func:`queue_curves`: the hockey stick and the same capacity three ways."""
    cv = TIMES[times]
    (rx, ry), (fx, fy) = _gatekeeper_curves()
    gx, gy = _gatekeeper_sims(seed)
    p = pooling(load, people, cv)
    g_random, g_fixed = p.random, p.fixed
    g = g_random if times == "random" else g_fixed
    here = [{"x": load, "y": g.wait_ratio, "label": f"waits {g.wait_ratio:.1f}x", "role": "centre"}] \
        if g.stable and g.wait_ratio <= LEFT_TOP else []
    left = chart("One gatekeeper: the hockey stick",
                 [series("random (M/M/1)", rx, ry, role="centre"),
                  series("fixed (M/D/1)", fx, fy, role="centre", dash=True),
                  series("simulated", gx, gy, role="simulated", line=False)],
                 x_label="share of the gatekeeper's time that is busy", y_label="waiting, in decision times",
                 x_format=".0%", x_domain=(0, 1), y_domain=(0, LEFT_TOP), marker_x=load, points=here)

    curves = _capacity_curves(people, times)
    a = p.arrangements
    lines = []
    for name in ("one fast centre", "pooled deciders", "separate deciders"):
        role, dash = LOOK[name]
        lines.append(series(_line_name(name, people), *curves[name], role=role, dash=dash))
    sx, sy = _capacity_sims(people, times, seed)
    lines.append(series("simulated", sx, sy, role="simulated", line=False))
    points = [{"x": load, "y": a[name].time_in_system, "label": "", "role": LOOK[name][0]}
              for name in ("one fast centre", "pooled deciders", "separate deciders")
              if a[name].stable and a[name].time_in_system <= RIGHT_TOP]
    right = chart(f"{people} people's capacity, three ways", lines,
                  x_label="share of the total capacity in use", y_label="time to decision, in decision times",
                  x_format=".0%", x_domain=(0, 1), y_domain=(0, RIGHT_TOP), marker_x=load, points=points)

    def dt(q):
        return f"{q.time_in_system:.2f}" if q.stable else "no limit"

    fast, pool, sep = a["one fast centre"], a["pooled deciders"], a["separate deciders"]
    wait_txt = (f"{g_random.wait_ratio:.1f}\u00a0/\u00a0{g_fixed.wait_ratio:.1f}" if g_random.stable else "no limit")
    readout = [("Share of capacity in use", f"{load:.0%}"),
               ("A gatekeeper's wait, random\u00a0/\u00a0fixed times", wait_txt),
               (f"Time to decision: one centre as fast as {people}", dt(fast)),
               (f"{people} sharing one queue" + ("" if pool.exact else " (approx.)"), dt(pool)),
               (f"{people} separate queues", dt(sep))]
    if people > 1:
        readout.append(("Separate queues: waits while another decider is idle",
                        f"{p.idle:.0%}"))
    summary = (f"Two line charts; times in multiples of one decision. Left: one gatekeeper's wait against the share "
               f"of their time that is busy; at {load:.0%} a decision waits "
               + (f"{g_random.wait_ratio:.1f} times as long as it takes with random decision times and "
                  f"{g_fixed.wait_ratio:.1f} with fixed ones. " if g_random.stable else "without limit. ")
               + f"Right: {people} people's capacity organised three ways, with {TIME_LABELS[times]} decision times; "
               f"at {load:.0%} in use a decision takes {dt(fast)} with one centre as fast as all, {dt(pool)} with a "
               f"shared queue and {dt(sep)} with separate queues. Grey crosses are seeded simulations.")
    return scene(left, right, readout=readout, verdict=pooling_verdict(p), summary=summary,
                 caption=f"Lines: queueing formulas. Crosses: seeded simulations of {CURVE_SIM_DECISIONS:,} decisions each "
                         f"(at {', '.join(f'{r:.0%}' for r in SIM_LOADS)}). Times are in multiples of the time one "
                         "person takes for one decision. One fast centre: one person as fast as all of them together.")


def queue_curves(people: int = 5) -> Figure:
    """The hockey stick of one gatekeeper, and ``people`` people's capacity organised three ways.

    Controls: the share of capacity in use (the marker), the number of people whose capacity
    the right-hand chart organises, random or fixed decision times, and the seed of the
    simulations drawn as crosses.
    """
    return Figure(
        "The hockey stick, and the same capacity organised three ways", curves_scene,
        [slider("load", "Share of capacity in use", (0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95), 0.85, fmt=".0%",
                live=(0.01, 0.99, 0.01)),
         slider("people", "People (right-hand chart)", (2, 3, 5, 10, 20), people, live=(1, 1000, 1),
                help="How many people's capacity the right-hand chart organises three ways."),
         choice("times", "Decision times", TIME_LABELS, "random"),
         seed(help="The seed of the simulated runs drawn as crosses.")],
        description="Two line charts of waiting time against load: one gatekeeper, and one team's capacity "
                    "organised three ways.")


# ------------------------------------------------------------------ time to decision against volume

def _volume_grid(capacity: float, people: int, lo: float, hi: float, log: bool) -> list:
    """Decisions a day at which the curves are sampled: evenly across the chart (evenly in
    the logarithm on a log scale), and densely just below each wall (one person's capacity
    and the team's), where the curves turn."""
    even = np.geomspace(lo, hi, 60) if log else np.linspace(hi / 100, hi, 100)
    near = [wall * (1 - 10 ** -k) for wall in {capacity, capacity * people} for k in np.linspace(0.4, 3.4, 14)]
    return sorted({float(f"{x:.4g}") for x in [*even, *near] if lo < x <= hi})


@lru_cache(maxsize=256)
def _volume_curves(capacity: float, people: int, times: str, lo: float, hi: float, log: bool, top: float) -> dict:
    grid = _volume_grid(capacity, people, lo, hi, log)
    ys = {name: [] for name in ARRANGEMENTS}
    for x in grid:
        a = arrangements(x, capacity, people, TIMES[times])
        for name in ARRANGEMENTS:
            ys[name].append(a[name].time_in_system)
    return {name: _below(grid, ys[name], top) for name in ARRANGEMENTS}


def _days(x: float) -> str:
    if not math.isfinite(x):
        return "no limit"
    return f"{x:.1f} days" if x >= 1 else f"{x:.2g} days"


def _title(name: str, people: int) -> str:
    return {"gatekeeper": "One gatekeeper", "one fast centre": f"One centre as fast as {people}",
            "pooled deciders": f"{people} sharing one queue", "separate deciders": f"{people} separate queues"}[name]


@lru_cache(maxsize=512)
def _simulated(decisions: float, capacity: float, people: int, times: str, seed: int) -> tuple:
    a = arrangements(decisions, capacity, people, TIMES[times])
    service = "exponential" if times == "random" else "fixed"
    runs = {"gatekeeper": dict(service_rate=capacity),
            "one fast centre": dict(service_rate=capacity * people),
            "pooled deciders": dict(service_rate=capacity, deciders=people, pooled=True),
            "separate deciders": dict(service_rate=capacity, deciders=people, pooled=False)}
    out = []
    for k, name in enumerate(ARRANGEMENTS):
        if a[name].stable:
            s = simulate(decisions, service=service, decisions=SIM_DECISIONS, seed=seed * 100 + k, **runs[name])
            out.append((name, s.time_in_system))
    return tuple(out)


WAITING_FULL = 20


def tax_scene(decisions: float, capacity: float, people: int, times: str = "random", simulate: bool = False,
              seed: int = 0, x_log: bool = False, x_max: float | None = None) -> dict:
    """One state of :func:`decision_volume` (linear scale up to just past the team's capacity)
    and :func:`tax_sandbox` (logarithmic scale, whole powers of ten around the settings)."""
    cv = TIMES[times]
    if x_log:
        lo = 10.0 ** math.floor(math.log10(min(decisions, capacity) / 2))
        hi = 10.0 ** math.ceil(math.log10(max(decisions, capacity * people) * 1.5))
    else:
        lo, hi = 0.0, max(1.05 * capacity * people, 1.1 * decisions, x_max or 0.0)
    a = arrangements(decisions, capacity, people, cv)
    top = 100.0
    curves = _volume_curves(float(capacity), int(people), times, lo, hi, x_log, top)
    low = min(min(ys) for _, ys in curves.values() if ys)
    bottom = 10 ** math.floor(math.log10(low))
    lines = [series(_line_name(name, people), *curves[name], role=LOOK[name][0], dash=LOOK[name][1])
             for name in ARRANGEMENTS]
    sims = dict(_simulated(float(decisions), float(capacity), int(people), times, int(seed))) if simulate else {}
    if sims:
        lines.append(series(f"simulated (seed {seed})", [decisions] * len(sims), list(sims.values()),
                            role="simulated", line=False))
    # the arrangements at this volume, unless the simulated crosses stand there
    points = [{"x": decisions, "y": a[n].time_in_system, "label": "", "role": LOOK[n][0]}
              for n in ARRANGEMENTS if a[n].stable and bottom <= a[n].time_in_system <= top] if not sims else []
    time_chart = chart(f"Time to decision at {decisions:g} decisions a day", lines,
                       x_label="decisions arriving per day" + (" (log scale)" if x_log else ""),
                       y_label="time to decision (working days)",
                       x_log=x_log, y_log=True, x_domain=(lo, hi), y_domain=(bottom, top),
                       marker_x=None if sims else decisions, points=points)
    waiting = bars("Decisions waiting, on average", [
        (_title(n, people) + (", in all" if n == "separate deciders" else ""),
         min(1.0, a[n].in_queue / WAITING_FULL) if a[n].stable else 1.0,
         f"{a[n].in_queue:.1f}" if a[n].stable else "no limit", LOOK[n][0])
        for n in ARRANGEMENTS], note=f"A full bar: {WAITING_FULL} or more waiting.")

    readout = []
    for n in ARRANGEMENTS:
        q = a[n]
        text = (f"busy {q.utilisation:.0%} · {_days(q.time_in_system)}" if q.stable else "overloaded · no limit")
        if n in sims:
            text += f" (simulated {_days(sims[n])})"
        readout.append((_title(n, people) + ("" if q.exact else " (approx.)"), text))
    if people > 1 and a["separate deciders"].stable:
        readout.append(("Separate deciders: waits while another is idle",
                        f"{idle_while_waiting(decisions, capacity, people):.0%}"))
    said = "; ".join(f"{_title(n, people).lower()} {_days(a[n].time_in_system)}" for n in ARRANGEMENTS)
    summary = (f"{decisions:g} decisions arrive a day and one person can take {capacity:g} ({TIME_LABELS[times]} "
               f"decision times). Time to decision: {said}. The chart shows these times for every volume on a "
               "logarithmic scale" + (", with simulated runs as grey crosses" if sims else "") + ".")
    return scene(time_chart, waiting, readout=readout, verdict=tax_verdict(a),
                 summary=summary, caption=f"Times in working days (8 working hours). One fast centre: one person as "
                 f"fast as all {people} together." + (f" Grey crosses: seeded simulations of {SIM_DECISIONS:,} decisions "
                                                       "at this volume." if sims else ""))


VOLUMES = (2, 5, 8, 9, 9.5, 9.8, 20, 30, 40, 45, 48, 49.5)


def _g(v) -> str:
    return f"{v:g}"


def decision_volume(capacity: float = 10.0, people: int = 5) -> Figure:
    """The Explore figure: raise the decisions a day (Play) and watch the four arrangements."""

    def build(decisions, people, capacity):
        return tax_scene(decisions, capacity, people, x_max=1.1 * max(VOLUMES))

    return Figure(
        "The managerial tax: decisions a day against four ways of deciding", build,
        [play("decisions", "Decisions a day", VOLUMES, 2, fmt=_g, interval_ms=1100),
         slider("people", "Deciders", (2, 5, 10), people, live=(1, 1000, 1),
                help="How many people may decide in the three arrangements besides the gatekeeper."),
         slider("capacity", "Decisions one person takes a day", (5, 10, 20), capacity, fmt=_g,
                live=(1, 40, 0.5))],
        description="A line chart of time to decision against decisions per day for four arrangements, and "
                    "bars of the decisions waiting.")


def tax_sandbox(decisions: float = 8.0, capacity: float = 10.0, people: int = 5) -> Figure:
    """The Live figure: decisions, capacity, deciders, decision times and a check by simulation."""

    def build(decisions, capacity, people, times, simulate, seed):
        return tax_scene(decisions, capacity, people, times, simulate, seed, x_log=True)

    return Figure(
        "The managerial tax: every setting", build,
        [slider("decisions", "Decisions a day", (5, 8, 9.5, 20, 40, 80, 160), decisions, fmt=_g,
                live=(0.5, 10000, 0.5)),
         slider("capacity", "Decisions one person takes a day", (5, 10, 20), capacity, fmt=_g, live=(1, 40, 0.5)),
         slider("people", "Deciders", (1, 5, 20), people, live=(1, 1000, 1)),
         choice("times", "Decision times", TIME_LABELS, "random"),
         toggle("simulate", "Check by simulation",
                help="Adds a seeded simulation of 20,000 decisions for each arrangement at this volume."),
         seed((0,), help="The seed of the simulation.")],
        description="A line chart of time to decision against decisions per day for four arrangements, bars of "
                    "the decisions waiting, and an optional check by simulation.")


FIGURES = [queue_curves, decision_volume, tax_sandbox]
