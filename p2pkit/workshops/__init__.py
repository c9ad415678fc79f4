"""The workshop models: the room's answers, the card game, introductions and departures.

Pure functions and dataclasses for the four facilitator workshops in ``workshops/`` (no
drawing: the figures are in :mod:`p2pkit.views.workshops`):

- reading what a facilitator types: :func:`parse_names` and :func:`parse_pairs`;
- the room's answers: :func:`load_room` (through :func:`p2pkit.team.intake.read_survey`) and
  :func:`room_map` with :func:`map_verdict` (*Map our network*);
- the card game: :func:`chart`, :func:`peer_round`, :func:`deal_cards`, :func:`pass_the_cards`
  and :func:`card_game_verdict` (*Who holds the power?*);
- weaving: :func:`suggest_introductions`, :func:`introductions` and :func:`weaving_verdict`
  (*Weaving the network*);
- departures: :func:`suggest_backup_ties`, :func:`departures` and :func:`departures_verdict`
  (*Remove the boss*).

Each ``*_verdict`` function says what a result shows in one or two sentences. Names are data:
nothing here formats HTML, and the views escape every name they show.

Modules
-------
- :mod:`~p2pkit.workshops.names`      typed names and pairs, names in a sentence;
- :mod:`~p2pkit.workshops.room`       the room's answers and its map (*Map our network*);
- :mod:`~p2pkit.workshops.card_game`  the card game (*Who holds the power?*);
- :mod:`~p2pkit.workshops.intros`     introductions (*Weaving the network*);
- :mod:`~p2pkit.workshops.leaving`    departures and backup ties (*Remove the boss*).
"""

from __future__ import annotations

from .card_game import CardGame, CardRun, CardState, card_game_verdict, chart, deal_cards, pass_the_cards, peer_round
from .intros import Introduction, WeavingRound, introductions, most_routes, suggest_introductions, weaving_verdict
from .leaving import EXACT_UP_TO, Departures, departures, departures_verdict, suggest_backup_ties
from .names import parse_names, parse_pairs, people_text
from .room import ALL_RELATIONS, MAX_ROOM, Room, RoomMap, answers_in, load_room, map_verdict, room_map

__all__ = [
    "ALL_RELATIONS",
    "MAX_ROOM",
    "EXACT_UP_TO",
    "parse_names",
    "parse_pairs",
    "Room",
    "load_room",
    "RoomMap",
    "room_map",
    "map_verdict",
    "answers_in",
    "chart",
    "peer_round",
    "deal_cards",
    "CardRun",
    "CardState",
    "pass_the_cards",
    "CardGame",
    "card_game_verdict",
    "Introduction",
    "most_routes",
    "suggest_introductions",
    "introductions",
    "WeavingRound",
    "weaving_verdict",
    "Departures",
    "suggest_backup_ties",
    "departures",
    "departures_verdict",
    "people_text",
]
