"""The MYH report's services: a draft filled from the space's data with sources, the steps in order, the
frozen report refusing change (nothing saved) and the logged correction."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from samverka.education.myhreports import services
from samverka.education.myhreports.models import MyhReport, NeedEntry, ReportComment, ReportCorrection, ReportStatus
from samverka.education.myhreports.sections import EDUCATION_LEVEL, INVESTMENTS, LABOUR_MARKET, POPULATION, SUPPLY
from samverka.insight.statistics.models import Observation
from samverka.records.registry.models import Direction, RegisteredDocument
from samverka.records.registry.testing import make_case, make_document, make_series

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in English (the msgids); the stored snapshot is Swedish either way."""
    with translation.override("en"):
        yield


def decide(report, actor):
    for step in (ReportStatus.REVIEW, ReportStatus.DECIDED):
        report = services.report_advance(report=report, actor=actor, to=step)
    return report


def submit(report, actor, registrar):
    """Through every step; ``registrar`` (who may register in the space's registry) registers the report."""
    report = decide(report, actor)
    case = make_case(space=report.space, title="Årlig rapport till MYH")
    report = services.report_advance(
        report=report, actor=registrar, to=ReportStatus.REGISTERED, case_reference=case.reference
    )
    return services.report_advance(report=report, actor=actor, to=ReportStatus.SUBMITTED)


def need(report, actor, **extra):
    values = {"yh_area": "halsa", "ssyk": "5321", "motivation": "Pensionsavgångar", "confidence": "high", "priority": 1}
    return services.need_create(report=report, actor=actor, data=services.NeedData(**{**values, **extra}))


def test_a_draft_is_filled_from_the_spaces_data_with_source_and_vintage(world):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    assert report.status == ReportStatus.DRAFT and report.generated_by == world.analyst
    population = {f.key: f for f in report.figures.filter(section=POPULATION)}
    figure = population["register:population:0480"]
    assert figure.value == 100.0  # the latest year only, not both years summed
    assert "(2024)" in figure.label and "Nyköping" in figure.label
    assert figure.source_name.startswith("Sysselsatta i Sörmland")
    assert (
        figure.dataset_version == world.version and "version 1" in figure.vintage
    )  # Swedish: "version 1, publicerad …"
    assert figure.fetched_at is not None
    levels = report.figures.filter(section=EDUCATION_LEVEL)
    assert levels.count() == 2 * 2 * 2  # municipality × SUN level × sex
    assert report.figures.filter(section=LABOUR_MARKET).exists()  # occupational structure without SNI data
    assert "Sysselsatta i Sörmland" in report.texts["method"]
    assert report.template.frozen_at is not None


def test_the_snapshot_does_not_follow_later_data_changes(world):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    Observation.objects.filter(version=world.version, measure="population").update(value=1.0)
    figure = report.figures.get(key="register:population:0480")
    assert figure.value == 100.0


def test_a_section_without_data_has_no_figures(world):
    report = services.report_create(space=world.other_space, year=2026, actor=world.superuser)
    assert not report.figures.filter(section=POPULATION).exists()
    assert not report.figures.filter(section=SUPPLY).exists()


def test_a_skipped_step_is_refused_naming_the_next_step(world):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    with pytest.raises(ValidationError) as caught:
        services.report_advance(report=report, actor=world.analyst, to=ReportStatus.SUBMITTED)
    assert "In review" in str(caught.value) and "Submitted to MYH" in str(caught.value)
    assert MyhReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_registering_needs_a_case_or_a_document(world):
    report = decide(services.report_create(space=world.space, year=2026, actor=world.analyst), world.analyst)
    with pytest.raises(ValidationError) as caught:
        services.report_advance(report=report, actor=world.admin, to=ReportStatus.REGISTERED)
    assert "case_reference" in caught.value.message_dict
    assert MyhReport.objects.get(pk=report.pk).status == ReportStatus.DECIDED


def test_registering_in_a_case_registers_the_reports_pdf_as_an_outgoing_document(world):
    report = decide(services.report_create(space=world.space, year=2026, actor=world.analyst), world.analyst)
    case = make_case(space=world.space, title="Årlig rapport till MYH")
    report = services.report_advance(
        report=report, actor=world.admin, to=ReportStatus.REGISTERED, case_reference=f" {case.reference} "
    )
    document = RegisteredDocument.objects.get(case=case)
    assert report.registered_document == document and report.status == ReportStatus.REGISTERED
    assert report.registration_number == document.reference == f"{case.reference}-1"
    assert (document.direction, document.counterpart) == (Direction.OUTGOING, "Myndigheten för yrkeshögskolan")
    assert document.subject == "Årlig rapport till MYH 2026"  # Swedish whatever the reader's language
    stored = document.files.get()
    assert stored.content_type == "application/pdf" and stored.name.endswith(".pdf")
    with stored.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    fresh = MyhReport.objects.get(pk=report.pk)
    assert (fresh.registered_document_id, fresh.registered_by) == (document.pk, world.admin)


def test_an_already_registered_document_may_be_linked(world):
    report = decide(services.report_create(space=world.space, year=2026, actor=world.analyst), world.analyst)
    document = make_document(case=make_case(space=world.space), direction=Direction.OUTGOING, subject="Rapport")
    report = services.report_advance(
        report=report, actor=world.analyst, to=ReportStatus.REGISTERED, document_reference=document.reference
    )
    assert report.registered_document == document and report.registration_number == document.reference
    assert RegisteredDocument.objects.filter(case=document.case).count() == 1  # nothing new registered


def refused(report, actor, **references):
    with pytest.raises(ValidationError) as caught:
        services.report_advance(report=report, actor=actor, to=ReportStatus.REGISTERED, **references)
    fresh = MyhReport.objects.get(pk=report.pk)
    assert (fresh.status, fresh.registration_number, fresh.registered_document) == (ReportStatus.DECIDED, "", None)
    return caught.value


def test_an_unknown_case_or_document_is_refused_beside_its_field(world):
    report = decide(services.report_create(space=world.space, year=2026, actor=world.analyst), world.analyst)
    case = make_case(space=world.space)
    error = refused(report, world.admin, case_reference="MSV 2099/0999")
    assert "no case MSV 2099/0999" in error.message_dict["case_reference"][0]
    error = refused(report, world.admin, case_reference="nonsense")
    assert "case_reference" in error.message_dict
    error = refused(report, world.admin, document_reference=f"{case.reference}-7")
    assert "no document" in error.message_dict["document_reference"][0]
    assert not RegisteredDocument.objects.exists()


def test_an_actor_who_may_not_register_in_the_case_is_refused_and_nothing_is_saved(world):
    report = decide(services.report_create(space=world.space, year=2026, actor=world.analyst), world.analyst)
    case = make_case(space=world.space)
    error = refused(report, world.analyst, case_reference=case.reference)
    assert "a registrar of the space must register the report" in error.message_dict["case_reference"][0]
    assert not RegisteredDocument.objects.filter(case=case).exists()


def test_a_case_or_document_of_another_space_is_refused(world):
    report = decide(services.report_create(space=world.space, year=2026, actor=world.analyst), world.analyst)
    elsewhere = make_case(space=world.other_space, series=make_series(space=world.other_space, code="OTH"))
    document = make_document(case=elsewhere)
    error = refused(report, world.superuser, case_reference=elsewhere.reference)
    assert "case_reference" in error.message_dict
    error = refused(report, world.superuser, document_reference=document.reference)
    assert "document_reference" in error.message_dict
    assert RegisteredDocument.objects.filter(case=elsewhere).count() == 1


def test_a_submitted_report_refuses_every_change_and_saves_nothing(world):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    kept = need(report, world.analyst)
    services.report_set_text(report=report, actor=world.analyst, section=INVESTMENTS, text="Northvolt")
    report = submit(report, world.analyst, world.admin)
    assert report.submitted_snapshot["texts"][INVESTMENTS] == "Northvolt"
    figures = report.figures.count()
    attempts = [
        lambda: services.report_generate(report=report, actor=world.analyst),
        lambda: services.report_set_text(report=report, actor=world.analyst, section=INVESTMENTS, text="Annat"),
        lambda: need(report, world.analyst, ssyk="2221"),
        lambda: services.need_update(need=kept, actor=world.analyst, data=services.NeedData(motivation="Nej")),
        lambda: services.need_delete(need=kept, actor=world.analyst),
        lambda: services.comment_add(report=report, actor=world.member, section=INVESTMENTS, text="Hm"),
        lambda: services.report_advance(report=report, actor=world.analyst, to=ReportStatus.REVIEW),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert "submitted to MYH and is frozen" in str(caught.value)
    report.refresh_from_db()
    assert report.texts[INVESTMENTS] == "Northvolt" and report.status == ReportStatus.SUBMITTED
    assert report.figures.count() == figures
    assert list(NeedEntry.objects.filter(report=report).values_list("motivation", flat=True)) == ["Pensionsavgångar"]
    assert not ReportComment.objects.filter(report=report).exists()


def test_a_correction_is_logged_and_keeps_the_submitted_version(world):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    services.report_set_text(report=report, actor=world.analyst, section=INVESTMENTS, text="Northvolt")
    report = submit(report, world.analyst, world.admin)
    with pytest.raises(ValidationError) as caught:
        services.report_correct(report=report, actor=world.analyst, section=INVESTMENTS, text="X", reason="")
    assert "reason" in caught.value.message_dict
    correction = services.report_correct(
        report=report, actor=world.analyst, section=INVESTMENTS, text="Northvolt Labs", reason="Fel namn"
    )
    assert (correction.corrected_by, correction.before, correction.after) == (
        world.analyst,
        "Northvolt",
        "Northvolt Labs",
    )
    report.refresh_from_db()
    assert report.texts[INVESTMENTS] == "Northvolt Labs"
    assert report.submitted_snapshot["texts"][INVESTMENTS] == "Northvolt"
    assert ReportCorrection.objects.filter(report=report).count() == 1


def test_only_writers_write_and_a_template_in_use_cannot_change(world):
    with pytest.raises(PermissionDenied):
        services.report_create(space=world.space, year=2026, actor=world.member)
    report = services.report_create(space=world.space, year=2026, actor=world.admin)
    with pytest.raises(ValidationError):
        services.template_update(template=report.template, sections=[])
    with pytest.raises(ValidationError):
        services.report_create(space=world.space, year=2026, actor=world.admin)
    comment = services.comment_add(report=report, actor=world.member, section=INVESTMENTS, text="Bra")
    assert comment.author == world.member


def test_a_need_without_motivation_is_refused_beside_the_field(world):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    with pytest.raises(ValidationError) as caught:
        need(report, world.analyst, motivation=" ")
    assert "motivation" in caught.value.message_dict
    assert not report.needs.exists()
