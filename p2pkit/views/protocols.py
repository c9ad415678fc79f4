"""Chapter 9 figures: shared protocols instead of orders (scenes from :mod:`p2pkit.protocols`).

Two protocols: agreeing on a number by averaging with colleagues (against the eigenvalue
bound), and sharing out tasks by a local rule (against a centre that computes the best
assignment and hands it out a few per round). The models run; these functions arrange.
"""

from __future__ import annotations

from functools import lru_cache

import networkx as nx

from .. import orgs
from ..protocols import (
    Agreement,
    agreement_run,
    agreement_verdict,
    at_round,
    scatter,
    share_out,
    verdict,
)
from ..seeding import rng
from ..transparency import org_chart, report_up_broadcast_down
from .component import Figure, play, seed, slider
from .scene import chart, network, scene, series

__all__ = ["agreement_curves", "local_rule_against_centre", "protocols_sandbox", "END"]

#: The last position of a round control: the end of both runs.
END = -1
#: Rounds of averaging shown, and the lowest disagreement drawn (the chart's floor).
AVERAGING_ROUNDS = 120
FLOOR = 1e-4


# ------------------------------------------------------------------ agreement by averaging


def _networks(people: int, span: int, seed: int) -> list:
    k8 = min(8, people - 1 - (people - 1) % 2)
    return [
        ("peer mesh, 4 ties", orgs.peer_mesh(people, k=4, rewire=0.1, seed=seed), "peer"),
        (f"org chart, span {span}", org_chart(people, span), "centre"),
        (f"peer mesh, {k8} ties", orgs.peer_mesh(people, k=k8, rewire=0.1, seed=seed), "reached"),
    ]


def _above_floor(xs, ys):
    return list(xs), [y if y >= FLOOR else float("nan") for y in ys]


def agreement_scene(people: int, span: int, seed: int) -> dict:
    """One state of :func:`agreement_curves`."""
    x0 = rng(seed).normal(size=people)
    nets = _networks(people, span, seed)
    runs = {name: agreement_run(G, x0, AVERAGING_ROUNDS) for name, G, _ in nets}
    t = list(range(0, AVERAGING_ROUNDS + 1, 2))
    lines = []
    for name, _, role in nets:
        run = runs[name]
        lines.append(series(name, *_above_floor(t, [run.disagreement[i] for i in t]), role=role))
        lines.append(series(f"bound, {name.split(', ')[-1]}", *_above_floor(t, [run.bound[i] for i in t]),
                            role=role, dash=True))
    lines.append(series("1% of the start", [0, AVERAGING_ROUNDS], [0.01, 0.01], role="other", dash=True))
    panel = chart(f"{people} people averaging with their colleagues", lines, x_label="round of averaging",
                  y_label="disagreement, share of the start", y_log=True, x_domain=(0, AVERAGING_ROUNDS),
                  y_domain=(FLOOR, 1), x_format="d")
    centre = report_up_broadcast_down(org_chart(people, span)).rounds

    def sure(run):
        return "never" if run.bound_rounds is None else f"{run.bound_rounds:,}"

    def reached(run):
        return f"{run.below_at}" if run.below_at is not None else f"after {AVERAGING_ROUNDS}"

    short = [name.replace("peer mesh, ", "mesh ").replace("org chart, ", "chart ") for name, _, _ in nets]
    readout = [("Networks", " / ".join(short)),
               ("λ, the second largest eigenvalue", " / ".join(f"{runs[n].lam:.3f}" for n, _, _ in nets)),
               ("Sure within 1% by round", " / ".join(sure(runs[n]) for n, _, _ in nets)),
               ("Simulated within 1% at round", " / ".join(reached(runs[n]) for n, _, _ in nets)),
               ("A centre collecting and announcing the mean along the chart", f"{centre} rounds")]
    said = "; ".join(f"{name}: lambda {runs[name].lam:.3f}, sure within 1% by round {sure(runs[name])}, "
                     + (f"simulated within 1% at round {runs[name].below_at}" if runs[name].below_at is not None
                        else f"simulated not within 1% in {AVERAGING_ROUNDS} rounds") for name, _, _ in nets)
    summary = (f"Disagreement, as a share of the start, over {AVERAGING_ROUNDS} rounds of averaging for {people} "
               f"people on three networks (logarithmic scale; dashed: the eigenvalue bounds). {said}.")
    return scene(panel, readout=readout, verdict=agreement_verdict(Agreement(runs, centre)), summary=summary,
                 caption="Solid lines: simulated averaging. Dashed lines of the same colour: the eigenvalue bound "
                         "lambda to the power of the round, which the simulation never exceeds.")


def agreement_curves(people: int = 40, span: int = 3) -> Figure:
    """Disagreement round by round when everyone averages with their colleagues, on three networks."""
    return Figure(
        "Agreement by averaging with colleagues", agreement_scene,
        [slider("people", "People", (20, 40, 80), people, fmt="d", live=(5, 1000, 1)),
         slider("span", "Span of the org chart", (2, 3, 5), span, fmt="d", live=(2, 12, 1)),
         seed(help="Another seed: other long-range ties in the meshes and other starting estimates.")],
        description="A line chart on a logarithmic scale of disagreement against rounds of averaging, "
                    "for two peer meshes and an org chart.")


# ------------------------------------------------------------------ tasks: local rule against centre


@lru_cache(maxsize=256)
def _allocations(people: int, tasks: int, per_round: int, seed: int):
    P, T = scatter(people, tasks, seed=seed)
    return (P, T) + share_out(P, T, per_round)


def _map_panel(P, T, a, r: int, title: str) -> dict:
    """The map after round ``r``: people, open and taken tasks, a line for each pair settled."""
    people = [f"p{i}" for i in range(len(P))]
    tasks = [f"t{j}" for j in range(len(T))]
    settled = a.settled_by(r)
    G = nx.Graph()
    G.add_nodes_from(people + tasks)
    G.add_edges_from((f"p{p}", f"t{t}") for p, t in settled)
    pos = {f"p{i}": P[i] for i in range(len(P))} | {f"t{j}": T[j] for j in range(len(T))}
    taken = {f"t{t}" for _, t in settled}
    roles = {v: "peer" for v in people} | {v: ("task_done" if v in taken else "task") for v in tasks}
    names = {f"p{i}": f"Person {i + 1}" for i in range(len(P))} | {f"t{j}": f"Task {j + 1}" for j in range(len(T))}
    dist, when = {}, {}
    for (p, t), k, d in zip(a.pairs, a.round_of, a.lengths, strict=True):
        if k <= r:
            dist[f"p{p}"] = dist[f"t{t}"] = d
            when[f"p{p}"] = when[f"t{t}"] = k
    new = [v for (p, t), k in zip(a.pairs, a.round_of, strict=True) if k == r for v in (f"p{p}", f"t{t}")]
    return network(G, pos, title=title, names=names, roles=roles, nodes=people + tasks, highlight=new,
                   figures=[("Distance to their task", dist, ".2f"), ("Settled in round", when, "d")],
                   labels=False)


def tasks_scene(round: int, per_round: int, seed: int, people: int = 20, tasks: int = 20) -> dict:
    """One state of :func:`local_rule_against_centre`."""
    P, T, a, c = _allocations(people, tasks, per_round, seed)
    last = max(a.rounds, c.rounds)
    r = last if round == END else min(int(round), last)
    total = len(a.pairs)
    panels = [_map_panel(P, T, a, r, f"Local rule · round {r}"),
              _map_panel(P, T, c, r, f"Centre, {per_round} per round · round {r}")]
    na, nc = len(a.settled_by(r)), len(c.settled_by(r))
    readout = [("Round", f"{r} of {last}"),
               ("Tasks settled (local rule / centre)", f"{na} / {nc} of {total}"),
               ("Total distance so far (local rule / centre)", f"{a.distance_by(r):.2f} / {c.distance_by(r):.2f}"),
               ("Rounds to settle every task (local rule / centre)", f"{a.rounds} / {c.rounds}"),
               ("Local rule's distance above the best possible", f"{a.excess:.0%}")]
    text = verdict(a, c) if r >= last else at_round(a, c, r)
    summary = (f"Round {r} of {last}. Two maps of the same {people} people (circles) and {tasks} tasks (crosses). "
               f"Left, the local rule has settled {na} tasks; right, the centre, handing out {per_round} per round, "
               f"has settled {nc}. A line joins each task to its person; the pairs settled in this round are ringed.")
    return scene(*panels, readout=readout, verdict=text, summary=summary)


def _round_label(r) -> str:
    return "end" if r == END else str(r)


def local_rule_against_centre(people: int = 20, tasks: int = 20) -> Figure:
    """Round by round: tasks claimed by a local rule against tasks assigned by a centre."""
    per_rounds = (1, 2, 4)
    last = max(max(_allocations(people, tasks, k, s)[3].rounds, _allocations(people, tasks, k, s)[2].rounds)
               for k in per_rounds for s in (0, 1, 2))

    def build(round, per_round, seed, people=people, tasks=tasks):
        return tasks_scene(round, per_round, seed, people, tasks)

    return Figure(
        "Orders or a shared rule?", build,
        [play("round", "Round", tuple(range(last)) + (END,), 1, fmt=_round_label, interval_ms=700,
              help="The last position is the end of both ways of sharing out the work."),
         slider("per_round", "Centre assigns per round", per_rounds, 1, fmt="d", live=(1, 1000, 1)),
         seed(help="Another seed: another map of people and tasks."),
         slider("people", "People", (people,), people, fmt="d", live=(1, 1000, 1)),
         slider("tasks", "Tasks", (tasks,), tasks, fmt="d", live=(1, 1000, 1))],
        description=f"Two maps of {people} people and {tasks} tasks: a local rule and a centre share out the "
                    "tasks, round by round.")


# ------------------------------------------------------------------ the sandbox


def sandbox_scene(people: int, tasks: int, per_round: int, seed: int) -> dict:
    """One state of :func:`protocols_sandbox`: both ways of sharing out the work, at the end."""
    P, T, a, c = _allocations(people, tasks, per_round, seed)
    panels = [_map_panel(P, T, a, a.rounds, f"Local rule: {a.rounds} rounds, distance {a.total_distance:.2f}"),
              _map_panel(P, T, c, c.rounds, f"Centre: {c.rounds} rounds, distance {c.total_distance:.2f}")]
    readout = [("Rounds to share out the tasks (local rule / centre)", f"{a.rounds} / {c.rounds}"),
               ("Total distance (local rule / centre)", f"{a.total_distance:.2f} / {c.total_distance:.2f}"),
               ("Local rule's distance above the best possible", f"{a.excess:.0%}"),
               ("Tasks settled in the local rule's first round", f"{a.by_round[1] if a.rounds else 0} of {len(a.pairs)}")]
    summary = (f"{people} people and {tasks} tasks. The local rule settles every task that can be taken in "
               f"{a.rounds} rounds at a total distance of {a.total_distance:.2f}; the centre, handing out "
               f"{per_round} per round, takes {c.rounds} rounds at the best possible distance, {c.total_distance:.2f}.")
    return scene(*panels, readout=readout, verdict=verdict(a, c), summary=summary)


def protocols_sandbox(people: int = 20) -> Figure:
    """The sandbox: more tasks than people or fewer, the centre's bandwidth, another map."""
    return Figure(
        "A local rule against a centre: your settings", sandbox_scene,
        [slider("people", "People", (people,), people, fmt="d", live=(1, 1000, 1)),
         slider("tasks", "Tasks", (10, 20, 30), 20, fmt="d", live=(1, 1000, 1)),
         slider("per_round", "Centre assigns per round", (1, 2, 5, 20), 1, fmt="d", live=(1, 1000, 1)),
         seed()],
        description="Two maps of people and tasks after a local rule and a centre have shared out the work.")


FIGURES = [agreement_curves, local_rule_against_centre, protocols_sandbox]
