"""A chart or map with its table, ready for a template, and the PDF documents of analyses.

The PDFs are rendered by ``samverka.platform.core.pdf`` (WeasyPrint) and
extend the shared A4 base ``pdf/base.html``; charts and maps are inline SVG.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from samverka.insight.analyses.charts import RenderedChart, render_chart
from samverka.insight.analyses.maps import leaflet_data, map_areas, render_map_svg
from samverka.insight.analyses.tables import chart_projection, display_rows

MAP_KINDS = ("map_county", "map_municipality")


@dataclass
class Figure:
    """A chart or map with everything its template shows."""

    dom_id: str
    kind: str
    table: Any
    rows: list[dict[str, Any]]
    chart: RenderedChart | None
    map_data: dict[str, Any] | None = None
    legend: list[dict[str, Any]] | None = None
    error: str = ""

    @property
    def is_map(self) -> bool:
        return self.kind in MAP_KINDS

    @property
    def data_id(self) -> str:
        return f"{self.dom_id}-data"


def table_figure(table: Any, *, kind: str, dom_id: str, for_pdf: bool = True, county: str = "") -> Figure:
    """A figure of ``table``: SVG for charts (and for maps in a PDF); Leaflet data for maps on a page."""
    rows = display_rows(table)
    drawn = chart_projection(table)
    if kind in MAP_KINDS:
        areas = map_areas(drawn, kind)
        chart = render_map_svg(drawn, kind=kind, dom_id=dom_id) if for_pdf else None
        return Figure(
            dom_id=dom_id,
            kind=kind,
            table=table,
            rows=rows,
            chart=chart,
            map_data=None if for_pdf else leaflet_data(drawn, kind, county),
            legend=areas["legend"],
        )
    chart = render_chart(drawn, kind=kind, dom_id=dom_id)
    return Figure(dom_id=dom_id, kind=kind, table=table, rows=rows, chart=chart)


def chart_figure(chart: Any, *, dom_id: str, for_pdf: bool = False, county: str = "") -> Figure:
    """The figure of a saved chart definition; a readable error instead of a crash when its data is gone."""
    from samverka.insight.analyses.queries import chart_table
    from samverka.insight.analyses.tables import Table

    try:
        table = chart_table(chart)
    except ValidationError as error:
        empty = Table(title=chart.title, columns=[], rows=[])
        return Figure(dom_id=dom_id, kind=chart.kind, table=empty, rows=[], chart=None, error=" ".join(error.messages))
    return table_figure(table, kind=chart.kind, dom_id=dom_id, for_pdf=for_pdf, county=county)
