"""``python -m p2pkit room``: start the live room on this laptop and say who can reach it.

The command prints the facilitator's address with its secret token, the address for the
participants' phones, and one plain sentence on who on the network can reach the server. It
listens only on the address given with ``--host`` (by default 127.0.0.1: this laptop only) and
makes no outgoing connection of any kind. Starting it again on the same ``--folder``
continues the same survey.
"""

from __future__ import annotations

import argparse
import ipaddress
from pathlib import Path

__all__ = ["add_parser", "facilitator_url", "participant_url", "reach_sentence", "run"]

_HELP = """examples:
  python -m p2pkit room --folder workshop-2026-03-12 --people people.csv
  python -m p2pkit room --folder workshop-2026-03-12 --host 0.0.0.0 --codes

Participants answer on their phones at the address printed (also shown as a QR code on the
facilitator screen). The answers stay in DIR/room.sqlite3; exports go to DIR/exports/."""


def add_parser(sub) -> argparse.ArgumentParser:
    """Add the ``room`` subcommand to the kit's command line."""
    r = sub.add_parser("room", help="collect answers live in the room: phones answer, the map grows",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=_HELP,
                       description="Start a small server on this laptop for one workshop: participants answer on "
                                   "their phones, the facilitator's screen shows the map as it grows. Nothing leaves "
                                   "the laptop.")
    r.add_argument("--folder", required=True, metavar="DIR",
                   help="where the survey lives (created if needed; the same folder continues a survey)")
    r.add_argument("--people", metavar="PEOPLE.csv", help="load the roster from the kit's people list")
    r.add_argument("--host", default="127.0.0.1",
                   help="address to listen on: 127.0.0.1 (default) is this laptop only; 0.0.0.0 lets every "
                        "device on the same network reach the participant pages")
    r.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    r.add_argument("--codes", action="store_true",
                   help="participants type a one-time code (printed slips) instead of picking their name")
    r.add_argument("--public-url", metavar="URL",
                   help="the address phones should open, if the one found automatically is wrong")
    r.add_argument("--new-token", action="store_true", help="make a new secret token (the old link stops working)")
    return r


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_any(host: str) -> bool:
    return host in ("", "0.0.0.0", "::")


def _lan_addresses() -> list[str]:
    """This laptop's IPv4 addresses other than loopback, read from its interfaces (no traffic)."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with the Jupyter stack
        return []
    out = []
    for addrs in psutil.net_if_addrs().values():
        for a in addrs:
            if getattr(a.family, "name", "") == "AF_INET" and not ipaddress.ip_address(a.address).is_loopback:
                out.append(a.address)
    return sorted(set(out), key=lambda a: (not ipaddress.ip_address(a).is_private, a))


def participant_url(host: str, port: int) -> str:
    """The address for the phones: this laptop's network address when listening on all of them."""
    if _is_loopback(host):
        return f"http://127.0.0.1:{port}/"
    if _is_any(host):
        lan = _lan_addresses()
        return f"http://{lan[0]}:{port}/" if lan else f"http://127.0.0.1:{port}/"
    return f"http://{host}:{port}/" if ":" not in host else f"http://[{host}]:{port}/"


def facilitator_url(host: str, port: int, token: str) -> str:
    """The facilitator's address on this laptop (loopback whenever the server listens there)."""
    base = f"http://127.0.0.1:{port}/" if _is_loopback(host) or _is_any(host) else participant_url(host, port)
    return f"{base}f/{token}/"


def reach_sentence(host: str) -> str:
    """Who on the network can reach a server listening on ``host``, in one plain sentence."""
    if _is_loopback(host):
        return (f"Only this laptop can open these pages (the server listens on {host or '127.0.0.1'}, loopback): "
                "phones cannot reach it. To let the phones in the room answer, start again with --host 0.0.0.0.")
    if _is_any(host):
        return ("Every device on the networks this laptop is connected to can open the participant pages "
                "(the room's Wi-Fi, and anyone else on it); the facilitator screen needs the secret token. "
                "Use a network you trust, such as the laptop's own hotspot.")
    return (f"Every device that can reach {host} (usually everyone on that network) can open the participant "
            "pages; the facilitator screen needs the secret token.")


def run(args) -> int:
    """Start the room (blocks until Ctrl-C). Returns the exit status."""
    import asyncio

    import matplotlib

    matplotlib.use("Agg")  # the report draws to files only
    import tornado.netutil
    from tornado.httpserver import HTTPServer

    from ...errors import P2PKitError
    from .model import roster_from_people
    from .store import Store
    from .web import RoomApp

    store = Store(Path(args.folder))
    if args.people:
        store.set_roster(roster_from_people(args.people))
    if args.codes:
        store.update(codes=True)
        store.make_codes()
    if args.new_token:
        store.new_token()
    try:
        sockets = tornado.netutil.bind_sockets(args.port, address=args.host or None)
    except OSError as exc:
        store.close()
        raise P2PKitError(f"cannot listen on {args.host} port {args.port} ({exc.strerror or exc}); another program "
                          "may be using it: choose another with --port, or stop the other program.") from None
    port = sockets[0].getsockname()[1]
    public = args.public_url or participant_url(args.host, port)
    app = RoomApp(store, public_url=public, reach=reach_sentence(args.host))
    lines = [f"Map the room live: the survey is in {store.folder} (answers in {store.path.name}).",
             "Facilitator screen (keep this link to yourself: it holds the secret token):",
             f"  {facilitator_url(args.host, port, store.token)}",
             f"Participants open: {public}  (the facilitator screen shows it as a QR code too)",
             reach_sentence(args.host),
             "Stop with Ctrl-C; start again with the same --folder to continue where you left off."]
    print("\n".join(lines), flush=True)

    async def serve() -> None:
        server = HTTPServer(app, max_body_size=2 * app.limits.upload_bytes, idle_connection_timeout=120,
                            body_timeout=30)
        server.add_sockets(sockets)
        try:
            await asyncio.Event().wait()
        finally:
            server.stop()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        print("Stopped. Every saved answer is in the folder; start again with the same --folder to continue.")
    finally:
        store.close()
    return 0
