"""The Excel template and its upload: each bad row named by row and cell, nothing saved; a good file saved whole."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from samverka.education.validation import services
from samverka.education.validation.models import ValidationOutcome
from samverka.education.validation.services import UPLOAD_COLUMNS

pytestmark = pytest.mark.django_db

GOOD = {
    "year": 2024,
    "ssyk_code": "5321",
    "industry_model": "VO-college",
    "provider_name": "Flens vux",
    "municipality_code": "0482",
    "started_women": 10,
    "started_men": 2,
    "completed_women": 8,
    "completed_men": 1,
    "reached_recognition": 9,
    "followup_work": 7,
}


def workbook(*rows):
    book = Workbook()
    sheet = book.active
    sheet.append(list(UPLOAD_COLUMNS))
    for row in rows:
        sheet.append([row.get(name) for name in UPLOAD_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def col(name):
    from openpyxl.utils import get_column_letter

    return get_column_letter(UPLOAD_COLUMNS.index(name) + 1)


def upload(client, space, content):
    return client.post(
        reverse("validation:outcome-upload", kwargs={"space": space.slug}),
        {"file": SimpleUploadedFile("utfall.xlsx", content)},
    )


def test_the_template_is_the_upload_format(world):
    client = Client()
    client.force_login(world.analyst)
    response = client.get(reverse("validation:outcome-template", kwargs={"space": world.space.slug}))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == list(UPLOAD_COLUMNS)


def test_bad_rows_are_named_by_row_and_cell_and_nothing_is_saved(world):
    before = list(ValidationOutcome.objects.order_by("pk").values())
    content = workbook(
        GOOD,
        {**GOOD, "ssyk_code": "9999", "provider_name": "B"},  # row 3: unknown SSYK
        {**GOOD, "started_men": -2, "provider_name": "C"},  # row 4: negative
        {**GOOD, "completed_women": 11, "provider_name": "D"},  # row 5: completed > started
        {**GOOD, "municipality_code": "0999", "provider_name": "E"},  # row 6: unknown municipality
        {**GOOD, "municipality_code": "1880", "provider_name": "F"},  # row 7: outside the county (checked on save)
        {**GOOD, "started_women": "tio", "provider_name": "G"},  # row 8: not a number
    )
    client = Client()
    client.force_login(world.analyst)
    response = upload(client, world.space, content)
    assert response.status_code == 400
    problems = dict(response.context["problems"])
    assert set(problems) == {
        f"{col('ssyk_code')}3",
        f"{col('started_men')}4",
        f"{col('completed_women')}5",
        f"{col('municipality_code')}6",
        f"{col('started_women')}8",
    }
    assert "9999" in problems[f"{col('ssyk_code')}3"]
    text = response.content.decode()
    for cell in problems:
        assert f'<th scope="row">{cell}</th>' in text
    assert list(ValidationOutcome.objects.order_by("pk").values()) == before


def test_a_row_outside_the_county_stops_the_whole_file(world):
    before = ValidationOutcome.objects.count()
    content = workbook(GOOD, {**GOOD, "municipality_code": "1880", "provider_name": "F"})
    with pytest.raises(services.UploadProblem) as caught:
        services.outcomes_upload(space=world.space, actor=world.analyst, content=content)
    assert [cell for cell, _message in caught.value.problems] == [f"{col('municipality_code')}3"]
    assert ValidationOutcome.objects.count() == before


def test_duplicate_keys_and_wrong_headers_and_non_workbooks_are_refused(world):
    for content in (workbook(GOOD, GOOD), b"not a workbook", workbook()):
        with pytest.raises(services.UploadProblem):
            services.outcomes_upload(space=world.space, actor=world.analyst, content=content)
    book = Workbook()
    book.active.append(["år", "yrke"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(services.UploadProblem) as caught:
        services.outcomes_upload(space=world.space, actor=world.analyst, content=buffer.getvalue())
    assert caught.value.problems[0][0] == "1"


def test_a_good_file_is_saved_whole_and_replaces_the_rows_with_the_same_key(world):
    client = Client()
    client.force_login(world.analyst)
    excel_number = {**GOOD, "municipality_code": 482, "provider_name": "Flens vux 2"}  # Excel dropped the zero
    response = upload(client, world.space, workbook(GOOD, excel_number))
    assert response.status_code == 302
    saved = ValidationOutcome.objects.filter(space=world.space, municipality_id="0482")
    assert saved.count() == 2
    response = upload(client, world.space, workbook({**GOOD, "started_women": 20}))
    assert response.status_code == 302
    assert saved.count() == 2
    assert saved.get(provider_name="Flens vux").started_women == 20


def test_who_may_not_record_cannot_upload(world):
    client = Client()
    client.force_login(world.member)
    before = ValidationOutcome.objects.count()
    assert upload(client, world.space, workbook(GOOD)).status_code == 403
    assert ValidationOutcome.objects.count() == before
