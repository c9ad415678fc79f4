"""Shared timing helper for the widget benchmarks (prints, never asserts).

`time_update(render, values)` measures what a facilitator waits for after moving a control:
the model recomputation plus drawing the figure to PNG (what the Output widget sends), as
the median of several repeats.
"""

from __future__ import annotations

import io
import statistics
import time
import tracemalloc

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def time_update(render, values: dict, repeats: int = 5) -> dict:
    """Median wall time (ms) of ``render(values)`` split into compute+draw and PNG encoding."""
    totals, pngs = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fig = render(values)[0]  # (figure, readout[, alt])
        t1 = time.perf_counter()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=fig.dpi)
        t2 = time.perf_counter()
        plt.close(fig)
        totals.append((t2 - t0) * 1000)
        pngs.append((t2 - t1) * 1000)
    return {"median_ms": statistics.median(totals), "png_ms": statistics.median(pngs)}


def peak_memory_mb(fn, *args, **kwargs) -> float:
    """Peak Python heap allocation (MB) while running ``fn`` (tracemalloc)."""
    tracemalloc.start()
    fn(*args, **kwargs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def table(rows: list[tuple], header: tuple) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    fmt = "  ".join("{:>%d}" % w for w in widths)
    lines = [fmt.format(*header), fmt.format(*["-" * w for w in widths])]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join(lines)
