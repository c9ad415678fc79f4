"""The team report: one self-contained HTML file on a team's own network.

``python -m p2pkit report ANSWERS.csv -o report.html`` or :func:`build_report` reads the
survey answers safely (:mod:`p2pkit.team.intake`), measures the network
(:mod:`p2pkit.team.diagnosis`) and writes one HTML file that works offline (no external
CSS, scripts or fonts): the network map, node communities and brokers, equipotency and
resilience, each with a plain-language reading computed from the numbers and with its
caveats. The figures are interactive (:mod:`p2pkit.views.team`); above
:data:`p2pkit.views.team.MAP_PEOPLE` people the map shows communities instead of people.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .. import __version__
from ..errors import P2PKitError
from ..files import output_path
from ..views.component import inline_scripts
from ..views.team import MAP_PEOPLE, equality_figure, krackhardt_figure, resilience_figure, team_map
from .diagnosis import EXACT_BETWEENNESS, PIVOTS, PROCESSES, Diagnosis, diagnose, readings
from .intake import read_survey
from .privacy import pseudonymise as _pseudonymise
from .progress import Progress
from .summary import ReadSummary, Survey

__all__ = ["Report", "build_report", "render_html"]


@dataclass
class Report:
    """A finished report: the HTML, the reading summary and the diagnosis."""

    html: str
    summary: ReadSummary | None
    diagnosis: Diagnosis
    graph: nx.DiGraph
    pseudonymised: bool = False
    inputs: tuple = ()
    timings: dict = field(default_factory=dict)

    def save(self, path: str | Path) -> Path:
        """Write the HTML to ``path`` (never over one of the input files)."""
        p = output_path(path, self.inputs, "report")
        p.write_text(self.html, encoding="utf-8")
        return p

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        return self.html


def build_report(
    source: str | Path | Survey | nx.Graph,
    people: str | Path | None = None,
    relation: str | None = None,
    pseudonymise: bool = False,
    output: str | Path | None = None,
    key: str = "",
    merge_similar: bool = False,
    keep_unknown: bool = False,
    seed: int = 0,
    progress: bool | None = None,
    max_mb: float = 50.0,
    engine: str = "auto",
    pivots: int = PIVOTS,
    processes: int = PROCESSES,
) -> Report:
    """Read survey answers and build the self-contained HTML diagnostic.

    Parameters
    ----------
    source : path, Survey or networkx graph
        The answers (see :func:`p2pkit.team.intake.read_survey` for the accepted layouts), an
        already-read :class:`~p2pkit.team.summary.Survey`, or a network.
    people, relation, merge_similar, keep_unknown, max_mb
        Passed to :func:`~p2pkit.team.intake.read_survey`.
    pseudonymise : bool, default False
        Replace every name by a stable code (P01, P02, ...) everywhere in the report.
    output : path, optional
        Also write the HTML there (never over an input file).
    key : str, default ""
        Secret for the pseudonym order (see :func:`p2pkit.team.privacy.pseudonym_map`).
    seed : int, default 0
        Seeds the community detection, the layout and every sample.
    progress : bool or None
        Progress bar on stderr: None shows it only in a terminal.
    engine, pivots, processes
        See :func:`~p2pkit.team.diagnosis.diagnose`.

    Returns
    -------
    Report

    References
    ----------
    Cross, R., & Parker, A. (2004). *The Hidden Power of Social Networks*. Boston: Harvard
    Business School Press (organisational network analysis in practice).
    Borgatti, S. P., & Molina, J. L. (2003). Ethical and strategic issues in organizational
    social network analysis. *Journal of Applied Behavioral Science* 39(3), 337-349.

    Examples
    --------
    >>> from p2pkit.orgs import load_dataset
    >>> rep = build_report(load_dataset("krack_advice"), progress=False)
    >>> import re
    >>> rep.html.startswith("<!DOCTYPE html>"), re.search(r"<(script|img|link|iframe)[^>]*(src|href)=", rep.html)
    (True, None)
    """
    bar = Progress(11, progress)
    bar.step("reading the answers")
    G, summary, inputs = _network_of(source, people, relation, merge_similar, keep_unknown, max_mb)
    mapping: dict | None = None
    if pseudonymise:
        G, mapping = _pseudonymise(G, key=key)

    def summary_name(v: str) -> str:  # names in the summary may not be in the network
        return str(v) if mapping is None else mapping.get(str(v), "(someone not in the network)")

    d = diagnose(G, seed=seed, pivots=pivots, engine=engine, processes=processes, _bar=bar)
    if summary is not None:
        d.respondents = summary.respondents
        d.relation = summary.relation_used or d.relation
    name = str  # the nodes are already codes when pseudonymised
    bar.step("drawing the map")
    figures = {"map": team_map(G, d, name, seed).static_html()}
    bar.step("drawing the other figures")
    figures["equipotency"] = equality_figure(d, name).static_html()
    figures["krackhardt"] = krackhardt_figure(d).static_html()
    figures["resilience"] = resilience_figure(d, name).static_html()
    bar.step("writing the report")
    text = render_html(d, summary, figures, name, pseudonymised=pseudonymise, summary_name=summary_name)
    bar.close()
    rep = Report(html=text, summary=summary, diagnosis=d, graph=G, pseudonymised=pseudonymise,
                 inputs=inputs, timings=dict(bar.timings))
    if output is not None:
        rep.save(output)
    return rep


def _network_of(source, people, relation, merge_similar, keep_unknown, max_mb
                ) -> tuple[nx.DiGraph, ReadSummary | None, tuple]:
    """The network, its reading summary (None for a network given directly) and the files read."""
    inputs: tuple = ()
    if isinstance(source, Survey):
        G, summary = source.graph, source.summary
    elif isinstance(source, nx.Graph):
        G, summary = source, None
    else:
        G, summary = read_survey(source, people=people, relation=relation, merge_similar=merge_similar,
                                 keep_unknown=keep_unknown, max_mb=max_mb)
        inputs = tuple(str(p) for p in (source, people) if p is not None)
    if G.number_of_nodes() < 3:
        raise P2PKitError(f"the network has {G.number_of_nodes()} people; the report needs at least 3.")
    return G, summary, inputs


# --------------------------------------------------------------------------- the HTML


_CSS = """
body{font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;max-width:980px;margin:24px auto;
padding:0 16px;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:0.2em}h2{border-bottom:2px solid #0072B2;padding-bottom:2px;margin-top:1.6em}
table{border-collapse:collapse;margin:8px 0;font-size:0.92em}td,th{border:1px solid #ccc;padding:3px 8px;
text-align:left;vertical-align:top}th{background:#f2f2f2}.glance{background:#eef6fb;border-left:5px solid #0072B2;
padding:8px 12px}.reading{background:#f7f7f7;border-left:5px solid #009E73;padding:6px 12px}
.caveat{border-left:5px solid #D55E00;padding:6px 12px;background:#fdf3ec}.small{font-size:0.85em;color:#555}
img{max-width:100%;height:auto}code{background:#f2f2f2;padding:0 3px}
"""


def _e(x: object) -> str:
    return html.escape(str(x), quote=True)


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    h = "".join(f"<th>{_e(c)}</th>" for c in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{h}</tr>{body}</table>"


def render_html(d: Diagnosis, summary: ReadSummary | None, figures: dict[str, str],
                name: Callable[[object], str] = str, pseudonymised: bool = False,
                title: str | None = None, summary_name: Callable[[str], str] | None = None) -> str:
    """The report as one self-contained HTML string (every name and text escaped).

    ``name`` turns a person of the network into the text shown; ``summary_name`` does the
    same for the names in the reading summary (which may not be in the network).
    ``figures`` holds the static HTML of the four figures (``map``, ``equipotency``,
    ``krackhardt``, ``resilience``).
    """
    r = readings(d, name)
    rel = f" {d.relation}" if d.relation else ""
    title = title or f"Network report: the{rel} network of {d.people:,} people"
    parts = _opening(title, r["glance"], pseudonymised)
    parts += _what_was_read(d, summary, summary_name or name)
    parts += _map_section(d, figures["map"], r["map"])
    parts += _communities_section(d, r["communities"], name)
    parts += _equipotency_section(d, figures, r)
    parts += _resilience_section(d, figures["resilience"], r["resilience"], name)
    parts += _closing_caveats(d)
    parts += _how_computed(d)
    parts.append("</body></html>")
    return "\n".join(parts)


def _opening(title: str, glance: str, pseudonymised: bool) -> list[str]:
    return [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{_e(title)}</title><style>{_CSS}</style>{inline_scripts()}</head><body>",
            f"<h1>{_e(title)}</h1>",
            f"<p class='small'>Made with p2pkit {__version__}, the toolkit of the P2P Leadership Companion. "
            "This file works offline and contains "
            + ("<b>pseudonyms</b> (P01, P02, ...) instead of names." if pseudonymised else
               "<b>real names</b>: treat it as confidential; make a pseudonymised copy "
               "(<code>--pseudonymise</code>) before showing it to a group.") + "</p>",
            f"<div class='glance'><b>At a glance.</b> {_e(glance)}</div>"]


def _what_was_read(d: Diagnosis, summary: ReadSummary | None, summary_name: Callable[[str], str]) -> list[str]:
    parts = ["<h2>What was read</h2>"]
    if summary is None:
        return parts + [f"<p>A network given directly: {d.people} people, {d.ties} ties.</p>"]
    head = [ln for ln in summary.lines(summary_name) if not ln.startswith("- ")]
    parts.append("".join(f"<p>{_e(ln)}</p>" for ln in head))
    rows = summary.rows(summary_name)
    if rows:
        parts.append("<p>Nothing is dropped silently. Everything tidied, merged or skipped:</p>")
        parts.append(_table(["what", "how many", "what the kit did", "what to do", "examples (file, row)"],
                            [(w, n, did, todo, " | ".join(ex[:3])) for w, n, did, todo, ex in rows]))
    else:
        parts.append("<p>Every row was read as it was; nothing was tidied or skipped.</p>")
    return parts


def _map_section(d: Diagnosis, figure: str, reading: str) -> list[str]:
    parts = ["<h2>1. The network map</h2>", figure, f"<p class='reading'><b>Reading.</b> {_e(reading)}</p>"]
    if d.people <= MAP_PEOPLE:
        parts.append("<p class='small'>Find a person by name to see their ties; hover over anyone (or tab into "
                     "the map and use the arrow keys) for how often they are named and their share of the routes "
                     "between others; colour by community or by role. Size: how often a person is named.</p>")
    parts.append("<p class='caveat'><b>Caveat.</b> A map shows who named whom in one survey: a tie is a "
                 "person's own report, and someone who did not answer appears only through others' answers. "
                 "Positions on the map carry no meaning beyond closeness of ties.</p>")
    return parts


def _communities_section(d: Diagnosis, reading: str, name: Callable[[object], str]) -> list[str]:
    parts = ["<h2>2. Node communities and brokers</h2>", f"<p class='reading'><b>Reading.</b> {_e(reading)}</p>"]
    tm = {row[0]: row for row in (d.team_mix or {}).get("communities", [])}
    crow = [(i + 1, len(c), f"{tm[i][2]} ({tm[i][3]:.0%})" if i in tm else "")
            for i, c in enumerate(d.communities[:12])]
    if d.team_mix:
        parts.append(_table(["community", "people", "most common team (share)"], crow))
    else:
        parts.append(_table(["community", "people"], [r[:2] for r in crow]))
    if len(d.communities) > 12:
        parts.append(f"<p class='small'>... and {len(d.communities) - 12} smaller communities.</p>")
    if d.brokers:
        parts.append("<p>Brokers: the people with the most routes through them (betweenness) who have ties "
                     "into other communities.</p>")
        parts.append(_table(["person", "share of routes", "own community", "tied into communities"],
                            [(name(v), f"{lv:.1%}", c + 1, ", ".join(str(o + 1) for o in others[:8])
                              + (f" ... ({len(others)} in all)" if len(others) > 8 else ""))
                             for v, lv, c, others in d.brokers]))
    parts.append("<p class='caveat'><b>Caveat.</b> Louvain finds a good division, not the only one: a "
                 "different seed can move people at the edges. Communities are computed with ties in either "
                 "direction and unweighted.</p>")
    return parts


def _equipotency_section(d: Diagnosis, figures: dict[str, str], r: dict[str, str]) -> list[str]:
    parts = ["<h2>3. Equipotency: how evenly is influence spread?</h2>", figures["equipotency"],
             f"<p class='reading'><b>Reading.</b> {_e(r['equipotency'])}</p>"]
    rows = [(f"{k} centralization", f"{v:.3f}", "0 = everyone equal, 1 = a star") for k, v in d.centralization.items()]
    rows += [(f"Gini of {k}", f"{v:.3f}", "0 = equal, near 1 = one person has it all") for k, v in d.gini.items()]
    parts.append(_table(["measure", "value", "scale"], rows))
    parts.append(figures["krackhardt"])
    parts.append(f"<p class='reading'><b>Reading.</b> {_e(r['krackhardt'])}</p>")
    if d.krackhardt_se.get("lub"):
        parts.append(f"<p class='small'>Least-upper-boundedness is estimated: standard error "
                     f"{d.krackhardt_se['lub']:.3f}.</p>")
    parts.append("<p class='caveat'><b>Caveat.</b> Measures follow the conventions of CMU's ORA: ties are read "
                 "in the direction given (from the person who answered to the person named); influence shares "
                 "count ties sent and received. Being named often can mean being relied on -- or overloaded.</p>")
    return parts


def _resilience_section(d: Diagnosis, figure: str, reading: str, name: Callable[[object], str]) -> list[str]:
    parts = ["<h2>4. Resilience: who does the network depend on?</h2>", figure,
             f"<p class='reading'><b>Reading.</b> {_e(reading)}</p>"]
    estimated = any(se and not math.isnan(se) for se in d.load_se.values())
    parts.append(_table(["most central (by routes)", "share of routes"]
                        + (["± standard error"] if estimated else []) + ["named by"],
                        [(name(v), f"{d.load[v]:.1%}")
                         + ((f"{d.load_se[v]:.2%}",) if estimated else ()) + (d.named_by[v],)
                         for v in d.top("load", 10)]))
    if d.single_points:
        parts.append(_table(["single point of failure", "people cut off from the rest if they left"],
                            [(name(v), c) for v, c in d.single_points]))
    parts.append("<p class='caveat'><b>Caveat.</b> Removing a person here removes all of their ties at once and "
                 "nobody adapts; in a real team people find new routes. Treat the list as a place to start a "
                 "conversation (who backs up whom?), not as a ranking of people.</p>")
    return parts


def _closing_caveats(d: Diagnosis) -> list[str]:
    parts = ["<h2>Take it further</h2><p>Open the same network in the tools facilitators use: "
             "<code>python -m p2pkit export ANSWERS.csv --to gexf -o team.gexf</code> (Gephi, Cytoscape; "
             "also <code>--to graphml</code>) or <code>--to kumu -o team</code> (two CSV files for Kumu's "
             "import: elements and connections). Add <code>--pseudonymise</code> to share them.</p>",
             "<h2>Caveats for the whole report</h2><ul>"]
    if d.respondents is not None and d.respondents < d.people:
        miss = d.people - d.respondents
        parts.append(f"<li><b>Survey non-response.</b> {d.respondents} of {d.people} people named someone; "
                     f"{miss} named nobody (perhaps they did not answer). Their ties to others are missing, so "
                     "they look more peripheral than they are, and measures of the whole network shift "
                     "(Kossinets 2006).</li>")
    else:
        parts.append("<li><b>Survey non-response.</b> Everyone here named someone, so no one's answers are "
                     "missing entirely; but anyone who was not asked is not here, and people may leave out "
                     "ties they forgot (Kossinets 2006).</li>")
    parts.append("<li><b>Self-report.</b> Each tie is one person's recollection; people remember regular, recent "
                 "and important contacts best, and some answer what they think is expected (Marsden 1990).</li>"
                 "<li><b>A snapshot.</b> The network changes with projects, seasons and people joining or "
                 "leaving; repeat the survey before drawing conclusions about change.</li>"
                 "<li><b>Boundary.</b> Only the people in the survey (or the people list) are here; ties to "
                 "anyone outside are not.</li></ul>")
    return parts


def _how_computed(d: Diagnosis) -> list[str]:
    order = ["betweenness", "closeness", "krackhardt", "communities", "resilience"]
    mrows = sorted(d.methods.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
    parts = ["<h2>How this was computed</h2>", _table(["measure", "method"], mrows)]
    if any(v for v in d.betweenness_se.values() if not math.isnan(v)):
        worst = max(d.load_se[v] for v in d.top("load", 10))
        parts.append(f"<p class='small'>Betweenness and closeness are estimates for networks of more than "
                     f"{EXACT_BETWEENNESS:,} people, from a seeded sample of people: the largest standard error "
                     f"among the ten most central people is {worst:.2%} (share of routes). The person at the top "
                     "is usually right; the order of people with nearly equal shares further down may differ from "
                     "exact values, so read the list as a group rather than a ranking (the errors measured against "
                     "exact values are in benchmarks/bench_report.py).</p>")
    parts.append("<p class='small'>References: Freeman (1979) centralization; Gini (1912); Krackhardt (1994) "
                 "dimensions of informal organisations; Blondel et al. (2008) Louvain; Newman &amp; Girvan (2004) "
                 "modularity; Borgatti (2006) pairwise connectivity; Hopcroft &amp; Tarjan (1973) articulation "
                 "points; Brandes &amp; Pich (2007) betweenness estimation; Cross &amp; Parker (2004) organisational "
                 "network analysis. No data left this computer: the kit makes no network calls.</p>")
    return parts
