"""The facilitator packs: one PDF per workshop (A4 and Letter) and one of all the handouts.

Printed at build time by Chromium from the built pages (tools/packs.py). Checked here: every
file exists and is linked from its workshop page, the paper size is right, the page count is
plausible (a cover, the plan, the one-pager, the handout), every page has text, the cover shows
the demo figure as an image, and each part of the pack is in it.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from packs import plans  # noqa: E402

PLANS = plans()
SIZES = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}


def _read(path: Path):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(path.read_bytes()))


@pytest.fixture(scope="module")
def packs_dir(built_site):
    d = built_site / "workshops" / "packs"
    if not d.exists():
        pytest.skip("no Chromium at build time: the packs were not printed")
    return d


def test_there_are_four_workshops():
    assert len(PLANS) == 4


@pytest.mark.parametrize("paper", list(SIZES))
@pytest.mark.parametrize("plan", PLANS, ids=[p["id"] for p in PLANS])
def test_a_pack_per_workshop(packs_dir, built_site, plan, paper):
    pdf = packs_dir / f"{plan['id']}-pack-{paper}.pdf"
    reader = _read(pdf)
    n = len(reader.pages)
    assert 5 <= n <= 30, f"{pdf.name}: {n} pages"
    w, h = SIZES[paper]
    for i, page in enumerate(reader.pages):
        box = page.mediabox
        assert abs(float(box.width) - w) < 2 and abs(float(box.height) - h) < 2, f"page {i + 1} is not {paper}"
        assert len(page.extract_text().strip()) > 40, f"{pdf.name}: page {i + 1} has no text"
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert plan["title"] in text
    for part in ("facilitator pack", "Purpose", "participant handout"):
        assert part.lower() in text.lower(), f"{pdf.name} lacks {part!r}"
    assert reader.pages[0].images, "the cover shows the demo figure"
    page = (built_site / "workshops" / f"{plan['id']}.html").read_text(encoding="utf-8")
    assert f"href='packs/{plan['id']}-pack-{paper}.pdf'" in page


@pytest.mark.parametrize("paper", list(SIZES))
def test_all_handouts_in_one_pdf(packs_dir, built_site, paper):
    reader = _read(packs_dir / f"all-handouts-{paper}.pdf")
    text = "\n".join(p.extract_text() for p in reader.pages)
    for plan in PLANS:
        assert plan["title"].lower() in text.lower()
    assert all(len(p.extract_text().strip()) > 40 for p in reader.pages)
    index = (built_site / "workshops" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"href='packs/all-handouts-{paper}\.pdf'", index)
