"""Choropleth maps by county or municipality.

On a page the map is drawn by Leaflet from SCB's boundaries (the actors app's
GeoJSON endpoint) and the figures embedded in the page; in a PDF it is drawn
by matplotlib as SVG from the same boundaries. The values are put in five
classes (equal-count breaks); the legend names each class by its range, the
tooltip of every area gives its name and value, and the data table under the
map holds every figure, so nothing is told by colour alone and the page works
without JavaScript.
"""

import json
from functools import lru_cache
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.insight.analyses.tables import decimals_of, format_number, series_values
from samverka.platform.core.geography import DATA as GEOGRAPHY_DATA

DATA = GEOGRAPHY_DATA
LEVELS = {
    "map_county": ("counties", "counties_scb.geojson", "LnKod", 2),
    "map_municipality": ("municipalities", "municipalities_scb.geojson", "KnKod", 4),
}
#: A sequential blue scale (ColorBrewer Blues), readable in grey and by colour-blind readers.
SHADES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA = "#ffffff"


def class_breaks(values: list[float], classes: int = len(SHADES)) -> list[float]:
    """Upper bounds of up to ``classes`` classes holding about as many areas each (quantiles)."""
    ordered = sorted(set(values))
    if not ordered:
        return []
    if len(ordered) <= classes:
        return ordered
    return [ordered[min(len(ordered) - 1, round(len(ordered) * (i + 1) / classes) - 1)] for i in range(classes)]


def class_of(value: float | None, breaks: list[float]) -> int | None:
    if value is None:
        return None
    for index, upper in enumerate(breaks):
        if value <= upper:
            return index
    return len(breaks) - 1


def map_areas(table: Any, kind: str) -> dict[str, Any]:
    """Each area's code, name, value and class, and the legend's classes."""
    digits = LEVELS[kind][3]
    values = series_values(table)[0] if len(table.columns) > 1 else []
    codes = list(getattr(table, "codes", []) or [str(row[0]) for row in table.rows])
    decimals = decimals_of(table)
    present = [
        (code, row[0], value)
        for code, row, value in zip(codes, table.rows, values, strict=False)
        if len(code) == digits and code.isdigit()
    ]
    breaks = class_breaks([value for _c, _n, value in present if value is not None])
    unit = f" {table.unit}" if table.unit else ""
    areas = {}
    for code, name, value in present:
        klass = class_of(value, breaks)
        areas[code] = [str(name), format_number(value, decimals) + unit, -1 if klass is None else klass]
    legend = []
    lower = None
    shades = SHADES[len(SHADES) - len(breaks) :] if breaks else SHADES
    for index, upper in enumerate(breaks):
        if lower is None:
            label = _("up to %(upper)s") % {"upper": format_number(upper, decimals)}
        else:
            label = _("over %(lower)s to %(upper)s") % {
                "lower": format_number(lower, decimals),
                "upper": format_number(upper, decimals),
            }
        legend.append({"shade": shades[index], "label": label + unit})
        lower = upper
    return {"areas": areas, "legend": legend, "shades": list(shades)}


def leaflet_data(table: Any, kind: str, county: str = "") -> dict[str, Any]:
    """What the page's map script needs (embedded with ``json_script``)."""
    level = LEVELS[kind][0]
    url = reverse("actors:geojson", kwargs={"level": level})
    if county and level == "municipalities":
        url += f"?county={county}"
    data = map_areas(table, kind)
    return {"geojson": url, "areas": data["areas"], "shades": data["shades"], "noData": _("no data")}


@lru_cache(maxsize=4)
def _boundaries(kind: str) -> list[tuple[str, list[list[list[float]]]]]:
    """(code, exterior rings) of every area, simplified to every third point for drawing small."""
    _level, name, key, _digits = LEVELS[kind]
    with open(DATA / name, encoding="utf-8") as handle:
        data = json.load(handle)
    shapes = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = [polygon[0][::3] + [polygon[0][0]] for polygon in polygons if len(polygon[0]) > 3]
        shapes.append((str(feature["properties"][key]), rings))
    return shapes


def render_map_svg(table: Any, *, kind: str, dom_id: str) -> Any:
    """A static choropleth as accessible SVG (for PDF reports and packs)."""
    from django.utils.safestring import mark_safe
    from matplotlib import pyplot as plt
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    from samverka.insight.analyses.charts import STYLE, RenderedChart, figure_to_svg, summary_sentence

    data = map_areas(table, kind)
    areas, shades = data["areas"], data["shades"]
    wanted = set(areas)
    prefix_counties = {code[:2] for code in wanted}
    polygons, colours = [], []
    for code, rings in _boundaries(kind):
        if kind == "map_municipality" and code[:2] not in prefix_counties:
            continue
        area = areas.get(code)
        colour = shades[area[2]] if area is not None and area[2] >= 0 else NO_DATA
        for ring in rings:
            polygons.append(ring)
            colours.append(colour)
    summary = summary_sentence(table)
    with plt.rc_context(STYLE):  # type: ignore[arg-type]
        figure, axes = plt.subplots(figsize=(5, 6))
        collection = PolyCollection(polygons, facecolors=colours, edgecolors="#1b1f24", linewidths=0.3)
        axes.add_collection(collection)
        axes.autoscale_view()
        axes.set_aspect(1.9)  # roughly 1/cos(58°): degrees of longitude are short this far north
        axes.set_axis_off()
        axes.set_title(table.title, loc="left")
        handles = [Patch(facecolor=item["shade"], edgecolor="#1b1f24", label=item["label"]) for item in data["legend"]]
        if handles:
            axes.legend(handles=handles, loc="lower right", frameon=False, fontsize=8, title=table.unit or None)
        svg = figure_to_svg(figure, dom_id=dom_id, title=table.title, summary=summary)
    return RenderedChart(
        svg=mark_safe(svg),  # noqa: S308 (matplotlib's SVG with escaped text)
        summary=summary,
        caption_id=f"{dom_id}-caption",
        summary_id=f"{dom_id}-summary",
    )
