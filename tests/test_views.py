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


# ----------------------------------------------------------------------------- numbers in chapter 1's prose

def test_chapter_1_explore_numbers_at_the_figure_defaults():
    """Things to notice and the verdict section, at the Explore figure's own defaults."""
    from p2pkit.views.architecture import centre_to_peers
    d = centre_to_peers().defaults()
    assert (d["p2p"], d["people"], d["seed"], d["remove_centre"]) == (0.2, 16, 0, False)  # it starts at 20%
    steps = [i / 10 for i in range(11)]
    prof = {p: profile(orgs.spectrum(16, p, seed=0)) for p in steps}
    # the centre's share of the routes between others (normalised betweenness) falls at every step
    loads = [prof[p].centre_load for p in steps]
    assert loads == sorted(loads, reverse=True) and len(set(loads)) == len(loads)
    # removing the centre cuts someone off up to 70%; from 80% nobody is a single point of failure
    assert all(prof[p].survives_without_centre < 1 for p in steps if p <= 0.7)
    first = next(p for p in steps if not prof[p].single_points)
    assert first == 0.8 and prof[0.8].survives_without_centre == 1
    assert all(not prof[p].single_points for p in steps if p >= 0.8)
    # diamonds besides the centre at the start (20%) and at 30%, and not the same person
    extra = {p: set(prof[p].single_points) - {0} for p in (0.2, 0.3)}
    assert len(extra[0.2]) == 1 and len(extra[0.3]) == 1 and extra[0.2] != extra[0.3]
    # hand-offs: under 2 at the start, 2.4 at the far end
    assert prof[0.0].mean_path < 2 and prof[0.2].mean_path < 2 and round(prof[1.0].mean_path, 1) == 2.4
    # ties: 20 at the start, 32 at the far end, more than twice the 15 of a client-server network
    assert (prof[0.0].ties, prof[0.2].ties, prof[1.0].ties) == (15, 20, 32)
    assert prof[1.0].ties > 2 * prof[0.0].ties


def test_chapter_1_three_shapes_numbers():
    """'nobody is more than two hand-offs from anybody'; the hierarchy with the same 12 ties is the
    longest; the mesh has more than twice as many ties (26)."""
    from p2pkit.views.architecture import SHAPE_SIZES
    levels, span = SHAPE_SIZES[13]
    star, chart, mesh = (orgs.client_server(13), orgs.hierarchy(levels, span),
                         orgs.peer_mesh(13, k=4, rewire=0.1, seed=0))
    ps, ph, pm = profile(star), profile(chart), profile(mesh)
    assert ps.diameter == 2 and ps.mean_path < pm.mean_path < ph.mean_path
    assert (ps.ties, ph.ties, pm.ties) == (12, 12, 26) and pm.ties > 2 * ps.ties
