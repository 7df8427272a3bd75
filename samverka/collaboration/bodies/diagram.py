"""Lays out the system overview diagram (seed 004, 6.4.4) for server-side SVG.

One column per area (green education & matching, blue transition & guidance,
yellow preparatory measures, grey national), each column an indented outline
of its bodies in "reports to" order. Two kinds of arrows:

* questions: from a body to the body it reports to (upward), solid;
* demand: from every industry forum to the top bodies of the other regional
  areas ("the green area gives the others the picture of needs"), dashed.

Pure Python over already loaded bodies: no queries. The template draws the
result; the page also carries the same structure as a nested list.
"""

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from samverka.collaboration.bodies.models import Area, BodyKind, BodyStatus

if TYPE_CHECKING:
    from samverka.collaboration.bodies.selectors import TreeNode

COLUMN_WIDTH = 300
COLUMN_GAP = 28
MARGIN = 16
HEADER = 52
BOX_HEIGHT = 46
ROW_HEIGHT = 62
INDENT = 18
MAX_INDENT = 5
LEGEND_HEIGHT = 70
CHAR_WIDTH = 8.0  # generous width of a bold 13px system-ui character, for shortening labels
HEADER_CHAR_WIDTH = 8.2  # bold 14px

#: area → (column fill, box border) — the light fills of samverka.css, borders dark enough for 3:1.
AREA_COLOURS: dict[str, tuple[str, str]] = {
    Area.EDUCATION_MATCHING: ("#e6f4ea", "#1d6b35"),
    Area.TRANSITION_GUIDANCE: ("#e7f0fb", "#0b4f8a"),
    Area.PREPARATORY: ("#fdf6d8", "#7a4f00"),
    Area.NATIONAL: ("#eceef1", "#4a5260"),
}
#: The colour word shown with each area's name (colour is never the only cue).
AREA_COLOUR_NAMES: dict[str, str] = {
    Area.EDUCATION_MATCHING: "green",
    Area.TRANSITION_GUIDANCE: "blue",
    Area.PREPARATORY: "yellow",
    Area.NATIONAL: "grey",
}
REGIONAL_TARGET_AREAS = (Area.TRANSITION_GUIDANCE, Area.PREPARATORY)


def colour_name(area: str) -> str:
    """The translated colour word of an area (shown next to its name)."""
    names = {"green": _("green"), "blue": _("blue"), "yellow": _("yellow"), "grey": _("grey")}
    return names[AREA_COLOUR_NAMES.get(area, "grey")]


def _shorten(text: str, width: float, char_width: float = CHAR_WIDTH) -> str:
    room = max(int(width / char_width), 4)
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def layout(ordered: list["TreeNode"], area_totals: dict[str, int] | None = None) -> dict[str, Any]:
    """Coordinates for columns, boxes and arrows; ``ordered`` is the tree in depth-first order (the bodies the
    page shows). A column's count is the area's number of bodies in ``area_totals`` (all the user may see),
    else the boxes drawn; ``shown`` is the number drawn."""
    from samverka.collaboration.bodies.selectors import AREA_ORDER

    area_labels = dict(Area.choices)
    kind_labels = dict(BodyKind.choices)
    areas = [a for a in AREA_ORDER if any(n.body.area == a for n in ordered)]
    if not areas:
        return {"empty": True, "width": 0, "height": 0, "columns": [], "boxes": [], "edges": []}
    column_x: dict[str, int] = {area: MARGIN + i * (COLUMN_WIDTH + COLUMN_GAP) for i, area in enumerate(areas)}
    rows: dict[str, int] = dict.fromkeys(areas, 0)
    local_depth: dict[int, int] = {}
    placed: dict[int, dict[str, Any]] = {}
    parent_of: dict[int, int | None] = {}
    for node in ordered:
        body = node.body
        # depth-first order: a visible parent is always placed before its children
        parent_pk = body.parent_id if body.parent_id in placed else None
        parent_of[body.pk] = parent_pk
        same_column = parent_pk is not None and placed[parent_pk]["area"] == body.area
        depth = local_depth[parent_pk] + 1 if parent_pk is not None and same_column else 0
        local_depth[body.pk] = depth
        indent = min(depth, MAX_INDENT) * INDENT
        x = column_x[body.area] + 10 + indent
        y = HEADER + MARGIN + rows[body.area] * ROW_HEIGHT
        rows[body.area] += 1
        width = COLUMN_WIDTH - 20 - indent
        fill, stroke = AREA_COLOURS.get(body.area, AREA_COLOURS[Area.NATIONAL])
        closed = body.status == BodyStatus.CLOSED
        kind = str(kind_labels.get(body.kind, body.kind))
        if closed:
            kind = _("%(kind)s, closed") % {"kind": kind}
        placed[body.pk] = {
            "pk": body.pk,
            "area": body.area,
            "x": x,
            "y": y,
            "w": width,
            "h": BOX_HEIGHT,
            "cx": x + width / 2,
            "cy": y + BOX_HEIGHT / 2,
            "name": _shorten(body.name, width - 16),
            "full_name": body.name,
            "kind": _shorten(kind, width - 16),
            "stroke": stroke,
            "closed": closed,
            "is_forum": body.kind == BodyKind.INDUSTRY_FORUM,
            "depth": depth,
            "text_x": x + 8,
            "name_y": y + 19,
            "kind_y": y + 37,
        }
    edges: list[dict[str, str]] = []
    for pk, parent_pk in parent_of.items():
        if parent_pk is None:
            continue
        edges.append({"kind": "question", "d": _question_path(placed[pk], placed[parent_pk], column_x)})
    for forum in (box for box in placed.values() if box["is_forum"]):
        for target in placed.values():
            if target["area"] in REGIONAL_TARGET_AREAS and parent_of[target["pk"]] is None:
                edges.append({"kind": "demand", "d": _demand_path(forum, target)})
    height = HEADER + MARGIN + max(rows.values()) * ROW_HEIGHT + LEGEND_HEIGHT
    width = MARGIN * 2 + len(areas) * COLUMN_WIDTH + (len(areas) - 1) * COLUMN_GAP
    columns = []
    for area in areas:
        fill, stroke = AREA_COLOURS[area]
        columns.append(
            {
                "area": area,
                "x": column_x[area],
                "y": MARGIN,
                "w": COLUMN_WIDTH,
                "h": height - LEGEND_HEIGHT - MARGIN,
                "fill": fill,
                "stroke": stroke,
                "label": _shorten(f"{area_labels[area]} ({colour_name(area)})", COLUMN_WIDTH - 20, HEADER_CHAR_WIDTH),
                "label_x": column_x[area] + 10,
                "label_y": MARGIN + 22,
                "count_y": MARGIN + 40,
                "count": (area_totals or {}).get(area, rows[area]),
                "shown": rows[area],
            }
        )
    legend_y = height - LEGEND_HEIGHT + 18
    return {
        "empty": False,
        "width": width,
        "height": height,
        "columns": columns,
        "boxes": list(placed.values()),
        "edges": edges,
        "legend_y": legend_y,
        "legend_y2": legend_y + 26,
        "legend_text_x": MARGIN + 60,
    }


def _question_path(child: dict[str, Any], parent: dict[str, Any], column_x: dict[str, int]) -> str:
    """From the child up to the body it reports to."""
    if child["area"] == parent["area"]:
        lane = parent["x"] + 8
        if child["x"] > lane + 4 and parent["y"] < child["y"]:
            # an outline elbow: left out of the child, up to the parent's bottom edge
            return f"M{child['x']:.0f},{child['cy']:.0f} H{lane:.0f} V{parent['y'] + parent['h'] + 1:.0f}"
        # deep outline (indent capped) or out of order: a curve on the right margin
        right = max(child["x"] + child["w"], parent["x"] + parent["w"])
        return (
            f"M{child['x'] + child['w']:.0f},{child['cy']:.0f} "
            f"C{right + 14:.0f},{child['cy']:.0f} {right + 14:.0f},{parent['cy']:.0f} "
            f"{parent['x'] + parent['w'] + 1:.0f},{parent['cy']:.0f}"
        )
    if column_x[parent["area"]] < column_x[child["area"]]:
        start_x, end_x = child["x"], parent["x"] + parent["w"] + 1
    else:
        start_x, end_x = child["x"] + child["w"], parent["x"] - 1
    middle = (start_x + end_x) / 2
    return f"M{start_x:.0f},{child['cy']:.0f} C{middle:.0f},{child['cy']:.0f} {middle:.0f},{parent['cy']:.0f} {end_x:.0f},{parent['cy']:.0f}"


def _demand_path(forum: dict[str, Any], target: dict[str, Any]) -> str:
    """From an industry forum's right edge to another area's top body."""
    start_x, start_y = forum["x"] + forum["w"], forum["cy"] + 8
    end_x, end_y = target["x"] - 1, target["cy"] + 8
    middle = (start_x + end_x) / 2
    return f"M{start_x:.0f},{start_y:.0f} C{middle:.0f},{start_y:.0f} {middle:.0f},{end_y:.0f} {end_x:.0f},{end_y:.0f}"
