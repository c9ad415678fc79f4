"""Small site fixes for the published companion (a local Sphinx extension).

- Figures are static on the site: the chapters' kernels are started by this build process,
  so setting ``P2PKIT_FIGURES=static`` here makes every :class:`p2pkit.views.Figure` ship its
  precomputed states (whoever runs the build: ``make book`` or a plain ``jupyter-book build``).
- The figure component (d3 and p2pfig, as one script, and its stylesheet) is written into the
  build and served by the site itself. Without d3 every figure would be a text fallback, so the
  build stops with a message that says how to get it.

- Thebe (live code cells through a remote Binder kernel) is not used: the site must work
  offline, and live work happens in Binder/Jupyter through the launch button. Jupyter Book
  nevertheless adds sphinx-thebe's script and its inline configuration to every page, twice,
  which raises "Identifier 'THEBE_JS_URL' has already been declared" in the console. This
  extension drops those scripts from each page.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
D3 = ROOT / "p2pkit" / "views" / "assets" / "vendor" / "d3.min.js"


def _drop_thebe(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    kept = []
    for js in scripts:
        name = str(js) if not hasattr(js, "filename") else (js.filename or "")
        body = getattr(js, "attributes", {}).get("body", "") if hasattr(js, "attributes") else ""
        if "sphinx-thebe" in name or "THEBE_JS_URL" in body:
            continue
        kept.append(js)
    context["script_files"] = kept
    css = context.get("css_files")
    if css:
        context["css_files"] = [c for c in css if "sphinx-thebe" not in str(getattr(c, "filename", c))]


def _figure_assets(app, config):
    """Write the figure component's script and stylesheet where the site serves them from."""
    if not D3.exists():
        raise ConfigError(f"the self-hosted scripts are missing ({D3.relative_to(ROOT)}): run `make vendor` "
                          "(or `make book`), which installs them from the npm registry.")
    from p2pkit.views.component import page_bundle, static_assets

    out = Path(app.outdir).parent / "p2pfig-static"
    out.mkdir(parents=True, exist_ok=True)
    (out / "p2pfig.js").write_text(page_bundle(), encoding="utf-8")
    (out / "p2pfig.css").write_text(static_assets()["css"], encoding="utf-8")
    config.html_static_path = list(config.html_static_path) + [str(out)]
    app.add_js_file("p2pfig.js")
    app.add_css_file("p2pfig.css")


def setup(app):
    os.environ["P2PKIT_FIGURES"] = "static"
    app.connect("config-inited", _figure_assets)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
