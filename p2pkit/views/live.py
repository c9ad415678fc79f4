"""The live side of the figure component: an anywidget that recomputes in Python.

The browser sends the controls' values; :meth:`LiveFigure._recompute` runs the figure's
model and sends the new scene back. A problem the reader can fix (a :class:`P2PKitError`)
is shown as its message; anything else is logged with its traceback (logger
``p2pkit.views``) and shown as a plain sentence, never as a traceback in the page.
"""

from __future__ import annotations

import logging
import time

import anywidget
import traitlets

from ..errors import P2PKitError
from .component import Figure, esm_source, static_assets

__all__ = ["LiveFigure"]

log = logging.getLogger("p2pkit.views")


class LiveFigure(anywidget.AnyWidget):
    """A :class:`~p2pkit.views.component.Figure` as a live Jupyter widget.

    Attributes
    ----------
    last_update_ms : float
        Time taken by the last recompute (model and scene), for the benchmarks.
    """

    _esm = esm_source()
    _css = static_assets()["css"]
    spec = traitlets.Dict().tag(sync=True)
    values = traitlets.Dict().tag(sync=True)
    scene = traitlets.Dict().tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)

    def __init__(self, figure: Figure, **kwargs):
        self._figure = figure
        self.last_update_ms = 0.0
        values = {c.name: (c.default if c.kind != "person" else "") for c in figure.controls}
        super().__init__(spec=figure.spec(), values=values, **kwargs)
        self._recompute()
        self.observe(lambda change: self._recompute(), names="values")

    @property
    def figure(self) -> Figure:
        return self._figure

    def set_values(self, **values) -> None:
        """Change some controls from Python (as the reader would in the page)."""
        self.values = {**self.values, **values}

    def _recompute(self) -> None:
        t0 = time.perf_counter()
        try:
            scene = self._figure.scene(live=True, **self.values)
        except P2PKitError as exc:
            self.message = ""  # the same message twice must still reach the page
            self.message = str(exc)
            return
        except Exception as exc:  # the reader sees a sentence; the log keeps the traceback
            log.exception("figure %r failed for %r", self._figure.title, self.values)
            self.message = ""
            self.message = (f"This view could not be computed ({type(exc).__name__}: {exc}). "
                            "Try other settings; the details are in the log.")
            return
        self.message = ""
        self.scene = scene
        self.last_update_ms = (time.perf_counter() - t0) * 1000
