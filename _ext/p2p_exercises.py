"""Exercise pages hand out the student notebook, never the one with solutions (a local Sphinx extension).

Each exercise page of the book is built from its source notebook, ``exercises/NAME.ipynb``,
which holds the solutions (folded away on the page). What a student *takes away* from the
page must be the student version, ``exercises/student/NAME.ipynb``, made from the source by
``tools/make_student_notebooks.py``:

- the launch buttons (Binder, JupyterHub, Colab), which sphinx-book-theme builds from the
  page's own source path, are re-pointed to the student notebook;
- the download button's ``.ipynb`` (the page source Sphinx copies to ``_sources/``) is
  replaced by the student notebook once the build has finished, so the solution notebook
  is not published as a file.

Pages without a student notebook (the exercises index, chapters) are left alone.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

STUDENT_FOLDER = "student"


def student_notebook(srcdir, pagename: str) -> Path | None:
    """The student notebook for an exercise page (``exercises/NAME``), or None."""
    parts = pagename.split("/")
    if len(parts) != 2 or parts[0] != "exercises":
        return None
    path = Path(srcdir) / "exercises" / STUDENT_FOLDER / f"{parts[1]}.ipynb"
    return path if path.exists() else None


def repoint(url: str, name: str) -> str:
    """Point a launch URL at ``exercises/student/NAME.ipynb`` instead of ``exercises/NAME.ipynb``.

    Handles the plain form (Binder's ``urlpath=lab/tree/.../exercises/NAME.ipynb``, Colab's
    ``blob/BRANCH/.../exercises/NAME.ipynb``) and the URL-encoded one (``%2F``).

    >>> repoint("https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/exercises/ch01-a.ipynb", "ch01-a")
    'https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/exercises/student/ch01-a.ipynb'
    """
    url = re.sub(r"(?<![\w.-])" + re.escape(f"exercises/{name}.ipynb"),
                 f"exercises/{STUDENT_FOLDER}/{name}.ipynb", url)
    return url.replace(f"exercises%2F{name}.ipynb", f"exercises%2F{STUDENT_FOLDER}%2F{name}.ipynb")


def _buttons(items):
    for item in items or []:
        yield item
        if isinstance(item, dict) and item.get("buttons"):
            yield from _buttons(item["buttons"])


def point_launch_buttons_at_student(app, pagename, templatename, context, doctree):
    """``html-page-context`` handler: re-point every launch button of an exercise page."""
    if student_notebook(app.srcdir, pagename) is None:
        return
    name = pagename.split("/")[1]
    for button in _buttons(context.get("header_buttons")):
        if isinstance(button, dict) and button.get("url") and button.get("label") != "download-source-button":
            button["url"] = repoint(button["url"], name)
    context["p2p_student_notebook"] = f"exercises/{STUDENT_FOLDER}/{name}.ipynb"


def publish_student_sources(app, exception):
    """``build-finished`` handler: the page source offered for download is the student notebook."""
    if exception is not None or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources" / "exercises"
    for student in sorted((Path(app.srcdir) / "exercises" / STUDENT_FOLDER).glob("*.ipynb")):
        target = sources / student.name
        if target.exists():
            shutil.copyfile(student, target)


def setup(app):
    # sphinx-book-theme adds its launch and header buttons at priority 501; run after it.
    app.connect("html-page-context", point_launch_buttons_at_student, priority=600)
    app.connect("build-finished", publish_student_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
