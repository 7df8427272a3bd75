"""Charts and maps: the query's numbers, valid accessible SVG, the data table and the downloads."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from samverka.insight.analyses.charts import render_chart
from samverka.insight.analyses.exports import neutralise, table_csv, table_xlsx
from samverka.insight.analyses.maps import class_breaks, map_areas, render_map_svg
from samverka.insight.analyses.queries import observation_table
from samverka.insight.analyses.tables import Table, display_rows
from samverka.insight.analyses.tests.factories import EMPLOYED, make_employment
from samverka.insight.statistics.models import Observation

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def independent_sum(version, **where) -> float:
    """The same number straight from the observations, summed in Python."""
    return sum(o.value for o in Observation.objects.filter(version=version, **where))


def test_table_sums_the_query_and_leaves_totals_out(space):
    version = make_employment(space)
    table = observation_table(version, x="ssyk", series="sex")
    assert table.columns == ["Yrke (SSYK 2012)", "män", "kvinnor"]  # TotSa is the total, not a series
    assert [row[0] for row in table.rows] == [
        "Svetsare och gasskärare",
        "Grundutbildade sjuksköterskor",
        "Undersköterskor",
    ]
    welders = table.rows[0]
    assert welders[1] == independent_sum(version, ssyk="7212", sex="1", region__in=["04", "18"])
    assert (
        welders[1] == EMPLOYED[("7212", "04", "1")] + EMPLOYED[("7212", "18", "1")]
    )  # region held at 00 = sum of parts
    assert welders[2] == 76


def test_filters_and_a_single_series(space):
    version = make_employment(space, years=("2022", "2023"))
    table = observation_table(version, x="region", filters={"ssyk": ["2221", "5321"], "sex": ["2"]})
    assert table.codes == ["04", "18"]
    expected_04 = round(1420 * 1.1) + round(3900 * 1.1)  # the latest year, 2023
    assert table.rows[0] == ["Södermanlands län", expected_04]
    assert "period 2023" in table.note
    line = observation_table(version, x="period", filters={"ssyk": ["7212"]})
    assert [row[0] for row in line.rows] == ["2022", "2023"]
    assert line.rows[0][1] == independent_sum(version, ssyk="7212", region="00", sex="TotSa", period="2022")


def test_a_dimension_the_data_lacks_is_refused_with_its_name(space):
    version = make_employment(space)
    with pytest.raises(ValidationError) as caught:
        observation_table(version, x="sun_level")
    assert "sun_level" in str(caught.value)
    with pytest.raises(ValidationError):
        observation_table(version, x="ssyk", series="ssyk")


@pytest.mark.parametrize("kind", ["bar", "barh", "line"])
def test_chart_is_valid_svg_with_title_and_text_alternative(space, kind):
    table = observation_table(make_employment(space), x="ssyk", series="sex", title="Anställda per yrke och kön")
    chart = render_chart(table, kind=kind, dom_id="c7")
    root = ET.fromstring(str(chart.svg))  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c7-caption c7-summary"
    assert root.find(f"{SVG}title").text == "Anställda per yrke och kön"
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Anställda per yrke och kön" in texts and "Undersköterskor" in texts  # text stays text
    assert "antal" in texts  # the unit labels the value axis
    assert "Undersköterskor" in chart.summary and "highest" in chart.summary
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids and all(i.startswith("c7-") for i in ids) and len(ids) == len(set(ids))


def test_series_are_told_by_pattern_not_colour_alone(space):
    table = observation_table(make_employment(space), x="ssyk", series="sex")
    svg = str(render_chart(table, kind="bar", dom_id="c1").svg)
    assert svg.count("<pattern ") >= 1  # the second series is hatched (an SVG pattern fill)
    assert "fill: url(#c1-h" in svg


def test_numbers_are_formatted_the_swedish_way(space):
    table = Table("T", ["Yrke", "Antal"], [["Undersköterskor", 12345.0], ["Läkare", None]])
    with translation.override("sv"):
        rows = display_rows(table)
    assert rows[0]["cells"] == ["12\xa0345"]
    assert rows[1]["cells"] == ["–"]
    with translation.override("sv"):
        assert display_rows(Table("T", ["a", "b"], [["x", 0.26]]))[0]["cells"] == ["0,3"]


def test_csv_and_excel_hold_the_table_and_neutralise_formulas():
    table = Table(
        "Anställda",
        ["Yrke", "=SUM(A1)"],
        [
            ["=cmd|' /C calc'!A0", 5.0],
            ["+46 svetsare", -3.5],
            ["@import", 1.0],
            ["\tflik", 2.0],
            ["-x", 0.0],
            ["Läkare", 7],
        ],
        unit="antal",
    )
    data = table_csv(table).decode("utf-8")
    assert data.startswith("\ufeff")
    records = list(csv.reader(io.StringIO(data.lstrip("\ufeff")), delimiter=";"))
    assert records[1] == ["Yrke", "'=SUM(A1)"]
    assert [r[0] for r in records[2:8]] == [
        "'=cmd|' /C calc'!A0",
        "'+46 svetsare",
        "'@import",
        "'\tflik",
        "'-x",
        "Läkare",
    ]
    assert records[3][1] == "-3,5"  # numbers stay numbers, with a Swedish decimal comma

    sheet = load_workbook(io.BytesIO(table_xlsx(table))).active
    assert sheet["A1"].value == "Anställda"
    assert sheet["B2"].value == "'=SUM(A1)"
    assert sheet["A3"].value == "'=cmd|' /C calc'!A0" and sheet["A3"].data_type == "s"
    assert sheet["B4"].value == -3.5 and sheet["B4"].data_type == "n"
    assert [sheet.cell(row=r, column=1).value for r in range(4, 9)] == [
        "'+46 svetsare",
        "'@import",
        "'\tflik",
        "'-x",
        "Läkare",
    ]
    assert neutralise("\rx") == "'\rx" and neutralise(3) == 3


def test_excel_download_equals_the_query(space):
    version = make_employment(space)
    table = observation_table(version, x="ssyk", series="sex")
    sheet = load_workbook(io.BytesIO(table_xlsx(table))).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_row=5)]
    # the name, then its code, then the numbers
    assert values == [[str(r[0]), code, *r[1:]] for r, code in zip(table.rows, table.codes, strict=True)]


def test_map_classes_legend_and_static_svg(space):
    version = make_employment(space)
    table = observation_table(version, x="region", title="Anställda per län")
    data = map_areas(table, "map_county")
    assert set(data["areas"]) == {"04", "18"}
    assert data["areas"]["04"][0] == "Södermanlands län"
    assert data["areas"]["18"][2] > data["areas"]["04"][2]  # more employed, darker class
    assert len(data["legend"]) == 2 and all(item["label"] for item in data["legend"])
    assert class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [2, 4, 6, 8, 10]
    svg = render_map_svg(table, kind="map_county", dom_id="m1").svg
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Anställda per län"
