"""Small statistical datasets, charts and analyses for the analyses tests.

The numbers are invented but shaped like SCB's register tables: employed by
occupation (SSYK 2012), county, sex and year, with SCB's total categories.
"""

from itertools import count
from typing import Any

from django.utils import timezone

from samverka.insight.analyses import services
from samverka.insight.analyses.models import Analysis, AnalysisBlock, ChartDefinition
from samverka.insight.statistics.models import Dataset, DatasetVersion, Dimension, Observation
from samverka.platform.spaces.models import Space

_n = count(1)

#: Employed 2023 by occupation × county × sex (1 men, 2 women); the totals are added by make_employment.
EMPLOYED = {
    ("7212", "04", "1"): 410,
    ("7212", "04", "2"): 35,
    ("7212", "18", "1"): 520,
    ("7212", "18", "2"): 41,
    ("2221", "04", "1"): 180,
    ("2221", "04", "2"): 1420,
    ("2221", "18", "1"): 230,
    ("2221", "18", "2"): 1610,
    ("5321", "04", "1"): 640,
    ("5321", "04", "2"): 3900,
    ("5321", "18", "1"): 700,
    ("5321", "18", "2"): 4210,
}
SSYK_LABELS = [
    ["7212", "Svetsare och gasskärare"],
    ["2221", "Grundutbildade sjuksköterskor"],
    ["5321", "Undersköterskor"],
]
REGION_LABELS = [["00", "Riket"], ["04", "Södermanlands län"], ["18", "Örebro län"]]
SEX_LABELS = [["1", "män"], ["2", "kvinnor"], ["TotSa", "totalt"]]


def make_version(
    *,
    space: Space,
    dimensions: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    title: str = "",
    is_public: bool = False,
    status: str = "published",
    unit: str = "antal",
) -> DatasetVersion:
    """A dataset with one version: ``dimensions`` as Dimension fields, ``rows`` as Observation fields."""
    n = next(_n)
    dataset = Dataset.objects.create(
        space=space,
        slug=f"data-{n}",
        title=title or f"Dataset {n}",
        source="synthetic",
        unit=unit,
        is_public=is_public,
    )
    version = DatasetVersion.objects.create(
        dataset=dataset, number=1, status=status, imported_at=timezone.now(), cell_count=len(rows)
    )
    for position, spec in enumerate(dimensions):
        Dimension.objects.create(version=version, position=position, **spec)
    Observation.objects.bulk_create(
        Observation(version=version, year=int(row["period"]) if row.get("period") else None, **row) for row in rows
    )
    return version


def make_employment(
    space: Space, *, years: tuple[str, ...] = ("2023",), measure: str = "", **extra: Any
) -> DatasetVersion:
    """Employed by SSYK × region × sex × year, with the region total (00) and sex total (TotSa) rows;
    with ``measure`` (e.g. "employed", as the indicator catalogue names it) also a measure dimension."""
    rows: list[dict[str, Any]] = []
    for year_index, year in enumerate(years):
        growth = 1 + 0.1 * year_index
        totals: dict[tuple[str, str], float] = {}
        national: dict[tuple[str, str], float] = {}
        for (ssyk, region, sex), value in EMPLOYED.items():
            v = round(value * growth)
            rows.append({"period": year, "ssyk": ssyk, "region": region, "sex": sex, "value": v})
            totals[(ssyk, region)] = totals.get((ssyk, region), 0) + v
            national[(ssyk, sex)] = national.get((ssyk, sex), 0) + v
        for (ssyk, region), v in totals.items():
            rows.append({"period": year, "ssyk": ssyk, "region": region, "sex": "TotSa", "value": v})
        for (ssyk, sex), v in national.items():
            rows.append({"period": year, "ssyk": ssyk, "region": "00", "sex": sex, "value": v})
        for ssyk in {key[0] for key in EMPLOYED}:
            v = sum(totals[(ssyk, r)] for r in ("04", "18"))
            rows.append({"period": year, "ssyk": ssyk, "region": "00", "sex": "TotSa", "value": v})
    dimensions = [
        {"code": "Region", "label": "Region", "role": "region", "categories": REGION_LABELS, "total_code": "00"},
        {"code": "Yrke2012", "label": "Yrke (SSYK 2012)", "role": "ssyk", "categories": SSYK_LABELS},
        {"code": "Kon", "label": "Kön", "role": "sex", "categories": SEX_LABELS, "total_code": "TotSa"},
        {"code": "Tid", "label": "År", "role": "period", "categories": [[y, y] for y in years]},
    ]
    if measure:
        dimensions.append(
            {
                "code": "ContentsCode",
                "label": "Tabellinnehåll",
                "role": "measure",
                "categories": [[measure, "Anställda"]],
                "units": {measure: "antal"},
            }
        )
        for row in rows:
            row["measure"] = measure
    return make_version(space=space, dimensions=dimensions, rows=rows, title="Anställda 16–64 år", **extra)


def make_chart(*, space: Space, version: DatasetVersion, **extra: Any) -> ChartDefinition:
    data: dict[str, Any] = {
        "title": f"Anställda per yrke {next(_n)}",
        "kind": "bar",
        "version": version,
        "x_dimension": "ssyk",
        "series_dimension": "",
        "filters": {},
    }
    data.update(extra)
    return services.chart_create(space=space, actor=None, data=services.ChartData(**data))


def make_analysis(*, space: Space, blocks: list[dict[str, Any]] = (), publish: bool = False, **extra: Any) -> Analysis:  # type: ignore[assignment]
    data: dict[str, Any] = {
        "title": f"Analys {next(_n)}",
        "summary": "<p>Var tredje svetsare går i pension inom tio år.</p>",
        "is_public": False,
    }
    data.update(extra)
    analysis = services.analysis_create(space=space, actor=None, data=services.AnalysisData(**data))
    for block in blocks:
        services.block_add(analysis=analysis, actor=None, data=services.BlockData(**block))
    if publish:
        services.analysis_publish(analysis=analysis, actor=None)
    return analysis


def text_block(
    heading: str = "Bakgrund", text: str = "<p>Underlaget kommer från SCB:s register.</p>"
) -> dict[str, Any]:
    return {"kind": "text", "heading": heading, "text": text}


def chart_block(chart: ChartDefinition, heading: str = "Flest undersköterskor") -> dict[str, Any]:
    return {"kind": "chart", "heading": heading, "chart": chart}


def blocks_of(analysis: Analysis) -> list[AnalysisBlock]:
    return list(analysis.blocks.order_by("position"))
