"""A second process for the measures that sample pivots, so that both cores of a laptop work.

python-igraph and scipy hold Python's global interpreter lock while they search a network,
so threads would take turns; a helper *process* does not. :class:`Workers` starts one
helper (``python -c``, with the same interpreter) when it is entered and stops it on exit.
:meth:`Workers.run` hands the helper the second half of a list of pivot groups while the
calling process works through the first half, then joins the results in group order -- so
the answer is the same, to the last bit, with or without the helper.

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

    def __exit__(self, *exc) -> None:
        self._stop()

    @property
    def helping(self) -> bool:
        """Whether a helper process is running."""
        return self._proc is not None and self._proc.poll() is None

    def run(self, task: Callable, payload: tuple, groups: Sequence) -> list:
        """``[task(*payload, group) for group in groups]``, the second half in the helper.

        ``task`` must be a module-level function (the helper imports it by name). The
        payload (usually the network's ties) is sent again only when it changes.
        """
        half = (len(groups) + 1) // 2
        if not self.helping or len(groups) < 2:
            return [task(*payload, g) for g in groups]
        remote = list(groups[half:])
        asked = self._ask(task, payload, remote)
        local = [task(*payload, g) for g in groups[:half]]
        answer = self._answer() if asked else None
        if answer is None:  # the helper failed: its share is computed here
            answer = [task(*payload, g) for g in remote]
        return local + answer

    # ----------------------------------------------------------------- the pipe

    def _ask(self, task: Callable, payload: tuple, groups: list) -> bool:
        blob = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        key = hashlib.blake2b(blob, digest_size=16).hexdigest()
        message = (f"{task.__module__}:{task.__qualname__}", key, None if key == self._sent else blob, groups)
        try:
            pickle.dump(message, self._proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._proc.stdin.flush()
        except (OSError, ValueError):
            self._stop()
            return False
        self._sent = key
        return True

    def _answer(self) -> list | None:
        try:
            status, value = pickle.load(self._proc.stdout)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            self._stop()
            return None
        if status != "ok":
            self._stop()
            return None
        return value

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        self._sent = ""
        if proc is None:
            return
        try:
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
            name, key, blob, groups = pickle.load(stdin)
        except EOFError:
            return
        try:
            if blob is not None:
                payloads.clear()  # one network at a time
                payloads[key] = pickle.loads(blob)
            module, _, qualname = name.partition(":")
            task = getattr(importlib.import_module(module), qualname)
            answer = ("ok", [task(*payloads[key], g) for g in groups])
        except Exception:  # reported to the caller, which then computes the share itself
            answer = ("error", traceback.format_exc())
        pickle.dump(answer, stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()
