"""The workshop demos' figures (scenes from :mod:`p2pkit.workshops`).

Four figures, one per facilitator workshop in ``workshops/``:

- :func:`map_our_network` (*Map our network*): the room's answers as a map of node
  communities, bridges and people with no ties, the answers arriving one at a time;
- :func:`card_game` (*Who holds the power?*): the card game played through a chart and
  peer-to-peer, round by round;
- :func:`weaving` (*Weaving the network*): the introductions a weaver suggests, made one at
  a time, and what they change;
- :func:`remove_the_boss` (*Remove the boss*): click a person to take them out, let more
  people leave by a rule, add backup ties: what still holds.

On the published site each figure is static over the made-up sample room
(``workshops/data/sample-room.csv``). In presenter mode and Jupyter the demo functions
(:func:`map_demo`, :func:`card_game_demo`, :func:`weaving_demo`, :func:`remove_the_boss_demo`)
add a small panel above the figure to read the room's own answers (an upload or a path, read
by :func:`p2pkit.team.intake.read_survey`), codes instead of names, and typed introductions or
backup ties; a new file rebuilds the figure's data in Python.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Sequence

import networkx as nx
import numpy as np

from .. import workshops as ws
from ..architecture import load_share
from ..communities import detect, membership
from ..equipotency import centralization, gini
from ..errors import P2PKitError
from ..weaving import phase_profile
from .component import Figure, choice, figure_mode, person, play, seed, slider, toggle
from .layouts import ring_layout, tree_layout
from .scene import bars, network, node_of, scene
from .style import COMMUNITY_COLOURS, OKABE_ITO

__all__ = ["SAMPLE", "RoomData", "room_layout", "map_our_network", "card_game", "weaving", "remove_the_boss",
           "map_demo", "card_game_demo", "weaving_demo", "remove_the_boss_demo", "RoomPanel"]

log = logging.getLogger("p2pkit.views")

#: The made-up sample room the static figures show.
SAMPLE = Path(__file__).resolve().parents[2] / "workshops" / "data" / "sample-room.csv"

#: Plain names of the community colours, so that the readout can name a group's colour.
COLOUR_NAMES = {
    OKABE_ITO["blue"]: "blue", OKABE_ITO["orange"]: "orange", OKABE_ITO["bluish green"]: "green",
    OKABE_ITO["reddish purple"]: "purple", OKABE_ITO["sky blue"]: "sky blue",
    OKABE_ITO["vermillion"]: "vermillion", OKABE_ITO["yellow"]: "yellow", OKABE_ITO["black"]: "black",
}

RULES = {"betweenness": "the people on most routes", "degree": "the best-connected", "random": "people at random"}


# --------------------------------------------------------------------------- the room


def room_layout(U: nx.Graph, communities: Sequence[set], seed: int = 0) -> dict:
    """Positions for a room's map: each community together, the same in every process.

    Communities sit on a ring, each laid out by a spring layout computed on a copy of its
    members in the network's order (a networkx subgraph iterates over a set, whose order
    for names changes from one Python process to the next, and so would the drawing).

    Examples
    --------
    >>> G = nx.Graph([("Ana", "Bo"), ("Bo", "Cy"), ("Di", "Ed")])
    >>> pos = room_layout(G, [{"Ana", "Bo", "Cy"}, {"Di", "Ed"}])
    >>> sorted(pos) == sorted(G)
    True
    """
    order = {v: i for i, v in enumerate(U)}
    comms = [sorted(c, key=order.__getitem__) for c in communities]
    groups = [c for c in comms if len(c) > 1]
    alone = [c[0] for c in comms if len(c) == 1]
    k = len(groups)
    scale = [np.sqrt(len(c)) for c in groups]
    ring = 0.0 if k <= 1 else 1.3 * max(scale) / np.sin(np.pi / k)
    pos: dict = {}
    for i, members in enumerate(groups):
        angle = np.pi - 2 * np.pi * i / k
        cx, cy = ring * np.cos(angle), ring * np.sin(angle)
        inside = set(members)
        H = nx.Graph()
        H.add_nodes_from(members)
        H.add_edges_from((u, v) for u in members for v in U[u] if v in inside and order[u] < order[v])
        local = nx.spring_layout(H, seed=seed, iterations=60)
        r = max(max(abs(x), abs(y)) for x, y in local.values()) or 1.0
        for v, (x, y) in local.items():
            pos[v] = (float(cx + scale[i] * x / r), float(cy + scale[i] * y / r))
    if alone:  # people alone in their community: a row under the map, not far out on the ring
        xs = [x for x, _ in pos.values()] or [0.0]
        y0 = min((y for _, y in pos.values()), default=0.0) - 0.9
        x0, x1 = min(xs), max(xs)
        step = (x1 - x0) / len(alone) if x1 > x0 else 1.0
        for j, v in enumerate(alone):
            pos[v] = (float(x0 + step * (j + 0.5)), float(y0))
    return pos


def match_groups(communities: Sequence, reference: Sequence) -> list[int]:
    """A colour number per community, matched to the ``reference`` division where they overlap.

    A community takes the number of the reference group it overlaps most, if still free, so
    the colours stay put when the question changes; the others take the free numbers.

    Examples
    --------
    >>> match_groups([{3, 4}, {1, 2}], [{1, 2}, {3, 4}])
    [1, 0]
    """
    n_col = len(COMMUNITY_COLOURS)
    ref = [set(r) for r in reference]
    used, out = set(), [None] * len(communities)
    for i in sorted(range(len(communities)), key=lambda i: -len(communities[i])):
        for size, j in sorted(((len(set(communities[i]) & r), j) for j, r in enumerate(ref)), key=lambda t: (-t[0], t[1])):
            if size and j not in used:
                out[i] = j
                used.add(j)
                break
    free = [c for c in range(max(n_col, len(communities) + len(ref))) if c not in used]
    return [o if o is not None else free.pop(0) for o in out]


@dataclass
class RoomData:
    """A room's answers as the workshop figures use them: each question read once.

    Parameters
    ----------
    source : str, pathlib.Path or (str, bytes)
        What :func:`p2pkit.workshops.load_room` reads (a path, or an uploaded file).
    codes : bool
        Codes instead of names (:func:`p2pkit.team.privacy.pseudonymise`).
    typed : str
        Pairs typed by the facilitator ("Ana-Bo, Chidi-Kofi"): introductions for
        :func:`weaving`, backup ties for :func:`remove_the_boss`.
    """

    source: object = SAMPLE
    codes: bool = False
    typed: str = ""
    _rooms: dict = field(default_factory=dict, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        base = self.room(ws.ALL_RELATIONS)
        U = base.network
        if U.number_of_nodes() < 3:
            raise P2PKitError("the answers name fewer than 3 people: there is no network to show yet.")
        self.people = list(U)
        self.communities = [set(c) for c in detect(U, seed=0)]
        self.pos = room_layout(U, self.communities, seed=0)
        self.questions = (ws.ALL_RELATIONS,) + base.relations
        self.pairs, self.problems = ws.parse_pairs(self.typed, self.people)

    @property
    def label(self) -> str:
        return Path(str(self.source[0] if isinstance(self.source, tuple) else self.source)).name

    def room(self, question: str) -> ws.Room:
        if question not in self._rooms:
            self._rooms[question] = ws.load_room(self.source, question, self.codes)
        return self._rooms[question]

    def network(self, question: str) -> nx.Graph:
        """The undirected network for ``question``, with everyone in the room, in one order."""
        key = ("net", question)
        if key not in self._memo:
            U = self.room(question).network
            G = nx.Graph()
            G.add_nodes_from(self.people)
            G.add_nodes_from(U)
            G.add_edges_from(U.edges())
            for v in G:
                if v not in self.pos:  # a name only this question has: a row below the map
                    xs = [x for x, _ in self.pos.values()]
                    y0 = min(y for _, y in self.pos.values()) - 0.6
                    self.pos[v] = (min(xs) + 0.5 * sum(1 for u in self.pos if u not in self.people), y0)
            self._memo[key] = G
        return self._memo[key]

    def memo(self, key, make: Callable):
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def groups(self, communities: Sequence) -> tuple[dict, list]:
        """``(person -> colour number, group names)`` for ``communities``, numbered 1, 2, ...
        in their order, coloured like the all-questions community they overlap most."""
        nums = match_groups(communities, self.communities)
        names = [""] * (max(nums) + 1 if nums else 0)
        for i, g in enumerate(nums):
            names[g] = str(i + 1)
        return {v: g for c, g in zip(communities, nums, strict=True) for v in c}, names


_SAMPLE_DATA: dict = {}


def sample_room(typed: str = "") -> RoomData:
    """The made-up sample room (read once per process)."""
    if typed not in _SAMPLE_DATA:
        _SAMPLE_DATA[typed] = RoomData(SAMPLE, typed=typed)
    return _SAMPLE_DATA[typed]


def _question_choice(data: RoomData, default: str | None = None):
    labels = {q: q for q in data.questions}
    d = default if default in labels else ws.ALL_RELATIONS
    return choice("question", "Question", labels, d,
                  help="One question of the survey, or all of them combined (a tie if any question links the pair).")


def _q(question: str) -> str:
    return "all questions" if question == ws.ALL_RELATIONS else f"the {question} question"


def _pct(values: dict) -> dict:
    """Shares rounded to whole percents (what the figure shows), so that the page stays light."""
    return {v: round(float(x), 3) for v, x in values.items()}


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# --------------------------------------------------------------------------- 1. map our network


def map_scene(data: RoomData, question: str, bridges: int, answers: int) -> dict:
    """One state of :func:`map_our_network`."""
    room = data.room(question)
    everyone = data.room(ws.ALL_RELATIONS).respondents
    total = len(everyone)
    k = max(1, min(int(answers), total))
    H = ws.answers_in(room.graph, everyone, k)
    U = nx.Graph()
    U.add_nodes_from(H)
    U.add_edges_from((u, v) for u, v in H.edges() if u != v)
    everybody = list(data.network(question))  # everyone keeps a place: not yet named, a small grey square
    waiting = {v: "not_yet" for v in everybody if v not in U}
    title = f"{question.capitalize()}: {k} of {total} answers in"
    if U.number_of_nodes() < 3:
        net = network(U, data.pos, title=title, nodes=everybody, roles=waiting, sizes={v: 0.0 for v in everybody},
                      labels=True)
        text = ("Fewer than 3 people are named so far for this question: bring more answers in.")
        return scene(net, readout=[("Answers in", f"{k} of {total}")], verdict=text,
                     summary=f"Map of {_q(question)} with {k} of {total} answers in: {U.number_of_nodes()} people so far.")
    m = data.memo(("map", question, k), lambda: ws.room_map(H))
    group, names = data.groups(m.communities)
    marked = list(m.brokers[: int(bridges)])
    roles = {v: "bridge" if v in marked else ("no_ties" if v in m.isolates else "peer") for v in U} | waiting
    indeg = dict(H.in_degree())
    outdeg = dict(H.out_degree())
    top = max(indeg.values()) or 1
    net = network(
        U, data.pos, title=title + " (size: how often named)", nodes=everybody, roles=roles,
        groups=group, group_names=names, colour_by="group",
        sizes={v: indeg.get(v, 0) / top for v in everybody},
        figures=[("Named by", indeg, "d"), ("Names given", outdeg, "d"),
                 ("Share of routes between others", _pct(data.memo(("load", question, k), lambda: load_share(U))), ".0%")],
        labels=True)
    rows = [("People / ties", f"{m.people}\u00a0/\u00a0{m.ties}"), ("Answers in", f"{k} of {total}")]
    for i, c in enumerate(m.communities):
        g = group[c[0]]
        colour = COLOUR_NAMES.get(COMMUNITY_COLOURS[g % len(COMMUNITY_COLOURS)], "grey")
        rows.append((f"Community {i + 1} ({colour})", ws.people_text(c, 8)))
    rows += [
        ("Bridges, most routes first", ws.people_text(m.brokers, 6) or "none"),
        ("No ties at all", ws.people_text(m.isolates) or "nobody"),
        ("Named others, named by nobody", ws.people_text(m.unnamed) or "nobody"),
        ("Named by others, named nobody (no answer?)", ws.people_text(m.silent) or "nobody"),
    ]
    verdict = ws.map_verdict(m)
    summary = (f"Map of {_q(question)} with {k} of {total} answers in: {m.people} people and {m.ties} ties in "
               f"{_count(len(m.communities), 'node community', 'node communities')} (colours); "
               f"bridges marked as diamonds: {ws.people_text(marked) or 'none'}; "
               f"no ties: {ws.people_text(m.isolates) or 'nobody'}.")
    return scene(net, readout=rows, verdict=verdict, summary=summary,
                 caption=("Reading: " + m.reading["communities"]) if m.reading.get("communities") else "")


def map_our_network(data: RoomData | None = None) -> Figure:
    """*Map our network*: the room's answers as a map of communities, bridges and isolates.

    Controls: the question, **Bridges marked** (the people with most routes into other
    communities) and **Answers in** (the answers arrive in the order of the file; Play).
    """
    data = data or sample_room()
    total = len(data.room(ws.ALL_RELATIONS).respondents)

    def build(question, bridges, answers):
        return map_scene(data, question, bridges, answers)

    return Figure(
        "Map our network", build,
        [_question_choice(data),
         slider("bridges", "Bridges marked", (0, 3, 6), 3, fmt="d", live=(0, 20, 1),
                help="Diamonds mark this many people with ties into another community, most routes first."),
         play("answers", "Answers in", tuple(range(1, total + 1)), total, fmt="d", interval_ms=900,
              help="Bring the answers in one person at a time, in the order of the file.")],
        description=f"The room's network ({data.label}): people grouped and coloured by node community.")


# --------------------------------------------------------------------------- 2. the card game

#: "Round 2: each can pass to" anyone.
ANYONE = 1_000_000
#: The last position of the rounds control: the finished game.
END = 1_000_000
CARD_ROUNDS = 16


_CARD_RUNS: dict = {}


def _cached(key, make):
    if key not in _CARD_RUNS:
        _CARD_RUNS[key] = make()
        if len(_CARD_RUNS) > 96:
            _CARD_RUNS.pop(next(iter(_CARD_RUNS)))
    return _CARD_RUNS[key]


def _card_runs(people: int, span: int, reach: int, deal: int):
    """The chart, the peer round, both runs and both route centralizations, each computed once
    (the graphs do not depend on the deal when everyone may pass to anyone)."""
    T = _cached(("chart", people, span), lambda: ws.chart(people, span))
    anyone = reach >= people - 1
    peers = (people, None if anyone else reach, None if anyone else deal)
    P = _cached(("peers",) + peers, lambda: ws.peer_round(people, reach, deal))

    def play():
        cards = ws.deal_cards(list(range(people)), deal)
        return ws.pass_the_cards(T, cards), ws.pass_the_cards(P, cards)

    a, b = _cached(("runs", people, span, None if anyone else reach, deal), play)
    cT = _cached(("chart centralization", people, span), lambda: centralization(T, "betweenness"))
    cP = _cached(("peer centralization",) + peers, lambda: centralization(P, "betweenness"))
    return T, P, a, b, cT, cP


def _card_names(n: int, T: nx.Graph) -> dict:
    return {v: "the top" if v == 0 else (f"manager {v}" if T.degree(v) > 1 else f"person {v}") for v in range(n)}


def card_scene(people: int, span: int, reach: int, deal: int, rounds: int, seconds: float,
               room_chart: float = 0.0, room_peers: float = 0.0) -> dict:
    """One state of :func:`card_game`."""
    if seconds <= 0:
        raise P2PKitError("Seconds per hand-off: give a positive number.")
    T, P, a, b, cent_T, cent_P = _card_runs(int(people), int(span), int(reach), int(deal))
    n = int(people)
    t = min(int(rounds), max(a.ticks, b.ticks))
    sa, sb = a.at(t), b.at(t)
    top = max(max(a.passes.values()), max(b.passes.values()), 1)
    names = _card_names(n, T)
    roles = {v: "centre" if v == 0 else ("manager" if T.degree(v) > 1 else "peer") for v in T}
    everyone = "anyone" if reach >= n - 1 else f"about {max(2, reach - reach % 2)} people"
    draw_P = P if (reach < n - 1 or n <= 40) else nx.empty_graph(P.nodes)
    finished = t >= max(a.ticks, b.ticks)
    when = "at the end" if finished else f"after {_count(t, 'round')}"
    nets = []
    leaves = sum(1 for v in T if T.degree(v) == 1)
    for G, s, run, pos, name, lab in ((T, sa, a, tree_layout(T), "Round 1, the chart", leaves <= 6),
                                      (draw_P, sb, b, ring_layout(draw_P, centre=-1), "Round 2, peer-to-peer", n <= 13)):
        state = "done" if t >= run.ticks else f"{s.delivered} of {n} cards delivered"
        nets.append(network(
            G, pos, title=f"{name}: {_count(run.ticks, 'round')} in all; {state}", names=names,
            roles=roles, sizes={v: s.passes[v] / top for v in G}, highlight=[v for v in G if s.held[v]],
            figures=[("Cards passed on so far", s.passes, "d"), ("Cards in hand", s.held, "d")],
            labels=lab, directed=False))
    if draw_P is not P:
        nets[1]["title"] += " (everyone can pass to anyone: ties not drawn)"
    model = [("Chart (model)", a.ticks * seconds, "centre"), ("Peer-to-peer (model)", b.ticks * seconds, "peer")]
    room = (float(room_chart) or None, float(room_peers) or None)
    if room[0]:
        model.append(("Chart (your room)", room[0], "other"))
    if room[1]:
        model.append(("Peer-to-peer (your room)", room[1], "other"))
    most = max(v for _, v, _ in model) or 1.0
    timing = bars(f"How long? ({seconds:g} s per hand-off)", [(lab, v / most, f"{v:.0f} s", r) for lab, v, r in model],
                  note="Model: rounds of passing times seconds per hand-off." +
                  (" Your room: the times you timed." if any(room) else ""))
    pa = [a.passes[v] for v in T]
    pb = [b.passes[v] for v in P]
    rows = [
        ("Rounds of passing (chart / peer-to-peer)", f"{a.ticks} / {b.ticks}"),
        (f"Cards delivered {when}", f"{sa.delivered} / {sb.delivered} of {n}"),
        (f"Cards waiting at the top {when}", f"{sa.held[0]} / {sb.held[0]}"),
        ("Cards passed on by the top (in all)", f"{a.passes[0]} / {b.passes[0]}"),
        ("Most cards passed by one person", f"{max(pa)} / {max(pb)}"),
        ("Gini of the tallies (0 = equal)", f"{gini(pa):.2f} / {gini(pb):.2f}"),
        ("Betweenness centralization", f"{cent_T:.2f} / {cent_P:.2f}"),
    ]
    verdict = ws.card_game_verdict(ws.CardGame(a, b, seconds, room))
    summary = (f"The card game with {n} people, {when}. Left, an organisation chart with a span of {span}: "
               f"{sa.delivered} of {n} cards delivered, {sa.waiting} on their way, the top has passed on "
               f"{sa.passes[0]}. Middle, peer-to-peer, where everyone can pass to {everyone}: {sb.delivered} "
               f"delivered. Ringed people hold cards; each is drawn larger the more cards they passed on.")
    return scene(*nets, timing, readout=rows, verdict=verdict, summary=summary,
                 caption="The square is the top of the chart and triangles are its managers, in both rounds. "
                         "Each person is drawn larger the more cards they passed on (the room's tally); a dashed "
                         "ring marks someone holding cards that are still on their way.")


def card_game(people: int = 13) -> Figure:
    """*Who holds the power?*: the room's card game, played through a chart and peer-to-peer.

    Controls: people, the chart's span of control, who may pass to whom in round 2, the
    deal, **Rounds of passing** (Play: the cards move one round at a time), and in Jupyter
    and presenter mode the seconds per hand-off and the room's two timed rounds.
    """
    rounds = tuple(range(CARD_ROUNDS)) + (END,)
    return Figure(
        "Pass the cards: chart against peer-to-peer", card_scene,
        [slider("people", "People", (7, 13, 21), people, fmt="d", live=(4, ws.MAX_ROOM, 1)),
         slider("span", "Span of control", (2, 3, 5), 3, fmt="d", live=(1, 10, 1),
                help="How many people report to each manager in the chart."),
         choice("reach", "Round 2: each can pass to",
                {ANYONE: "anyone", 4: "about 4 people"}, ANYONE,
                help="Anyone in the room, or only about 4 people within arm's reach (a small-world ring)."),
         seed((0, 1), name="deal", label="Deal", help="Who holds which card: the same deal always gives the same game."),
         play("rounds", "Rounds of passing", rounds, END,
              fmt=lambda v: "all (finished)" if v == END else str(v), interval_ms=700,
              help="Step through the game: in each round everyone passes at most one card."),
         slider("seconds", "Seconds per hand-off", (3.0,), 3.0, fmt=".1f", live=(0.5, 10.0, 0.5)),
         slider("room_chart", "Room, round 1 (s)", (0.0,), 0.0, fmt="d", live=(0, 900, 5),
                help="The room's timed chart round, in seconds (0: not timed)."),
         slider("room_peers", "Room, round 2 (s)", (0.0,), 0.0, fmt="d", live=(0, 900, 5),
                help="The room's timed peer-to-peer round, in seconds (0: not timed).")],
        description="Two drawings of the same people passing cards: an organisation chart and a peer-to-peer round.")


# --------------------------------------------------------------------------- 3. weaving


def _weavers(data: RoomData, k: int = 4) -> list:
    return data.memo(("weavers", k), lambda: ws.most_routes(data.network(ws.ALL_RELATIONS), k))


def weaving_scene(data: RoomData, question: str, weaver: str, made: int) -> dict:
    """One state of :func:`weaving`."""
    U = data.network(question)
    w = node_of(U, weaver)
    comms = data.memo(("comms", question), lambda: [set(c) for c in detect(U, seed=0)])
    typed = bool(data.pairs)
    plan = data.pairs if typed else data.memo(("suggest", question, w), lambda: ws.suggest_introductions(U, w, comms))
    k = max(0, min(int(made), len(plan)))
    after, intros = data.memo(("intros", question, w, k), lambda: ws.introductions(U, plan[:k], comms))
    _, all_intros = data.memo(("intros", question, w, len(plan)), lambda: ws.introductions(U, plan, comms))
    before_p = data.memo(("profile", question, w, 0), lambda: phase_profile(U, weaver=w))
    after_p = data.memo(("profile", question, w, k), lambda: phase_profile(after, weaver=w))
    new = [i.pair for i in intros if i.kind != "already tied"]
    introduced = {v for p in new for v in p}
    group, names = data.groups(comms)
    roles = {v: "weaver" if v == w else ("new" if v in introduced else "peer") for v in after}
    kinds = {p: "intro" for p in new}
    net = network(after, data.pos, title=f"{_q(question).capitalize()}: {_count(len(new), 'introduction')} made",
                  nodes=list(U), roles=roles, groups=group, group_names=names, colour_by="group",
                  tie_kinds=kinds or None, kind_names={"": "tie", "intro": "introduction"},
                  figures=[("Ties", dict(after.degree()), "d"),
                           ("Share of routes between others", _pct(load_share(after)), ".0%")], labels=True)
    member = membership(comms)
    rows = []
    for i, intro in enumerate(all_intros, 1):
        rows.append((f"{i}. {'made' if i <= k else 'next'}", intro.describe(member)))
    if not plan:
        rows.append(("Introductions", f"{weaver} has no introduction to suggest here"))

    def pair(label, a, b):
        rows.append((label, f"{a} \u2192 {b}"))

    pair("Ties", before_p.ties, after_p.ties)
    pair("Separate parts", before_p.components, after_p.components)
    pair("Pairs who can reach each other", f"{before_p.pairs_in_touch:.0%}", f"{after_p.pairs_in_touch:.0%}")
    pair("Triangles", before_p.triangles, after_p.triangles)
    pair("Two-step paths closed", f"{before_p.clustering:.0%}", f"{after_p.clustering:.0%}")
    pair("Busiest person's share of routes", f"{before_p.most_central_load:.0%} ({before_p.most_central})",
         f"{after_p.most_central_load:.0%} ({after_p.most_central})")
    pair("Single points of failure", before_p.single_points, after_p.single_points)
    pair("Shape (Krebs & Holley)", before_p.shape, after_p.shape)
    verdict = ws.weaving_verdict(ws.WeavingRound(before_p, after_p, tuple(intros)))
    source = "typed introductions" if typed else f"{weaver}'s suggested introductions"
    summary = (f"The network of {_q(question)}, {len(U)} people, with {k} of the {len(plan)} {source} made "
               f"(dashed ties, star-shaped people): "
               + ("; ".join(f"{a} and {b}" for a, b in new) if new else "none yet")
               + f". {weaver} weaves (the cross).")
    return scene(net, readout=rows, verdict=verdict, summary=summary)


def weaving(data: RoomData | None = None) -> Figure:
    """*Weaving the network*: a weaver's introductions, made one at a time; the measures follow.

    Controls: the question, **Who weaves** (the people on most routes), **Introductions
    made** (Play: 0 is the network as it was). The introductions are the weaver's suggested
    list (:func:`p2pkit.workshops.suggest_introductions`), or the ones the facilitator typed.
    """
    data = data or sample_room()
    weavers = _weavers(data)
    count = len(data.pairs) if data.pairs else 6

    def build(question, weaver, made):
        return weaving_scene(data, question, weaver, made)

    return Figure(
        "Weaving the network: one introduction at a time", build,
        [_question_choice(data),
         choice("weaver", "Who weaves", {str(v): str(v) for v in weavers}, str(weavers[0]),
                help="The people on most routes between others, most first."),
         play("made", "Introductions made", tuple(range(count + 1)), len(data.pairs), fmt="d", interval_ms=1200,
              help="0 is the network as it was; each step makes the next introduction on the list.")],
        description=f"The room's network ({data.label}); new introductions drawn as dashed ties.")


# --------------------------------------------------------------------------- 4. remove the boss


def boss_scene(data: RoomData, question: str, removed: str, leaving: int, rule: str, backup: bool) -> dict:
    """One state of :func:`remove_the_boss`."""
    U = data.network(question)
    who = node_of(U, removed)
    ties = (data.pairs if data.pairs else
            data.memo(("backup", question), lambda: ws.suggest_backup_ties(U, 2))) if backup else []
    try:
        d = data.memo(("dep", question, who, leaving, rule, backup),
                      lambda: ws.departures(U, named=[who] if who is not None else [], leaving=int(leaving),
                                            strategy=rule, backup=ties))
    except P2PKitError as exc:  # a small room: fewer people than this many departures
        net = network(U, data.pos, nodes=list(U), removable=True, labels=True,
                      title=f"{_q(question).capitalize()}: {len(U)} people")
        return scene(net, verdict=str(exc)[0].upper() + str(exc)[1:],
                     summary=f"The network of {_q(question)}, {len(U)} people: {exc}")
    H = d.network
    cut, gone = set(d.cut_off), set(d.gone)
    sp = set(d.single_points_now)
    roles = {v: "cut_off" if v in cut else ("single_point" if v in sp else "peer") for v in U}
    for v in d.left_out:
        roles[v] = "no_ties"
    kinds = {e: "backup" for e in d.added}
    shown = nx.Graph()
    shown.add_nodes_from(U)
    shown.add_edges_from(H.edges())
    now = nx.Graph(H)
    now.remove_nodes_from(gone)
    load = load_share(now) if now.number_of_nodes() else {}
    net = network(shown, data.pos, nodes=list(U), roles=roles, removed=gone | set(d.ignored), removable=True,
                  highlight=d.next_leaving,
                  title=(f"{_q(question).capitalize()}: {_count(len(gone), 'person', 'people')} gone; "
                         f"{len(cut)} outside the largest group"),
                  tie_kinds=kinds or None, kind_names={"": "tie", "backup": "backup tie"},
                  figures=[("Share of routes between others now", _pct(load), ".0%")], labels=True)
    rows = [
        ("Gone", ws.people_text(d.gone, 8) or "nobody yet"),
        ("Pairs who can reach each other", f"{d.pairs_before:.0%} before, {d.pairs_after:.0%} now"),
        ("Separate groups now", f"{d.groups} ({ws.people_text([str(x) for x in d.group_sizes], 6)} people)"),
        ("Outside the largest group", ws.people_text(d.cut_off, 8) or "nobody"),
        ("Single points of failure before", ws.people_text(d.single_points_before, 8) or "none"),
        ("Single points of failure now", ws.people_text(d.single_points_now, 8) or "none"),
        ("Must leave at once to cut anyone off (now)",
         str(d.connectivity_now) if d.connectivity_exact else f"at least {d.connectivity_now}"),
        ("Backup ties added", "; ".join(f"{a}-{b}" for a, b in d.added) or
         ("none needed: nobody's departure alone cuts anyone off" if backup and not d.single_points_before
          else "none")),
        (f"Next to leave, by the rule ({RULES[rule]})", ws.people_text(d.next_leaving) or "nobody"),
    ]
    if d.left_out:
        rows.append(("Left out (no ties in the answers)", ws.people_text(d.left_out)))
    verdict = ws.departures_verdict(d)
    extra = d.redundancy_text
    summary = (f"The network of {_q(question)}, {len(U)} people. Gone (grey crosses): "
               f"{ws.people_text(d.gone) or 'nobody'}. Outside the largest group (hollow circles): "
               f"{ws.people_text(d.cut_off) or 'nobody'}. Single points of failure now (diamonds): "
               f"{ws.people_text(d.single_points_now) or 'none'}. Ringed: "
               f"{ws.people_text(d.next_leaving) or 'nobody'}, next to leave by the rule.")
    return scene(net, readout=rows, verdict=verdict, summary=summary,
                 caption=(extra + " " if extra else "") + "A dashed ring marks who the rule would take next.")


def remove_the_boss(data: RoomData | None = None, questions: Sequence[str] | None = ("decisions", "advice"),
                    rules: Sequence[str] | None = ("betweenness", "random")) -> Figure:
    """*Remove the boss*: who leaves (click them), what still holds, what backup ties change.

    Controls: the question, **Who leaves** (click a person), **More people leaving** (by the
    rule; Play), **Then, by rule**, and **Backup ties** (the kit's suggestion,
    :func:`p2pkit.workshops.suggest_backup_ties`, or the ties the facilitator typed), added
    before anyone leaves.

    ``questions`` and ``rules`` are the questions and rules offered (``None``: all of them);
    the published page offers the two questions and two rules the session plan uses, to
    keep the page light, and presenter mode offers them all.
    """
    data = data or sample_room()
    rules = {k: v for k, v in RULES.items() if rules is None or k in rules}
    offered = [q for q in data.questions if questions is None or q in questions] or [ws.ALL_RELATIONS]

    def build(question, removed, leaving, rule, backup):
        return boss_scene(data, question, removed, leaving, rule, backup)

    return Figure(
        "Remove the boss: who leaves, and what still holds", build,
        [choice("question", "Question", {q: q for q in offered}, "decisions" if "decisions" in offered else offered[0],
                help="One question of the survey, or all of them combined."),
         person("removed", "Who leaves", help="Click a person, or choose them here, to take them out; again to bring them back."),
         play("leaving", "More people leaving", (0, 1, 2, 3), 0, fmt="d", interval_ms=1200,
              help="After the person chosen, this many more leave, chosen by the rule."),
         choice("rule", "Then, by rule", rules, next(iter(rules))),
         toggle("backup", "Backup ties", help="Add the backup ties before anyone leaves: "
                + ("the ties typed above." if data.pairs else "the kit's suggestion, around the single points of failure."))],
        description=f"The room's network ({data.label}); click a person to take them out.")


FIGURES = [map_our_network, card_game, weaving, remove_the_boss]


# --------------------------------------------------------------------------- the live panel

_TYPED = {"weaving": ("Introductions", "Ana-Bo, Chidi-Kofi (press Enter)"),
          "boss": ("Backup ties to test", "Iñaki-Dana, Zoë-Bo (press Enter)")}


def _uploaded(value) -> tuple[str, bytes] | None:
    """(file name, content) of the first uploaded file (ipywidgets 7 and 8 layouts)."""
    if not value:
        return None
    if isinstance(value, dict):
        name, item = next(iter(value.items()))
        return str(name), bytes(item["content"])
    item = value[0]
    return str(item["name"]), bytes(item["content"])


class RoomPanel:
    """Presenter mode and Jupyter: read the room's own answers above a workshop figure.

    A small panel (upload or path, codes instead of names, and for two workshops a box for
    typed pairs) sits above the figure's live widget. A change reads the answers again with
    the survey kit and rebuilds the figure in Python; a file the kit cannot read gives its
    message, never a traceback. ``widget`` is the ipywidgets ``VBox`` to display.
    """

    def __init__(self, make: Callable[[RoomData], Figure], path="", typed: str | None = None, kind: str = ""):
        import ipywidgets as w

        self._make = make
        style = {"description_width": "initial"}
        self._kind = kind
        self.upload = w.FileUpload(accept=".csv,.txt,.tsv", multiple=False, description="Upload answers",
                                   layout=w.Layout(width="auto"))
        self.path = w.Text(value=str(path), description="or file", placeholder="answers.csv",
                           continuous_update=False, layout=w.Layout(width="22em"), style=style)
        self.codes = w.Checkbox(value=False, description="Codes instead of names", indent=False)
        row = [self.upload, self.path, self.codes]
        self.typed = None
        if typed is not None:
            label, hint = _TYPED[kind]
            self.typed = w.Text(value=typed, description=label, placeholder=hint, continuous_update=False,
                                layout=w.Layout(width="30em"), style=style)
        self.status = w.HTML()
        top = w.HBox(row, layout=w.Layout(flex_flow="row wrap", gap="0.4rem 1rem", align_items="center"))
        self.box = w.VBox([top] + ([self.typed] if self.typed is not None else []) + [self.status],
                          layout=w.Layout(margin="0 0 0.3rem 0"))
        self.figure: Figure | None = None
        self.data: RoomData | None = None
        self.widget = w.VBox([self.box])
        for c in (self.upload, self.path, self.codes) + ((self.typed,) if self.typed is not None else ()):
            c.observe(lambda _change: self.reload(), names="value")
        self.reload()

    def source(self):
        up = _uploaded(self.upload.value)
        if up is not None:
            return up
        text = (self.path.value or "").strip()
        if not text:
            raise P2PKitError("Upload the room's answers (a CSV file), or type the path of one.")
        return _resolve(text)

    def _carry(self, fig: Figure, widget, old_pairs: list, pairs: list) -> None:
        """Keep the settings the room had (question, who left...) in the rebuilt figure."""
        old = self.widget.children[-1] if len(self.widget.children) > 1 else None
        keep = dict(old.values) if old is not None else {}
        keep.pop("answers", None)  # its range follows the file
        if pairs != old_pairs:
            keep.pop("made", None)  # new introductions: all of them made
            if self._kind == "boss" and pairs:
                keep["backup"] = True  # typed ties are there to be tested
        names = {c.name for c in fig.controls}
        values = {}
        for k, v in keep.items():
            if k in names:
                try:
                    fig.scene(live=True, **{**widget.values, **values, k: v})
                except Exception:  # noqa: BLE001 - a setting the new answers cannot take is dropped
                    continue
                values[k] = v
        if values:
            widget.set_values(**values)

    def reload(self) -> None:
        e = html.escape
        alert = "<p role='alert' style='border-left:4px solid #D55E00;padding:2px 8px'>{}</p>"
        still = f" The figure still shows {e(self.data.label)}." if self.data is not None else ""
        try:
            data = RoomData(self.source(), codes=bool(self.codes.value),
                            typed=self.typed.value if self.typed is not None else "")
            fig = self._make(data)
            widget = fig.widget()
        except P2PKitError as exc:
            self.status.value = alert.format(e(str(exc)) + still)
            return
        except Exception as exc:  # noqa: BLE001 - the room sees a sentence; the log keeps the traceback
            log.exception("could not read the room's answers")
            self.status.value = alert.format(f"The answers could not be read ({e(type(exc).__name__)}). Check the "
                                             f"file; the details are in the log.{still}")
            return
        self._carry(fig, widget, self.data.pairs if self.data is not None else [], data.pairs)
        self.data = data
        room = data.room(ws.ALL_RELATIONS)
        lines = room.summary.lines(room.show)
        problems = "".join(f"<li>{e(p)}</li>" for p in data.problems[:6])
        self.status.value = (
            f"<div style='font-size:0.9em'>Showing <b>{e(data.label)}</b>: {len(data.people)} people"
            + (", with codes instead of names" if data.codes else "") + "."
            + (f"<div role='alert'>Not used:<ul style='margin:2px 0'>{problems}</ul></div>" if problems else "")
            + "<details><summary>What was read</summary><ul>"
            + "".join(f"<li>{e(x)}</li>" for x in lines[:8]) + "</ul></details></div>")
        self.figure = fig
        self.widget.children = (self.box, widget)


def _resolve(path) -> Path:
    """A path as typed: from the current folder, else from ``workshops/`` (where the demos run)."""
    p = Path(str(path)).expanduser()
    if not p.is_absolute() and not p.exists() and (SAMPLE.parent.parent / p).exists():
        return SAMPLE.parent.parent / p
    return p


def _demo(make: Callable[[RoomData], Figure], path, typed: str | None = None, kind: str = ""):
    if figure_mode() == "live":
        return RoomPanel(make, path, typed, kind).widget
    base = _resolve(path)
    data = sample_room() if base.resolve() == SAMPLE and not typed else RoomData(base, typed=typed or "")
    return make(data)


def map_demo(path="data/sample-room.csv"):
    """The *Map our network* demo: the figure, with the room's file chooser in live mode."""
    return _demo(map_our_network, path)


def card_game_demo(people: int = 13):
    """The *Who holds the power?* demo (no data to read: the game is the model's)."""
    return card_game(people)


def weaving_demo(path="data/sample-room.csv", introductions: str = ""):
    """The *Weaving the network* demo: the figure, with the room's file chooser and typed
    introductions in live mode."""
    return _demo(weaving, path, introductions, "weaving")


def _every_choice(data: RoomData) -> Figure:
    return remove_the_boss(data, questions=None, rules=None)


def remove_the_boss_demo(path="data/sample-room.csv", backup: str = ""):
    """The *Remove the boss* demo: the figure, with the room's file chooser and typed
    backup ties in live mode (where every question and rule is offered)."""
    if figure_mode() == "live":
        return _demo(_every_choice, path, backup, "boss")
    return _demo(remove_the_boss, path, backup, "boss")
