"""Shared fixtures: the built site (built once per test run) and a local server for it."""

from __future__ import annotations

import fcntl
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
def built_site(request) -> Path:
    """Build the book as `make book` does (warnings are errors) and return _build/html.

    Built once per test run even when pytest-xdist runs several workers: the first worker to
    need the site builds it under a file lock and records the outcome; the others wait and reuse it.
    """
    run = getattr(request.config, "workerinput", {}).get("testrunuid", f"single-{os.getpid()}")
    (ROOT / "_build").mkdir(exist_ok=True)
    stamp = ROOT / "_build" / ".tests-site-built"
    with open(ROOT / "_build" / ".tests-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = stamp.read_text().split("\n", 2) if stamp.exists() else []
        if done[:1] != [run]:
            result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py")],
                                    capture_output=True, text=True, cwd=ROOT)
            log = result.stdout[-6000:] + "\n" + result.stderr[-6000:]
            done = [run, str(result.returncode), log]
            stamp.write_text("\n".join(done))
    assert done[1] == "0", done[2]
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
