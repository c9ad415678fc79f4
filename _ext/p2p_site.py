"""Small site fixes for the published companion (a local Sphinx extension).

- Thebe (live code cells through a remote Binder kernel) is not used: the site must work
  offline, and live work happens in Binder/Jupyter through the launch button. Jupyter Book
  nevertheless adds sphinx-thebe's script and its inline configuration to every page, twice,
  which raises "Identifier 'THEBE_JS_URL' has already been declared" in the console. This
  extension drops those scripts from each page.
"""

from __future__ import annotations


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


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
