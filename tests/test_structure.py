"""Every chapter follows the Chapter 1 model, so the book stays consistent as it grows.

Checks each chapter's MyST source: the sections in the same order, a goal before the
explorable, Things to notice / Things to try, an interactive figure and a sandbox figure,
alt text on every figure cell, glossary links, citations and a reference list.
"""

import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("ch*.md"))

SECTIONS = [
    "Learning objectives",
    "The idea",
    "The model",
    "Explore",
    "Live",
    "What the model shows -- and where it does not",
    "In your organisation",
    "Reflection",
    "Key terms",
    "References",
]


@pytest.fixture(params=CHAPTERS, ids=lambda p: p.stem)
def chapter(request):
    path = request.param
    return path, path.read_text(encoding="utf-8"), jupytext.read(path)


def test_sections_in_order(chapter):
    path, text, _ = chapter
    heads = re.findall(r"^## (.+?)\s*$", text, re.M)
    assert heads == SECTIONS, f"{path.name}: sections are {heads}"
    assert re.search(r"^# .+", text, re.M)
    assert "{admonition} In this chapter" in text.split("## Learning objectives")[0]


def _section(text, name):
    i = text.index(f"## {name}")
    j = text.find("\n## ", i + 4)
    return text[i: j if j > 0 else None]


def test_explore_has_goal_explorable_notice_and_try(chapter):
    path, text, _ = chapter
    explore = _section(text, "Explore")
    goal = explore.find(":class: important")
    scrub = explore.find("```{code-cell}")
    assert 0 <= goal < scrub, f"{path.name}: state the goal before the explorable"
    assert "**Things to notice**" in explore and "**Things to try**" in explore
    assert "p2pkit.views" in explore, f"{path.name}: the explorable should be a figure from p2pkit.views"


def test_live_has_a_sandbox_figure_and_no_dead_copy(chapter):
    path, text, _ = chapter
    live = _section(text, "Live")
    assert "p2pkit.views" in live, f"{path.name}: the sandbox should be a figure from p2pkit.views"
    assert "Binder" in live
    for dead in ("p2pkit.widgets", "p2pkit.explorables", "running kernel", "first view only", "static page"):
        assert dead not in text, f"{path.name}: {dead!r} belongs to the old view layer"


def test_objectives_reflection_terms_and_references(chapter):
    path, text, _ = chapter
    assert len(re.findall(r"^\d+\. ", _section(text, "Learning objectives"), re.M)) >= 3
    assert len(re.findall(r"^\d+\. ", _section(text, "Reflection"), re.M)) >= 3
    assert len(re.findall(r"\{term\}`", _section(text, "Key terms"))) >= 3
    assert "{footbibliography}" in _section(text, "References")
    assert "baker2014" in _section(text, "The idea"), "cite the book in The idea"
    assert len(set(re.findall(r"\{footcite:[pt]\}`([^`]+)`", text))) >= 3
