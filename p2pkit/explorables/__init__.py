"""Figures a reader can scrub on the published site, with no kernel.

Each submodule is named after the concept module it draws (``explorables.architecture``
draws :mod:`p2pkit.architecture`). Every explorable is a precomputed sequence of frames
(matplotlib's ``FuncAnimation.to_jshtml``) with a slider and play buttons, and a verdict
computed by the model in each frame. :func:`core.scrubber` does the common work.
"""

from .core import Scrubber, scrubber

__all__ = ["Scrubber", "scrubber"]
