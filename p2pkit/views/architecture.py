"""Chapter 1 figures: from client-server to peer-to-peer (scenes from :mod:`p2pkit.architecture`)."""

from __future__ import annotations

from .. import orgs
from ..architecture import load_share, profile, verdict
from ..resilience import knock_out
from .component import Figure, choice, person, seed, slider, toggle
from .layouts import ring_layout, tree_layout
from .scene import bars, network, node_of, scene

__all__ = ["three_shapes", "centre_to_peers", "remove_anyone"]

P2P_STEPS = tuple(i / 10 for i in range(11))


def _roles(G, centre=0, single_points=()):
    sp = set(single_points)
    return {v: "centre" if v == centre else ("single_point" if v in sp else "peer") for v in G}


def _measure_bars(p) -> dict:
    return bars("Three measures", [
        ("Average hand-offs between two people", min(1.0, p.mean_path / 4.0), f"{p.mean_path:.2f} hops", "peer"),
        ("Centre's share of routes between others", p.centre_load, f"{p.centre_load:.0%}", "centre"),
        ("Pairs still in touch if the centre goes", p.survives_without_centre, f"{p.survives_without_centre:.0%}", "reached"),
    ], note="The hand-offs bar is full at 4 hops.")


def _readout(p) -> list:
    return [("People / ties", f"{p.people}\u00a0/\u00a0{p.ties}"),
            ("Average hand-offs", f"{p.mean_path:.2f}"),
            ("Longest route (hops)", f"{p.diameter}"),
            ("Centre's share of routes between others", f"{p.centre_load:.0%}"),
            ("Pairs in touch without the centre", f"{p.survives_without_centre:.0%}"),
            ("People whose loss alone cuts someone off", f"{len(p.single_points)}")]


#: sizes offered for the three shapes, each with the chart (levels, span) of exactly that size
SHAPE_SIZES = {7: (3, 2), 13: (3, 3), 21: (3, 4), 40: (4, 3)}


def shapes_scene(people: int, seed: int) -> dict:
    """One state of :func:`three_shapes`: client-server, hierarchy and peer mesh of one size."""
    levels, span = SHAPE_SIZES[people]
    shapes = [("Client-server", orgs.client_server(people), ring_layout),
              (f"Hierarchy ({levels} levels, span {span})", orgs.hierarchy(levels, span), tree_layout),
              ("Peer mesh", orgs.peer_mesh(people, k=4, rewire=0.1, seed=seed), ring_layout)]
    panels, rows, said = [], [], []
    for name, G, lay in shapes:
        p = profile(G)
        panels.append(network(
            G, lay(G), title=f"{name}: {p.ties} ties, {p.mean_path:.2f} hops",
            roles={v: "centre" if v == 0 else "peer" for v in G},
            names={v: ("Centre" if v == 0 else f"Person {v}") for v in G},
            figures=[("Share of routes between others", load_share(G), ".0%")], labels=False))
        rows.append((name.split(" (")[0], f"centre on {p.centre_load:.0%} of routes; "
                     f"{p.survives_without_centre:.0%} of pairs survive its loss"))
        said.append(f"{name.split(' (')[0].lower()}: {p.ties} ties, {p.mean_path:.2f} hops on average, the centre "
                    f"on {p.centre_load:.0%} of the routes between others, {p.survives_without_centre:.0%} of pairs "
                    "still in touch without it")
    profiles = [profile(G) for _, G, _ in shapes]
    fastest = shapes[min(range(3), key=lambda i: profiles[i].mean_path)][0].split(" (")[0].lower()
    ratio = profiles[2].ties / profiles[0].ties
    summary = f"Three networks of {people} people side by side. " + "; ".join(said) + "."
    verdict_text = (f"The {fastest} is the quickest to cross; the peer mesh is the one that keeps "
                    f"{profiles[2].survives_without_centre:.0%} of pairs in touch without its centre, "
                    f"and it needs {ratio:.1f} times as many ties as the client-server network to do so.")
    return scene(*panels, readout=rows, verdict=verdict_text, summary=summary)


def three_shapes(people: int = 13) -> Figure:
    """Client-server, hierarchy and peer mesh of the same size, side by side, with their measures."""
    return Figure("Three ways to wire the same people", shapes_scene,
                  [choice("people", "People", {n: str(n) for n in SHAPE_SIZES}, people), seed()],
                  description="Three network drawings: a star, an organisation chart and a ring-like mesh.")


def centre_scene(people: int, p2p: float, remove_centre: bool, seed: int) -> dict:
    """One state of :func:`centre_to_peers` (also used by the benchmarks)."""
    G = orgs.spectrum(people, p2p, seed=seed)
    prof = profile(G)
    load = load_share(G)
    pos = ring_layout(G)
    net = network(
        G, pos, title=f"{p2p:.0%} of the way to peer-to-peer · {prof.ties} ties",
        roles=_roles(G, 0, prof.single_points), removed=[0] if remove_centre else (),
        figures=[("Share of routes between others", load, ".0%")],
        names={v: ("Centre" if v == 0 else f"Person {v}") for v in G},
        labels=False,
    )
    sp = len(prof.single_points)
    summary = (f"A network of {people} people, {p2p:.0%} of the way from client-server to peer-to-peer, "
               f"with {prof.ties} ties. {sp} {'person' if sp == 1 else 'people'} (diamonds) would cut someone off "
               "by leaving" + (". The centre is shown removed" if remove_centre else "") + ".")
    return scene(net, _measure_bars(prof), readout=_readout(prof), verdict=verdict(prof), summary=summary)


def centre_to_peers(people: int = 16) -> Figure:
    """Move a client-server network towards a peer mesh; remove the centre at any point.

    Controls: how far towards peer-to-peer (0-100 %), the number of people, removing the
    centre, and the seed of the order in which ties change. The diamonds are the people
    whose departure alone would cut somebody off (articulation points).
    """
    return Figure(
        "From one centre to many peers", centre_scene,
        [slider("p2p", "Peer-to-peer", P2P_STEPS, 0.2, fmt=".0%", live=(0.0, 1.0, 0.01),
                help="0%: everyone is tied only to the centre; 100%: a peer mesh."),
         slider("people", "People", (8, 12, 16, 24, 40), people, live=(4, 1000, 1)),
         toggle("remove_centre", "Remove the centre"),
         seed()],
        description="A network of people on a circle around a centre; ties move from the centre to peers.")


def anyone_scene(p2p: float, seed: int, removed: str, people: int = 16) -> dict:
    """One state of :func:`remove_anyone`."""
    G = orgs.spectrum(people, p2p, seed=seed)
    prof = profile(G)
    who = node_of(G, removed)
    gone = [who] if who is not None else []
    ko = knock_out(G, gone)
    pos = ring_layout(G)
    names = {v: ("Centre" if v == 0 else f"Person {v}") for v in G}
    roles = _roles(G, 0, prof.single_points) if who is None else {
        v: "cut_off" if v in set(ko.outside) else ("centre" if v == 0 else "peer") for v in G}
    net = network(G, pos, title=f"{p2p:.0%} of the way to peer-to-peer", roles=roles,
                  removed=gone, removable=True, names=names,
                  figures=[("Share of routes between others", load_share(G), ".0%")])
    if who is None:
        text = ("Nobody removed. Click a person (or choose one) to see what their departure does; "
                f"{len(prof.single_points)} of the {people} would cut someone off.")
        summary = f"A network of {people} people with {prof.ties} ties; nobody is removed."
    else:
        left = people - 1
        text = (f"Without {names[who]}, {ko.pairwise:.0%} of the pairs of the {left} people left can still reach "
                f"each other; {ko.cut_off} {'is' if ko.cut_off == 1 else 'are'} cut off from the largest group.")
        summary = f"{names[who]} is removed from a network of {people} people. {text}"
    readout = [("Removed", names[who] if who is not None else "nobody"),
               ("Pairs still in touch", f"{ko.pairwise:.0%}"),
               ("Groups left", f"{ko.groups}"),
               ("People cut off from the largest group", f"{ko.cut_off}")]
    return scene(net, readout=readout, verdict=text, summary=summary)


def remove_anyone(people: int = 16) -> Figure:
    """The sandbox: remove any one person at any point on the way to peer-to-peer."""

    def build(p2p, seed, removed, people=people):
        return anyone_scene(p2p, seed, removed, people)

    controls = [slider("p2p", "Peer-to-peer", (0.0, 0.2, 0.4, 0.6, 0.8, 1.0), 0.4, fmt=".0%",
                       live=(0.0, 1.0, 0.01)),
                seed(), person("removed", "Remove a person")]
    return Figure("Remove anyone", build, controls,
                  description=f"A network of {people} people; click a person to remove them.")
FIGURES = [three_shapes, centre_to_peers, remove_anyone]
