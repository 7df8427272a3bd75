"""Tables from observations: one dimension on the x axis, optionally one series dimension, values summed.

Dimensions that are neither on an axis nor filtered are held at their total
category (SCB's "TotSa", region "00") when the source has one, so that a sum
never counts the total together with its parts; the categories of the axis
dimensions leave the total out unless it is asked for in a filter.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from samverka.insight.analyses.tables import Table
from samverka.insight.statistics.models import DatasetVersion, Dimension, DimensionRole, Observation
from samverka.insight.statistics.quality import has_duplicates
from samverka.insight.statistics.selectors import category_labels, duplicates_note, first_cells


def synthetic_note() -> str:
    return _("Synthetic data for demonstration, not official statistics.")


#: Observation columns a chart may put on an axis or filter on.
AXIS_COLUMNS = (
    DimensionRole.TIME,
    DimensionRole.REGION,
    DimensionRole.SSYK,
    DimensionRole.SUN_LEVEL,
    DimensionRole.SUN_FIELD,
    DimensionRole.SNI,
    DimensionRole.SEX,
    DimensionRole.AGE,
    DimensionRole.BIRTH,
)
AXIS_COLUMN_VALUES = frozenset(str(role.value) for role in AXIS_COLUMNS)


def version_dimensions(version: DatasetVersion) -> dict[str, Dimension]:
    """The version's dimensions by role (the first one of a role when a table has two)."""
    found: dict[str, Dimension] = {}
    dimensions = getattr(version, "_prefetched_objects_cache", {}).get("dimensions")
    for dimension in dimensions if dimensions is not None else version.dimensions.all():
        found.setdefault(dimension.role, dimension)
    return found


def _ordered(codes: set[str], dimension: Dimension) -> list[tuple[str, str]]:
    """Codes in the source's category order with their names (the reference name where the source
    gave only the code: "Eskilstuna", not "0484"); unknown codes last, sorted."""
    labels = category_labels(dimension)
    known = [
        (str(code), labels.get(str(code), str(code))) for code, _label in dimension.categories if str(code) in codes
    ]
    listed = {code for code, _label in known}
    return known + [(code, code) for code in sorted(codes - listed)]


def check_definition(
    version: DatasetVersion, *, x: str, series: str = "", filters: dict[str, list[str]] | None = None
) -> dict[str, Dimension]:
    """The version's dimensions, after checking that the axes and filters name dimensions it has."""
    dimensions = version_dimensions(version)
    if not x:
        raise ValidationError({"x_dimension": _("Choose the dimension to put on the x axis.")})
    if x not in AXIS_COLUMN_VALUES or x not in dimensions:
        raise ValidationError(
            {"x_dimension": _("The data has no dimension '%(name)s' to put on the x axis.") % {"name": x}}
        )
    if series and (series not in AXIS_COLUMN_VALUES or series not in dimensions):
        raise ValidationError(
            {"series_dimension": _("The data has no dimension '%(name)s' for the series.") % {"name": series}}
        )
    if series and series == x:
        raise ValidationError({"series_dimension": _("The series dimension must differ from the x axis.")})
    for column, codes in (filters or {}).items():
        if column not in AXIS_COLUMN_VALUES or column not in dimensions:
            raise ValidationError(
                {"filters": _("The data has no dimension '%(name)s' to filter on.") % {"name": column}}
            )
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            raise ValidationError(
                {"filters": _("The filter on '%(name)s' must be a list of codes.") % {"name": column}}
            )
    return dimensions


def observation_table(
    version: DatasetVersion,
    *,
    x: str,
    series: str = "",
    measure: str = "",
    filters: dict[str, list[str]] | None = None,
    title: str = "",
    unit: str = "",
) -> Table:
    """The sum of the values by the x dimension (rows) and the series dimension (columns)."""
    filters = {column: codes for column, codes in (filters or {}).items() if codes}
    dimensions = check_definition(version, x=x, series=series, filters=filters)
    queryset = Observation.objects.filter(version=version)
    if has_duplicates(version):
        queryset = queryset.filter(pk__in=first_cells(version))  # duplicates are never summed
    measure_dimension = dimensions.get(DimensionRole.MEASURE)
    if not measure and measure_dimension is not None and measure_dimension.categories:
        measure = str(measure_dimension.categories[0][0])
    if measure:
        queryset = queryset.filter(measure=measure)
    held: list[str] = []
    for role, dimension in dimensions.items():
        if role not in AXIS_COLUMN_VALUES:
            continue
        codes = filters.get(role)
        if codes:
            queryset = queryset.filter(**{f"{role}__in": codes})
        elif role in (x, series):
            if dimension.total_code:
                queryset = queryset.exclude(**{role: dimension.total_code})
        elif dimension.total_code:
            queryset = queryset.filter(**{role: dimension.total_code})
        elif role == DimensionRole.TIME and dimension.categories:
            # Years are never summed: a chart that does not show time shows the latest period.
            latest = str(dimension.categories[-1][0])
            queryset = queryset.filter(period=latest)
            held.append(_("period %(period)s") % {"period": latest})
    group = [x, series] if series else [x]
    sums: dict[tuple[str, str], float | None] = {}
    for row in queryset.values(*group).annotate(total=Sum("value")).order_by():
        sums[(row[x], row[series] if series else "")] = row["total"]
    x_codes = _ordered({key[0] for key in sums}, dimensions[x])
    if series:
        series_codes = _ordered({key[1] for key in sums}, dimensions[series])
    else:
        measure_label = measure
        if measure_dimension is not None:
            measure_label = {str(c): str(lbl) for c, lbl in measure_dimension.categories}.get(measure, measure)
        value_column = version.query.get("value_column", "") if isinstance(version.query, dict) else ""
        series_codes = [("", measure_label or value_column or title or _("Value"))]
    rows = [[label, *(sums.get((code, s_code)) for s_code, _s in series_codes)] for code, label in x_codes]
    if not unit:
        units = measure_dimension.units if measure_dimension is not None else {}
        unit = str(units.get(measure, "")) if isinstance(units, dict) else ""
        unit = unit or version.dataset.unit
    note = _("Source: %(dataset)s, version %(number)s.") % {"dataset": version.dataset.title, "number": version.number}
    if held:
        note += " " + _("Shows %(held)s.") % {"held": ", ".join(held)}
    if duplicates := duplicates_note(version):
        note += " " + duplicates
    if version.dataset.is_synthetic:
        note = synthetic_note() + " " + note
    return Table(
        title=title or version.dataset.title,
        columns=[str(dimensions[x].label), *(label for _code, label in series_codes)],
        rows=rows,
        unit=unit,
        note=note,
        codes=[code for code, _label in x_codes],
        synthetic=version.dataset.is_synthetic,
        code_heading=_("Code"),
    )


def indicator_table(key: str, *, version: DatasetVersion, params: dict[str, Any]) -> Any:
    """An indicator of the catalogue as a table (the catalogue is another app's; absent until it lands)."""
    try:
        from samverka.insight.indicators import catalogue
    except ImportError as error:
        raise ValidationError(_("Indicators are not available yet.")) from error
    if key not in catalogue.INDICATORS:
        raise ValidationError({"indicator_key": _("There is no indicator '%(key)s'.") % {"key": key}})
    return catalogue.compute(key, version=version, params=params)


def _region_code(name: str, region: Dimension) -> str:
    """The region code of an indicator row named "04 Södermanlands län" or "Södermanlands län"."""
    codes = {str(code) for code, _label in region.categories}
    first = name.split(" ", 1)[0]
    if first in codes:
        return first
    by_label = {label: code for code, label in category_labels(region).items()}
    return by_label.get(name, name)


def chart_table(chart: Any) -> Any:
    """The table a chart definition draws."""
    from samverka.insight.analyses.models import ChartSource

    if chart.source == ChartSource.INDICATOR:
        table = indicator_table(chart.indicator_key, version=chart.version, params=chart.indicator_params or {})
        if chart.title:
            table.title = chart.title
        if chart.unit:
            table.unit = chart.unit
        region = version_dimensions(chart.version).get(DimensionRole.REGION)
        if not getattr(table, "codes", None) and region is not None:
            # Maps find areas by code; an indicator's rows name regions by their labels.
            table.codes = [_region_code(str(row[0]), region) for row in table.rows]
        return table
    return observation_table(
        chart.version,
        x=chart.x_dimension,
        series=chart.series_dimension,
        measure=chart.measure,
        filters=chart.filters or {},
        title=chart.title,
        unit=chart.unit,
    )
