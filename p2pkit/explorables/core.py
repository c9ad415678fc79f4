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


def compress_frames(markup: str, colours: int = 64) -> str:
    """Re-encode every PNG frame as a palette PNG of at most ``colours`` colours.

    Our figures are flat drawings in a few colours, so this looks the same and takes about a
    third of the bytes: it is what keeps a page with two 12-frame explorables well under 2 MB.
    The house colours of :mod:`p2pkit.style` are always in the palette, so a colour used by only
    a few pixels (a legend marker) is never merged into a neighbouring grey, and every pixel is
    mapped to its exact nearest palette colour (Pillow's own mapping is approximate). A frame is
    kept as it is if the palette version is not smaller.
    """
    import numpy as np
    from PIL import Image

    from ..style import COMMUNITY_COLOURS, ROLE_COLOURS

    keys = ["#ffffff", "#000000", "#222222", "#444444", "#777777", *ROLE_COLOURS.values(), *COMMUNITY_COLOURS]
    fixed: list[int] = []
    for c in dict.fromkeys(k.lower() for k in keys):
        fixed += [int(c[i:i + 2], 16) for i in (1, 3, 5)]
    n_adaptive = colours - len(fixed) // 3

    def shrink(m: "re.Match") -> str:
        raw = base64.b64decode(m.group(2).replace("\\", "").replace("\n", ""))
        im = Image.open(io.BytesIO(raw)).convert("RGB")
        adaptive = im.quantize(colors=n_adaptive, method=Image.Quantize.MEDIANCUT)
        palette = np.array(adaptive.getpalette()[: 3 * n_adaptive] + fixed, dtype=np.int32).reshape(-1, 3)
        pixels = np.asarray(im, dtype=np.int32).reshape(-1, 3)
        packed = (pixels[:, 0] << 16) | (pixels[:, 1] << 8) | pixels[:, 2]
        distinct, inverse = np.unique(packed, return_inverse=True)
        rgb = np.stack([(distinct >> 16) & 255, (distinct >> 8) & 255, distinct & 255], axis=1)
        nearest = ((rgb[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2).argmin(axis=1).astype(np.uint8)
        out_im = Image.fromarray(nearest[inverse.ravel()].reshape(im.size[1], im.size[0]), mode="P")
        out_im.putpalette(palette.astype(np.uint8).ravel().tolist())
        buf = io.BytesIO()
        out_im.save(buf, "PNG", optimize=True)
        data = buf.getvalue() if buf.tell() < len(raw) else raw
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
