"""Map your own team: the report's four figures on one interactive figure, and a file picker.

- :func:`team_figure`: a team's network (from :func:`p2pkit.team.intake.read_survey`) with
  controls for the relation, pseudonymising and which of the report's figures to show.
- :func:`example_team`: the same on the kit's seeded synthetic company (the published
  mapping page shows it).
- :func:`explorer`: in Jupyter or presenter mode, a file chooser (upload, or a path) above
  the figure; a problem with the file is shown as the kit's one-line message.
"""

from __future__ import annotations

import html
import logging
import tempfile
from functools import lru_cache
from pathlib import Path

import networkx as nx

from ..errors import P2PKitError
from ..team.intake import read_survey
from ..team.privacy import pseudonym_map, pseudonymise
from .component import Figure, choice, toggle
from .team import equality_figure, krackhardt_figure, relations_of, resilience_figure, team_map

__all__ = ["team_figure", "example_team", "explorer", "SHOWS", "FIGURES"]

log = logging.getLogger("p2pkit.views")
ALL = "all relations"
SHOWS = {"map": "Network map", "equipotency": "How evenly influence is spread",
         "krackhardt": "Krackhardt's dimensions", "resilience": "Who the network depends on"}


def _only(G: nx.DiGraph, relation: str) -> nx.DiGraph:
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, data) for u, v, data in G.edges(data=True)
                     if relation in str(data.get("relation", "")).split(";"))
    return H


def team_figure(G: nx.DiGraph, title: str = "Map your own team", seed: int = 0,
                pseudonymised: bool = True) -> Figure:
    """The report's figures for ``G``: relation x pseudonymise x which figure.

    Each relation is diagnosed on its own ties (:func:`p2pkit.team.diagnosis.diagnose`); pseudonyms
    come from :func:`p2pkit.team.privacy.pseudonym_map`, so no real name is in a pseudonymised state.
    """
    from ..team.diagnosis import diagnose, readings

    rels = relations_of(G)

    @lru_cache(maxsize=16)
    def analysis(relation: str, pseudo: bool):
        H = G if relation == ALL else _only(G, relation)
        if pseudo:
            H, _ = pseudonymise(H, mapping=pseudonym_map((str(v) for v in H), ""))
        return H, diagnose(H, seed=seed, progress=False)

    def build(relation=ALL, pseudonymise=pseudonymised, show="map"):
        H, d = analysis(relation, bool(pseudonymise))
        fig = {"map": lambda: team_map(H, d, str, seed), "equipotency": lambda: equality_figure(d),
               "krackhardt": lambda: krackhardt_figure(d), "resilience": lambda: resilience_figure(d)}[show]()
        sc = fig.scene()
        r = readings(d)
        sc["caption"] = "Reading: " + r[show if show != "map" else "map"]
        sc["readout"] = sc["readout"] or [("People", f"{d.people:,}"), ("Ties", f"{d.ties:,}")]
        return sc

    controls = []
    if len(rels) > 1:
        controls.append(choice("relation", "Relation", {ALL: ALL, **{r: r for r in rels}}, ALL))
    controls.append(toggle("pseudonymise", "Pseudonymise", pseudonymised,
                           help="Replace every name by a code (P01, P02, ...) before showing a room."))
    controls.append(choice("show", "Show", SHOWS, "map"))
    return Figure(title, build, controls,
                  description="The team report's figures: the map, evenness of influence, Krackhardt's "
                              "dimensions and what happens without the most central people.")


def example_team(people: int = 40, seed: int = 0) -> Figure:
    """:func:`team_figure` on the kit's seeded synthetic company (``python -m p2pkit example``)."""
    from ..team.practice_data import write_example

    with tempfile.TemporaryDirectory() as tmp:
        ties, roster = write_example(tmp, people=people, seed=seed)
        G, _ = read_survey(ties, people=roster)
    return team_figure(G, title=f"A practice team of {people} (synthetic)", seed=seed)


def explorer(path: str = "", people: str = "", pseudonymised: bool = True):
    """A file chooser above :func:`team_figure`, for Jupyter, Binder and presenter mode.

    Upload the answers (CSV) or type a path; a people list is optional. The figure is
    rebuilt from the file; a problem with it shows the kit's message, never a traceback.
    Uploaded data is read from a private temporary folder that is deleted at once.
    """
    import ipywidgets as w

    upload = w.FileUpload(accept=".csv,.tsv,.txt", multiple=False, description="Upload answers")
    path_box = w.Text(value=path, description="or a path", placeholder="answers.csv",
                      layout=w.Layout(width="24em"))
    people_box = w.Text(value=people, description="people list", placeholder="(optional) people.csv",
                        layout=w.Layout(width="24em"))
    load = w.Button(description="Read the file", button_style="primary")
    message = w.HTML()
    holder = w.VBox()

    def read() -> None:
        try:
            item = upload.value[0] if upload.value else None
            roster = people_box.value.strip() or None
            if item is not None:
                with tempfile.TemporaryDirectory() as tmp:
                    p = Path(tmp) / (Path(str(item["name"])).name or "answers.csv")
                    p.write_bytes(bytes(item["content"]))
                    G, summary = read_survey(p, people=roster)
            elif path_box.value.strip():
                G, summary = read_survey(path_box.value.strip(), people=roster)
            else:
                raise P2PKitError("Upload a CSV file with the survey answers, or type the path of one.")
            fig = team_figure(G, pseudonymised=pseudonymised)
            holder.children = [fig.widget()]
            message.value = "<p>" + html.escape(" ".join(summary.lines(str)[:2])) + "</p>"
        except P2PKitError as exc:
            message.value = f"<p role='alert'><b>Could not read it.</b> {html.escape(str(exc))}</p>"
        except Exception as exc:  # a workshop screen shows a sentence, the log keeps the traceback
            log.exception("reading the survey failed")
            message.value = (f"<p role='alert'><b>Could not read it</b> ({html.escape(type(exc).__name__)}). "
                             "The details are in the log.</p>")

    load.on_click(lambda _: read())
    upload.observe(lambda _: read(), names="value")
    if path:
        read()
    return w.VBox([w.HBox([upload, path_box]), w.HBox([people_box, load]), message, holder])


FIGURES = [example_team]
