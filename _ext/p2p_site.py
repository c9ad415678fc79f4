"""Small site fixes for the published companion (a local Sphinx extension).

- Figures are static on the site: the chapters' kernels are started by this build process,
  so setting ``P2PKIT_FIGURES=static`` here makes every :class:`p2pkit.views.Figure` ship its
  precomputed states (whoever runs the build: ``make book`` or a plain ``jupyter-book build``).
- The version (``p2pkit.__version__``) goes into every page's footer; the repository's
  and a JupyterHub's addresses can be set by the build's environment (see ``_site_settings``).
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


def _named_by_their_text(app, pagename, templatename, context, doctree):
    """myst-nb names every "Show code cell source" toggle "Toggle hidden content", which is not
    the text it shows (WCAG 2.5.3, label in name): let the visible text name it."""
    body = context.get("body")
    if body and 'aria-label="Toggle hidden content"' in body:
        context["body"] = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")


def _pack_links(app, pagename, templatename, context, doctree):
    """Each session plan, and the workshops index, link their facilitator packs (PDF).

    The packs are printed after the build (``tools/packs.py``); the link sits under the title.
    """
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from packs import plans

    body = context.get("body")
    if not body or not pagename.startswith("workshops/"):
        return
    ids = {m["id"] for m in plans()}
    name = pagename.split("/", 1)[1]
    if name in ids:
        box = ("<div class='admonition tip p2p-pack'><p class='admonition-title'>Print the facilitator pack</p>"
               "<p>The plan, the facilitator one-pager and the participant handout in one PDF, with a cover "
               f"that shows the demo: <a href='packs/{name}-pack-a4.pdf'>A4 (PDF)</a> · "
               f"<a href='packs/{name}-pack-letter.pdf'>Letter (PDF)</a>.</p></div>")
    elif name == "index":
        box = ("<div class='admonition tip p2p-pack'><p class='admonition-title'>Print the handouts</p>"
               "<p>Every workshop's participant handout in one PDF: <a href='packs/all-handouts-a4.pdf'>A4 (PDF)</a> · "
               "<a href='packs/all-handouts-letter.pdf'>Letter (PDF)</a>. Each workshop page links its own "
               "facilitator pack.</p></div>")
    else:
        return
    i = body.find("</h1>")
    if i >= 0:
        context["body"] = body[: i + 5] + box + body[i + 5:]


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
    # The theme's icon script (Font Awesome) watches every change to the page for new icons and
    # searches each changed subtree: with a 300-person figure and its data table that search cost
    # ~135 ms per control change (profiled in Chromium). The theme's icons are all in the page
    # when it loads, and Font Awesome still converts them then; it only stops watching.
    app.add_js_file(None, body="window.FontAwesomeConfig = {observeMutations: false};", priority=100)


VENDOR = ROOT / "_vendor"


def _self_hosted_scripts(app, config):
    """Stop the build, with what to do, if the scripts the site serves itself are missing.

    Without them the pages would silently lose their mathematics (MathJax) -- the plain
    ``pip install -r requirements.txt && jupyter-book build .`` path did exactly that.
    """
    missing = [p for p in ("mathjax/tex-chtml.js",) if not (VENDOR / p).exists()]
    if missing:
        raise ConfigError(f"the self-hosted scripts are missing (_vendor/{missing[0]}): run `make vendor` "
                          "(or `make book`), which installs them from the npm registry; the site would "
                          "otherwise show no mathematics.")


def _site_settings(app, config):
    """The version in the footer, and addresses that a build can set from its environment.

    - ``P2P_REPOSITORY_URL``: the repository's address (the GitHub Pages workflow sets it to
      the repository it runs in); otherwise ``repository.url`` in ``_config.yml``.
    - ``P2P_JUPYTERHUB_URL``: a JupyterHub for the launch button (nbgitpuller).
    """
    import p2pkit

    opts = dict(config.html_theme_options or {})
    url = os.environ.get("P2P_REPOSITORY_URL", "").strip()
    if url:
        opts["repository_url"] = url.rstrip("/")
    hub = os.environ.get("P2P_JUPYTERHUB_URL", "").strip()
    if hub:
        opts["launch_buttons"] = {**opts.get("launch_buttons", {}), "jupyterhub_url": hub.rstrip("/")}
    opts["extra_footer"] = (opts.get("extra_footer", "") +
                            f"<p class='p2p-version'>Version {p2pkit.__version__} of the companion and its "
                            "<code>p2pkit</code> package.</p>")
    config.html_theme_options = opts


def setup(app):
    os.environ["P2PKIT_FIGURES"] = "static"
    app.connect("config-inited", _self_hosted_scripts)
    app.connect("config-inited", _site_settings)
    app.connect("config-inited", _figure_assets)
    app.connect("html-page-context", _named_by_their_text)
    app.connect("html-page-context", _pack_links)
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
