"""What goes into an industry forum's data pack for a quarter theme.

For every chosen dataset version the pack takes the views of the theme whose
dimensions the data has, limited to the occupations (SSYK) and industries
(SNI) the body covers: a code the body covers takes in every finer code under
it (covering "72" takes in 7212 welders). A view whose occupation or industry
dimension has nothing the body covers is left out.

Themes (seed 004, ch. 6.4.1): Q1 industry development, Q2 future needs,
Q3 education outcomes, Q4 orders.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.insight.analyses.exports import tables_xlsx, tables_zip
from samverka.insight.analyses.pack_cards import pack_cards
from samverka.insight.analyses.queries import observation_table, version_dimensions
from samverka.insight.analyses.rendering import table_figure
from samverka.platform.core.pdf import render_pdf

#: Per theme, the (x axis, series) views in order of preference.
THEME_VIEWS: dict[str, tuple[tuple[str, str], ...]] = {
    "q1": (("period", "sni"), ("sni", ""), ("period", "ssyk"), ("ssyk", ""), ("region", "")),
    "q2": (("age", "ssyk"), ("age", ""), ("ssyk", "sex"), ("period", "ssyk"), ("ssyk", "")),
    "q3": (("sun_level", "ssyk"), ("sun_level", ""), ("sun_field", ""), ("ssyk", "sun_level")),
    "q4": (("sun_field", "ssyk"), ("ssyk", "sex"), ("region", ""), ("ssyk", "")),
}
#: The indicators of the catalogue (samverka.insight.indicators) that belong to each theme, when they can be computed.
THEME_INDICATORS = {
    "q1": ("change_over_time", "employment_rate", "region_comparison"),
    "q2": ("age_structure",),
    "q3": ("education_level", "matched_employment"),
    "q4": ("education_level", "share_women", "share_born_abroad"),
}
#: Views per dataset version, and series per chart, at most.
VIEWS_PER_VERSION = 4
MAX_SERIES = 8


@dataclass
class BuiltPack:
    tables: list[Any] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    pdf: bytes = b""
    csv_zip: bytes = b""
    workbook: bytes = b""


def covered(codes: list[str], categories: list[list[str]]) -> list[str]:
    """The categories that are, or lie under, one of ``codes``."""
    return [str(code) for code, _label in categories if any(str(code).startswith(c) for c in codes)]


def _chart_kind(x: str, rows: int) -> str:
    if x == "period":
        return "line"
    return "barh" if rows > 8 else "bar"


def pack_tables(*, theme: str, versions: list[Any], coverage: Any, progress: Any = None) -> tuple[list[Any], list[str]]:
    tables, kinds = [], []
    wanted = {
        "ssyk": list(coverage.ssyk_codes) if coverage else [],
        "sni": list(coverage.sni_codes) if coverage else [],
    }
    for number, version in enumerate(versions):
        if progress is not None:
            progress(number, len(versions) + 2, _("Tables of %(data)s") % {"data": version.dataset.title})
        dimensions = version_dimensions(version)
        filters: dict[str, list[str]] = {}
        usable = True
        for column, codes in wanted.items():
            if codes and column in dimensions:
                matching = covered(codes, dimensions[column].categories)
                if not matching:
                    usable = False
                filters[column] = matching
        if not usable:
            continue
        taken = 0
        for x, series in THEME_VIEWS[theme]:
            if taken >= VIEWS_PER_VERSION or x not in dimensions or (series and series not in dimensions):
                continue
            if series and len(filters.get(series) or dimensions[series].categories) > MAX_SERIES:
                series = ""
            table = observation_table(
                version, x=x, series=series, filters=filters, title=_view_title(version, x, series)
            )
            if not table.rows:
                continue
            tables.append(table)
            kinds.append(_chart_kind(x, len(table.rows)))
            taken += 1
        tables_, kinds_ = _indicator_tables(theme, version, coverage)
        tables += tables_
        kinds += kinds_
    return tables, kinds


def _view_title(version: Any, x: str, series: str) -> str:
    dimensions = version_dimensions(version)
    if series:
        return _("%(dataset)s by %(x)s and %(series)s") % {
            "dataset": version.dataset.title,
            "x": dimensions[x].label.lower(),
            "series": dimensions[series].label.lower(),
        }
    return _("%(dataset)s by %(x)s") % {"dataset": version.dataset.title, "x": dimensions[x].label.lower()}


def _indicator_tables(theme: str, version: Any, coverage: Any) -> tuple[list[Any], list[str]]:
    """Indicators of the catalogue that fit the theme and can be computed on the version, with their rows
    limited to the occupations the body covers."""
    try:
        from samverka.insight.indicators import catalogue
    except ImportError:
        return [], []
    tables, kinds = [], []
    wanted_keys = THEME_INDICATORS[theme]
    dimensions = version_dimensions(version)
    keep: set[str] = set()
    if coverage is not None and coverage.ssyk_codes and "ssyk" in dimensions:
        keep = set(covered(list(coverage.ssyk_codes), dimensions["ssyk"].categories))
    for indicator in catalogue.available_for(version):
        key = str(indicator.key)
        if key not in wanted_keys:
            continue
        try:
            table = catalogue.compute(key, version=version, params={})
        except (ValidationError, ValueError, KeyError, LookupError):
            continue
        if keep:  # only the occupations the body covers (a table by region is left out)
            rows = [(row, code) for row, code in zip(table.rows, table.codes, strict=True) if code in keep]
            table.rows, table.codes = [row for row, _code in rows], [code for _row, code in rows]
        if table.rows and len(table.columns) > 1:
            tables.append(table)
            kinds.append("barh" if len(table.rows) > 8 else "bar")
    return tables, kinds


def build_pack(*, body: Any, theme: str, versions: list[Any], coverage: Any, progress: Any = None) -> BuiltPack:
    """The pack's tables, its PDF (a chart and its table per view) and a zip of the tables as CSV.

    ``progress(done, total, step)`` is told each step: the tables of each version, the PDF, the files.
    """
    from samverka.insight.analyses.models import QuarterTheme

    tables, kinds = pack_tables(theme=theme, versions=versions, coverage=coverage, progress=progress)
    built = BuiltPack(tables=tables, kinds=kinds)
    if not tables:
        return built
    steps = len(versions) + 2
    if progress is not None:
        progress(len(versions), steps, _("The charts and the PDF (%(n)s tables)") % {"n": len(tables)})
    figures = [
        table_figure(table, kind=kind, dom_id=f"pack-{n}")
        for n, (table, kind) in enumerate(zip(tables, kinds, strict=True))
    ]
    cards = pack_cards.render(body, coverage)  # e.g. education offerings and validations (registered higher up)
    card_tables = [table for card in cards for table in card["data"].get("tables", [])]
    context = {
        "space": body.space,
        "body": body,
        "theme": QuarterTheme(theme).label,
        "figures": figures,
        "coverage": coverage,
        "versions": versions,
        "generated": timezone.localtime(),
        "cards": cards,
    }
    built.pdf = render_pdf("analyses/pdf/pack.html", context)
    if progress is not None:
        progress(len(versions) + 1, steps, _("The Excel workbook and the CSV files"))
    built.csv_zip = tables_zip(tables + card_tables)
    built.workbook = tables_xlsx(tables + card_tables)
    if progress is not None:
        progress(steps, steps, _("Saving the pack"))
    return built
