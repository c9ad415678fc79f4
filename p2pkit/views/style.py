"""The house style of the interactive figures: what each role looks like, in one table.

Every person in a figure has a *role*. The role fixes a colour from Okabe & Ito's (2008)
colour-blind-safe palette *and* a marker shape, so a figure still reads in black and white
and colour is never the only cue. The browser component receives this table with each
figure; nothing else defines how a role is drawn.

References
----------
Okabe, M., & Ito, K. (2008). Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people. J*FLY.
"""

from __future__ import annotations

__all__ = ["OKABE_ITO", "ROLE_COLOURS", "ROLE_MARKERS", "COMMUNITY_COLOURS", "ROLES", "TIE_DASHES", "role_table"]

#: Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "grey": "#999999",
}

ROLE_COLOURS = {
    "centre": OKABE_ITO["vermillion"],
    "peer": OKABE_ITO["blue"],
    "bridge": OKABE_ITO["orange"],
    "removed": "#BBBBBB",
    "reached": OKABE_ITO["bluish green"],
    "rumour": OKABE_ITO["reddish purple"],
    "tie": "#7A7A7A",
}

ROLE_MARKERS = {"centre": "s", "peer": "o", "bridge": "D", "removed": "X", "reached": "o", "rumour": "^"}

COMMUNITY_COLOURS = [
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish green"],
    OKABE_ITO["reddish purple"],
    OKABE_ITO["sky blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["yellow"],
    OKABE_ITO["black"],
]

#: role -> (label shown in legends and tooltips, colour, shape). Shapes are d3 symbol names
#: (circle, square, diamond, triangle, star, wye, cross) or "times" (an X, for removed people).
ROLES: dict[str, tuple[str, str, str]] = {
    "centre": ("centre", ROLE_COLOURS["centre"], "square"),
    "peer": ("peer", ROLE_COLOURS["peer"], "circle"),
    "bridge": ("broker between groups", ROLE_COLOURS["bridge"], "diamond"),
    "single_point": ("would cut someone off by leaving", ROLE_COLOURS["bridge"], "diamond"),
    "removed": ("removed", "#8C8C8C", "times"),
    "reached": ("reached", ROLE_COLOURS["reached"], "circle"),
    "rumour": ("holds the rumour", ROLE_COLOURS["rumour"], "triangle"),
    "cut_off": ("cut off", "#8C8C8C", "circle"),
    "manager": ("manager", OKABE_ITO["sky blue"], "triangle"),
    "agent": ("AI agent", OKABE_ITO["reddish purple"], "wye"),
    "new": ("new tie or newcomer", OKABE_ITO["bluish green"], "star"),
    "decider": ("takes the decision", OKABE_ITO["vermillion"], "square"),
    "holder": ("holds a piece of what it needs", OKABE_ITO["bluish green"], "triangle"),
    "relay": ("passes a piece on", OKABE_ITO["orange"], "diamond"),
    "simulated": ("simulated", "#8C8C8C", "cross"),
    # chapter 9: tasks claimed by a local rule or assigned by a centre
    "task": ("open task", OKABE_ITO["vermillion"], "cross"),
    "task_done": ("task taken (line to its person)", OKABE_ITO["bluish green"], "cross"),
    "other": ("other", "#595959", "circle"),
    # chapter 4: a sudden need, the chain of command, news
    "need": ("where the need appears", OKABE_ITO["reddish purple"], "star"),
    "skilled": ("has the skill", OKABE_ITO["orange"], "cross"),
    "recruited": ("has the skill and comes", OKABE_ITO["bluish green"], "diamond"),
    "boss": ("boss who decides", OKABE_ITO["vermillion"], "square"),
    "chief": ("chief executive", OKABE_ITO["vermillion"], "square"),
    "heard": ("has heard the news", OKABE_ITO["bluish green"], "triangle"),
    # chapters 2 and 4: someone no news, rumour or correction has reached yet
    "unheard": ("has not heard yet", "#8C8C8C", "circle"),
    # chapter 2: the one person whose departure makes communities lose touch; the race of a
    # rumour against its correction (the rumour's believers are "rumour")
    "holds_together": ("holds communities together alone", OKABE_ITO["vermillion"], "cross"),
    "corrected": ("heard the correction first", OKABE_ITO["bluish green"], "square"),
    # workshops
    "weaver": ("weaver (makes the introductions)", OKABE_ITO["vermillion"], "square"),
    "no_ties": ("no ties in these answers", "#8C8C8C", "wye"),
    "not_yet": ("not in the answers yet", "#B0B0B0", "square"),
    # a line drawn for comparison (a theory, another network): a mid grey that reads on light and dark
    "reference": ("for comparison", "#8C8C8C", "cross"),
    # chapter 7's stylised organisations and chapter 8's network weaving
    "office": ("back office", OKABE_ITO["vermillion"], "cross"),
    "coach": ("coach", OKABE_ITO["orange"], "diamond"),
    "representative": ("elected representative", OKABE_ITO["reddish purple"], "diamond"),
    "hub": ("hub", OKABE_ITO["orange"], "diamond"),
    "core": ("core member", OKABE_ITO["bluish green"], "triangle"),
}

#: tie kind -> SVG dash pattern (empty: solid). Kinds are assigned in the order of a panel's
#: ``kind_names`` when it has them, else in order of appearance.
TIE_DASHES = ["", "5 3", "1.5 2.5", "8 3 2 3"]


def role_table() -> dict:
    """The role table as the browser component reads it (``{role: {label, colour, shape}}``)."""
    return {k: {"label": lab, "colour": col, "shape": shp} for k, (lab, col, shp) in ROLES.items()}
