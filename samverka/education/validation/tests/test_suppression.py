"""Small-number suppression: no public or exported cell below k, whichever way the table is grouped; a total
whose one part is masked is masked too; exports neutralise formulas."""

import csv
import io
import itertools
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from samverka.education.validation import selectors, services
from samverka.education.validation.exports import MASK, outcome_csv, outcome_xlsx
from samverka.education.validation.selectors import DIMENSIONS, FIGURE_COLUMNS, suppress
from samverka.education.validation.tests.conftest import make_outcome
from samverka.platform.core.models import Municipality

pytestmark = pytest.mark.django_db

GROUPINGS = [
    list(combination)
    for size in range(1, len(DIMENSIONS) + 1)
    for combination in itertools.combinations(DIMENSIONS, size)
]


@pytest.fixture
def many(world):
    """Rows with many small counts across years, occupations, providers and municipalities."""
    for year, code, municipality, provider, women, men in [
        (2024, "5321", "0484", "Eskilstuna vux", 4, 1),
        (2024, "5321", "0483", "Katrineholm vux", 7, 0),
        (2024, "7212", "0484", '=HYPERLINK("http://evil")', 0, 9),
        (2025, "8332", "0480", "Nyköping vux", 2, 2),
        (2025, "5321", "0480", "Nyköping vux", 6, 6),
    ]:
        make_outcome(
            world.space,
            year=year,
            ssyk_code=code,
            municipality=Municipality.objects.get(code=municipality),
            provider_name=provider,
            started_women=women,
            started_men=men,
            completed_women=women // 2,
            completed_men=men,
            reached_mapping=0,
            reached_recognition=(women // 2) + men,
            result_competence_certificate=0,
            result_partial=0,
            followup_work=men,
            followup_education=0,
            followup_unknown=0,
        )
    return world


def _numbers(values):
    return [value for value in values if isinstance(value, int)]


@pytest.mark.parametrize("k", [5, 3, 8])
def test_no_cell_below_k_in_the_table_the_csv_or_the_excel_file_for_any_grouping(many, k):
    services.settings_update(space=many.space, actor=None, data=services.SettingsData(suppression_k=k))
    masked = 0
    for grouping in GROUPINGS:
        for year in (None, 2024):
            table = selectors.outcome_table(space=many.space, group_by=grouping, year=year)
            assert table.k == k
            for row in table.rows:
                shown = [cell.value for cell in row.cell_list() if not cell.suppressed]
                assert all(value >= k for value in shown), (grouping, row)
                masked += sum(cell.suppressed for cell in row.cell_list())
            text = outcome_csv(table).decode("utf-8-sig")
            records = list(csv.reader(io.StringIO(text), delimiter=";"))
            header_at = next(i for i, r in enumerate(records) if r and r[0] == str(DIMENSIONS[grouping[0]][1]))
            for record in records[header_at + 1 :]:
                figures = record[len(grouping) :]
                assert len(figures) == len(FIGURE_COLUMNS)
                assert all(value == MASK or int(value) >= k for value in figures), (grouping, record)
            sheet = load_workbook(io.BytesIO(outcome_xlsx(table))).active
            for values in sheet.iter_rows(min_row=5, values_only=True):
                assert all(value >= k for value in _numbers(values[len(grouping) :])), (grouping, values)
    assert masked > 0  # the data has small cells: the test would see a leak


def test_the_public_page_and_downloads_show_no_figure_below_k(many):
    client = Client()
    for grouping in GROUPINGS:
        query = "&".join(f"by={name}" for name in grouping)
        page = client.get(reverse("validation:public-outcomes", kwargs={"space": many.space.slug}) + "?" + query)
        assert page.status_code == 200
        cells = re.findall(r'<td class="number">\s*(.*?)\s*</td>', page.content.decode(), re.S)
        assert cells
        for cell in cells:
            assert "..</abbr>" in cell or int(cell) >= 5, (grouping, cell)
        for name in ("validation:public-outcomes-csv", "validation:outcome-export-csv"):
            client.force_login(many.analyst)
            response = client.get(reverse(name, kwargs={"space": many.space.slug}) + "?" + query)
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[3:]
            for row in rows[1:]:
                assert all(v == MASK or int(v) >= 5 for v in row[len(grouping) :]), (name, grouping, row)
            client.logout()


def test_a_total_with_one_masked_part_is_masked():
    cells = suppress(
        {
            "started_women": 12,
            "started_men": 3,
            "started": 15,
            "completed_women": 9,
            "completed_men": 9,
            "completed": 18,
        },
        5,
    )
    assert cells["started_men"].suppressed and cells["started"].suppressed  # 15 − 12 would give the 3 away
    assert not cells["started_women"].suppressed
    assert cells["completed"].value == 18  # both parts shown: nothing to give away
    both = suppress({"started_women": 2, "started_men": 3, "started": 5}, 5)
    assert both["started"].value == 5  # two masked parts: the total does not reveal either


def test_zero_is_masked_too():
    assert suppress({"followup_other": 0}, 5)["followup_other"].suppressed


def test_formulas_are_neutralised_in_every_export(many):
    table = selectors.outcome_table(space=many.space, group_by=["provider"])
    text = outcome_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    sheet = load_workbook(io.BytesIO(outcome_xlsx(table))).active
    texts = [cell for row in sheet.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
    assert '\'=HYPERLINK("http://evil")' in texts
    assert not any(text.startswith(("=", "+", "-", "@")) for text in texts)


def test_the_api_serves_the_same_suppressed_table_and_never_the_rows(many):
    from rest_framework.test import APIClient

    client = APIClient()
    for grouping in GROUPINGS:
        response = client.get("/api/v1/validation-outcomes/", {"space": many.space.slug, "by": grouping})
        assert response.status_code == 200
        body = response.json()
        assert body["k"] == 5 and body["group_by"] == grouping
        table = selectors.outcome_table(space=many.space, group_by=grouping)
        assert len(body["rows"]) == len(table.rows)
        for row in body["rows"]:
            assert all(value is None or value >= 5 for value in row["figures"].values()), (grouping, row)
    assert client.get("/api/v1/validation-outcomes/").status_code == 400
    offers = {row["title"] for row in client.get("/api/v1/validation-offers/").json()["results"]}
    assert many.published.title in offers and many.hidden.title not in offers
