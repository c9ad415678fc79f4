"""Live controls (ipywidgets) for Jupyter, Binder and presenter mode.

Each submodule is named after the concept module it drives. Every widget:

- shows a one-line note that it is live only with a running kernel;
- recomputes through the tested functions of the concept module;
- never shows a traceback: a bad combination of settings gives a short message instead.
"""

from .core import LIVE_NOTE, Explorer

__all__ = ["LIVE_NOTE", "Explorer"]
