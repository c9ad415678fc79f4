"""The common machinery of a scrubbable figure (precomputed frames, no kernel needed)."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from typing import Callable

import matplotlib.pyplot as plt
from matplotlib import animation

__all__ = ["Scrubber", "scrubber", "clean_jshtml"]

_CDN_LINK = re.compile(r"<link[^>]+href=\"https?://[^\"]+\"[^>]*>\s*", re.IGNORECASE)


def clean_jshtml(markup: str, alt: str) -> str:
    """Make matplotlib's ``to_jshtml`` output fit for an offline, accessible page.

    - drops the stylesheet links to public CDNs (the page must work offline; the book's
      theme already provides the icon font the buttons use);
    - gives the frame image an ``alt`` text and the slider a label;
    - replaces matplotlib's random element id with one derived from the content, so the
      same figure gives the same HTML on every run (committed outputs stay stable).
    """
    markup = _CDN_LINK.sub("", markup)
    m = re.search(r"_anim_img([0-9a-f]{32})", markup)
    if m:
        stable = hashlib.sha1(markup.replace(m.group(1), "").encode()).hexdigest()[:32]
        markup = markup.replace(m.group(1), stable)
    safe_alt = html.escape(alt, quote=True)
    markup = re.sub(r"<img id=\"(_anim_img[0-9a-f]+)\"", rf'<img id="\1" alt="{safe_alt}"', markup)
    markup = re.sub(
        r"<input id=\"(_anim_slider[0-9a-f]+)\" type=\"range\"",
        r'<input id="\1" type="range" aria-label="Scrub through the frames"',
        markup,
    )
    return markup


@dataclass
class Scrubber:
    """A precomputed, scrubbable figure. Displays as HTML in Jupyter and in the book."""

    html: str
    frames: int
    alt: str

    def _repr_html_(self) -> str:
        return self.html


def scrubber(
    fig: "plt.Figure",
    draw_frame: Callable[[int], None],
    frames: int,
    alt: str,
    interval_ms: int = 900,
    dpi: int = 72,
) -> Scrubber:
    """Precompute ``frames`` frames of ``fig`` (``draw_frame(i)`` redraws frame ``i``).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to animate; it is closed afterwards so it is not shown twice.
    draw_frame : callable
        Called with the frame index; must redraw everything that changes.
    frames : int
        Number of frames. Each is stored as a PNG, so page weight grows with it.
    alt : str
        Alt text for the frame image: what the reader sees and how it changes.
    interval_ms : int, default 900
        Time per frame when played.
    dpi : int, default 72
        Resolution of the stored frames (72 keeps pages light; see benchmarks).

    References
    ----------
    Hunter, J. D. (2007). Matplotlib: a 2D graphics environment. *Computing in Science &
    Engineering* 9(3), 90-95 (``FuncAnimation.to_jshtml``).
    """
    old_dpi = fig.dpi
    fig.set_dpi(dpi)
    anim = animation.FuncAnimation(fig, lambda i: draw_frame(i), frames=frames, interval=interval_ms,
                                   repeat=False, blit=False)
    markup = anim.to_jshtml(default_mode="once")
    fig.set_dpi(old_dpi)
    plt.close(fig)
    return Scrubber(html=clean_jshtml(markup, alt), frames=frames, alt=alt)
