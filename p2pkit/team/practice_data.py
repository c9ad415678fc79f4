"""Practice data: a seeded, synthetic company's survey answers to try the kit on.

``python -m p2pkit example FOLDER`` writes them (:func:`write_example`); the benchmarks and the
published mapping page use the same company (:func:`example_company`).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from ..errors import P2PKitError
from .cells import RELATIONS
from .privacy import neutralise_cell

__all__ = ["example_company", "write_example"]

#: Teams per department (each department head leads the first team of their department).
DEPARTMENT_TEAMS = 8


def example_company(people: int = 60, ties: int | None = None, seed: int = 0
                    ) -> tuple[list[dict], list[dict]]:
    """A synthetic company's survey answers, to practise with: ``(ties, people)``.

    People are grouped in teams of 5 to 12, each with a manager; managers report to
    department heads, who report to a chief executive. Each person names their manager,
    several team-mates, a few sought-after experts and some people in nearby teams, on the
    four relations of :data:`RELATIONS`. Same ``seed``, same company.

    Parameters
    ----------
    people : int, default 60
        Number of people (at least 10).
    ties : int, optional
        Total number of ties (distinct ordered pairs, each with one relation); default
        ``10 * people`` (at most a quarter of all ordered pairs).
    seed : int, default 0

    Returns
    -------
    (list of dict, list of dict)
        Ties ``{"source", "target", "relation", "weight"}`` and people
        ``{"name", "team", "role", "manager"}``.

    Notes
    -----
    A teaching and benchmarking stand-in, not a model fitted to data: dense ties inside
    teams, ties to managers and a few sought-after experts give the skewed, clustered
    networks that organisational network studies describe (Cross & Parker 2004).

    References
    ----------
    Cross, R., & Parker, A. (2004). *The Hidden Power of Social Networks*. Boston: Harvard
    Business School Press.

    Examples
    --------
    >>> t, p = example_company(60, seed=1)
    >>> len(p), len(t)
    (60, 600)
    """
    ties = _check_size(people, ties)
    rng = random.Random(seed)
    width = len(str(people))
    names = [f"Person {i:0{width}d}" for i in range(people)]
    chart = _Chart.draw(people, rng)
    rows_people = [{"name": names[0], "team": "Executive", "role": "chief executive", "manager": ""}]
    for t, members in enumerate(chart.teams):
        for v in members:
            rows_people.append({"name": names[v], "team": f"Team {t + 1}", "role": chart.role(v),
                                "manager": names[chart.manager_of[v]] if chart.manager_of[v] is not None else ""})
    chosen = _choose_ties(chart, people, ties, rng)
    rows_ties = [{"source": names[s], "target": names[t], "relation": rel, "weight": w}
                 for (s, t), (rel, w) in chosen.items()]
    return rows_ties, rows_people


def _check_size(people: int, ties: int | None) -> int:
    """The number of ties asked for (default ``10 * people``), checked against the company's size."""
    if not isinstance(people, int) or people < 10:
        raise P2PKitError(f"people must be a whole number of at least 10; got {people!r}.")
    most = people * (people - 1) // 4
    ties = min(10 * people, most) if ties is None else int(ties)
    if ties < 1 or ties > most:
        raise P2PKitError(f"ties must be between 1 and {most}; got {ties}.")
    return ties


class _Chart:
    """The formal chart: teams of 5 to 12 under a manager, departments of :data:`DEPARTMENT_TEAMS`
    teams under a head, and person 0 as chief executive."""

    def __init__(self, teams: list[list[int]]):
        self.teams = teams
        self.heads: set[int] = set()
        self.team_of = {0: -1}
        self.manager_of: dict[int, int | None] = {0: None}
        for t, members in enumerate(teams):
            head_team = t // DEPARTMENT_TEAMS * DEPARTMENT_TEAMS
            mgr = members[0]
            if t == head_team:
                self.heads.add(mgr)
                self.manager_of[mgr] = 0
            else:
                self.manager_of[mgr] = teams[head_team][0]
            for v in members:
                self.team_of[v] = t
                if v != mgr:
                    self.manager_of[v] = mgr

    @classmethod
    def draw(cls, people: int, rng: random.Random) -> _Chart:
        teams: list[list[int]] = []
        i = 1
        while i < people:
            size = rng.randint(5, 12)
            teams.append(list(range(i, min(people, i + size))))
            i += size
        return cls(teams)

    def role(self, v: int) -> str:
        if v != self.teams[self.team_of[v]][0]:
            return "staff"
        return "department head" if v in self.heads else "manager"


def _choose_ties(chart: _Chart, people: int, ties: int, rng: random.Random
                 ) -> dict[tuple[int, int], tuple[str, float]]:
    """``ties`` distinct ordered pairs, each with one relation and a weight (see :func:`example_company`)."""
    experts = rng.sample(range(people), max(2, people // 40))
    managers = [m[0] for m in chart.teams]
    weights = (0.35, 0.3, 0.15, 0.2)
    out: dict[tuple[int, int], tuple[str, float]] = {}  # one relation per pair: ties = distinct pairs
    attempts = 0
    while len(out) < ties and attempts < 50 * ties:
        attempts += 1
        v = rng.randrange(people)
        rel = rng.choices(RELATIONS, weights)[0]
        u = _pick(chart, v, rng.random(), rng, experts, managers)
        if u == v:
            continue
        out.setdefault((v, u), (rel, float(rng.choice((1, 1, 2, 3)))))
    return out


def _pick(chart: _Chart, v: int, r: float, rng: random.Random, experts: list[int], managers: list[int]) -> int:
    """Whom ``v`` names, for a uniform draw ``r``: their manager, a team-mate, an expert, a manager, or
    someone in a team up to three teams away."""
    t = chart.team_of[v]
    if r < 0.15 and chart.manager_of[v] is not None:
        return chart.manager_of[v]
    if r < 0.6 and t >= 0:  # the chief executive (no manager, no team) names an expert instead
        return rng.choice(chart.teams[t])
    if r < 0.72:
        return rng.choice(experts)
    if r < 0.8:
        return rng.choice(managers)
    tt = min(len(chart.teams) - 1, max(0, (t if t >= 0 else 0) + rng.randint(-3, 3)))
    return rng.choice(chart.teams[tt])


def write_example(folder: str | Path, people: int = 60, ties: int | None = None, seed: int = 0
                  ) -> tuple[Path, Path]:
    """Write :func:`example_company` as ``ties.csv`` and ``people.csv`` in ``folder``.

    Returns the two paths. Existing files of those names are refused, never overwritten.

    Examples
    --------
    >>> import tempfile
    >>> t, p = write_example(tempfile.mkdtemp(), people=20)
    >>> t.name, p.name
    ('ties.csv', 'people.csv')
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows_ties, rows_people = example_company(people, ties, seed)
    tp, pp = folder / "ties.csv", folder / "people.csv"
    for p in (tp, pp):
        if p.exists():
            raise P2PKitError(f"{p} already exists; the kit never overwrites a file. Choose another folder.")
    _write_rows(tp, ["source", "target", "relation", "weight"], rows_ties)
    _write_rows(pp, ["name", "team", "role", "manager"], rows_people)
    return tp, pp


def _write_rows(path: Path, header: list[str], rows: list[dict]) -> None:
    with open(path, "x", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow([neutralise_cell(r.get(h, "")) for h in header])
