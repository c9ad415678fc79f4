"""The team kit: tools a facilitator uses with a real team's own network.

The team kit lives under ``p2pkit.team``. Today it holds :mod:`p2pkit.team.room` (collect a
workshop's answers live on the room's phones); the other team-kit modules (``p2pkit.survey``,
``p2pkit.report``, ``p2pkit.exports``) will move here later and are imported from their current
places until then.
"""
