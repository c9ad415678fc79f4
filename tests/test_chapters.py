"""Every MyST Markdown chapter runs from top to bottom (no saved outputs to compare)."""

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))


def test_there_are_ten_chapters():
    assert len(CHAPTERS) == 10


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_runs(path):
    nb = jupytext.read(path)
    if not any(c.cell_type == "code" for c in nb.cells):
        pytest.skip("no code cells yet")
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
