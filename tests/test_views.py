"""Explorables (static) and widgets (live): offline, accessible, never a traceback."""

import re

import pytest

from p2pkit.explorables.architecture import client_server_to_peer, three_shapes
from p2pkit.explorables.core import clean_jshtml
from p2pkit.widgets.architecture import explorer


@pytest.fixture(scope="module")
def scrub():
    return client_server_to_peer(n=10, frames=4)


def test_scrubber_is_offline_and_has_alt_text(scrub):
    html = scrub.html
    assert not re.search(r"""(src|href)=["']https?://""", html), "no external resources"
    assert re.search(r'<img id="_anim_img[0-9a-f]+" alt="Animation in 4 frames', html)
    assert 'aria-label="Scrub through the frames"' in html
    assert len(re.findall(r"frames\[\d+\] = ", html)) == 4


def test_scrubber_is_deterministic(scrub):
    assert client_server_to_peer(n=10, frames=4).html == scrub.html


def test_clean_jshtml_escapes_alt_text():
    out = clean_jshtml('<img id="_anim_img0123456789abcdef0123456789abcdef">', 'say "<hi>"')
    assert 'alt="say &quot;&lt;hi&gt;&quot;"' in out


def test_three_shapes_draws_three_panels():
    fig = three_shapes()
    assert len(fig.axes) == 3


def test_widget_updates_and_reports_errors_without_traceback():
    e = explorer(people=12, p2p=0.0)
    assert "Single point of failure" in e.readout.value
    e.controls["p2p"].value = 1.0
    assert "No single person" in e.readout.value
    e.controls["seed"].value = -5  # invalid seed for the generator -> message, not traceback
    assert "Traceback" not in e.message.value
    e.controls["seed"].value = 0
    e.controls["people"].value = 4
    assert e.message.value == "" or "must" in e.message.value
    assert "Traceback" not in e.readout.value
