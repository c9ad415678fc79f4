"""Command line of the team kit: ``python -m p2pkit report|check|export|example|room ...``.

``python -m p2pkit`` runs :func:`main` (``p2pkit/__main__.py`` only calls it).

Every problem with the input ends with one line on stderr (``error: ...`` naming the file,
row and what to do) and a non-zero exit status, never a traceback.

Exit status: 0 success; 1 bad input (a message says what to do); 2 wrong command-line
usage; 3 an unexpected internal problem (please report it); 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from .. import __version__
from ..errors import P2PKitError
from ..files import output_path

_EPILOG = """examples:
  python -m p2pkit report answers.csv -o report.html
  python -m p2pkit report ties.csv --people people.csv --relation advice --pseudonymise -o report.html
  python -m p2pkit check form-export.csv --people people.csv
  python -m p2pkit export ties.csv --to gexf -o team.gexf
  python -m p2pkit example practice/
  python -m p2pkit room --folder workshop/ --people people.csv --host 0.0.0.0

Accepted answers: a tie list (source,target[,relation][,weight]; Gephi's Source,Target,Type,Weight;
Kumu's From,To,Type), an online-form export (one row per respondent, chosen names in a cell
separated by ; , or new lines), or an adjacency matrix. The kit only reads your files and
never sends data anywhere."""


def _add_reading(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", help="the answers: tie list, online-form export or adjacency matrix (CSV)")
    p.add_argument("--people", metavar="PEOPLE.csv", help="people list with name[,team,role,manager]")
    p.add_argument("--relation", metavar="NAME",
                   help="keep only this relation (advice, information, decisions, energy, or a name in the file)")
    p.add_argument("--merge-similar", action="store_true",
                   help="merge names that differ only in upper/lower case or spaces (default: only report them)")
    p.add_argument("--keep-unknown", action="store_true",
                   help="keep ties to people who are not in the people list (default: skip and report them)")
    p.add_argument("--max-mb", type=float, default=50.0, metavar="MB", help="size limit per file (default 50)")


def _add_privacy(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pseudonymise", "--pseudonymize", action="store_true",
                   help="replace every name by a stable code (P01, P02, ...) before showing or writing anything")
    p.add_argument("--key", default=None, metavar="SECRET",
                   help="secret that sets which code goes to whom (default: $P2PKIT_KEY or none)")


def parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    ap = argparse.ArgumentParser(
        prog="python -m p2pkit", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Map your own team: read network-survey answers safely and build the diagnostic report.",
        epilog=_EPILOG)
    ap.add_argument("--version", action="version", version=f"p2pkit {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("report", help="build the self-contained HTML report",
                       description="Build one self-contained HTML report (works offline): the network map, "
                                   "node communities and brokers, equipotency and resilience, with plain-language "
                                   "readings and caveats.")
    _add_reading(r)
    _add_privacy(r)
    r.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="where to write the report")
    r.add_argument("--seed", type=int, default=0, help="seed for communities, layout and samples (default 0)")
    g = r.add_mutually_exclusive_group()
    g.add_argument("--progress", dest="progress", action="store_const", const=True, default=None,
                   help="always show the progress bar (default: only in a terminal)")
    g.add_argument("--quiet", dest="progress", action="store_const", const=False, help="no progress bar")

    c = sub.add_parser("check", help="read the files and print what was read, tidied and skipped",
                       description="Read the answers and print the reading summary; nothing is written.")
    _add_reading(c)
    _add_privacy(c)

    e = sub.add_parser("export", help="write the network for Gephi, Cytoscape or Kumu",
                       description="Write the network as GEXF or GraphML (Gephi, Cytoscape) or as Kumu's two "
                                   "import sheets (PREFIX-elements.csv and PREFIX-connections.csv).")
    _add_reading(e)
    _add_privacy(e)
    e.add_argument("--to", required=True, choices=["gexf", "graphml", "kumu"], help="the format")
    e.add_argument("-o", "--output", required=True, metavar="PATH", help="file (or prefix for kumu)")

    x = sub.add_parser("example", help="write a synthetic company's answers to practise with",
                       description="Write ties.csv and people.csv of a seeded synthetic company into FOLDER.")
    x.add_argument("folder")
    x.add_argument("--people", type=int, default=60, help="number of people (default 60)")
    x.add_argument("--seed", type=int, default=0)

    from .room.cli import add_parser as add_room

    add_room(sub)
    return ap


def _key(args) -> str:
    return args.key if args.key is not None else os.environ.get("P2PKIT_KEY", "")


def _read(args):
    from .intake import read_survey

    return read_survey(args.input, people=args.people, relation=args.relation,
                       merge_similar=args.merge_similar, keep_unknown=args.keep_unknown, max_mb=args.max_mb)


def run(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv``; return the exit status."""
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return 2
    commands = {"report": _report, "check": _check, "export": _export, "example": _example, "room": _room}
    return commands[args.command](args)


def _report(args) -> int:
    from .render import build_report

    out = output_path(args.output, [p for p in (args.input, args.people) if p], "report")  # before the work
    rep = build_report(args.input, people=args.people, relation=args.relation,
                       pseudonymise=args.pseudonymise, key=_key(args), merge_similar=args.merge_similar,
                       keep_unknown=args.keep_unknown, seed=args.seed, progress=args.progress,
                       max_mb=args.max_mb)
    rep.save(out)
    d = rep.diagnosis
    print(f"Wrote {out}: {d.people} people, {d.ties} ties, {len(d.communities)} communities.")
    return 0


def _check(args) -> int:
    survey = _read(args)
    name = str
    if args.pseudonymise:
        from .privacy import pseudonym_map

        mapping = pseudonym_map(survey.graph.nodes(), _key(args))
        name = lambda v: mapping.get(v, "(someone not in the network)")  # noqa: E731
    print("\n".join(survey.summary.lines(name)))
    return 0


def _export(args) -> int:
    from . import exports
    from .privacy import pseudonymise

    G = _read(args).graph
    if args.pseudonymise:
        G, _ = pseudonymise(G, key=_key(args))
    inputs = [p for p in (args.input, args.people) if p]
    if args.to == "gexf":
        paths = [exports.to_gexf(G, args.output, inputs)]
    elif args.to == "graphml":
        paths = [exports.to_graphml(G, args.output, inputs)]
    else:
        paths = list(exports.to_kumu(G, args.output, inputs))
    print("Wrote " + " and ".join(str(p) for p in paths) + ".")
    return 0


def _example(args) -> int:
    from .practice_data import write_example

    t, p = write_example(args.folder, people=args.people, seed=args.seed)
    print(f"Wrote {t} and {p}. Try: python -m p2pkit report {t} --people {p} -o report.html")
    return 0


def _room(args) -> int:
    from .room.cli import run as run_room

    return run_room(args)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run, and turn every error into one line on stderr and an exit status."""
    try:
        return run(argv)
    except P2PKitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head, less... that stopped reading
        with contextlib.suppress(OSError):  # left open: the interpreter flushes stdout at exit
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except OSError as exc:
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        print(f"error: could not read or write{where} ({exc.strerror or type(exc).__name__}). "
              "Check the path and your permissions.", file=sys.stderr)
        return 1
    except MemoryError:
        print("error: not enough memory for this network; try a smaller file or one relation at a time.",
              file=sys.stderr)
        return 3
    except Exception as exc:  # never a traceback for the user
        print(f"error: unexpected problem ({type(exc).__name__}: {str(exc)[:200]}). "
              "Please report it with the command you ran.", file=sys.stderr)
        return 3
