"""The team kit: map a real team's own network, from survey files to a report a facilitator can use.

Reading the answers (intake):

- :mod:`p2pkit.team.cells`          what a cell holds: names, headers, the four relations and their questions;
- :mod:`p2pkit.team.summary`        what was read, tidied, merged and skipped, and why (:class:`ReadSummary`);
- :mod:`p2pkit.team.people`         a people list: who is in the team, with team, role and manager;
- :mod:`p2pkit.team.intake`         :func:`read_survey`: tie lists, form exports and matrices into a network;
- :mod:`p2pkit.team.privacy`        codes instead of names; cells a spreadsheet cannot run as formulas;
- :mod:`p2pkit.team.practice_data`  a seeded synthetic company to practise on.

Measuring and reporting:

- :mod:`p2pkit.team.diagnosis`      :func:`diagnose` and :func:`readings`: every number the report shows;
- :mod:`p2pkit.team.render`         :func:`build_report`: the self-contained HTML report;
- :mod:`p2pkit.team.progress`       the report's progress bar and step timings;
- :mod:`p2pkit.team.exports`        Gephi, Cytoscape and Kumu files;
- :mod:`p2pkit.team.cli`            ``python -m p2pkit report|check|export|example|room``;
- :mod:`p2pkit.team.room`           the live room: answers on the phones, the map on the projector.

The measures the report shares with the companion's chapters are in :mod:`p2pkit.measures`; the
figures in :mod:`p2pkit.views.team`; files are read by :mod:`p2pkit.files`. Import the names
from their modules (``from p2pkit.team.intake import read_survey``); this package itself
imports nothing, so that the live room starts without the report's dependencies.
"""
