"""Shared fixtures: the built site (built once per test run) and a local server for it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # in this process only: kernels keep their inline backend
# Figures in notebooks run by the tests (nbval, chapters) are static, as on the published site;
# the presenter-mode tests start Voila with live figures explicitly.
os.environ["P2PKIT_FIGURES"] = "static"

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


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Chromium flags for a machine with no network beyond localhost (see STACK.md).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                 "--disable-default-apps"]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's, driven by Playwright) for all browser tests."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
