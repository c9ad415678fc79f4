"""A second process for the measures that sample pivots, so that both cores of a laptop work.

python-igraph and scipy hold Python's global interpreter lock while they search a network,
so threads would take turns; a helper *process* does not. :class:`Workers` starts one
helper (``python -c``, with the same interpreter) when it is entered and stops it on exit.
:meth:`Workers.run` deals a list of pivot groups out to the calling process (from the
front) and the helper (from the back) as each becomes free, then joins the results in group
order -- so the answer is the same, to the last bit, with or without the helper.

The helper gets only what it needs (the ties as two integer arrays, sent once per network,
and the groups of pivots), never names or attributes, and it answers only through its pipe.
If it cannot start or fails, its share is computed in the calling process instead: the
helper saves time and never changes a result.

Why not :mod:`multiprocessing`: its *spawn* start method runs the caller's main script again
in the child (a script without ``if __name__ == "__main__"`` would build its report twice),
and *fork* copies the whole of a large process; a plain ``python -c`` helper does neither.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import pickle
import select
import subprocess
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["Workers", "serve"]


class Workers:
    """Helper processes for the pivot-sampling measures (a context manager).

    Parameters
    ----------
    processes : int, default 2
        Processes that work, the calling one included (at most the number of cores);
        1 means no helper: everything runs in the calling process.
    preload : sequence of str
        Modules the helper imports as soon as it starts (while the caller goes on), so that
        its first task does not wait for them.

    Examples
    --------
    >>> with Workers(2) as w:  # pow(2, 3) here; pow(2, 4) and pow(2, 5) in the helper
    ...     w.run(pow, (2,), [3, 4, 5])
    [8, 16, 32]
    """

    def __init__(self, processes: int = 2, preload: Sequence[str] = ()):
        self.processes = max(1, min(int(processes), os.cpu_count() or 1))
        self.preload = tuple(preload)
        self._proc: subprocess.Popen | None = None
        self._sent = ""  # the key of the payload the helper holds

    def __enter__(self) -> Workers:
        if self.processes > 1:
            root = str(Path(__file__).resolve().parent.parent)
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
            try:
                code = f"from p2pkit.workers import serve; serve({list(self.preload)!r})"
                self._proc = subprocess.Popen(
                    [sys.executable, "-c", code],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
            except OSError:  # pragma: no cover - no process can be started here
                self._proc = None
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self._stop(now=exc_type is not None)  # after an error or Ctrl-C the helper's work is not wanted

    @property
    def helping(self) -> bool:
        """Whether a helper process is running."""
        return self._proc is not None and self._proc.poll() is None

    def run(self, task: Callable, payload: tuple, groups: Sequence) -> list:
        """``[task(*payload, group) for group in groups]``, some of the groups done by the helper.

        The groups are dealt out as the two processes become free: this process takes them
        from the front, the helper from the back, one at a time, so a busy core slows the
        work by at most one group. ``task`` must be a module-level function (the helper
        imports it by name); the payload (usually the network's ties) is sent again only when
        it changes.
        """
        if not self.helping or len(groups) < 2:
            return [task(*payload, g) for g in groups]
        name = f"{task.__module__}:{task.__qualname__}"
        blob = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        key = hashlib.blake2b(blob, digest_size=16).hexdigest()
        results: dict[int, object] = {}
        todo = list(range(len(groups)))
        away = todo.pop() if self._ask(name, key, blob, groups[todo[-1]]) else None
        while todo:
            if away is not None and self._ready():
                answer = self._answer()
                if answer is None:  # the helper failed: its group is done here
                    todo.append(away)
                else:
                    results[away] = answer
                away = None
                if todo and self.helping and self._ask(name, key, blob, groups[todo[-1]]):
                    away = todo.pop()
                continue
            i = todo.pop(0)
            results[i] = task(*payload, groups[i])
        if away is not None:
            answer = self._answer()
            results[away] = answer if answer is not None else task(*payload, groups[away])
        return [results[i] for i in range(len(groups))]

    # ----------------------------------------------------------------- the pipe

    def _ask(self, name: str, key: str, blob: bytes, group) -> bool:
        message = (name, key, None if key == self._sent else blob, group)
        try:
            pickle.dump(message, self._proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._proc.stdin.flush()
        except (OSError, ValueError):
            self._stop()
            return False
        self._sent = key
        return True

    def _ready(self) -> bool:
        """Whether the helper's answer is waiting (a group is never answered in parts)."""
        try:
            return bool(select.select([self._proc.stdout], [], [], 0)[0])
        except (OSError, ValueError):  # pragma: no cover - e.g. pipes on Windows: wait at the end
            return False

    def _answer(self):
        try:
            status, value = pickle.load(self._proc.stdout)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            self._stop()
            return None
        if status != "ok":
            self._stop()
            return None
        return value

    def _stop(self, now: bool = False) -> None:
        proc, self._proc = self._proc, None
        self._sent = ""
        if proc is None:
            return
        try:
            if now:
                proc.kill()
            proc.stdin.close()
            proc.wait(timeout=10)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        finally:
            proc.stdout.close()


def serve(preload: Sequence[str] = ()) -> None:
    """The helper's loop: import ``preload``, then read a task from stdin and answer on stdout, until
    stdin closes.

    The helper computes and never draws: matplotlib and pillow are kept out (igraph would
    otherwise load its matplotlib drawing backend, some 45 MB, for nothing).
    """
    for name in ("matplotlib", "PIL"):
        sys.modules.setdefault(name, None)  # an import of them fails, and igraph does without
    for name in preload:
        importlib.import_module(name)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the answer pipe
    payloads: dict[str, tuple] = {}
    while True:
        try:
            name, key, blob, group = pickle.load(stdin)
        except EOFError:
            return
        try:
            if blob is not None:
                payloads.clear()  # one network at a time
                payloads[key] = pickle.loads(blob)
            module, _, qualname = name.partition(":")
            task = getattr(importlib.import_module(module), qualname)
            answer = ("ok", task(*payloads[key], group))
        except Exception:  # reported to the caller, which then computes the share itself
            answer = ("error", traceback.format_exc())
        pickle.dump(answer, stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()
