"""The common machinery of a scrubbable figure (precomputed frames, no kernel needed)."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from dataclasses import dataclass
from typing import Callable

import matplotlib.pyplot as plt
from matplotlib import animation

__all__ = ["Scrubber", "scrubber", "clean_jshtml"]

_CDN_LINK = re.compile(r"<link[^>]+href=\"https?://[^\"]+\"[^>]*>\s*", re.IGNORECASE)


_FRAME = re.compile(r'(frames\[\d+\] = "data:image/png;base64,)([A-Za-z0-9+/=\\\n]+)(")')


def compress_frames(markup: str, colours: int = 96) -> str:
    """Re-encode every PNG frame as an 8-bit palette PNG (Pillow's adaptive quantiser).

    Our figures use a handful of flat colours, so a palette of ``colours`` entries is visually
    lossless for them, and the frames shrink to about a third: this is what keeps a page with
    two 12-frame explorables under 2 MB. A frame is kept as it is if the palette version is
    not smaller.
    """
    from PIL import Image

    def shrink(m: "re.Match") -> str:
        raw = base64.b64decode(m.group(2).replace("\\\n", "").replace("\n", ""))
        im = Image.open(io.BytesIO(raw)).convert("RGB")
        out = io.BytesIO()
        im.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            out, format="PNG", optimize=True)
        data = out.getvalue() if out.tell() < len(raw) else raw
        return m.group(1) + base64.b64encode(data).decode("ascii") + m.group(3)

    return _FRAME.sub(shrink, markup)


def clean_jshtml(markup: str, alt: str) -> str:
    """Make matplotlib's ``to_jshtml`` output fit for an offline, accessible page.

    - re-encodes the frames as palette PNGs (:func:`compress_frames`), about 3x smaller;
    - drops the stylesheet links to public CDNs (the page must work offline; the book's
      theme already provides the icon font the buttons use);
    - gives the frame image an ``alt`` text and the slider a label;
    - replaces matplotlib's random element id with one derived from the content, so the
      same figure gives the same HTML on every run (committed outputs stay stable).
    """
    markup = compress_frames(_CDN_LINK.sub("", markup))
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
