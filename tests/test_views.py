"""Chapter 1's figures (p2pkit.views.architecture): what they show is what the models say."""

import pytest

from p2pkit import orgs
from p2pkit.architecture import profile, verdict
from p2pkit.resilience import knock_out
from p2pkit.views.architecture import anyone_scene, centre_scene, shapes_scene, three_shapes


def _readout(scene):
    return dict(scene["readout"])


def test_the_two_ends_of_the_path():
    star = centre_scene(people=12, p2p=0.0, remove_centre=False, seed=0)
    mesh = centre_scene(people=12, p2p=1.0, remove_centre=False, seed=0)
    assert star["verdict"] == verdict(profile(orgs.spectrum(12, 0.0, seed=0)))
    assert star["verdict"].startswith("Single point of failure")
    assert mesh["verdict"].startswith("No single person")
    assert _readout(star)["Centre's share of routes between others"] == "100%"


def test_removing_the_centre_draws_it_removed_and_keeps_the_measures():
    kept = centre_scene(people=16, p2p=0.4, remove_centre=False, seed=0)
    gone = centre_scene(people=16, p2p=0.4, remove_centre=True, seed=0)
    net = gone["panels"][0]
    assert net["role"][0] == "removed"
    assert all(0 not in (net["ties"][i], net["ties"][i + 1]) for i in range(0, len(net["ties"]), 2))
    assert kept["readout"] == gone["readout"]


@pytest.mark.parametrize("who", ["0", "3", "9"])
def test_remove_anyone_agrees_with_knock_out(who):
    G = orgs.spectrum(16, 0.4, seed=1)
    ko = knock_out(G, [int(who)])
    s = anyone_scene(0.4, 1, who)
    r = _readout(s)
    assert r["Pairs still in touch"] == f"{ko.pairwise:.0%}"
    assert r["People cut off from the largest group"] == str(ko.cut_off)
    roles = s["panels"][0]["role"]
    assert roles[int(who)] == "removed"
    assert sorted(i for i, x in enumerate(roles) if x == "cut_off") == sorted(ko.outside)


def test_three_shapes_offers_matching_chart_sizes():
    for people in three_shapes().controls[0].values:
        s = shapes_scene(people, 0)
        assert [len(p["people"]["id"]) for p in s["panels"]] == [people] * 3
