"""Map the room live: participants answer on their phones, the map grows on the projector.

``python -m p2pkit room --folder DIR`` starts a small web server on the facilitator's laptop
for one workshop. Participants open the address (or scan the QR code), read what is collected
and who sees it, pick their name (or type a one-time code), tick colleagues for each question
and send; they can change their answer until the facilitator closes the survey. The
facilitator's screen, reached with a secret token printed at start, holds the roster, the
questions, the QR code, who has answered, and the live map drawn with the companion's figure
component; from it the facilitator closes the survey, switches to codes instead of names, and
exports the kit's CSV form and the full team report into the survey's folder.

Nothing leaves the laptop: the server makes no outgoing connection, the pages load nothing
from other hosts (a Content-Security-Policy says so to the browser), and the answers live in
one SQLite file in the folder the facilitator chose.

Why this stack
--------------
- **Tornado** (already installed with the Jupyter stack, so no new dependency): its templates
  escape every value by default, its forms carry XSRF tokens (``xsrf_cookies``), it limits
  request bodies, and one event loop serves a room of phones with no extra worker process.
  Starlette with uvicorn would need three new packages for the same result.
- **SQLite** from the standard library in write-ahead-logging mode, ``synchronous=FULL``: an
  answer is committed to disk before the participant's phone says "saved", and a hard kill
  loses nothing that was acknowledged.
- **segno** for the QR code: pure Python, no dependencies, writes an SVG that the page inlines.

Modules: :mod:`.model` (validation, the network), :mod:`.store` (SQLite), :mod:`.limits`
(rate limits), :mod:`.exporting` (CSV form, people list, report; safe paths), :mod:`.livemap`
(the scene for the facilitator's map), :mod:`.web`, :mod:`.participant`, :mod:`.facilitator`
(the web layer), :mod:`.cli` (the command) and :mod:`.simulate` (loopback-only simulated phones
for rehearsals, tests and the benchmark).

References
----------
Borgatti, S. P., & Molina, J. L. (2003). Ethical and strategic issues in organizational social
network analysis. *Journal of Applied Behavioral Science* 39(3), 337-349 (consent, who sees what).
Marsden, P. V. (1990). Network data and measurement. *Annual Review of Sociology* 16, 435-463
(rosters help recall).
"""

from __future__ import annotations

from .model import DEFAULT_QUESTIONS, Person, Question, RoomError
from .store import Store

__all__ = ["DEFAULT_QUESTIONS", "Person", "Question", "RoomError", "Store"]
