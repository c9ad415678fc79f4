"""Feedback for the exercises: what is right, what is not yet, and a hint.

Every check in :mod:`p2pkit.checks` is a function that takes the student's answer(s) and
returns a :class:`Feedback`. Three rules hold for all of them (the tests check each one):

1. **It never raises.** An answer that is still the placeholder ``...`` (or ``None``) gives
   the status ``"not answered"``; an answer that cannot be read (a word where a number
   belongs, a person who is not in the network) gives ``"not yet"`` and says what form the
   answer should take.
2. **It is never just "wrong".** A "not yet" names what is right so far, what is not, and
   gives a hint aimed at the likely mistake.
3. **Goals are checked by the model.** When a task asks for a change to a network ("add at
   most three ties so that ..."), the check applies the change and runs the model's own
   measure on the result; it does not compare strings with a stored answer.

The helpers below (:func:`as_number`, :func:`as_person`, :func:`as_ties`, ...) turn a
student's answer into the form a check needs, and raise :class:`AnswerError` with a
message that says what to write instead.
"""

from __future__ import annotations

import functools
import html
import inspect
import math
import numbers
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

__all__ = [
    "STATUSES",
    "Feedback",
    "Marks",
    "AnswerError",
    "task",
    "is_blank",
    "as_number",
    "as_choice",
    "as_person",
    "as_people",
    "as_ties",
    "as_text",
    "as_team",
    "close",
    "compare_number",
    "fmt",
    "people_text",
    "reflection",
    "say",
]

#: The three states of a task.
STATUSES = ("correct", "not yet", "not answered")

_LABELS = {"correct": "Correct", "not yet": "Not yet", "not answered": "Not answered yet"}
_MARKS = {"correct": "\u2713", "not yet": "\u2717"}
# Okabe-Ito colours (p2pkit.style): bluish green, vermillion, grey.
_COLOURS = {"correct": "#009E73", "not yet": "#D55E00", "not answered": "#999999"}


@dataclass(frozen=True)
class Feedback:
    """The outcome of one check, shown in a notebook as a short box of text.

    Attributes
    ----------
    task : str
        Which task this is about ("Task 2: single points of failure").
    status : {"correct", "not yet", "not answered"}
    right : tuple of str
        What the answer gets right.
    wrong : tuple of str
        What is not right yet (empty when ``status == "correct"``).
    hint : str
        A hint for the next attempt; for a correct answer, a pointer to go further.

    Examples
    --------
    >>> fb = Feedback("Task 1", "not yet", ("You named manager 2.",), ("Manager 7 is missing.",),
    ...               "Look at who is asked most often.")
    >>> fb.passed, fb.status
    (False, 'not yet')
    >>> print(fb)
    Task 1 -- Not yet
      ✓ You named manager 2.
      ✗ Manager 7 is missing.
      Hint: Look at who is asked most often.
    """

    task: str
    status: str
    right: tuple = ()
    wrong: tuple = ()
    hint: str = ""

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}; got {self.status!r}")
        object.__setattr__(self, "right", tuple(self.right))
        object.__setattr__(self, "wrong", tuple(self.wrong))

    @property
    def passed(self) -> bool:
        """True if the task is done (status ``"correct"``)."""
        return self.status == "correct"

    @property
    def label(self) -> str:
        """The status as shown to the student: Correct, Not yet, Not answered yet."""
        return _LABELS[self.status]

    @property
    def hint_label(self) -> str:
        return "Going further" if self.passed else "Hint"

    def __str__(self) -> str:
        lines = [f"{self.task} -- {self.label}"]
        lines += [f"  \u2713 {r}" for r in self.right]
        lines += [f"  \u2717 {w}" for w in self.wrong]
        if self.hint:
            lines.append(f"  {self.hint_label}: {self.hint}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        e = html.escape
        parts = [f'<div class="p2p-feedback p2p-feedback-{self.status.replace(" ", "-")}" '
                 f'style="border-left:6px solid {_COLOURS[self.status]};padding:0.3em 0.8em;margin:0.3em 0;">',
                 f"<p style=\"margin:0.2em 0\"><strong>{e(self.label)}</strong> \u2014 {e(self.task)}</p>"]
        items = [f"<li>\u2713 {e(r)}</li>" for r in self.right] + [f"<li>\u2717 {e(w)}</li>" for w in self.wrong]
        if items:
            parts.append('<ul style="list-style:none;padding-left:0.2em;margin:0.2em 0">' + "".join(items) + "</ul>")
        if self.hint:
            parts.append(f'<p style="margin:0.2em 0"><strong>{e(self.hint_label)}:</strong> {e(self.hint)}</p>')
        parts.append("</div>")
        return "".join(parts)


class AnswerError(ValueError):
    """An answer that cannot be read in the form a check needs; the message says what to write."""


class Marks:
    """What a check found, collected while it runs (see :func:`task`).

    ``ok(text)`` records something right, ``bad(text, hint)`` something not right yet with
    the hint that fits it (the first such hint is shown), ``either(right, ok, bad, hint)`` one
    of the two, ``hint(text)`` a general hint or, for a correct answer, a pointer to go further.
    """

    def __init__(self):
        self.right: list[str] = []
        self.wrong: list[str] = []
        self.hints: list[str] = []
        self.extra: list[str] = []

    def ok(self, text: str) -> Marks:
        self.right.append(text)
        return self

    def bad(self, text: str, hint: str | None = None) -> Marks:
        self.wrong.append(text)
        if hint:
            self.hints.append(hint)
        return self

    def hint(self, text: str) -> Marks:
        self.extra.append(text)
        return self

    def either(self, right: bool, ok: str, bad: str, hint: str | None = None) -> Marks:
        """``ok(ok)`` if the answer is ``right``, else ``bad(bad, hint)``.

        >>> Marks().either(False, "Right.", "Not the star.", "Count the hand-offs.").wrong
        ['Not the star.']
        """
        return self.ok(ok) if right else self.bad(bad, hint)

    def feedback(self, title: str) -> Feedback:
        status = "not yet" if self.wrong else "correct"
        hints = self.hints if self.wrong else []
        hint = hints[0] if hints else (self.extra[0] if self.extra else "")
        if self.wrong and not hint:
            hint = "Read the task again, and look at the chapter's table of measures for what is asked."
        return Feedback(title, status, tuple(self.right), tuple(self.wrong), hint)


def is_blank(value) -> bool:
    """True for an answer that has not been given yet: ``...``, ``None``, ``""`` or ``"..."``.

    A container counts as blank if it still holds a ``...`` anywhere (a list of ties with
    one ``...`` left in it is not finished). An empty list or set is an answer ("nobody").

    Examples
    --------
    >>> is_blank(...), is_blank(None), is_blank("  "), is_blank([("1", "2"), ...]), is_blank(set())
    (True, True, True, True, False)
    """
    if value is ... or value is None:
        return True
    if isinstance(value, str):
        return value.strip() in ("", "...")
    if isinstance(value, dict):
        return any(is_blank(k) or (v is ...) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(v is ... or (isinstance(v, (list, tuple)) and is_blank(v)) for v in value)
    return False


def task(title: str, form: str) -> Callable:
    """Turn a marking function into a check that always returns a :class:`Feedback`.

    The decorated function takes the student's answers and returns a :class:`Marks`.
    Before it runs, any answer that :func:`is_blank` gives ``"not answered"`` (naming the
    blank ones); while it runs, an :class:`AnswerError` or any other exception gives
    ``"not yet"`` with the message and ``form`` -- the check itself never raises.

    Parameters
    ----------
    title : str
        The task's name as shown to the student.
    form : str
        What an answer looks like, shown when an answer is missing or unreadable
        (for example ``"a number between 0 and 1, like answer = 0.25"``).

    Examples
    --------
    >>> @task("Task 1: a number", "a whole number, like answer = 3")
    ... def three(answer):
    ...     m = Marks()
    ...     if as_number(answer, "your answer") == 3:
    ...         m.ok("3 is right.")
    ...     else:
    ...         m.bad("That is not 3.", "Count again.")
    ...     return m
    >>> three(...).status, three("three").status, three(3).status
    ('not answered', 'not yet', 'correct')
    """
    def decorate(fn: Callable) -> Callable:
        sig = inspect.signature(fn)

        @functools.wraps(fn)
        def check(*args, **kwargs) -> Feedback:
            try:
                bound = sig.bind(*args, **kwargs)
            except TypeError as exc:
                return Feedback(title, "not yet", (), (f"The check was called the wrong way: {exc}.",),
                                "Run the check cell as it was given, with your answer's name in the brackets.")
            bound.apply_defaults()
            blank = [name for name, value in bound.arguments.items()
                     if sig.parameters[name].default is inspect.Parameter.empty and is_blank(value)]
            if blank:
                names = " and ".join(f"`{b}`" for b in blank)
                return Feedback(title, "not answered", (), (),
                                f"Replace the ... in {names} with your answer ({form}), run that cell, "
                                "then run this check again.")
            try:
                marks = fn(*bound.args, **bound.kwargs)
            except AnswerError as exc:
                return Feedback(title, "not yet", (), (str(exc),), f"Write your answer as {form}.")
            except Exception as exc:  # noqa: BLE001 -- a check must never raise at a student
                msg = str(exc) or type(exc).__name__
                return Feedback(title, "not yet", (), (f"Your answer could not be checked: {msg}",),
                                f"Write your answer as {form}.")
            return marks.feedback(title)

        check.title = title
        check.form = form
        return check

    return decorate


# --------------------------------------------------------------------------- reading answers


def fmt(x: float, digits: int = 3) -> str:
    """A number as a student would write it: at most ``digits`` decimals, no trailing zeros.

    Examples
    --------
    >>> fmt(0.30000000004), fmt(2.0), fmt(1 / 3), fmt(1050.0, 0)
    ('0.3', '2', '0.333', '1050')
    """
    if isinstance(x, float) and not math.isfinite(x):
        return "infinite" if x > 0 else "minus infinity"
    text = f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _natural(v):
    text = str(v)
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", text)]


def people_text(people, last: str = ",") -> str:
    """People listed in natural order ("2, 7, 14", not "14, 2, 7"), joined by commas (or "and" before the last).

    Examples
    --------
    >>> people_text({"14", "2", "7"}), people_text({"14", "2", "7"}, last=" and")
    ('2, 7, 14', '2, 7 and 14')
    """
    items = [str(v) for v in sorted(people, key=_natural)]
    if last == "," or len(items) < 2:
        return ", ".join(items)
    return ", ".join(items[:-1]) + f"{last} " + items[-1]


def as_number(value, what: str = "your answer") -> float:
    """Read a number: an int, a float, or text like ``"0.25"``, ``"25%"`` or ``"1,5"``.

    A percentage in text is divided by 100. Raises :class:`AnswerError` otherwise.

    Examples
    --------
    >>> as_number(3), as_number("25%"), as_number("1,5")
    (3.0, 0.25, 1.5)
    """
    if isinstance(value, bool):
        raise AnswerError(f"{what} is {value}, a yes/no value; a number is needed here.")
    if isinstance(value, numbers.Real):
        x = float(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        percent = text.endswith("%")
        text = text.rstrip("%").replace(",", ".")
        try:
            x = float(text)
        except ValueError:
            raise AnswerError(f"{what} is the text {value!r}, not a number.") from None
        if percent:
            x /= 100
    else:
        raise AnswerError(f"{what} is a {type(value).__name__}, not a number.")
    if math.isnan(x):
        raise AnswerError(f"{what} is not a number (nan).")
    return x


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", str(text).strip().lower())


def as_choice(value, options: dict[str, Iterable[str]] | Iterable[str], what: str = "your answer") -> str:
    """Read one of a few named options, forgiving case, spaces, hyphens and synonyms.

    Parameters
    ----------
    options : dict or iterable of str
        The options; a dict maps each option to extra spellings that mean it.

    Examples
    --------
    >>> as_choice("Client_Server", {"client-server": ["star"], "peer mesh": ["mesh"]})
    'client-server'
    >>> as_choice("mesh", {"client-server": ["star"], "peer mesh": ["mesh"]})
    'peer mesh'
    """
    if not isinstance(options, dict):
        options = {o: [] for o in options}
    if not isinstance(value, str):
        raise AnswerError(f"{what} should be text, one of: " + ", ".join(repr(o) for o in options) + ".")
    given = _norm(value)
    for option, synonyms in options.items():
        if given == _norm(option) or given in (_norm(s) for s in synonyms):
            return option
    raise AnswerError(f"{what} {value!r} is not one of the options: " + ", ".join(repr(o) for o in options) + ".")


def _label_lookup(G: nx.Graph) -> dict:
    return {_norm(v): v for v in G}


def as_person(value, G: nx.Graph, what: str = "your answer"):
    """Read one person of ``G``: forgiving ``7`` for ``"7"`` and case in names.

    Examples
    --------
    >>> G = nx.Graph([("1", "2")])
    >>> as_person(2, G)
    '2'
    """
    if isinstance(value, bool) or value is None:
        raise AnswerError(f"{what} should name a person in the network.")
    if value in G:
        return value
    lookup = _label_lookup(G)
    key = _norm(value.item() if hasattr(value, "item") else value)
    if isinstance(value, float) and value.is_integer():
        key = _norm(int(value))
    if key in lookup:
        return lookup[key]
    sample = ", ".join(repr(v) for v in list(G)[:4])
    raise AnswerError(f"{what}: {value!r} is not a person in this network (people are named like {sample}, ...).")


def as_people(value, G: nx.Graph, what: str = "your answer") -> set:
    """Read a group of people of ``G`` (a set, list or tuple; one person alone is a group of one).

    Examples
    --------
    >>> G = nx.path_graph(4)
    >>> sorted(as_people([1, "2"], G)), as_people(3, G), as_people(set(), G)
    ([1, 2], {3}, set())
    """
    if isinstance(value, (str, numbers.Number)) and not isinstance(value, bool):
        return {as_person(value, G, what)}
    if isinstance(value, dict):
        value = list(value)
    try:
        items = list(value)
    except TypeError:
        raise AnswerError(f"{what} should be a set of people, like {{'2', '7'}}.") from None
    return {as_person(v, G, what) for v in items}


def as_ties(value, G: nx.Graph | None = None, what: str = "your ties", directed: bool = False) -> list[tuple]:
    """Read a list of ties: pairs of people, like ``[("1", "2"), ("3", "4")]``.

    With ``G``, each person must be in ``G`` (spelled as in ``G``); a tie to oneself or the
    same tie twice is refused with a message. Without ``G``, any labels are accepted (the
    reader's own team). With ``directed``, ``(a, b)`` and ``(b, a)`` are two different ties.

    Examples
    --------
    >>> as_ties([(1, 2), ("2", "3")], nx.path_graph(4))
    [(1, 2), (2, 3)]
    """
    if isinstance(value, (str, bytes, numbers.Number)):
        raise AnswerError(f"{what} should be a list of pairs, like [('A', 'B'), ('B', 'C')].")
    try:
        items = list(value)
    except TypeError:
        raise AnswerError(f"{what} should be a list of pairs, like [('A', 'B'), ('B', 'C')].") from None
    ties, seen = [], set()
    for item in items:
        if isinstance(item, (str, bytes)) or not hasattr(item, "__len__") or len(item) != 2:
            raise AnswerError(f"{what}: {item!r} is not a pair of two people; write each tie as ('A', 'B').")
        a, b = item
        if G is not None:
            a, b = as_person(a, G, what), as_person(b, G, what)
        else:
            a, b = (str(a).strip(), str(b).strip())
        if a == b:
            raise AnswerError(f"{what}: ({a!r}, {b!r}) ties a person to themselves; a tie needs two people.")
        key = (a, b) if directed else frozenset((a, b))
        if key in seen:
            raise AnswerError(f"{what}: the tie between {a!r} and {b!r} is listed twice.")
        seen.add(key)
        ties.append((a, b))
    return ties


def as_text(value, what: str = "your answer") -> str:
    """Read a piece of writing (a string)."""
    if not isinstance(value, str):
        raise AnswerError(f"{what} should be text in quotes, like \"\"\"...\"\"\".")
    return value.strip()


def as_team(value, what: str = "your team's ties") -> nx.Graph:
    """Read the reader's own team as a list of ties between initials or roles.

    Examples
    --------
    >>> T = as_team([("Ana", "Ben"), ("Ben", "Cy")])
    >>> T.number_of_nodes(), T.number_of_edges()
    (3, 2)
    """
    ties = as_ties(value, None, what)
    if len(ties) < 2:
        raise AnswerError(f"{what}: list at least two ties (three people or more), like [('A', 'B'), ('B', 'C')].")
    return nx.Graph(ties)


def close(x: float, target: float, rel: float = 0.01, abs_tol: float = 1e-3) -> bool:
    """True if ``x`` is within ``rel`` (relative) or ``abs_tol`` (absolute) of ``target``.

    Examples
    --------
    >>> close(0.333, 1 / 3), close(0.3, 1 / 3)
    (True, False)
    """
    return math.isclose(x, target, rel_tol=rel, abs_tol=abs_tol)


def say(*texts: str, width: int = 76) -> None:
    """Print sentences (a model's verdict, say) wrapped to ``width`` characters, one paragraph each.

    Examples
    --------
    >>> say("One two three four five six.", width=14)
    One two three
    four five six.
    """
    import textwrap

    print("\n\n".join(textwrap.fill(str(t), width) for t in texts))


def compare_number(m: Marks, x: float, truth: float, what: str, mistakes: Iterable = (), hint: str = "",
                   rel: float = 0.01, abs_tol: float = 1e-3, unit: str = "") -> bool:
    """Mark a number against the model's value, recognising known mistakes.

    Parameters
    ----------
    m : Marks
    x, truth : float
        The student's number and the value the model computed.
    what : str
        What the number is, to start the sentences ("The modularity of the two clubs").
    mistakes : iterable of (value, text, hint)
        Values a typical mistake gives, each with what to say and the hint that fits it.
    hint : str
        The hint for any other wrong number. The feedback also says whether the answer is
        too high or too low, never the value itself.

    Returns
    -------
    bool
        True if ``x`` matches ``truth``.

    Examples
    --------
    >>> m = Marks()
    >>> compare_number(m, 0.2, 0.5, "The share", [(0.8, "0.8 is the share that stays.", "Take 1 minus it.")])
    False
    >>> m.wrong
    ['The share is not 0.2: your value is too low.']
    """
    if close(x, truth, rel, abs_tol):
        m.ok(f"{what} is {fmt(truth)}{unit}.")
        return True
    for value, text, tip in mistakes:
        if value is not None and not close(value, truth, rel, abs_tol) and close(x, value, rel, abs_tol):
            m.bad(text, tip)
            return False
    m.bad(f"{what} is not {fmt(x)}{unit}: your value is too {'high' if x > truth else 'low'}.", hint or None)
    return False


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", text))


def reflection(text, min_words: int = 30, prompts: Iterable[str] = (), what: str = "your reflection") -> Marks:
    """Marks for a written reflection: long enough to be a real answer, with prompts to go further.

    A reflection has no single right answer, so the check only looks for substance: at least
    ``min_words`` words. Below that it says how many there are and offers the first prompt;
    above it, it offers a prompt for going further.

    Examples
    --------
    >>> m = reflection("Too short.", min_words=5, prompts=["Name one person."])
    >>> m.feedback("R").status, m.feedback("R").hint
    ('not yet', 'Name one person.')
    """
    text = as_text(text, what)
    n = _words(text)
    prompts = list(prompts)
    m = Marks()
    if n < min_words:
        m.bad(f"{what[0].upper() + what[1:]} has {n} word{'' if n == 1 else 's'}; write at least {min_words}, "
              "so that you can come back to it later.", prompts[0] if prompts else "Say what you saw, where, and what you would change.")
    else:
        m.ok(f"You wrote {n} words. There is no single right answer here; keep it for your own notes or a discussion.")
        if prompts:
            m.hint(prompts[-1])
    return m
