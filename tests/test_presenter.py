"""Presenter mode for real: start Voilà, open the page in Chromium, move a control,
and check that the figure changed, with no code on the page and no request off localhost."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import present  # noqa: E402



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _smoke_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Presenter smoke test"),
                nbformat.v4.new_code_cell("from p2pkit.views.architecture import centre_to_peers\ncentre_to_peers()")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "smoke-demo.ipynb"
    nbformat.write(nb, path)
    return path


DEMOS = sorted((ROOT / "workshops").glob("*-demo.ipynb"))


def _serve(nb: Path):
    port = _free_port()
    cmd, env = present.command(nb, port)
    proc = subprocess.Popen(cmd, env=env, cwd=nb.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc, f"http://127.0.0.1:{port}/"
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()[-2000:]) from None
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("Voilà did not start within 60 s")


def _drive(browser, url: str) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    offsite = []

    def route(r):
        host = urlparse(r.request.url).hostname
        if host in ("127.0.0.1", "localhost") or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            offsite.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_selector(".p2p-fig .p2p-verdict, .jupyter-widgets .widget-slider", timeout=120_000)
    if page.locator(".p2p-fig").count():
        # the figure component, live: a control change goes to Python and a new scene comes back
        fig = page.locator(".p2p-fig").first
        sig = "(f) => f.querySelector('.p2p-body').innerHTML + f.querySelector('.p2p-summary').textContent"
        before = fig.evaluate(sig)
        fig.locator("input[type=range]").first.focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("([s, b]) => { const f = document.querySelector('.p2p-fig'); return (new Function('f', 'return (' + s + ')(f)'))(f) !== b; }",
                               arg=[sig, before], timeout=30_000)
        after = fig.evaluate(sig)
    else:  # an ipywidgets demo
        page.wait_for_selector(".jupyter-widgets img, .widget-html img", timeout=60_000)
        img = page.locator(".widget-html img").first
        before = img.get_attribute("src")
        handle = page.locator("[role=slider]").last
        handle.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("(b) => { const i = document.querySelector('.widget-html img'); return i && i.src !== b; }",
                               arg=before, timeout=30_000)
        after = img.get_attribute("src")
    code_visible = page.locator(".jp-InputArea-editor:visible, .CodeMirror:visible, .cm-editor:visible").count() + \
        page.locator("text=/^from p2pkit|^import /").count()
    traceback = page.locator("text=Traceback").count()
    page.close()
    return {"changed": before != after, "code": code_visible, "offsite": offsite, "traceback": traceback}


@pytest.mark.parametrize("nb", DEMOS + [None], ids=[p.stem for p in DEMOS] + ["smoke"])
def test_presenter_mode_updates_the_figure(browser, tmp_path, nb):
    nb = nb or _smoke_notebook(tmp_path)
    proc, url = _serve(nb)
    try:
        result = _drive(browser, url)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert result["changed"], "moving the slider did not change the figure"
    assert result["code"] == 0, "presenter mode must not show code"
    assert result["traceback"] == 0
    assert not result["offsite"], f"requests off localhost: {result['offsite']}"
