"""What a live survey holds and what it accepts: the roster, the questions, one answer.

Pure functions, no storage and no web: :mod:`.store` keeps what these functions accept, and
the web layer turns a :class:`RoomError` into a clear 4xx page.

- :func:`parse_roster` -- names typed or pasted one per line (a tab and a team may follow, as
  a spreadsheet pastes them); :func:`roster_from_people` -- the kit's people CSV, read with
  :func:`p2pkit.team.people.read_people`.
- :func:`parse_questions` -- the questions, each read into a relation exactly as
  :func:`p2pkit.team.intake.read_survey` will read the exported CSV's header.
- :func:`check_answer` -- one participant's ticks: every name on the roster, nobody twice,
  not themselves.
- :func:`survey_graph` -- the network of the answers so far (ties from the person who answered
  to the person named, one ``relation`` per question, as the survey kit builds it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ...errors import P2PKitError
from ..cells import MAX_NAME_LENGTH, QUESTIONS, clean_name, relation_of
from ..people import read_people

__all__ = [
    "DEFAULT_QUESTIONS",
    "MAX_PEOPLE",
    "MAX_QUESTIONS",
    "Person",
    "Question",
    "RoomError",
    "check_answer",
    "name_key",
    "parse_questions",
    "parse_roster",
    "roster_from_people",
    "survey_graph",
]

#: A workshop room, with room to spare (the map stays readable up to about 40).
MAX_PEOPLE = 200
#: Questions per survey (the kit asks four at most).
MAX_QUESTIONS = 4
MAX_LABEL = 40
MAX_TEXT = 300
MAX_TEAM = 60


class RoomError(P2PKitError):
    """A request the room refuses, with the HTTP status to answer and a message that says what to do."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Person:
    """One name on the roster, with an optional team."""

    name: str
    team: str = ""


@dataclass(frozen=True)
class Question:
    """One name-generator question: a short ``label`` (a column on the phone), the ``text``
    read to the room, and the ``key``: the relation the exported CSV's header is read as."""

    key: str
    label: str
    text: str

    @property
    def header(self) -> str:
        """The column header of the kit's CSV form (``Advice: Whom do you ...``)."""
        return f"{self.label}: {self.text}"


def _question(label: str, text: str) -> Question:
    return Question(relation_of(f"{label}: {text}"), label, text)


#: advice, information and decisions, in the survey kit's words (p2pkit.team.cells.QUESTIONS)
DEFAULT_QUESTIONS = (
    _question("Advice", QUESTIONS["advice"]),
    _question("Information", QUESTIONS["information"]),
    _question("Decisions", QUESTIONS["decisions"]),
)


def name_key(name: str) -> str:
    """Names that differ only in upper/lower case or spaces share this key (one person).

    Examples
    --------
    >>> name_key(" Ana  Lopez") == name_key("ana lopez")
    True
    """
    return re.sub(r"\s+", "", name).casefold()


def _clean(text: str, what: str, limit: int, line: int | None = None) -> str:
    where = f" (line {line})" if line is not None else ""
    value, _ = clean_name(unicodedata.normalize("NFC", str(text)))
    if len(value) > limit:
        raise RoomError(f"the {what}{where} is longer than {limit} characters; shorten it.")
    return value


def _person(name: str, team: str, line: int | None) -> Person:
    where = f" (line {line})" if line is not None else ""
    clean = _clean(name, "name", MAX_NAME_LENGTH, line)
    if not clean:
        raise RoomError(f"a name is empty{where}; type a name or remove the line.")
    if ";" in clean:
        raise RoomError(f"the name {clean!r}{where} contains a semicolon, which the CSV form uses between "
                        "names; write it without one.")
    return Person(clean, _clean(team, "team", MAX_TEAM, line))


def _unique(people: list[Person]) -> list[Person]:
    if len(people) > MAX_PEOPLE:
        raise RoomError(f"the roster has {len(people)} names; a room takes at most {MAX_PEOPLE}. "
                        "Run one survey per group.")
    seen: dict[str, str] = {}
    for p in people:
        k = name_key(p.name)
        if k in seen:
            raise RoomError(f"{seen[k]!r} and {p.name!r} are the same name (they differ only in upper/lower "
                            "case or spaces); keep one, or tell the two people apart (add an initial).")
        seen[k] = p.name
    return people


def parse_roster(text: str) -> list[Person]:
    """The roster from text: one person per line, ``name`` or ``name<TAB>team``.

    Blank lines are skipped; a name keeps its commas ("Lopez, Ana"). A tab separates the
    team, as a spreadsheet's two columns paste.

    Raises
    ------
    RoomError
        An empty or too long name, a semicolon in a name, the same name twice, too many names.

    Examples
    --------
    >>> parse_roster("Ana\\tOperations\\n\\nBo")
    [Person(name='Ana', team='Operations'), Person(name='Bo', team='')]
    """
    people = []
    for i, line in enumerate(str(text).splitlines(), start=1):
        if not line.strip():
            continue
        name, _, team = line.partition("\t")
        people.append(_person(name, team, i))
    return _unique(people)


def roster_from_people(path: str | Path) -> list[Person]:
    """The roster from the kit's people CSV (``name[,team,role,manager]``), read with
    :func:`p2pkit.team.people.read_people` (which reports every problem with its row)."""
    people = read_people(path, max_mb=1.0)
    return _unique([_person(name, attrs.get("team", ""), None) for name, attrs in people.items()])


def parse_questions(rows: Iterable[tuple[str, str]]) -> list[Question]:
    """The questions from ``(label, text)`` pairs; pairs with both parts empty are skipped.

    Each question's relation is what :func:`p2pkit.team.intake.read_survey` reads from its
    exported header, so the CSV form reads back with the same relations.

    Examples
    --------
    >>> [q.key for q in parse_questions([("Advice", "Whom do you ask?"), ("", "")])]
    ['advice']
    """
    out = []
    for i, (label, text) in enumerate(rows, start=1):
        label = _clean(label, f"label of question {i}", MAX_LABEL)
        text = _clean(text, f"text of question {i}", MAX_TEXT)
        if not label and not text:
            continue
        if not label or not text:
            raise RoomError(f"question {i} needs both a short label (a column on the phone) and the question.")
        if ":" in label or ";" in label:
            raise RoomError(f"the label {label!r} contains ':' or ';'; use a plain word such as 'Advice'.")
        out.append(_question(label, text))
    if not out:
        raise RoomError("give at least one question.")
    if len(out) > MAX_QUESTIONS:
        raise RoomError(f"give at most {MAX_QUESTIONS} questions: more tires people and thins the answers.")
    keys = [q.key for q in out]
    for k in keys:
        if keys.count(k) > 1:
            same = [q.label for q in out if q.key == k]
            raise RoomError(f"the questions {same} would all be read as the relation {k!r}; give them labels "
                            "that differ (for example Advice, Information, Decisions, Energy).")
    return out


def check_answer(questions: Iterable[Question], roster: Iterable[str], me: str,
                 ticks: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """One participant's answer, checked: ``{question key: [names, in roster order]}``.

    Parameters
    ----------
    questions : the survey's questions
    roster : every name on the roster
    me : the participant (nobody names themselves)
    ticks : question key -> the names ticked (as the form sent them)

    Raises
    ------
    RoomError
        A question that is not asked, a name that is not on the roster, or the participant's
        own name (status 400: nothing is stored).

    Examples
    --------
    >>> check_answer(DEFAULT_QUESTIONS, ["Ana", "Bo", "Cy"], "Ana", {"advice": ["Cy", "Bo", "Cy"]})
    {'advice': ['Bo', 'Cy'], 'information': [], 'decisions': []}
    """
    order = {n: i for i, n in enumerate(roster)}
    keys = [q.key for q in questions]
    unknown = [k for k in ticks if k not in keys]
    if unknown:
        raise RoomError(f"this survey does not ask the question {unknown[0]!r}; reload the page.")
    out = {}
    for k in keys:
        names = set()
        for n in ticks.get(k, ()):
            if n not in order:
                raise RoomError("a name you ticked is not on the room's list; reload the page and tick again.")
            if n == me:
                raise RoomError("you ticked your own name; the questions are about your colleagues.")
            names.add(n)
        out[k] = sorted(names, key=order.__getitem__)
    return out


def survey_graph(people: Iterable[Person], questions: Iterable[Question],
                 answers: Mapping[str, Mapping[str, Iterable[str]]]) -> nx.DiGraph:
    """The network of the answers: everyone on the roster, a tie from each person who
    answered to each person they named, with the relations joined by ``;`` (as
    :func:`p2pkit.team.intake.read_survey` builds it) and weight 1.

    Examples
    --------
    >>> G = survey_graph([Person("Ana"), Person("Bo")], DEFAULT_QUESTIONS,
    ...                  {"Ana": {"advice": ["Bo"], "decisions": ["Bo"]}})
    >>> G.edges["Ana", "Bo"]
    {'weight': 1.0, 'relation': 'advice;decisions'}
    """
    G = nx.DiGraph()
    for p in people:
        G.add_node(p.name, **({"team": p.team} if p.team else {}))
    keys = [q.key for q in questions]
    for who, ticks in answers.items():
        rels: dict[str, set] = {}
        for k in keys:
            for n in ticks.get(k, ()):
                if n in G and n != who:
                    rels.setdefault(n, set()).add(k)
        for n, rs in rels.items():
            G.add_edge(who, n, weight=1.0, relation=";".join(sorted(rs)))
    return G
