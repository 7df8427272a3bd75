"""The report pages: who gets them (404 for a hidden report, 403 for a refused action), the need form opening
pre-filled, the buttons doing what they say, and a report page whose query count does not grow with its figures."""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from samverka.education.myhreports import services
from samverka.education.myhreports.models import MyhReport, ReportFigure, ReportStatus
from samverka.education.myhreports.sections import TITLES
from samverka.education.myhreports.tests.test_services import decide, need, submit

pytestmark = pytest.mark.django_db


def as_user(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def url(report, name, **kwargs):
    return reverse(f"myhreports:{name}", kwargs={"space": report.space.slug, "pk": report.pk, **kwargs})


@pytest.fixture
def report(world):
    return services.report_create(space=world.space, year=2026, actor=world.analyst)


def test_the_report_page_shows_figures_with_their_sources(world, report):
    response = as_user(world.member).get(report.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sysselsatta i Sörmland" in page and "Nyköping" in page
    assert "version 1" in page


def test_anonymous_guest_and_outsider_do_not_see_a_report(world, report):
    response = as_user(None).get(report.get_absolute_url())
    assert response.status_code in (302, 403, 404)
    assert "/accounts/login/" in response.get("Location", "") or response.status_code in (403, 404)
    for who in (world.guest, world.outsider, world.national_member):
        assert as_user(who).get(report.get_absolute_url()).status_code == 404
    assert (
        as_user(world.guest).get(reverse("myhreports:report-list", kwargs={"space": world.space.slug})).status_code
        == 403
    )


def test_a_member_may_not_generate_or_advance(world, report):
    for name in ("report-generate", "report-advance"):
        response = as_user(world.member).post(url(report, name), {"to": "review"})
        assert response.status_code == 403
    assert MyhReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_the_need_form_opens_pre_filled_and_saves_unchanged(world, report):
    entry = need(report, world.analyst, evidence="Pensionsstatistik", sources="SCB")
    client = as_user(world.analyst)
    response = client.get(url(report, "need-update", need=entry.pk))
    form = response.context["form"]
    assert form["motivation"].value() == "Pensionsavgångar" and form["ssyk"].value() == "5321"
    data = {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}
    response = client.post(url(report, "need-update", need=entry.pk), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.motivation, entry.evidence, entry.priority) == ("Pensionsavgångar", "Pensionsstatistik", 1)


def test_the_buttons_take_the_report_through_its_steps_and_a_skip_is_refused(world, report):
    client = as_user(world.analyst)
    response = client.post(url(report, "report-advance"), {"to": "decided"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert MyhReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    client.post(url(report, "report-advance"), {"to": "review"})
    assert MyhReport.objects.get(pk=report.pk).status == ReportStatus.REVIEW
    client.post(url(report, "report-comment"), {"section": "population", "text": "Lägg till 2025"})
    assert report.comments.get().text == "Lägg till 2025"


def test_exports_pdf_xlsx_and_docx(world, report):
    client = as_user(world.member)
    pdf = client.get(url(report, "report-pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(url(report, "report-xlsx"))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert len(workbook.sheetnames) == 9  # eight sections and the needs
    assert workbook.worksheets[0]["A1"].value == str(TITLES["population"])
    values = [cell.value for row in workbook.worksheets[0].iter_rows() for cell in row]
    assert any(isinstance(v, str) and v.startswith("Sysselsatta i Sörmland") for v in values)
    docx = client.get(url(report, "report-docx"))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_the_comparison_shows_last_year_beside_this_year(world, report):
    last = services.report_create(space=world.space, year=2025, actor=world.analyst)
    ReportFigure.objects.filter(report=last, key="register:population:0480").update(value=80.0)
    response = as_user(world.member).get(url(report, "report-compare"))
    rows = {row.label: row for row in response.context["rows"]}
    row = next(r for label, r in rows.items() if "Nyköping" in label and "population" in label)
    assert (row.this_year, row.last_year, row.change) == (100.0, 80.0, 20.0)


def test_the_national_view_shows_only_submitted_reports(world, report):
    last = services.report_create(space=world.space, year=2025, actor=world.analyst)
    need(last, world.analyst)
    submit(last, world.analyst, world.admin)
    national = reverse("myhreports:national", kwargs={"space": world.national.slug})
    response = as_user(world.national_member).get(national)
    assert response.status_code == 200
    assert [r.pk for r in response.context["reports"]] == [last.pk]
    area = response.context["areas"][0]
    assert (area.yh_area, len(area.regions), area.rank_total) == ("halsa", 1, 1)
    assert as_user(world.national_member).get(last.get_absolute_url()).status_code == 200
    assert as_user(world.national_member).get(report.get_absolute_url()).status_code == 404
    # A regional space has no national view.
    assert (
        as_user(world.member).get(reverse("myhreports:national", kwargs={"space": world.space.slug})).status_code == 403
    )


def test_the_report_page_query_count_does_not_grow_with_its_figures(world, report):
    client = as_user(world.member)
    client.get(report.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(report.get_absolute_url())
    template = report.figures.first()
    ReportFigure.objects.bulk_create(
        ReportFigure(
            report=report,
            section=section,
            position=1000 + n,
            key=f"extra:{section}:{n}",
            label=f"Extra {n}",
            value=n,
            source_name="Extra",
            fetched_at=template.fetched_at,
        )
        for section in ("population", "labour_market", "supply")
        for n in range(50)
    )
    need(report, world.analyst)
    need(report, world.analyst, ssyk="2221", priority=2)
    services.comment_add(report=report, actor=world.member, section="supply", text="Fler YH-platser?")
    with CaptureQueriesContext(connection) as many:
        client.get(report.get_absolute_url())
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def test_the_registration_step_registers_the_report_and_the_page_links_the_document(world, report, make_role_user):
    from samverka.records.registry.testing import make_case

    decide(report, world.analyst)
    case = make_case(space=world.space, title="Årlig rapport till MYH")
    client = as_user(world.admin)
    response = client.get(report.get_absolute_url())
    assert 'name="case_reference"' in response.content.decode()
    response = client.post(url(report, "report-advance"), {"to": "registered", "case_reference": case.reference})
    assert response.status_code == 302
    report.refresh_from_db()
    document = report.registered_document
    assert report.status == ReportStatus.REGISTERED and document.case == case
    link = reverse("registry:document-detail", kwargs={"space": world.space.slug, "pk": case.pk, "number": 1})
    page = as_user(world.member).get(report.get_absolute_url()).content.decode()
    assert f'href="{link}"' in page and document.reference in page
    assert as_user(world.member).get(link).status_code == 200
    # The national secretariat reads the region's submitted report but not its registry: the number, unlinked.
    services.report_advance(report=report, actor=world.analyst, to="submitted")
    national = make_role_user(world.national, "secretariat", full_name="Stina Nationell")
    response = as_user(national).get(report.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert document.reference in page and f'href="{link}"' not in page
    assert as_user(national).get(link).status_code == 404


def test_a_refused_registration_shows_the_reason_and_changes_nothing(world, report):
    from samverka.records.registry.testing import make_case

    decide(report, world.analyst)
    case = make_case(space=world.space)
    response = as_user(world.analyst).post(
        url(report, "report-advance"), {"to": "registered", "case_reference": case.reference}, follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert MyhReport.objects.get(pk=report.pk).status == ReportStatus.DECIDED
    assert not case.documents.exists()
