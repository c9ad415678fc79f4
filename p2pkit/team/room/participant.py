"""The participant's pages: consent, who you are, your answer. Plain HTML forms, no JavaScript needed.

1. ``GET /`` -- what is collected, who sees it, how long it is kept; ``POST /consent`` agrees.
2. ``GET /join`` -- pick your name (or type your one-time code when codes are on);
   ``POST /join`` or ``POST /code`` binds this phone to that name (a session cookie).
3. ``GET /answer`` -- tick colleagues per question; ``POST /answer`` stores the answer and
   redirects to ``/answer?saved=REVISION``, which says "saved" only when that revision is the
   one in the database (the commit came first). A phone only ever sees its own answer.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from .model import RoomError
from .web import CONSENT_COOKIE, SESSION_COOKIE, Base, refusals

__all__ = ["ROUTES"]


class Participant(Base):
    """Shared by the participant pages: the session of this phone, if any."""

    def session(self):
        return self.store.session(self.get_cookie(SESSION_COOKIE))

    def joined_already(self) -> bool:
        """Before binding this phone to a name: refuse without consent; if the phone already has
        a name, send it to its answer and say so (True)."""
        if not self.consented():
            raise RoomError("please read what is collected first, and agree.", 403)
        if self.session():
            self.redirect("/answer", status=303)
            return True
        return False

    def bind(self, token: str) -> None:
        """This phone now answers as the name the store bound to ``token``: set the cookie, go on."""
        self.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="Lax", expires_days=2)
        self.redirect("/answer", status=303)

    def consented(self) -> bool:
        return self.get_signed_cookie(CONSENT_COOKIE, max_age_days=2) == b"1"


class Consent(Participant):
    def get(self) -> None:
        s = self.store.settings
        self.render("consent.html", settings=s, joined=self.session() is not None)

    def post(self) -> None:
        self.set_signed_cookie(CONSENT_COOKIE, "1", httponly=True, samesite="Lax", expires_days=2)
        self.redirect("/answer" if self.session() else "/join", status=303)


class Join(Participant):
    def get(self) -> None:
        if self.session():
            return self.redirect("/answer", status=303)
        if not self.consented():
            return self.redirect("/", status=303)
        s = self.store.settings
        names = sorted((p.name for p in self.store.people()), key=str.casefold)
        self.render("join.html", settings=s, names=names)

    @refusals
    def post(self) -> None:
        if self.joined_already():
            return
        name = self.get_body_argument("name", "")
        if not name:
            raise RoomError("choose your name from the list, then press the button.")
        token = secrets.token_urlsafe(32)
        self.store.claim(name, token)  # refuses names not on the roster, taken names, code-only rooms
        self.bind(token)


class Code(Participant):
    @refusals
    def post(self) -> None:
        if self.joined_already():
            return
        if not self.store.settings.codes:
            raise RoomError("this room does not use codes: choose your name from the list.", 409)
        ip = "ip:" + (self.request.remote_ip or "?")
        bucket = self.application.code_rl
        if not bucket.peek(ip):
            raise RoomError("too many wrong codes from this phone; wait a minute and try again.", 429)
        token = secrets.token_urlsafe(32)
        try:
            self.store.use_code(self.get_body_argument("code", ""), token)
        except RoomError:
            bucket.allow(ip)  # only wrong or spent codes count
            raise
        self.bind(token)


class Answer(Participant):
    def get(self) -> None:
        session = self.session()
        if session is None:
            return self.redirect("/", status=303)
        s = self.store.settings
        ticks, revision, at = self.store.answer_of(session)
        saved = self.get_query_argument("saved", "")
        just_saved = saved.isdigit() and int(saved) == revision and revision > 0
        others = [p.name for p in self.store.people() if p.name != session[1]]
        when = datetime.fromtimestamp(at).strftime("%H:%M:%S") if at else ""
        self.render("answer.html", settings=s, me=session[1], others=sorted(others, key=str.casefold),
                    ticks={k: set(v) for k, v in ticks.items()}, revision=revision, when=when,
                    just_saved=just_saved)

    @refusals
    def post(self) -> None:
        session = self.session()
        if session is None:
            raise RoomError("this phone has not chosen a name yet (or the facilitator freed it); start again "
                            "from the first page.", 403)
        keys = [q.key for q in self.store.settings.questions]
        sent = {k[2:]: v for k, v in self.request.body_arguments.items() if k.startswith("q-")}
        others = [k for k in self.request.body_arguments if not k.startswith("q-") and k != "_xsrf"]
        if others or any(k not in keys for k in sent):
            raise RoomError("this form has fields the survey does not ask for; reload the page and answer again.")
        ticks = {k: [self.decode_argument(b).strip() for b in v] for k, v in sent.items()}
        revision = self.store.submit(session, ticks)  # committed to disk when this returns
        self.redirect(f"/answer?saved={revision}#top", status=303)


ROUTES = [
    (r"/", Consent),
    (r"/consent", Consent),
    (r"/join", Join),
    (r"/code", Code),
    (r"/answer", Answer),
]
