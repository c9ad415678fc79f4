"""Shared fixtures: the built site (built once per test run) and a local server for it."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # in this process only: kernels keep their inline backend

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def built_site() -> Path:
    """Build the book as `make book` does (warnings are errors) and return _build/html."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, (result.stdout[-6000:] + "\n" + result.stderr[-6000:])
    return HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Serve the built site on 127.0.0.1 (a free port) for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
