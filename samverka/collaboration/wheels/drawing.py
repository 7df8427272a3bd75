"""Geometry of the annual wheel (a circle of twelve month sectors) and the year timeline.

Only numbers and labels are computed here; the SVG markup is in the templates
(``wheels/includes/wheel_svg.html`` and ``timeline_svg.html``), rendered on the
server so the drawing needs no JavaScript. January starts at the top and the
year runs clockwise. The summer break is shaded on both.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils import formats

from samverka.collaboration.wheels.planning import summer_break
from samverka.collaboration.wheels.selectors import WheelMark

SIZE = 440
CENTRE = SIZE / 2
OUTER = 200
INNER = 70
LABEL = 182
MARK_RADII = (150, 130, 110, 90)
TIMELINE_WIDTH = 760
TIMELINE_LEFT = 170
LANE_HEIGHT = 28
TIMELINE_TOP = 30


def _days(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def _fraction(day: date) -> float:
    """Where in its year ``day`` lies, 0 at the start of 1 January, 1 at the end of 31 December."""
    return ((day - date(day.year, 1, 1)).days + 0.5) / _days(day.year)


def _point(fraction: float, radius: float) -> tuple[float, float]:
    angle = 2 * math.pi * fraction - math.pi / 2
    return round(CENTRE + radius * math.cos(angle), 2), round(CENTRE + radius * math.sin(angle), 2)


def _sector(start: float, end: float, outer: float = OUTER, inner: float = INNER) -> str:
    """An SVG path of the ring between two fractions of the year."""
    large = 1 if end - start > 0.5 else 0
    x1, y1 = _point(start, outer)
    x2, y2 = _point(end, outer)
    x3, y3 = _point(end, inner)
    x4, y4 = _point(start, inner)
    return f"M{x1},{y1} A{outer},{outer} 0 {large} 1 {x2},{y2} L{x3},{y3} A{inner},{inner} 0 {large} 0 {x4},{y4} Z"


def _month_start(year: int, month: int) -> float:
    return (date(year, month, 1) - date(year, 1, 1)).days / _days(year)


@dataclass
class Month:
    number: int
    name: str
    path: str
    label_x: float
    label_y: float
    x: float
    width: float


def months(year: int) -> list[Month]:
    """The twelve sectors of the wheel and columns of the timeline, named in the active language."""
    result = []
    for number in range(1, 13):
        start = _month_start(year, number)
        end = _month_start(year, number + 1) if number < 12 else 1.0
        label_x, label_y = _point((start + end) / 2, LABEL)
        x = TIMELINE_LEFT + start * (TIMELINE_WIDTH - TIMELINE_LEFT)
        result.append(
            Month(
                number=number,
                name=formats.date_format(date(year, number, 1), "N"),
                path=_sector(start, end),
                label_x=label_x,
                label_y=label_y,
                x=round(x, 2),
                width=round((end - start) * (TIMELINE_WIDTH - TIMELINE_LEFT), 2),
            )
        )
    return result


@dataclass
class Dot:
    x: float
    y: float
    mark: WheelMark
    lane: int = 0

    @property
    def label(self) -> str:
        return f"{formats.date_format(self.mark.start, 'j N')}: {self.mark.title} ({self.mark.body.name})"


def wheel(year: int, marks: list[WheelMark]) -> dict[str, object]:
    """Sectors, the summer-break arc and one dot per meeting (meetings in the same month step inwards)."""
    per_month: dict[int, int] = {}
    dots = []
    for mark in marks:
        index = per_month.get(mark.month, 0)
        per_month[mark.month] = index + 1
        x, y = _point(_fraction(mark.day), MARK_RADII[index % len(MARK_RADII)])
        dots.append(Dot(x, y, mark))
    first, last = summer_break(year)
    summer = _sector(_fraction(first) - 0.5 / _days(year), _fraction(last) + 0.5 / _days(year), OUTER, OUTER - 12)
    return {
        "size": SIZE,
        "centre": CENTRE,
        "inner": INNER,
        "outer": OUTER,
        "months": months(year),
        "dots": dots,
        "summer": summer,
    }


def timeline(year: int, marks: list[WheelMark]) -> dict[str, object]:
    """One lane per body, the months as columns and one dot per meeting."""
    lanes: dict[int, int] = {}
    names: list[str] = []
    dots = []
    span = TIMELINE_WIDTH - TIMELINE_LEFT
    for mark in marks:
        if mark.body.pk not in lanes:
            lanes[mark.body.pk] = len(names)
            names.append(mark.body.name)
        lane = lanes[mark.body.pk]
        x = TIMELINE_LEFT + _fraction(mark.day) * span
        y = TIMELINE_TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2
        dots.append(Dot(round(x, 2), round(y, 2), mark, lane))
    first, last = summer_break(year)
    height = TIMELINE_TOP + max(len(names), 1) * LANE_HEIGHT + 10
    return {
        "width": TIMELINE_WIDTH,
        "height": height,
        "left": TIMELINE_LEFT,
        "top": TIMELINE_TOP,
        "months": months(year),
        "lanes": [
            {"name": name, "y": TIMELINE_TOP + i * LANE_HEIGHT, "text_y": TIMELINE_TOP + i * LANE_HEIGHT + 18}
            for i, name in enumerate(names)
        ],
        "lane_height": LANE_HEIGHT,
        "dots": dots,
        "summer_x": round(TIMELINE_LEFT + _fraction(first) * span, 2),
        "summer_width": round((_fraction(last) - _fraction(first)) * span, 2),
    }
