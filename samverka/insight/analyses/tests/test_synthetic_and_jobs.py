"""Items 12 and 13: "synthetic" travels with every figure derived from synthetic data into every page, file
and API answer; and a data pack is made in the background with a progress page, like an import."""

import csv
import io
import zipfile

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader
from rest_framework.test import APIClient

from samverka.insight.analyses import services
from samverka.insight.analyses.models import DataPack, DataPackJob
from samverka.insight.analyses.packs import build_pack
from samverka.insight.analyses.tests.factories import make_analysis, make_chart, make_employment
from samverka.insight.indicators import catalogue
from samverka.insight.indicators.views import table_csv as indicator_csv
from samverka.testing.factories import make_body

pytestmark = pytest.mark.django_db

SAID = "Synthetic data"
IN_FILES = "SYNTHETIC DATA"


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page of a PDF file."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def employment(space, *, synthetic: bool):
    version = make_employment(space, measure="employed", years=("2022", "2023"), is_public=True)
    version.dataset.is_synthetic = synthetic
    version.dataset.save()
    return version


@pytest.fixture
def forum(space):
    body = make_body(space=space, name="Branschforum Vård", kind="industry_forum")
    services.coverage_set(body=body, actor=None, ssyk_codes="22, 53", sni_codes="")
    return body


@pytest.mark.parametrize("synthetic", [True, False], ids=["synthetic", "official"])
def test_every_indicator_result_says_whether_it_is_synthetic(space, synthetic):
    version = employment(space, synthetic=synthetic)
    offered, _reasons = catalogue.offered(version)
    assert offered
    api = APIClient()
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for indicator in offered:
        with translation.override("en"):
            table = catalogue.compute(indicator.key, version=version, params={"region": "04"})
            text = indicator_csv(table, "x").content.decode("utf-8-sig")
        assert table.synthetic is synthetic and (SAID in table.note) is synthetic, indicator.key
        assert (IN_FILES in text) is synthetic, indicator.key
        answer = api.get(f"/api/v1/indicators/{indicator.key}/compute/", {"version": version.pk, "region": "04"})
        assert answer.status_code == 200, answer.content
        assert answer.json()["synthetic"] is synthetic and (SAID in answer.json()["note"]) is synthetic


@pytest.mark.parametrize("synthetic", [True, False], ids=["synthetic", "official"])
def test_analysis_pages_downloads_and_pdfs_say_synthetic_with_every_figure(client, space, make_role_user, synthetic):
    version = employment(space, synthetic=synthetic)
    charts = [
        make_chart(space=space, version=version, title="Anställda per yrke"),
        make_chart(
            space=space,
            version=version,
            title="Andel kvinnor",
            source="indicator",
            indicator_key="share_women",
            x_dimension="",
        ),
    ]
    analysis = make_analysis(
        space=space, blocks=[{"kind": "chart", "heading": f"Del {n}", "chart": c} for n, c in enumerate(charts)]
    )
    client.force_login(make_role_user(space, "analyst"))
    page = client.get(analysis.get_absolute_url()).content.decode()
    assert page.count("Synthetic data:") == (2 if synthetic else 0)
    for block in analysis.blocks.all():
        kwargs = {"space": space.slug, "pk": analysis.pk, "block": block.pk}
        data = client.get(reverse("analyses:block-csv", kwargs=kwargs)).content.decode("utf-8-sig")
        assert (data.splitlines()[1].startswith(IN_FILES)) is synthetic
        sheet = load_workbook(io.BytesIO(client.get(reverse("analyses:block-xlsx", kwargs=kwargs)).content)).active
        assert (str(sheet["A2"].value).startswith(IN_FILES)) is synthetic
    for kind in ("report", "slides"):
        pdf = client.get(reverse(f"analyses:analysis-{kind}", kwargs={"space": space.slug, "pk": analysis.pk}))
        texts = page_texts(pdf.content)
        with_figures = [text for text in texts if "Del " in text]
        assert with_figures
        assert all((SAID in text) is synthetic for text in with_figures), kind


@pytest.mark.parametrize("synthetic", [True, False], ids=["synthetic", "official"])
def test_every_sheet_and_csv_of_a_data_pack_says_synthetic(space, forum, synthetic):
    version = employment(space, synthetic=synthetic)
    built = build_pack(body=forum, theme="q1", versions=[version], coverage=None)
    assert built.tables
    workbook = load_workbook(io.BytesIO(built.workbook))
    for sheet in workbook:
        assert str(sheet["A2"].value).startswith(IN_FILES) is synthetic, sheet.title
    with zipfile.ZipFile(io.BytesIO(built.csv_zip)) as archive:
        for name in archive.namelist():
            lines = archive.read(name).decode("utf-8-sig").splitlines()
            assert lines[1].startswith(IN_FILES) is synthetic, name
            for record in csv.reader(lines, delimiter=";"):
                for cell in record:
                    assert not (cell.replace(".", "").isdigit() and "." in cell), f"{name}: {cell} has a decimal point"
    views = [text for text in page_texts(built.pdf)[1:] if text.strip()]
    assert views and all((SAID in text) is synthetic for text in views)


def test_a_data_pack_is_made_in_the_background_with_a_progress_page(
    client, space, forum, make_role_user, django_capture_on_commit_callbacks
):
    version = employment(space, synthetic=False)
    client.force_login(make_role_user(space, "analyst"))
    packs = reverse("analyses:pack-list", kwargs={"space": space.slug})
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(packs, {"body": forum.pk, "theme": "q2", "versions": [version.pk]})
    job = DataPackJob.objects.get()
    assert started.status_code == 302 and started["Location"] == job.get_absolute_url()
    assert job.status == "done" and job.pack == DataPack.objects.get() and job.total == 3 and job.done == 3
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Finished" in page and reverse("analyses:pack-pdf", kwargs={"space": space.slug, "pk": job.pack.pk}) in page
    assert 'http-equiv="refresh"' not in page  # finished: the page stops refreshing
    # while it runs, the page refreshes itself (htmx polls the fragment) and says which step it is at
    DataPackJob.objects.filter(pk=job.pk).update(status="running", done=1, total=3, step="The PDF")
    running = client.get(job.get_absolute_url()).content.decode()
    assert (
        'http-equiv="refresh"' in running and "step 1 of 3: The PDF" in running and 'hx-trigger="every 1s"' in running
    )
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div id="pack-progress"') and "<html" not in fragment


def test_a_pack_with_nothing_for_the_theme_fails_with_the_reason(
    client, space, forum, make_role_user, django_capture_on_commit_callbacks
):
    services.coverage_set(body=forum, actor=None, ssyk_codes="9111", sni_codes="")  # nothing in the data
    version = employment(space, synthetic=False)
    client.force_login(make_role_user(space, "analyst"))
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("analyses:pack-list", kwargs={"space": space.slug}),
            {"body": forum.pk, "theme": "q2", "versions": [version.pk]},
        )
    page = client.get(started["Location"]).content.decode()
    assert "could not be made; nothing was stored" in page and "has nothing for this theme" in page
    assert not DataPack.objects.exists()


def test_the_progress_page_is_for_those_who_make_packs_in_that_space(client, space, other_space, forum, make_role_user):
    job = DataPackJob.objects.create(space=space, body=forum, theme="q1", version_ids=[])
    client.force_login(make_role_user(space, "member"))
    assert client.get(job.get_absolute_url()).status_code == 403
    client.force_login(make_role_user(other_space, "analyst"))
    other = reverse("analyses:pack-job", kwargs={"space": other_space.slug, "pk": job.pk})
    assert client.get(other).status_code == 404
