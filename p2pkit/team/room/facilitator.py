"""The facilitator's screen, under ``/f/TOKEN/``: any other token gets a plain 404 and no data.

- ``GET /f/TOKEN/`` -- the screen: QR code and address, who has answered, the live map,
  the buttons (close, codes instead of names, export) and the set-up (roster, questions,
  one-time codes, what the consent screen says about keeping the answers).
- ``GET /f/TOKEN/state.json`` -- what changed, polled every second by the screen's script;
  the map's spec when it changes and its scene when the answers changed.
- ``POST`` forms for each change (each with its XSRF token), answered by a redirect back to
  the screen with a fixed note (no text from the request is echoed).
- ``GET /f/TOKEN/files/NAME`` -- an export, only from the survey's exports folder.
"""

from __future__ import annotations

import hmac
import os
import tempfile
from datetime import datetime
from typing import ClassVar

import tornado.escape
import tornado.web
from tornado.ioloop import IOLoop

from .exporting import download_path, list_exports, names_for, write_exports
from .model import RoomError, parse_questions, parse_roster, roster_from_people
from .web import Base, json_text, refusals

__all__ = ["ROUTES", "qr_svg"]

NOTES = {
    "roster": "Roster saved.", "people": "Roster loaded from the people file.", "questions": "Questions saved.",
    "open": "The survey is open: phones can answer and change their answers.",
    "close": "The survey is closed: answers are kept, nobody can change them.",
    "codes-on": "One-time codes are on: participants type the code from their slip.",
    "codes-off": "Codes are off: participants pick their name from the list.",
    "pseudonyms": "Codes instead of names: the map and the exports show P01, P02, ...",
    "names": "Names are shown again on the map and in the exports.",
    "retention": "The consent screen's wording was saved.", "made-codes": "New one-time codes made.",
    "release": "The name is free: the person can choose it again on another phone.",
    "export": "Exported into the survey's folder.", "erase": "Every answer, session and code was erased.",
}

SETUP_NOTES = {"roster", "people", "questions", "codes-on", "codes-off", "retention", "made-codes", "release"}


def qr_svg(url: str) -> str:
    """The address as a QR code: an inline SVG (segno), black on white, with its text alternative."""
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=1, omitsize=True, border=4, dark="#000", light="#fff",
                                                svgclass="qr", lineclass="qr-line")
    label = tornado.escape.xhtml_escape(f"QR code for {url}")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


class Facilitator(Base):
    """Every facilitator address starts with the token; a wrong one is a plain 404."""

    rate_limited = False

    def prepare(self) -> None:
        token = self.path_args[0] if self.path_args else ""
        if not hmac.compare_digest(token.encode("utf-8"), self.store.token.encode("utf-8")):
            ok, wait = self.application.rl.allow("ip:" + (self.request.remote_ip or "?"))
            if not ok:
                self.retry_after = str(max(1, round(wait)))
            raise tornado.web.HTTPError(404 if ok else 429)
        super().prepare()

    def home(self) -> str:
        return f"/f/{self.store.token}/"

    def back_link(self) -> str:
        return self.home() if self.path_args and self.path_args[0] == self.store.token else "/"

    def done(self, note: str, anchor: str = "") -> None:
        self.redirect(f"{self.home()}?done={note}{'#' + anchor if anchor else ''}", status=303)

    def get_template_namespace(self) -> dict:
        ns = super().get_template_namespace()
        ns["body_class"] = "screen"
        return ns


class Home(Facilitator):
    def get(self, token: str) -> None:
        if not self.request.path.endswith("/"):
            return self.redirect(self.home(), status=301)
        snap = self.store.snapshot()
        show = names_for(snap)
        url = self.application.public_url or f"{self.request.protocol}://{self.request.host}/"
        done = self.get_query_argument("done", "")
        self.render("facilitator.html", joined=self.store.joined(),
                    open_setup=len(snap.people) < 3 or done in SETUP_NOTES, snap=snap, s=snap.settings, show=show, url=url, qr=qr_svg(url),
                    reach=self.application.reach, home=self.home(), note=NOTES.get(done),
                    exports=list_exports(self.store.folder), codes=self.store.codes(), folder=self.store.folder,
                    roster_text="\n".join(p.name + (f"\t{p.team}" if p.team else "") for p in snap.people),
                    when=lambda t: datetime.fromtimestamp(t).strftime("%H:%M:%S"))


class State(Facilitator):
    async def get(self, token: str) -> None:
        snap = self.store.snapshot()
        show = names_for(snap)
        out = {"version": snap.version, "open": snap.settings.open, "codes": snap.settings.codes,
               "pseudonymise": snap.settings.pseudonymise, "total": len(snap.people),
               "answered": [show(n) for n in snap.answered],
               "waiting": [show(p.name) for p in snap.people if p.name not in snap.answers]}
        since = self.get_query_argument("since", "")
        if since != str(snap.version):
            relation = self.get_query_argument("relation", "") or "all relations"
            m = await IOLoop.current().run_in_executor(None, self.application.livemap.compute, snap, relation)
            out.update(spec_key=m["spec_key"], scene=m["scene"], message=m["message"])
            if self.get_query_argument("spec", "") != m["spec_key"]:
                out["spec"] = m["spec"]
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json_text(out))


class Roster(Facilitator):
    @refusals
    def post(self, token: str) -> None:
        self.store.set_roster(parse_roster(self.get_body_argument("roster", "", strip=False)))
        self.done("roster", "setup")


class PeopleFile(Facilitator):
    body_limit = "upload_bytes"

    @refusals
    def post(self, token: str) -> None:
        files = self.request.files.get("people") or []
        if not files or not files[0].body:
            raise RoomError("choose a people file (CSV or .xlsx) first.")
        fd, path = tempfile.mkstemp(suffix=os.path.splitext(files[0].filename or "")[1][:6] or ".csv",
                                    dir=self.store.folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(files[0].body)
            people = roster_from_people(path)
        finally:
            os.unlink(path)
        self.store.set_roster(people)
        self.done("people", "setup")


class Questions(Facilitator):
    @refusals
    def post(self, token: str) -> None:
        labels = self.get_body_arguments("label")
        texts = self.get_body_arguments("text")
        if len(labels) != len(texts):
            raise RoomError("every question needs a label and a text.")
        self.store.set_questions(parse_questions(zip(labels, texts, strict=True)))
        self.done("questions", "setup")


class Settings(Facilitator):
    ACTIONS: ClassVar[dict] = {"open": {"open": True}, "close": {"open": False}, "codes-on": {"codes": True},
               "codes-off": {"codes": False}, "pseudonyms": {"pseudonymise": True},
               "names": {"pseudonymise": False}}

    @refusals
    def post(self, token: str) -> None:
        action = self.get_body_argument("action", "")
        if action == "retention":
            self.store.update(retention=self.get_body_argument("retention", ""))
        elif action in self.ACTIONS:
            self.store.update(**self.ACTIONS[action])
            if action == "codes-on":
                self.store.make_codes()
        else:
            raise RoomError("unknown action.")
        self.done(action, "setup" if action.startswith("codes") or action == "retention" else "")


class Codes(Facilitator):
    def get(self, token: str) -> None:
        url = self.application.public_url or f"{self.request.protocol}://{self.request.host}/"
        self.render("codes.html", codes=self.store.codes(), url=url, home=self.home())

    @refusals
    def post(self, token: str) -> None:
        name = self.get_body_argument("name", "")
        self.store.make_codes([name] if name else None)
        self.done("made-codes", "setup")


class Release(Facilitator):
    @refusals
    def post(self, token: str) -> None:
        self.store.release(self.get_body_argument("name", ""))
        self.done("release", "setup")


class Export(Facilitator):
    @refusals
    async def post(self, token: str) -> None:
        snap = self.store.snapshot()
        stem = self.get_body_argument("name", "").strip() or None
        await IOLoop.current().run_in_executor(None, write_exports, snap, self.store.folder, stem)
        self.done("export", "exports")


class Download(Facilitator):
    @refusals
    def get(self, token: str, name: str) -> None:
        path = download_path(self.store.folder, name)
        kind = "text/csv; charset=utf-8" if name.endswith(".csv") else "text/html; charset=utf-8"
        self.set_header("Content-Type", kind)
        self.set_header("Content-Disposition", f'attachment; filename="{path.name}"')
        self.finish(path.read_bytes())


class Erase(Facilitator):
    @refusals
    def post(self, token: str) -> None:
        if self.get_body_argument("confirm", "") != "ERASE":
            raise RoomError("type ERASE in the box to confirm; nothing was erased.")
        for name, _, _ in list_exports(self.store.folder):
            download_path(self.store.folder, name).unlink()
        self.store.erase()
        self.done("erase")


ROUTES = [
    (r"/f/([^/]+)/?", Home),
    (r"/f/([^/]+)/state\.json", State),
    (r"/f/([^/]+)/roster", Roster),
    (r"/f/([^/]+)/people", PeopleFile),
    (r"/f/([^/]+)/questions", Questions),
    (r"/f/([^/]+)/settings", Settings),
    (r"/f/([^/]+)/codes", Codes),
    (r"/f/([^/]+)/release", Release),
    (r"/f/([^/]+)/export", Export),
    (r"/f/([^/]+)/files/(.*)", Download),
    (r"/f/([^/]+)/erase", Erase),
]
