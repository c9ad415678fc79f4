"""A chapter opened as Binder opens it: JupyterLab shows it as a notebook, and its figures run live.

Starts the project's JupyterLab on localhost (the same packages and settings Binder gets from
requirements.txt and postBuild; `make bootstrap` writes the same jupytext setting into .venv),
opens chapter 1 at the path a chapter's launch button uses (``lab/tree/chapters/...md``),
and checks that it opens as a notebook, not in the text editor. Then it runs every cell and
moves a control of a live figure: Python recomputes and the figure changes. Every request
off localhost is blocked and recorded.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "chapters/ch01-language-of-leadership.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port = _free_port()
    home = tmp_path_factory.mktemp("home")
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), P2PKIT_FIGURES="live")
    env.pop("MPLBACKEND", None)
    jupyter = Path(sys.executable).parent / "jupyter"
    proc = subprocess.Popen([str(jupyter), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
                             "--ServerApp.token=", "--ServerApp.password=", "--allow-root",
                             f"--ServerApp.root_dir={ROOT}", "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()[-3000:]) from None
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("JupyterLab did not start within 90 s")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:  # pragma: no cover
        proc.kill()


def test_a_chapter_opens_as_a_notebook_and_its_figures_run_live(browser, lab):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    offsite: list[str] = []

    def route(r):
        host = urlparse(r.request.url).hostname
        if host in ("127.0.0.1", "localhost") or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            offsite.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    try:
        page.goto(f"{lab}/lab/tree/{CHAPTER}", wait_until="load", timeout=120_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell, .jp-FileEditor", timeout=120_000)
        with contextlib.suppress(Exception):  # the notebook's cells arrive once jupytext has converted the file
            page.wait_for_function("() => document.querySelectorAll('.jp-NotebookPanel .jp-Cell').length >= 5",
                                   timeout=60_000)
        cells = page.locator(".jp-NotebookPanel .jp-Cell").count()
        # (JupyterLab only puts the cells near the viewport into the page)
        assert cells >= 5, f"only {cells} cells: the chapter did not open as a notebook"
        assert page.locator(".jp-NotebookPanel .jp-MarkdownCell").count() >= 2
        assert page.locator(".jp-FileEditor:visible").count() == 0, "the chapter opened in the text editor"
        # run every cell (Run menu), then move a control of the first live figure
        page.wait_for_function("() => /Idle/.test(document.body.innerText)", timeout=90_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_text("Run All Cells", exact=True).click()
        page.wait_for_selector(".p2p-fig .p2p-verdict", timeout=180_000)
        fig = page.locator(".p2p-fig").first
        fig.scroll_into_view_if_needed()
        sig = "(f) => f.querySelector('.p2p-body').innerHTML + f.querySelector('.p2p-summary').textContent"
        before = fig.evaluate(sig)
        sel = fig.locator("select").first
        n, i = sel.evaluate("(s) => [s.options.length, s.selectedIndex]")
        sel.select_option(index=(i + 1) % n)
        page.wait_for_function(
            "([s, b]) => { const f = document.querySelector('.p2p-fig'); return (new Function('f', 'return (' + s + ')(f)'))(f) !== b; }",
            arg=[sig, before], timeout=60_000)
        assert page.locator(".jp-OutputArea-output:has-text('Traceback')").count() == 0
    finally:
        page.screenshot(path=str(ROOT / "_build" / "jupyterlab-chapter.png"))
        page.close()
    assert not offsite, f"requests off localhost: {offsite[:5]}"
