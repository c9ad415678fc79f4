"""The room's web layer: the Tornado application, and what every page shares.

Every response carries headers that keep the pages on this laptop (a Content-Security-Policy
that allows only this server, no referrer, no framing, no caching of answers). Every request
passes the rate limit and the body-size limit before a handler sees it; every form is
protected by Tornado's XSRF token; every template value is escaped. A :class:`.model.RoomError`
raised by a handler becomes a clear 4xx page (or JSON) and nothing is stored.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tornado.log
import tornado.web

from ...views.component import page_bundle, static_assets
from .limits import Limits, RateLimiter
from .livemap import LiveMap
from .model import RoomError
from .store import Store, hash_token

__all__ = ["CSP", "SESSION_COOKIE", "Base", "RoomApp", "json_text", "refusals"]

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "room_session"
CONSENT_COOKIE = "room_consent"
#: only this server: no other host, no inline script, no framing
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def json_text(data: Any) -> str:
    """JSON safe to embed in HTML as well as to serve: ``<``, ``>`` and ``&`` are escaped."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def refusals(method: Callable) -> Callable:
    """Turn a :class:`RoomError` raised by a handler method into a clear 4xx answer."""

    @functools.wraps(method)
    async def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
            if hasattr(result, "__await__"):
                await result
        except RoomError as e:
            self.refuse(str(e), e.status)

    return wrapper


class Base(tornado.web.RequestHandler):
    """Security headers, limits and error pages for every handler of the room."""

    body_limit = "form_bytes"
    rate_limited = True

    @property
    def store(self) -> Store:
        return self.application.store

    def set_default_headers(self) -> None:
        for k, v in (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                     ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"),
                     ("Cache-Control", "no-store"), ("Cross-Origin-Opener-Policy", "same-origin"),
                     ("Permissions-Policy", "camera=(), microphone=(), geolocation=()")):
            self.set_header(k, v)

    def client_key(self) -> str:
        token = self.get_cookie(SESSION_COOKIE)
        if token and self.store.session(token):
            return "s:" + hash_token(token)
        return "ip:" + (self.request.remote_ip or "?")

    def prepare(self) -> None:
        limit = getattr(self.application.limits, self.body_limit)
        if len(self.request.body or b"") > limit:
            raise tornado.web.HTTPError(413, reason="Request Entity Too Large")
        if self.rate_limited:
            ok, wait = self.application.rl.allow(self.client_key())
            if not ok:
                self.retry_after = str(max(1, round(wait)))
                raise tornado.web.HTTPError(429, reason="Too Many Requests")

    def refuse(self, message: str, status: int = 400) -> None:
        """Answer ``status`` with ``message`` (a page, or JSON for ``.json`` addresses)."""
        retry = getattr(self, "retry_after", None)
        self.clear()
        self.set_status(status)
        if retry:
            self.set_header("Retry-After", retry)
        if self.request.path.endswith(".json"):
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json_text({"error": message, "status": status}))
        else:
            self.render("error.html", status=status, message=message, back=self.back_link())

    def back_link(self) -> str:
        return "/"

    def write_error(self, status_code: int, **kwargs) -> None:
        messages = {
            400: "This request could not be read (it was malformed or had too many fields); nothing was stored. "
                 "Go back, reload the page and send it again.",
            403: "This request was refused: the form had expired or came from elsewhere. Go back, reload the "
                 "page and send it again.",
            404: "There is nothing here. Check the address, or scan the QR code again.",
            405: "This address does not accept that kind of request.",
            413: "What you sent is too large for this page; nothing was stored.",
            429: "Too many requests from this phone in a short time; wait a few seconds and try again.",
        }
        message = messages.get(status_code, "Something went wrong on the facilitator's laptop; nothing was "
                                            "stored. Try again, or tell the facilitator.")
        self.refuse(message, status_code)

    def get_template_namespace(self) -> dict:
        ns = super().get_template_namespace()
        ns.update(title=self.store.settings.title, json_text=json_text, body_class="phone")
        return ns


class NotFound(Base):
    """Everything the room does not serve: a plain 404, nothing else."""

    def prepare(self) -> None:
        super().prepare()
        raise tornado.web.HTTPError(404)


class Bundle(Base):
    """The figure component's script (d3 + p2pfig) and stylesheet, from this server only."""

    rate_limited = False

    def initialize(self, kind: str) -> None:
        self.kind = kind

    def get(self) -> None:
        self.set_header("Cache-Control", "max-age=3600")
        if self.kind == "js":
            self.set_header("Content-Type", "text/javascript; charset=utf-8")
            self.finish(page_bundle())
        else:
            self.set_header("Content-Type", "text/css; charset=utf-8")
            self.finish(static_assets()["css"])


class RoomApp(tornado.web.Application):
    """The room: the participant pages at ``/``, the facilitator's under ``/f/TOKEN/``."""

    def __init__(self, store: Store, public_url: str = "", reach: str = "", limits: Limits | None = None):
        from . import facilitator, participant

        self.store = store
        self.limits = limits = limits or Limits()
        self.rl = RateLimiter(limits.rate, limits.burst)
        self.code_rl = RateLimiter(limits.code_rate, limits.code_burst)
        self.livemap = LiveMap()
        self.public_url = public_url
        self.reach = reach
        routes = participant.ROUTES + facilitator.ROUTES + [
            (r"/assets/p2pfig\.js", Bundle, {"kind": "js"}),
            (r"/assets/p2pfig\.css", Bundle, {"kind": "css"}),
        ]
        super().__init__(
            routes, template_path=str(HERE / "templates"), static_path=str(HERE / "static"),
            xsrf_cookies=True, xsrf_cookie_kwargs={"httponly": True, "samesite": "Strict"},
            cookie_secret=store.meta("cookie_secret"), default_handler_class=NotFound,
            compiled_template_cache=True, autoreload=False, debug=False, cross_origin_protection=True,
            log_function=_log)


def _log(handler: tornado.web.RequestHandler) -> None:
    """Log server errors only, without the address (it may hold the facilitator's token)."""
    if handler.get_status() >= 500:
        tornado.log.access_log.error("%d %s", handler.get_status(), handler.request.method)
