"""Shared helper for the benchmark scripts (they print, never assert): a plain text table."""

from __future__ import annotations


def table(rows: list[tuple], header: tuple) -> str:
    """``rows`` under ``header`` as right-aligned columns, with a rule under the header.

    Examples
    --------
    >>> print(table([(1, "a"), (20, "bb")], ("n", "x")))
     n   x
    --  --
     1   a
    20  bb
    """
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    fmt = "  ".join(f"{{:>{w}}}" for w in widths)
    lines = [fmt.format(*header), fmt.format(*["-" * w for w in widths])]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join(lines)
