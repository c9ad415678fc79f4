"""Checks for the exercises in ``exercises/``: immediate feedback, computed by the models.

One module per chapter (``p2pkit.checks.ch01`` ... ``p2pkit.checks.ch10``); an exercise
notebook imports its chapter's module and calls one check per task::

    from p2pkit.checks import ch01 as check
    check.single_points(answer)

Each check returns a :class:`~p2pkit.checks.core.Feedback`: the status (``"correct"``,
``"not yet"`` or ``"not answered"``), what is right, what is not yet, and a hint. A check
never raises, and a task that asks for a change to a network is checked by running the
model on the changed network (see :mod:`p2pkit.checks.core`). The chapter modules are
imported only when an exercise asks for them. :func:`say` prints a model's verdict wrapped
to the width of a notebook.
"""

from __future__ import annotations

from .core import STATUSES, AnswerError, Feedback, Marks, is_blank, say, task

__all__ = ["STATUSES", "Feedback", "Marks", "AnswerError", "task", "is_blank", "say"]
