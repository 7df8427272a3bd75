"""Item 7: a municipality column may hold names, SCB's "code name" or codes; names are shown everywhere.

Uploads are matched against the reference geography (counties and municipalities in ``core``) and
the classifications (SSYK, SUN, SNI) ignoring case and spaces; ambiguous and unknown names are
refused with their rows, a name that contradicts its code is stored by the code and reported; and
every chart, map, table, download and API answer drawn from the codes shows the names.
"""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samverka.insight.analyses.exports import table_csv, table_xlsx
from samverka.insight.analyses.queries import observation_table
from samverka.insight.classifications import matching
from samverka.insight.statistics import services
from samverka.insight.statistics.models import DatasetVersion, Observation
from samverka.insight.statistics.quality_rows import problem_rows
from samverka.insight.statistics.tests.factories import make_dataset

pytestmark = pytest.mark.django_db


def upload(space, text: str, mapping: dict[str, str], value: str = "Antal", **extra):
    return services.import_csv(
        actor=None,
        dataset=make_dataset(space=space, source="csv", **extra),
        content=text.encode(),
        file_name="kommuner.csv",
        mapping=mapping,
        value_column=value,
    )


def refusal(space, text: str, mapping: dict[str, str]) -> str:
    with pytest.raises(ValidationError) as error:
        upload(space, text, mapping)
    return " ".join(error.value.messages)


def test_names_and_scbs_code_name_form_are_matched_ignoring_case_and_spaces(space):
    text = (
        "Kommun;År;Antal\n"
        "Eskilstuna;2023;10\n"
        "0480 Nyköping;2023;20\n"
        "  KATRINEHOLM  kommun ;2023;30\n"
        "0486;2023;40\n"
        "0461 - Gnesta;2023;50\n"
    )
    version = upload(space, text, {"Kommun": "region", "År": "period"})
    stored = dict(Observation.objects.filter(version=version).values_list("region", "value"))
    assert stored == {"0484": 10, "0480": 20, "0483": 30, "0486": 40, "0461": 50}
    region = version.dimensions.get(role="region")
    assert dict(region.categories)["0484"] == "Eskilstuna" and dict(region.categories)["0486"] == "Strängnäs"
    assert version.quality["errors"] == []


def test_county_names_short_names_and_sweden_are_matched(space):
    text = "Län;År;Antal\nRiket;2023;100\nSödermanlands län;2023;60\nsödermanland;2024;61\nUppsala län;2023;40\n"
    version = upload(space, text, {"Län": "region", "År": "period"})
    assert set(Observation.objects.filter(version=version).values_list("region", flat=True)) == {"00", "04", "03"}
    assert version.dimensions.get(role="region").total_code == "00"


def test_a_name_of_a_county_and_a_municipality_follows_the_level_of_the_column(space):
    among_municipalities = "Kommun;År;Antal\nStockholm;2023;1\nSolna;2023;2\nNacka;2023;3\n"
    version = upload(space, among_municipalities, {"Kommun": "region", "År": "period"})
    assert set(Observation.objects.filter(version=version).values_list("region", flat=True)) == {"0180", "0184", "0182"}
    among_counties = "Län;År;Antal\nStockholm;2023;1\nUppsala län;2023;2\nSödermanlands län;2023;3\n"
    version = upload(space, among_counties, {"Län": "region", "År": "period"})
    assert set(Observation.objects.filter(version=version).values_list("region", flat=True)) == {"01", "03", "04"}


def test_an_ambiguous_name_without_a_level_to_follow_is_refused_with_its_rows(space):
    mixed = "Region;År;Antal\nUppsala län;2023;1\nEskilstuna;2023;2\nGotland;2023;3\nGotland;2024;4\n"
    message = refusal(space, mixed, {"Region": "region", "År": "period"})
    assert "Nothing was stored" in message
    assert "row 4, 5 (cell A4, A5)" in message and "“Gotland” is the name of" in message
    assert "09 Gotlands län" in message and "0980 Gotland" in message
    assert not DatasetVersion.objects.exists() and not Observation.objects.exists()


def test_an_unknown_name_is_refused_with_its_cell_and_the_closest_name(space):
    message = refusal(
        space, "Kommun;År;Antal\nEskilstuna;2023;1\nEskilstna;2023;2\n", {"Kommun": "region", "År": "period"}
    )
    assert "Column Kommun, row 3 (cell A3)" in message
    assert "“Eskilstna” is neither a code nor a name" in message and "Did you mean 0484 Eskilstuna?" in message
    assert not Observation.objects.exists()


def test_a_code_the_reference_lacks_is_stored_and_reported_with_its_rows(space):
    version = upload(
        space, "Kommun;År;Antal\n0484;2023;1\n0499;2023;2\n0499;2024;3\n", {"Kommun": "region", "År": "period"}
    )
    rows = [r for r in problem_rows(version.quality, list(version.dimensions.all())) if r["check"] == "unknown_codes"]
    assert len(rows) == 1 and rows[0]["value"] == "0499" and rows[0]["rows"] == [3, 4] and rows[0]["cells"] == "A3, A4"
    assert version.quality["errors"] == ["unknown_codes"]


def test_a_name_that_contradicts_its_code_is_stored_by_the_code_reported_and_blocks_publishing(space):
    text = "Kommun;År;Antal\n0484 Eskilstuna;2023;1\n0484 Nyköping;2024;2\n"
    version = upload(space, text, {"Kommun": "region", "År": "period"})
    assert set(Observation.objects.filter(version=version).values_list("region", flat=True)) == {"0484"}
    rows = problem_rows(version.quality, list(version.dimensions.all()))
    [row] = [r for r in rows if r["check"] == "labels"]
    assert row["rows"] == [3] and row["cells"] == "A3" and row["value"] == "0484 Nyköping"
    assert "0484 is Eskilstuna" in row["problem"] and "0480 Nyköping" in row["problem"]
    with pytest.raises(ValidationError, match="Import a corrected version, or accept"):
        services.publish_version(actor=None, version=version, report_seen=True)


def test_occupation_and_industry_names_are_matched(space):
    text = (
        "Yrke;Bransch;År;Antal\n"
        "Grundutbildade sjuksköterskor;Hälso- och sjukvård;2023;5\n"
        "5321 Undersköterskor, hemtjänst, hemsjukvård och äldreboende;86;2023;7\n"
    )
    version = upload(space, text, {"Yrke": "ssyk", "Bransch": "sni", "År": "period"})
    cells = set(Observation.objects.filter(version=version).values_list("ssyk", "sni"))
    assert cells == {("2221", "86"), ("5321", "86")}
    assert dict(version.dimensions.get(role="ssyk").categories)["2221"] == "Grundutbildade sjuksköterskor"


def test_an_occupation_name_of_several_levels_follows_the_column_or_is_refused(space):
    # "Officerare" names 01, 011 and 0110: among four-digit occupations it is 0110
    version = upload(space, "Yrke;År;Antal\n2221;2023;5\nofficerare;2023;1\n", {"Yrke": "ssyk", "År": "period"})
    assert set(Observation.objects.filter(version=version).values_list("ssyk", flat=True)) == {"2221", "0110"}
    # in a column of several levels nothing settles it
    mixed = "Yrke;År;Antal\n2221;2023;5\n22;2023;9\nofficerare;2023;1\n"
    message = refusal(space, mixed, {"Yrke": "ssyk", "År": "period"})
    assert "row 4 (cell A4)" in message and "01 Officerare" in message and "0110 Officerare" in message


def test_the_matcher_alone():
    region = matching.resolve("region", ["0484 Eskilstuna", "eskilstuna", "Stockholm", "0180", "Sverige", "x1"])
    assert region["0484 Eskilstuna"].code == region["eskilstuna"].code == "0484"
    assert region["Stockholm"].code == "0180"  # the other values are municipalities
    assert region["Sverige"].code == "00" and region["x1"].problem == "unknown"
    reference = matching.reference("region")
    assert [i.code for i in matching.label_contradiction(reference, "04", "Stockholms län")] == ["01"]
    assert matching.label_contradiction(reference, "04", "Södermanlands län") == []
    assert matching.label_contradiction(reference, "0180", "0180 Stockholm") == []
    assert matching.label_contradiction(reference, "04", "Sörmland med omnejd") == []  # its own wording


def test_charts_tables_and_downloads_show_names_with_codes_second(space):
    version = upload(space, "Kommun;År;Antal\n0484;2023;10\n0480;2023;20\n", {"Kommun": "region", "År": "period"})
    table = observation_table(version, x="region")
    assert [row[0] for row in table.rows] == ["Eskilstuna", "Nyköping"] and table.codes == ["0484", "0480"]
    records = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig")), delimiter=";"))
    assert records[1] == ["Kommun", "Code", "Antal"] and records[2] == ["Eskilstuna", "0484", "10"]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(table_xlsx(table))).active
    assert [sheet["A3"].value, sheet["B3"].value, sheet["C3"].value] == ["Eskilstuna", "0484", 10]


def test_a_version_imported_with_bare_codes_before_shows_names_too(space):
    """Old versions kept the codes as labels; the reference names are shown instead."""
    version = upload(space, "Kommun;År;Antal\n0484;2023;10\n", {"Kommun": "region", "År": "period"})
    region = version.dimensions.get(role="region")
    region.categories = [["0484", "0484"]]
    region.save()
    assert observation_table(version, x="region").rows[0][0] == "Eskilstuna"


def test_the_cells_page_and_the_api_name_the_codes(space, make_role_user, client):
    user = make_role_user(space, "analyst")
    client.force_login(user)
    version = upload(space, "Kommun;År;Antal\n0484;2023;10\n", {"Kommun": "region", "År": "period"})
    services.publish_version(actor=None, version=version, report_seen=True)
    dataset = version.dataset
    page = client.get(
        reverse("statistics:observation-list", kwargs={"space": space.slug, "slug": dataset.slug, "number": 1})
    ).content.decode()
    assert "Eskilstuna" in page and "0484" in page
    answer = client.get("/api/v1/observations/", {"version": version.pk}).json()
    cell = answer["results"][0]
    assert cell["region"] == "0484" and cell["labels"]["region"] == "Eskilstuna" and cell["synthetic"] is False


def test_scbs_codes_for_sex_show_as_men_and_women_where_the_file_gave_only_the_code(space):
    from django.utils import translation

    from samverka.insight.statistics.selectors import category_labels

    text = "Kommun;Kön;År;Antal\n0484;1;2023;10\n0484;2;2023;12\n"
    version = upload(space, text, {"Kommun": "region", "Kön": "sex", "År": "period"})
    with translation.override("sv"):
        assert category_labels(version.dimensions.get(role="sex")) == {"1": "män", "2": "kvinnor"}
