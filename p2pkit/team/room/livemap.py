"""The facilitator's live map: the team map of the answers so far, as the figure component draws it.

:class:`LiveMap` turns a :class:`~.store.Snapshot` into the figure's ``spec`` (sent once) and
its ``scene`` (sent whenever the answers change): the network of the answers
(:func:`.model.survey_graph`), its diagnosis (:func:`p2pkit.team.diagnosis.diagnose`) and the room's
variant of the team map (:func:`p2pkit.views.team.room_map`). Positions carry over from one
version to the next (:func:`p2pkit.views.team.room_layout`) so the map grows instead of
jumping. With codes instead of names switched on, the network is relabelled before anything
is drawn: no name reaches the page, not even as an identifier.
"""

from __future__ import annotations

import hashlib
import json
import threading

import networkx as nx

from ...views.team import ALL, room_layout, room_map
from .exporting import names_for
from .model import survey_graph
from .store import Snapshot

__all__ = ["MIN_PEOPLE", "LiveMap"]

#: the diagnosis needs three people
MIN_PEOPLE = 3


class LiveMap:
    """Scenes of the live map, cached per (version, relation); positions kept between versions."""

    def __init__(self, seed: int = 0):
        self.seed = seed
        self.pos: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()
        self.cache: dict[tuple, dict] = {}

    def relations(self, snap: Snapshot) -> list[str]:
        return [q.key for q in snap.settings.questions]

    def compute(self, snap: Snapshot, relation: str = ALL) -> dict:
        """``{"version", "spec_key", "spec", "scene", "message"}`` for ``relation`` (any thread)."""
        if relation not in self.relations(snap):
            relation = ALL
        key = (snap.version, relation)
        with self.lock:
            if key in self.cache:
                return self.cache[key]
            out = self._compute(snap, relation)
            self.cache = {k: v for k, v in self.cache.items() if k[0] == snap.version}
            self.cache[key] = out
            return out

    def _compute(self, snap: Snapshot, relation: str) -> dict:
        from ..diagnosis import diagnose

        if len(snap.people) < MIN_PEOPLE:
            return {"version": snap.version, "spec_key": "", "spec": None, "scene": None,
                    "message": f"Add at least {MIN_PEOPLE} people to the roster to see the map."}
        G = survey_graph(snap.people, snap.settings.questions, snap.answers)
        self.pos = room_layout(G, self.pos, self.seed)
        show = names_for(snap)
        H = nx.relabel_nodes(G, {v: show(v) for v in G}) if snap.settings.pseudonymise else G
        pos = {show(v): xy for v, xy in self.pos.items() if v in G}
        fig = room_map(H, diagnose(H, seed=self.seed), self.relations(snap), [show(v) for v in snap.answers],
                       pos=pos, closed=not snap.settings.open)
        spec = fig.spec()
        spec_key = hashlib.sha1(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()[:12]
        return {"version": snap.version, "spec_key": spec_key, "spec": spec,
                "scene": fig.scene(relation=relation), "message": ""}
