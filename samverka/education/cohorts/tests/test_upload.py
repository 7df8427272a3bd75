"""The Excel template and its upload: each bad row named by row and cell, nothing saved; a good file saved whole."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from samverka.education.catalogue.tests.factories import make_offering
from samverka.education.cohorts.models import Cohort
from samverka.education.cohorts.services import UPLOAD_COLUMNS

pytestmark = pytest.mark.django_db


def workbook(*rows: dict[str, Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(UPLOAD_COLUMNS))
    for row in rows:
        sheet.append([row.get(name) for name in UPLOAD_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def col(name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(UPLOAD_COLUMNS.index(name) + 1)


def upload(client: Client, world: Any, content: bytes) -> Any:
    return client.post(
        reverse("cohorts:cohort-upload", kwargs={"space": world.space.slug}),
        {"file": SimpleUploadedFile("kohorter.xlsx", content)},
    )


def good(offering: Any, **extra: Any) -> dict[str, Any]:
    return {
        "offering_id": offering.pk,
        "start_year": 2024,
        "term": "VT",
        "applicants": 40,
        "admitted": 20,
        "started": 18,
        "completed_with_degree": 12,
        "dropped_out": 4,
        "source": "provider",
        **extra,
    }


def test_the_template_has_the_columns_and_the_space_s_offerings(world: Any) -> None:
    client = Client()
    client.force_login(world.analyst)
    content = client.get(reverse("cohorts:cohort-template", kwargs={"space": world.space.slug})).content
    book = load_workbook(io.BytesIO(content))
    assert [cell.value for cell in book.worksheets[0][1]] == list(UPLOAD_COLUMNS)
    assert world.offering.pk in [row[0] for row in book.worksheets[1].iter_rows(values_only=True)]


def test_a_good_file_is_saved_and_an_existing_cohort_replaced(world: Any) -> None:
    client = Client()
    client.force_login(world.analyst)
    other = make_offering(space=world.space)
    content = workbook(
        good(other),
        good(
            world.offering,
            start_year=2025,
            term="HT",
            applicants=70,
            admitted=30,
            started=28,
            completed_with_degree=19,
            completed_without_degree=3,
            dropped_out=6,
        ),
    )
    response = upload(client, world, content)
    assert response.status_code == 302, response.context["problems"] if response.context else ""
    assert Cohort.objects.filter(offering=other, start_year=2024, term="VT").get().started == 18
    world.cohort.refresh_from_db()
    assert world.cohort.applicants == 70


def test_bad_rows_are_named_by_row_and_cell_and_nothing_is_saved(world: Any) -> None:
    client = Client()
    client.force_login(world.admin)
    other = make_offering(space=world.space)
    content = workbook(
        good(other),
        good(other, start_year=2023, completed_with_degree=15),
        good(world.other_offering, start_year=2022),
        good(other, start_year=2021, admitted=50),
        good(other, start_year=2020, method="survey"),
        good(other, start_year=2019, started="many"),
        good(other),
    )
    response = upload(client, world, content)
    assert response.status_code == 400
    problems = dict(response.context["problems"])
    assert f"{col('completed_with_degree')}3" in problems
    assert "A4" in problems, "an offering of another space"
    assert f"{col('admitted')}5" in problems
    assert f"{col('response_rate')}6" in problems
    assert f"{col('started')}7" in problems
    assert "A8" in problems, "the same cohort twice"
    assert "2" not in {cell[1:] for cell in problems}
    assert not Cohort.objects.filter(offering=other).exists()


def test_a_member_cannot_upload(world: Any) -> None:
    client = Client()
    client.force_login(world.member)
    assert upload(client, world, workbook(good(world.offering))).status_code == 403
