"""The team kit's report at 100, 1,000, 10,000, 20,000 (and 100,000) people (prints, never asserts).

Run: .venv/bin/python benchmarks/bench_report.py [--cap 60] [--sizes 100 1000 10000 20000]
                                                 [--full] [--skip-error] [--skip-exact-20k]

1. **The kit**: ``python -m p2pkit report``'s route (``build_report``) on a seeded synthetic
   company (teams of 5-12 with managers, departments, a chief executive; 10 ties per
   person on four relations, written to CSV and read back like a user's file). Each size
   runs in a fresh process: seconds per step (wall), total wall and CPU seconds (the
   report's process and its helper, :mod:`p2pkit.workers`), and the peak resident memory:
   of the report's process (its own high-water mark), of the helper and of the two together
   (sampled every 20 ms).
2. **The plain networkx route**: the same measures with p2pkit's exact functions called
   directly (equipotency.centralization, equipotency.krackhardt, communities.detect,
   architecture.pairwise_connectivity, a spring layout of every person). Each step runs in
   its own process, stopped after ``--cap`` seconds ("> cap"). By default up to 10,000
   people; ``--full`` also runs 20,000.
3. **The approximation error**: on a 2,000-person company, the sampled betweenness
   (Brandes & Pich 2007) and closeness (Eppstein & Wang 2004) estimates against exact
   values, for several numbers of pivots and five seeds; least-upper-boundedness sampled
   against exact; and (unless ``--skip-exact-20k``) the kit's default estimate against
   exact betweenness at 20,000 people.

The machine is shared with other work: the load average is printed, and CPU seconds are
the better guide to what an idle 2-core machine would take.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _timing import table  # noqa: E402

PY = sys.executable

KIT_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    import matplotlib; matplotlib.use("Agg")
    from p2pkit.team.render import build_report
    def cpu():  # this process and its finished children (the helper process of p2pkit.workers)
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    t0, c0 = time.perf_counter(), cpu()
    rep = build_report(sys.argv[1], people=sys.argv[2], progress=False, engine=sys.argv[3])
    hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM:")]  # this process's own peak
    peak = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = dict(wall=time.perf_counter() - t0, cpu=cpu() - c0, steps=rep.timings, peak_mb=peak,
               ties=rep.diagnosis.ties, people=rep.diagnosis.people, methods=rep.diagnosis.methods,
               html_mb=len(rep.html) / 1e6)
    print(json.dumps(out))
""")

PLAIN_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    import matplotlib; matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from p2pkit.team.intake import read_survey
    from p2pkit import equipotency, communities, architecture
    step = sys.argv[3]
    t0 = time.perf_counter()
    G = read_survey(sys.argv[1], people=sys.argv[2]).graph
    read = time.perf_counter() - t0
    U = nx.Graph(G.to_undirected())
    t0, c0 = time.perf_counter(), time.process_time()
    if step == "betweenness":
        equipotency.centralization(G, "betweenness"); architecture.load_share(U)
    elif step == "closeness":
        equipotency.centralization(G, "closeness")
    elif step == "krackhardt":
        equipotency.krackhardt(G)
    elif step == "communities":
        c = communities.detect(U, seed=0); communities.modularity(U, c)
    elif step == "resilience":
        list(nx.articulation_points(U))
        for v, _ in sorted(U.degree(), key=lambda x: -x[1])[:5]:
            H = U.copy(); H.remove_node(v); architecture.pairwise_connectivity(H)
    elif step == "map":
        pos = nx.spring_layout(U, seed=0)
        fig, ax = plt.subplots(); nx.draw_networkx(U, pos, ax=ax, with_labels=False, node_size=5)
        fig.savefig("/dev/null", format="png")
    print(json.dumps(dict(read=read, wall=time.perf_counter() - t0, cpu=time.process_time() - c0,
                          peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
""")

STEP_GROUPS = {
    "read": ["reading the answers"],
    "centrality": ["counting ties", "centrality and centralization", "equality (Gini) and influence"],
    "krackhardt": ["Krackhardt's dimensions"],
    "communities": ["node communities", "teams"],
    "resilience": ["resilience"],
    "figures+html": ["drawing the map", "drawing the other figures", "writing the report"],
}


def company(folder: Path, n: int) -> tuple[Path, Path]:
    from p2pkit.team.practice_data import write_example

    folder = folder / f"company-{n}"
    if (folder / "ties.csv").exists():
        return folder / "ties.csv", folder / "people.csv"
    return write_example(folder, people=n, ties=10 * n, seed=0)


def run_child(code: str, args: list, timeout: float | None = None) -> dict | None:
    """Run ``code`` in a fresh process; its JSON answer, with the memory of its process tree sampled
    every 20 ms: ``helper_mb`` (the largest of its child processes) and ``sum_mb`` (the largest total
    at one moment; the report's own peak comes from the process itself)."""
    import psutil

    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(ROOT))
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([PY, "-c", code, *map(str, args)], stdout=out, stderr=err, text=True, env=env,
                                cwd=ROOT)
        helper = total = 0.0
        t0 = time.perf_counter()
        while proc.poll() is None:
            if timeout is not None and time.perf_counter() - t0 > timeout:
                proc.kill()
                proc.wait()
                return None
            try:
                me = psutil.Process(proc.pid)
                kids = [k.memory_info().rss for k in me.children(recursive=True)]
                total = max(total, (me.memory_info().rss + sum(kids)) / 2**20)
                helper = max([helper] + [k / 2**20 for k in kids])
            except psutil.Error:
                pass
            time.sleep(0.02)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(err.read()[-2000:])
        res = json.loads(out.read().strip().splitlines()[-1])
    res.setdefault("helper_mb", helper)
    res["sum_mb"] = max(total, res.get("peak_mb", 0.0))
    return res


def bench_kit(tmp: Path, sizes: list[int], engine: str = "auto") -> list[dict]:
    rows, results = [], []
    for n in sizes:
        tp, pp = company(tmp, n)
        res = run_child(KIT_CHILD, [tp, pp, engine])
        results.append(res)
        steps = res["steps"]
        row = [f"{n:,}", f"{res['ties']:,}"]
        for group in STEP_GROUPS.values():
            row.append(f"{sum(steps.get(s, 0.0) for s in group):.1f}")
        row += [f"{res['wall']:.1f}", f"{res['cpu']:.1f}", f"{res['peak_mb']:.0f}", f"{res['helper_mb']:.0f}",
                f"{res['sum_mb']:.0f}", f"{res['html_mb']:.2f}"]
        rows.append(tuple(row))
        print(f"  {n:,} people done: {res['wall']:.1f} s wall, {res['cpu']:.1f} s CPU", flush=True)
    print()
    print(f"The kit (build_report, engine={engine}): seconds per step (wall), total, CPU (both processes); "
          "peak memory of the report's process, of its helper process, and of the two together at one moment")
    print(table(rows, ("people", "ties", *STEP_GROUPS, "total s", "CPU s", "peak MB", "helper MB", "sum MB",
                       "html MB")))
    print()
    for n, res in zip(sizes, results, strict=True):
        print(f"  {n:>6,}: " + "; ".join(f"{k}: {v}" for k, v in res["methods"].items()))
    return results


def bench_plain(tmp: Path, sizes: list[int], cap: float) -> None:
    steps = ["betweenness", "closeness", "krackhardt", "communities", "resilience", "map"]
    rows = []
    for n in sizes:
        tp, pp = company(tmp, n)
        row = [f"{n:,}"]
        peak = 0.0
        for step in steps:
            t0 = time.perf_counter()
            res = run_child(PLAIN_CHILD, [tp, pp, step], timeout=cap + 30)
            if res is None or res["wall"] > cap:
                row.append(f"> {cap:.0f}" if res is None else f"{res['wall']:.1f}*")
            else:
                row.append(f"{res['wall']:.1f}")
            if res is not None:
                peak = max(peak, res["peak_mb"])
            print(f"  plain {n:,} {step}: {row[-1]} ({time.perf_counter() - t0:.0f} s incl. reading)", flush=True)
        row.append(f"{peak:.0f}")
        rows.append(tuple(row))
    print()
    print(f"The plain networkx route (p2pkit's exact functions called directly): seconds per step; "
          f"'> {cap:.0f}' = stopped at the cap; * = finished after the cap")
    print(table(rows, ("people", *steps, "peak MB")))


def _metrics(exact: dict, est: dict, se: dict | None = None, measure: str = "betweenness") -> dict:
    from scipy.stats import spearmanr

    from p2pkit.measures import centralization_from

    nodes = list(exact)
    x = np.array([exact[v] for v in nodes])
    y = np.array([est[v] for v in nodes])
    top_x = set(np.argsort(-x)[:10])
    top_y = set(np.argsort(-y)[:10])
    out = dict(mae=float(np.abs(x - y).mean()), maxerr=float(np.abs(x - y).max()),
               top10=len(top_x & top_y) / 10, rho=float(spearmanr(x, y).statistic))
    cx = centralization_from(exact, measure, True)
    cy = centralization_from(est, measure, True)
    out["centralization_err"] = float(abs(cx - cy))
    out["top1_relerr"] = float(abs(y[np.argmax(x)] - x.max()) / x.max()) if x.max() else 0.0
    if se is not None:
        s = np.array([se[v] for v in nodes])
        ok = s > 0
        out["coverage2se"] = float((np.abs(x - y)[ok] <= 2 * s[ok]).mean()) if ok.any() else float("nan")
    return out


def bench_error(tmp: Path, skip_20k: bool) -> None:
    import networkx as nx

    from p2pkit.measures import betweenness, closeness, krackhardt_large
    from p2pkit.team.intake import read_survey

    tp, pp = company(tmp, 2000)
    G = read_survey(tp, people=pp).graph
    U = nx.Graph(G.to_undirected())
    n = G.number_of_nodes()
    t0 = time.perf_counter()
    ex_load = betweenness(U)
    ex_btw = betweenness(G)
    ex_clo = closeness(G)
    t_exact = time.perf_counter() - t0
    # check the exact igraph values against networkx's own (independent) implementation
    nx_load = nx.betweenness_centrality(U, k=None)
    diff = max(abs(nx_load[v] - ex_load[v]) for v in U)
    print(f"\nApproximation error on a {n:,}-person synthetic company ({G.number_of_edges():,} ties); exact "
          f"values from igraph in {t_exact:.1f} s (max difference from networkx's exact betweenness: {diff:.1e}).")
    rows = []
    for what, exact, fn, graph in (("routes (undirected betweenness)", ex_load, betweenness, U),
                                   ("betweenness (directed)", ex_btw, betweenness, G),
                                   ("closeness (ORA)", ex_clo, closeness, G)):
        for k in (100, 250, 500, 1000, 1500):
            ms = []
            for seed in range(5):
                est = fn(graph, pivots=k, seed=seed)
                ms.append(_metrics(exact, est, est.se, "closeness" if fn is closeness else "betweenness"))
            avg = {key: float(np.mean([m[key] for m in ms])) for key in ms[0]}
            worst = {key: float(np.max([m[key] for m in ms])) for key in ("maxerr", "centralization_err")}
            rows.append((what, k, f"{avg['mae']:.5f}", f"{worst['maxerr']:.4f}", f"{avg['top1_relerr']:.1%}",
                         f"{avg['top10']:.0%}", f"{avg['rho']:.3f}", f"{worst['centralization_err']:.4f}",
                         f"{avg['coverage2se']:.0%}"))
    print(table(rows, ("measure", "pivots", "mean |err|", "max |err| (5 seeds)", "top person rel. err",
                       "top-10 overlap", "Spearman", "centralization |err| max", "within 2 SE")))
    k_exact, _ = krackhardt_large(G, exact_parts=10**9)
    lubs = [krackhardt_large(G, seed=s, exact_parts=0)[0]["lub"] for s in range(5)]
    se = krackhardt_large(G, seed=0, exact_parts=0)[1]["lub"]
    print(f"Least-upper-boundedness on the company: exact {k_exact['lub']:.4f}; sampled (20,000 pairs, "
          f"5 seeds) {min(lubs):.4f}-{max(lubs):.4f}, stated standard error {se:.4f}.")
    # a network where least-upper-boundedness is far from 1: sparse, many one-way ties
    R = nx.gnm_random_graph(1500, 2200, seed=7, directed=True)
    t0 = time.perf_counter()
    k_exact, _ = krackhardt_large(R, exact_parts=10**9)
    t_lub = time.perf_counter() - t0
    runs = [krackhardt_large(R, seed=s, exact_parts=0) for s in range(5)]
    errs = [abs(r[0]["lub"] - k_exact["lub"]) for r in runs]
    print(f"Least-upper-boundedness on a sparse random network (1,500 people, 2,200 ties, "
          f"{nx.number_strongly_connected_components(R):,} strongly connected parts): exact {k_exact['lub']:.4f} "
          f"({t_lub:.1f} s); sampled, 5 seeds: max |err| {max(errs):.4f}, stated standard error "
          f"{runs[0][1]['lub']:.4f}; within 2 SE: "
          f"{sum(e <= 2 * r[1]['lub'] for e, r in zip(errs, runs, strict=True))}/5.")

    if skip_20k:
        return
    tp, pp = company(tmp, 20000)
    G = read_survey(tp, people=pp).graph
    U = nx.Graph(G.to_undirected())
    t0 = time.perf_counter()
    ex_load = betweenness(U)
    t_exact = time.perf_counter() - t0
    from p2pkit.team.diagnosis import PIVOTS

    rows = []
    for seed in range(3):
        t0 = time.perf_counter()
        est = betweenness(U, pivots=PIVOTS, seed=seed)
        m = _metrics(ex_load, est, est.se)
        rows.append((seed, f"{time.perf_counter() - t0:.1f}", f"{m['mae']:.6f}", f"{m['maxerr']:.5f}",
                     f"{m['top1_relerr']:.1%}", f"{m['top10']:.0%}", f"{m['rho']:.3f}",
                     f"{m['centralization_err']:.5f}", f"{m['coverage2se']:.0%}"))
    print(f"\nAt 20,000 people (the kit's default: {PIVOTS:,} pivots) against exact igraph betweenness "
          f"({t_exact:.0f} s wall):")
    print(table(rows, ("seed", "estimate s", "mean |err|", "max |err|", "top person rel. err", "top-10 overlap",
                       "Spearman", "centralization |err|", "within 2 SE")))
    t0 = time.perf_counter()
    ex_clo = closeness(G)
    t_exact = time.perf_counter() - t0
    rows = []
    for seed in range(3):
        t0 = time.perf_counter()
        est = closeness(G, pivots=PIVOTS, seed=seed)
        m = _metrics(ex_clo, est, est.se, "closeness")
        rows.append((seed, f"{time.perf_counter() - t0:.1f}", f"{m['mae']:.5f}", f"{m['maxerr']:.4f}",
                     f"{m['top1_relerr']:.1%}", f"{m['top10']:.0%}", f"{m['rho']:.3f}",
                     f"{m['centralization_err']:.4f}", f"{m['coverage2se']:.0%}"))
    print(f"\nAt 20,000 people, closeness ({PIVOTS:,} pivots) against exact closeness ({t_exact:.0f} s wall):")
    print(table(rows, ("seed", "estimate s", "mean |err|", "max |err|", "top person rel. err", "top-10 overlap",
                       "Spearman", "centralization |err|", "within 2 SE")))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000, 20000])
    ap.add_argument("--cap", type=float, default=60.0, help="seconds per plain-networkx step (default 60)")
    ap.add_argument("--full", action="store_true", help="also run the plain networkx route at 20,000")
    ap.add_argument("--skip-plain", action="store_true")
    ap.add_argument("--skip-error", action="store_true")
    ap.add_argument("--skip-exact-20k", action="store_true")
    ap.add_argument("--folder", default=None, help="where to write the synthetic companies (default: a temp dir)")
    args = ap.parse_args()
    import igraph
    import networkx

    print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; Python "
          f"{platform.python_version()}, networkx {networkx.__version__}, igraph {igraph.__version__}")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(args.folder) if args.folder else Path(t)
        tmp.mkdir(parents=True, exist_ok=True)
        bench_kit(tmp, args.sizes)
        if not args.skip_plain:
            plain = [n for n in args.sizes if n <= 10000 or args.full]
            bench_plain(tmp, plain, args.cap)
        if not args.skip_error:
            bench_error(tmp, args.skip_exact_20k)
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
