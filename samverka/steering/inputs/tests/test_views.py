"""Input pages through the test client: who sees what, the forms in Swedish, the PDFs and the exports."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from samverka.platform.notifications.models import OutboxMessage
from samverka.steering.inputs import services
from samverka.steering.inputs.models import Consideration, Evaluation, FeedbackReport, Input, Outcome
from samverka.steering.inputs.tests.factories import PDF_BYTES, YEAR, make_decision, make_goal, make_input, make_region

pytestmark = pytest.mark.django_db


def url(name: str, space, **kwargs) -> str:
    return reverse(f"inputs:{name}", kwargs={"space": space.slug, **kwargs})


def swedish(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def secretariat(space, make_role_user):
    return make_role_user(space, "secretariat")


@pytest.fixture
def item(space):
    return make_input(space, make_region("Region Sörmland"), topic="Validering inom vården")


def test_insiders_see_inputs_guests_and_outsiders_do_not(client, space, other_space, make_role_user, item):
    for role in ("member", "analyst", "secretariat"):
        client.force_login(make_role_user(space, role))
        listing = client.get(url("input-list", space))
        assert listing.status_code == 200 and "Validering inom vården" in listing.text
        assert client.get(item.get_absolute_url()).status_code == 200
    client.force_login(make_role_user(space, "guest"))
    assert client.get(url("input-list", space)).status_code == 403
    assert client.get(item.get_absolute_url()).status_code in (403, 404)
    # An insider of another space: the input does not exist under the other space's address.
    client.force_login(make_role_user(other_space, "secretariat"))
    assert client.get(url("input-detail", other_space, pk=item.pk)).status_code == 404
    assert client.get(item.get_absolute_url()).status_code in (403, 404)
    client.logout()
    response = client.get(url("input-list", space))
    assert response.status_code in (302, 403)


def test_member_sees_no_register_button_and_cannot_post(client, space, make_role_user, item):
    client.force_login(make_role_user(space, "member"))
    assert url("input-create", space) not in client.get(url("input-list", space)).text
    assert client.get(url("input-create", space)).status_code == 403
    response = client.post(url("input-consider", space, pk=item.pk), {"outcome": Outcome.ADOPTED})
    assert response.status_code == 403
    assert not Consideration.objects.exists()


def test_list_filters_by_outcome_and_channel(client, space, secretariat, item):
    other = make_input(space, topic="Industrins behov", channel="survey")
    services.consideration_record(actor=secretariat, input=other, outcome=Outcome.ADOPTED)
    client.force_login(secretariat)
    open_only = client.get(url("input-list", space) + "?outcome=none").text
    assert "Validering inom vården" in open_only and "Industrins behov" not in open_only
    survey = client.get(url("input-list", space) + "?channel=survey").text
    assert "Industrins behov" in survey and "Validering inom vården" not in survey


def test_register_form_shows_swedish_errors_and_stores_nothing(client, space, secretariat):
    client.force_login(secretariat)
    response = client.post(url("input-create", space), {"topic": ""})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert swedish("This field is required.") in response.text
    assert not Input.objects.exists()


def test_register_with_attachment_then_download(client, space, secretariat, media):
    region = make_region("Region Sörmland")
    goal = make_goal(space, year=date.today().year)
    client.force_login(secretariat)
    response = client.post(
        url("input-create", space),
        {
            "source_organisation": region.pk,
            "channel": "supply_days",
            "received_on": "2025-11-20",
            "goal_year": "2026",
            "topic": "Kompetensförsörjningsdagarna: vården",
            "text": "<p>Behov av fler undersköterskor.</p><script>alert(1)</script>",
            "goals": [goal.pk],
            "attachments": [SimpleUploadedFile("Minnesanteckningar.pdf", PDF_BYTES)],
        },
    )
    assert response.status_code == 302
    created = Input.objects.get()
    assert created.source_organisation == region and list(created.goals.all()) == [goal]
    detail = client.get(created.get_absolute_url())
    assert "Minnesanteckningar.pdf" in detail.text
    assert "<script>alert(1)</script>" not in detail.text
    attachment = created.attachments.get()
    download = client.get(url("attachment-download", space, pk=created.pk, attachment=attachment.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "Minnesanteckningar.pdf" in download["Content-Disposition"]
    assert (
        client.get(url("attachment-download", space, pk=created.pk, attachment=attachment.pk + 99)).status_code == 404
    )


def test_register_refuses_a_disguised_file_with_a_message(client, space, secretariat, media):
    client.force_login(secretariat)
    response = client.post(
        url("input-create", space),
        {
            "source_organisation": make_region().pk,
            "channel": "email",
            "received_on": "2025-11-20",
            "goal_year": "2026",
            "topic": "Med bilaga",
            "attachments": [SimpleUploadedFile("inspel.pdf", b"MZ\x90\x00 program")],
        },
    )
    assert response.status_code == 200
    assert "inspel.pdf" in response.text and 'class="error-summary"' in response.text
    assert not Input.objects.exists()


def test_consideration_without_reason_shows_the_error_in_swedish(client, space, secretariat, item):
    client.force_login(secretariat)
    response = client.post(url("input-consider", space, pk=item.pk), {"outcome": Outcome.NOT_ADOPTED, "reason": ""})
    assert response.status_code == 200
    assert swedish("Give the reason when an input is partly adopted or not adopted; the region will read it.") in (
        response.text
    )
    assert not Consideration.objects.exists()
    response = client.post(
        url("input-consider", space, pk=item.pk), {"outcome": Outcome.NOT_ADOPTED, "reason": "Ligger utanför"}
    )
    assert response.status_code == 302
    assert "Ligger utanför" in client.get(item.get_absolute_url()).text


def test_link_page_links_goals_and_decisions(client, space, secretariat, item):
    goal, decision = make_goal(space, title="Fler validerade"), make_decision(space, text="Målen fastställs")
    client.force_login(secretariat)
    assert client.get(url("input-links", space, pk=item.pk)).status_code == 200
    response = client.post(url("input-links", space, pk=item.pk), {"goals": [goal.pk], "decisions": [decision.pk]})
    assert response.status_code == 302
    detail = client.get(item.get_absolute_url()).text
    assert "Fler validerade" in detail and "Målen fastställs" in detail


def test_feedback_reports_generate_preview_pdf_send_and_follow_up(client, space, secretariat, item, make_role_user):
    make_goal(space, year=YEAR, code="E1", title="Rätt kompetens")
    services.consideration_record(actor=secretariat, input=item, outcome=Outcome.ADOPTED)
    client.force_login(secretariat)
    response = client.post(url("feedback-list", space), {"year": YEAR})
    assert response.status_code == 302
    report = FeedbackReport.objects.get()
    listing = client.get(url("feedback-list", space) + f"?year={YEAR}")
    assert "Region Sörmland" in listing.text
    detail = client.get(report.get_absolute_url())
    assert "Rätt kompetens" in detail.text and "Validering inom vården" in detail.text
    pdf = client.get(url("feedback-pdf", space, pk=report.pk))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")

    assert client.post(url("feedback-send", space, pk=report.pk)).status_code == 302
    assert client.post(url("feedback-send", space, pk=report.pk)).status_code == 302
    assert OutboxMessage.objects.count() == 1

    bad = client.post(url("feedback-follow-up", space, pk=report.pk), {"follow_up_on": "", "follow_up_note": ""})
    assert bad.status_code == 400 and 'class="error-summary"' in bad.text
    ok = client.post(url("feedback-follow-up", space, pk=report.pk), {"follow_up_on": "2026-05-20"})
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.follow_up_on == date(2026, 5, 20)

    # A member reads the report but cannot send it or record the follow-up.
    client.force_login(make_role_user(space, "member"))
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.post(url("feedback-send", space, pk=report.pk)).status_code == 403
    assert client.post(url("feedback-list", space), {"year": YEAR}).status_code == 403


def test_generating_before_the_goal_decision_shows_a_message(client, space, secretariat, item):
    client.force_login(secretariat)
    response = client.post(url("feedback-list", space), {"year": YEAR}, follow=True)
    assert response.status_code == 200
    expected = swedish("No goals are adopted for %(year)s yet. Generate the feedback reports after the goal decision.")
    assert expected % {"year": YEAR} in response.text
    assert not FeedbackReport.objects.exists()


def test_evaluations_plan_edit_export_and_result(client, space, secretariat, make_role_user):
    client.force_login(secretariat)
    page = client.get(url("evaluation-list", space))
    assert page.status_code == 200
    no_survey = "Samverka has no survey tool yet. Export the questions and send them with the survey tool you use; then record the result here."
    assert swedish(no_survey) in page.text
    bad = client.post(url("evaluation-list", space), {"structure_name": ""})
    assert bad.status_code == 200 and swedish("This field is required.") in bad.text
    response = client.post(
        url("evaluation-list", space),
        {"structure_name": "Ny struktur för samverkan med regionerna", "responsible": "Sekretariatet"},
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    listing = client.get(url("evaluation-list", space)).text
    assert "Hur upplever regionerna samverkan med myndigheterna?" in listing

    export = client.get(url("evaluation-questions", space, pk=evaluation.pk))
    assert export["Content-Type"].startswith("text/csv")
    lines = export.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 6  # the header and the five questions
    assert lines[1].startswith("1;Hur har det regionala perspektivet integrerats i MSV KLL?")

    edit = client.post(
        url("evaluation-update", space, pk=evaluation.pk),
        {"structure_name": "Ny struktur", "questions": "Fungerar dialoggruppen?"},
    )
    assert edit.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.questions == ["Fungerar dialoggruppen?"]
    assert client.post(url("evaluation-complete", space, pk=evaluation.pk), {"result": ""}).status_code == 200
    assert (
        client.post(url("evaluation-complete", space, pk=evaluation.pk), {"result": "Fungerar väl."}).status_code == 302
    )
    evaluation.refresh_from_db()
    assert evaluation.result == "Fungerar väl."

    client.force_login(make_role_user(space, "member"))
    assert client.get(url("evaluation-list", space)).status_code == 200
    assert client.get(url("evaluation-update", space, pk=evaluation.pk)).status_code == 403
    assert client.post(url("evaluation-list", space), {"structure_name": "X"}).status_code == 403
    assert Evaluation.objects.count() == 1


def test_evaluation_of_another_space_is_not_found(client, space, other_space, make_role_user):
    evaluation = services.evaluation_create(
        actor=None, space=other_space, data=services.EvaluationData(structure_name="Örebros")
    )
    client.force_login(make_role_user(space, "secretariat"))
    assert client.get(url("evaluation-update", space, pk=evaluation.pk)).status_code == 404
    assert client.get(url("evaluation-questions", space, pk=evaluation.pk)).status_code == 404


def test_attachment_can_be_added_later_and_a_wrong_file_is_refused(client, space, secretariat, item, media):
    client.force_login(secretariat)
    upload_url = url("attachment-upload", space, pk=item.pk)
    bad = client.post(upload_url, {"attachment-file": SimpleUploadedFile("bild.png", b"not an image at all")})
    assert bad.status_code == 400
    assert 'class="error-summary"' in bad.text and "#id_attachment-file" in bad.text
    assert not item.attachments.exists()
    ok = client.post(upload_url, {"attachment-file": SimpleUploadedFile("Underlag.pdf", PDF_BYTES)})
    assert ok.status_code == 302
    assert item.attachments.get().name == "Underlag.pdf"


def test_member_cannot_add_attachments(client, space, make_role_user, item, media):
    client.force_login(make_role_user(space, "member"))
    response = client.post(
        url("attachment-upload", space, pk=item.pk), {"attachment-file": SimpleUploadedFile("a.pdf", PDF_BYTES)}
    )
    assert response.status_code == 403
    assert not item.attachments.exists()
