"""The live survey's storage: one SQLite file in the folder the facilitator chose.

Write-ahead logging is on and every write is one transaction with ``synchronous=FULL``: when
:meth:`Store.submit` returns, the answer is on disk, so the phone may say "saved" and a hard
kill of the server loses nothing that was acknowledged. Starting again on the same folder
continues the same survey (same token, same sessions, same answers).

A participant's answer replaces their previous one in the same transaction (a primary key
on person, question and person named stores each tick once); every acknowledged save is also
logged with its revision. Deleted rows are overwritten (``secure_delete``), so
:meth:`Store.erase` does not leave answers behind in the file.

One :class:`Store` is used from one thread (the web server's event loop); the map and the
exports work on a :class:`Snapshot`, a plain copy taken on that thread.

References
----------
SQLite (2024). *Write-Ahead Logging* and *PRAGMA synchronous*. sqlite.org/wal.html,
sqlite.org/pragma.html.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from .model import DEFAULT_QUESTIONS, Person, Question, RoomError, check_answer

__all__ = ["CODE_ALPHABET", "DB_NAME", "Settings", "Snapshot", "Store", "hash_token"]

DB_NAME = "room.sqlite3"
#: one-time codes: no 0/O, 1/I/L to misread (31 letters and digits; 6 of them: 887 million codes)
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
DEFAULT_RETENTION = ("until the end of this workshop: the facilitator deletes them in front of the room, "
                     "unless the group agrees to keep them")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, team TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL, claim INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id),
    created REAL NOT NULL, used REAL);
CREATE TABLE IF NOT EXISTS sessions (token_hash TEXT PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id),
    claim INTEGER NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS answers (person_id INTEGER NOT NULL REFERENCES people(id), question TEXT NOT NULL,
    named_id INTEGER NOT NULL REFERENCES people(id), PRIMARY KEY (person_id, question, named_id));
CREATE TABLE IF NOT EXISTS submissions (person_id INTEGER PRIMARY KEY REFERENCES people(id),
    revision INTEGER NOT NULL, claim INTEGER NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL, revision INTEGER NOT NULL,
    at REAL NOT NULL, ticks INTEGER NOT NULL);
"""


def hash_token(token: str) -> str:
    """What the database keeps of a participant's session token (never the token itself)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Settings:
    """The facilitator's choices: questions, open or closed, codes, pseudonyms, how long kept."""

    title: str
    questions: tuple[Question, ...]
    open: bool
    codes: bool
    pseudonymise: bool
    retention: str


@dataclass
class Snapshot:
    """A plain copy of the survey at one version, for the map and the exports (any thread)."""

    version: int
    settings: Settings
    people: list[Person]
    answers: dict[str, dict[str, list[str]]]
    answered_at: dict[str, float] = field(default_factory=dict)
    key: str = ""

    @property
    def answered(self) -> list[str]:
        return [p.name for p in self.people if p.name in self.answers]


class Store:
    """The survey in ``folder/room.sqlite3`` (created on first use; continued afterwards)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder).resolve()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / DB_NAME
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "secure_delete=ON"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(_SCHEMA)
        with self._tx():
            defaults = {"token": secrets.token_urlsafe(18), "cookie_secret": secrets.token_urlsafe(32),
                        "key": secrets.token_urlsafe(18), "title": "Map our network",
                        "questions": json.dumps([q.__dict__ for q in DEFAULT_QUESTIONS]), "open": "1",
                        "codes": "0", "pseudonymise": "0", "retention": DEFAULT_RETENTION, "version": "0",
                        "created": repr(time.time())}
            self.db.executemany("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", defaults.items())
        self.version = int(self.meta("version"))

    # ------------------------------------------------------------------ basics
    def _tx(self):
        return _Transaction(self.db)

    def meta(self, key: str) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    def _set(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                        "excluded.value", (key, value))

    def _bump(self) -> None:
        self.version += 1
        self._set("version", str(self.version))

    def close(self) -> None:
        self.db.close()

    @property
    def token(self) -> str:
        return self.meta("token")

    def new_token(self) -> str:
        """Replace the facilitator's token (the old link stops working)."""
        with self._tx():
            self._set("token", secrets.token_urlsafe(18))
        return self.token

    @property
    def settings(self) -> Settings:
        qs = tuple(Question(**q) for q in json.loads(self.meta("questions")))
        return Settings(self.meta("title"), qs, self.meta("open") == "1", self.meta("codes") == "1",
                        self.meta("pseudonymise") == "1", self.meta("retention"))

    def update(self, **changes) -> None:
        """Change settings: ``open``, ``codes``, ``pseudonymise`` (bools), ``retention``, ``title`` (texts)."""
        with self._tx():
            for k, v in changes.items():
                if k in ("open", "codes", "pseudonymise"):
                    self._set(k, "1" if v else "0")
                elif k in ("retention", "title"):
                    text = " ".join(str(v).split())
                    if not text or len(text) > 300:
                        raise RoomError(f"the {k} must be between 1 and 300 characters.")
                    self._set(k, text)
                else:  # pragma: no cover - programming error
                    raise KeyError(k)
            self._bump()

    # ------------------------------------------------------------------ roster and questions
    def people(self) -> list[Person]:
        return [Person(n, t) for n, t in self.db.execute("SELECT name, team FROM people ORDER BY position")]

    def _ids(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT name, id FROM people"))

    def _involved(self) -> set[str]:
        rows = self.db.execute("SELECT p.name FROM people p WHERE p.id IN (SELECT person_id FROM answers UNION "
                               "SELECT named_id FROM answers UNION SELECT person_id FROM submissions)")
        return {r[0] for r in rows}

    def set_roster(self, people: list[Person]) -> None:
        """Replace the roster. People who answered or were named cannot be removed (their
        answers are kept); everyone else's sessions and codes go with them."""
        with self._tx():
            keep = {p.name for p in people}
            missing = sorted(self._involved() - keep)
            if missing:
                raise RoomError(f"{', '.join(missing[:5])} answered or {'was' if len(missing) == 1 else 'were'} named "
                                "already, so the roster must keep them. Add names or remove others only.", 409)
            ids = self._ids()
            for name in set(ids) - keep:
                for table in ("sessions", "codes"):
                    self.db.execute(f"DELETE FROM {table} WHERE person_id = ?", (ids[name],))
                self.db.execute("DELETE FROM people WHERE id = ?", (ids[name],))
            for i, p in enumerate(people):
                self.db.execute("INSERT INTO people (name, team, position) VALUES (?, ?, ?) ON CONFLICT(name) DO "
                                "UPDATE SET team = excluded.team, position = excluded.position", (p.name, p.team, i))
            self._bump()

    def set_questions(self, questions: list[Question]) -> None:
        """Replace the questions; a question that already has ticks cannot be removed."""
        with self._tx():
            used = {r[0] for r in self.db.execute("SELECT DISTINCT question FROM answers")}
            gone = used - {q.key for q in questions}
            if gone:
                raise RoomError(f"people have already ticked names for {', '.join(sorted(gone))}; keep that "
                                "question (you may reword it).", 409)
            self._set("questions", json.dumps([q.__dict__ for q in questions]))
            self._bump()

    # ------------------------------------------------------------------ joining
    def _person_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM people WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise RoomError("that name is not on the room's list; choose your name from the list.")
        return row[0]

    def claim(self, name: str, token: str) -> None:
        """Bind a new session to ``name`` (no codes). A name is taken by one phone only."""
        with self._tx():
            if self.meta("codes") == "1":
                raise RoomError("this survey uses one-time codes: type the code from your slip.", 403)
            pid = self._person_id(name)
            claim, = self.db.execute("SELECT claim FROM people WHERE id = ?", (pid,)).fetchone()
            if self.db.execute("SELECT 1 FROM sessions WHERE person_id = ? AND claim = ?", (pid, claim)).fetchone():
                raise RoomError("this name has already been chosen on another phone. If that was you, carry on on "
                                "that phone; otherwise ask the facilitator to free the name.", 409)
            self.db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)", (hash_token(token), pid, claim, time.time()))

    def use_code(self, code: str, token: str) -> str:
        """Bind a new session to the person whose one-time ``code`` this is; the code is then spent."""
        code = "".join(str(code).split()).upper()[:20]
        with self._tx():
            row = self.db.execute("SELECT person_id, used FROM codes WHERE code = ?", (code,)).fetchone()
            if row is None:
                raise RoomError("this code is not one of the room's codes; check it on your slip and type it again.",
                                403)
            if row[1] is not None:
                raise RoomError("this code has been used already. If that was not you, tell the facilitator.", 409)
            self.db.execute("UPDATE codes SET used = ? WHERE code = ?", (time.time(), code))
            pid = row[0]
            claim, name = self.db.execute("SELECT claim, name FROM people WHERE id = ?", (pid,)).fetchone()
            self.db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)", (hash_token(token), pid, claim, time.time()))
        return name

    def session(self, token: str | None) -> tuple[int, str, int] | None:
        """``(person id, name, claim)`` for a live session token, or None."""
        if not token or len(token) > 100:
            return None
        row = self.db.execute("SELECT s.person_id, p.name, s.claim FROM sessions s JOIN people p ON p.id = "
                              "s.person_id WHERE s.token_hash = ? AND s.claim = p.claim",
                              (hash_token(token),)).fetchone()
        return tuple(row) if row else None

    def joined(self) -> set[str]:
        """The names bound to a phone now."""
        return {r[0] for r in self.db.execute("SELECT DISTINCT p.name FROM sessions s JOIN people p ON p.id = "
                                              "s.person_id WHERE s.claim = p.claim")}

    def release(self, name: str) -> None:
        """Free a name for another phone: the old phone's session ends; it cannot see the answer."""
        with self._tx():
            pid = self._person_id(name)
            self.db.execute("UPDATE people SET claim = claim + 1 WHERE id = ?", (pid,))
            self.db.execute("DELETE FROM sessions WHERE person_id = ?", (pid,))
            self.db.execute("UPDATE codes SET used = coalesce(used, ?) WHERE person_id = ?", (time.time(), pid))

    def codes(self) -> list[tuple[str, str, bool]]:
        """``(name, code, used)`` for everyone's latest code, in roster order."""
        rows = self.db.execute("SELECT p.name, c.code, c.used IS NOT NULL FROM people p JOIN codes c ON "
                               "c.person_id = p.id WHERE c.created = (SELECT max(created) FROM codes WHERE "
                               "person_id = p.id) ORDER BY p.position")
        return [(n, c, bool(u)) for n, c, u in rows]

    def make_codes(self, names: list[str] | None = None) -> None:
        """A fresh one-time code for each of ``names`` (default: everyone without an unused code)."""
        with self._tx():
            if names is None:
                names = [r[0] for r in self.db.execute("SELECT name FROM people WHERE id NOT IN (SELECT person_id "
                                                      "FROM codes WHERE used IS NULL)")]
            for name in names:
                pid = self._person_id(name)
                self.db.execute("UPDATE codes SET used = coalesce(used, ?) WHERE person_id = ?", (time.time(), pid))
                while True:
                    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                    if not self.db.execute("SELECT 1 FROM codes WHERE code = ?", (code,)).fetchone():
                        break
                self.db.execute("INSERT INTO codes VALUES (?, ?, ?, NULL)", (code, pid, time.time()))

    # ------------------------------------------------------------------ answers
    def submit(self, session: tuple[int, str, int], ticks: dict[str, list[str]]) -> int:
        """Store one participant's answer (replacing the last) and return its revision.

        Checked with :func:`.model.check_answer`; refused when the survey is closed. Committed
        to disk before this returns.
        """
        pid, me, claim = session
        settings = self.settings
        with self._tx():
            if self.meta("open") != "1":
                raise RoomError("the facilitator has closed the survey; your last saved answer is kept.", 409)
            ids = self._ids()
            names = [p.name for p in self.people()]
            clean = check_answer(settings.questions, names, me, ticks)
            self.db.execute("DELETE FROM answers WHERE person_id = ?", (pid,))
            rows = [(pid, k, ids[n]) for k, ns in clean.items() for n in ns]
            self.db.executemany("INSERT INTO answers VALUES (?, ?, ?)", rows)
            row = self.db.execute("SELECT revision FROM submissions WHERE person_id = ?", (pid,)).fetchone()
            revision = (row[0] if row else 0) + 1
            now = time.time()
            self.db.execute("INSERT OR REPLACE INTO submissions VALUES (?, ?, ?, ?)", (pid, revision, claim, now))
            self.db.execute("INSERT INTO log (person_id, revision, at, ticks) VALUES (?, ?, ?, ?)",
                            (pid, revision, now, len(rows)))
            self._bump()
        return revision

    def answer_of(self, session: tuple[int, str, int]) -> tuple[dict[str, list[str]], int, float | None]:
        """The participant's own answer ``(ticks, revision, saved at)``; empty after their name
        was freed for another phone (a new claim never sees an earlier claim's answer)."""
        pid, _, claim = session
        row = self.db.execute("SELECT revision, at, claim FROM submissions WHERE person_id = ?", (pid,)).fetchone()
        if row is None or row[2] != claim:
            return {}, 0, None
        out: dict[str, list[str]] = {}
        for k, n in self.db.execute("SELECT a.question, p.name FROM answers a JOIN people p ON p.id = a.named_id "
                                    "WHERE a.person_id = ? ORDER BY p.position", (pid,)):
            out.setdefault(k, []).append(n)
        return out, row[0], row[1]

    def snapshot(self) -> Snapshot:
        """Everything the map and the exports need, copied at this version."""
        people = self.people()
        answers: dict[str, dict[str, list[str]]] = {}
        at = {}
        for name, when in self.db.execute("SELECT p.name, s.at FROM submissions s JOIN people p ON p.id = "
                                          "s.person_id"):
            answers[name] = {}
            at[name] = when
        for who, k, n in self.db.execute("SELECT w.name, a.question, n.name FROM answers a JOIN people w ON w.id = "
                                         "a.person_id JOIN people n ON n.id = a.named_id ORDER BY n.position"):
            answers.setdefault(who, {}).setdefault(k, []).append(n)
        return Snapshot(self.version, self.settings, people, answers, at, self.meta("key"))

    def counts(self) -> dict[str, int]:
        """Rows per table (for tests and the crash check)."""
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("people", "answers", "submissions", "log", "sessions", "codes")}

    def erase(self) -> None:
        """Delete every answer, session and code (the roster and questions stay), and compact the file."""
        with self._tx():
            for table in ("answers", "submissions", "log", "sessions", "codes"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("UPDATE people SET claim = claim + 1")
            self._set("key", secrets.token_urlsafe(18))
            self._bump()
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (or ``ROLLBACK`` on any error)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, exc, tb):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False
