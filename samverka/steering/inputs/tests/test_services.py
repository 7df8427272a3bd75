"""The inputs services: registering, linking, considering, the feedback reports and evaluations."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samverka.platform.core.pdf import page_texts, render_document
from samverka.platform.notifications.models import OutboxMessage
from samverka.platform.notifications.services import send_pending
from samverka.steering.goals.models import GoalStatus
from samverka.steering.inputs import services
from samverka.steering.inputs.models import Channel, Consideration, Evaluation, FeedbackReport, Input, Outcome
from samverka.steering.inputs.tests.factories import (
    PDF_BYTES,
    YEAR,
    make_decision,
    make_goal,
    make_input,
    make_region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def secretariat(space, make_role_user):
    return make_role_user(space, "secretariat")


def input_data(**extra):
    data = {
        "source_organisation": make_region("Region Sörmland"),
        "channel": Channel.NETWORK,
        "received_on": date(YEAR - 1, 12, 5),
        "goal_year": YEAR,
        "topic": "Validering inom vården",
        "text": "<p>Regionen vill se fler valideringsvägar.</p>",
    }
    data.update(extra)
    return data


# --- registering ---------------------------------------------------------------------------


def test_secretariat_registers_an_input_with_links_and_a_checked_attachment(space, secretariat, media):
    goal = make_goal(space)
    decision = make_decision(space)
    upload = SimpleUploadedFile("Inspel från regionen.pdf", PDF_BYTES)
    item = services.input_register(
        actor=secretariat,
        space=space,
        data=services.InputData(**input_data(goals=[goal], decisions=[decision])),
        uploads=[upload],
    )
    assert item.topic == "Validering inom vården"
    assert item.created_by == secretariat
    assert list(item.goals.all()) == [goal]
    assert list(item.decisions.all()) == [decision]
    attachment = item.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF_BYTES)
    assert attachment.file.read() == PDF_BYTES
    # The stored path is random; the original name is only shown.
    assert "Inspel" not in attachment.file.name


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"source_organisation": None}, "source_organisation"),
        ({"channel": "fax"}, "channel"),
        ({"received_on": None}, "received_on"),
        ({"topic": "   "}, "topic"),
        ({"goal_year": 1999}, "goal_year"),
        ({"goal_year": "nästa år"}, "goal_year"),
    ],
)
def test_register_refuses_incomplete_input(space, secretariat, change, field):
    with pytest.raises(ValidationError) as error:
        services.input_register(actor=secretariat, space=space, data=services.InputData(**input_data(**change)))
    assert field in error.value.message_dict
    assert not Input.objects.exists()


def test_register_refuses_a_date_in_the_future(space, secretariat):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.input_register(
            actor=secretariat, space=space, data=services.InputData(**input_data(received_on=tomorrow))
        )
    assert error.value.message_dict["received_on"] == ["The date received cannot be in the future."]
    assert not Input.objects.exists()


def test_register_refuses_goals_and_decisions_of_another_space(space, other_space, secretariat):
    with pytest.raises(ValidationError) as error:
        services.input_register(
            actor=secretariat,
            space=space,
            data=services.InputData(
                **input_data(goals=[make_goal(other_space)], decisions=[make_decision(other_space)])
            ),
        )
    assert set(error.value.message_dict) == {"goals", "decisions"}
    assert not Input.objects.exists()


def test_register_refuses_a_file_that_is_not_what_it_claims_and_stores_nothing(space, secretariat, media):
    fake = SimpleUploadedFile("inspel.pdf", b"MZ\x90\x00 this is a program")
    good = SimpleUploadedFile("ok.pdf", PDF_BYTES)
    with pytest.raises(ValidationError) as error:
        services.input_register(
            actor=secretariat, space=space, data=services.InputData(**input_data()), uploads=[good, fake]
        )
    assert error.value.message_dict["attachments"][0].startswith("inspel.pdf: ")
    assert not Input.objects.exists()
    assert not any(media.rglob("*.pdf"))


@pytest.mark.parametrize("role", ["member", "analyst", "guest"])
def test_only_admins_and_secretariat_register_inputs(space, make_role_user, role):
    with pytest.raises(PermissionDenied):
        services.input_register(actor=make_role_user(space, role), space=space, data=services.InputData(**input_data()))
    assert not Input.objects.exists()


def test_secretariat_of_another_space_cannot_register_here(space, other_space, make_role_user):
    with pytest.raises(PermissionDenied):
        services.input_register(
            actor=make_role_user(other_space, "secretariat"), space=space, data=services.InputData(**input_data())
        )
    assert not Input.objects.exists()


# --- links and consideration ------------------------------------------------------------------


def test_link_replaces_the_links_and_refuses_other_spaces(space, other_space, secretariat):
    item = make_input(space, goals=[make_goal(space)])
    goal, decision = make_goal(space), make_decision(space)
    services.input_link(actor=secretariat, input=item, goals=[goal], decisions=[decision])
    assert list(item.goals.all()) == [goal]
    assert list(item.decisions.all()) == [decision]
    with pytest.raises(ValidationError):
        services.input_link(actor=secretariat, input=item, goals=[make_goal(other_space)], decisions=[])
    assert list(item.goals.all()) == [goal]


def test_member_cannot_link(space, make_role_user):
    item = make_input(space)
    with pytest.raises(PermissionDenied):
        services.input_link(actor=make_role_user(space, "member"), input=item, goals=[make_goal(space)], decisions=[])
    assert not item.goals.exists()


@pytest.mark.parametrize("outcome", [Outcome.PARTLY, Outcome.NOT_ADOPTED])
def test_partly_or_not_adopted_needs_a_reason(space, secretariat, outcome):
    item = make_input(space)
    with pytest.raises(ValidationError) as error:
        services.consideration_record(actor=secretariat, input=item, outcome=outcome, reason="  ")
    assert "reason" in error.value.message_dict
    assert not Consideration.objects.exists()


def test_consideration_is_recorded_and_can_be_changed(space, secretariat):
    item = make_input(space)
    services.consideration_record(actor=secretariat, input=item, outcome=Outcome.ADOPTED)
    services.consideration_record(
        actor=secretariat, input=item, outcome=Outcome.PARTLY, reason="Ryms delvis i resultatmål R1."
    )
    consideration = Consideration.objects.get(input=item)
    assert consideration.outcome == Outcome.PARTLY
    assert consideration.reason == "Ryms delvis i resultatmål R1."
    assert consideration.decided_by == secretariat


def test_saving_the_same_consideration_again_keeps_who_decided_and_when(space, secretariat, make_role_user):
    item = make_input(space)
    services.consideration_record(actor=secretariat, input=item, outcome=Outcome.PARTLY, reason="Delvis i R1.")
    before = Consideration.objects.get(input=item)
    other = make_role_user(space, "admin")
    services.consideration_record(actor=other, input=item, outcome=Outcome.PARTLY, reason=" Delvis i R1. ")
    after = Consideration.objects.get(input=item)
    assert (after.decided_by, after.decided_at) == (secretariat, before.decided_at)
    services.consideration_record(actor=other, input=item, outcome=Outcome.ADOPTED)
    assert Consideration.objects.get(input=item).decided_by == other


def test_unknown_outcome_and_member_are_refused(space, make_role_user, secretariat):
    item = make_input(space)
    with pytest.raises(ValidationError):
        services.consideration_record(actor=secretariat, input=item, outcome="maybe")
    with pytest.raises(PermissionDenied):
        services.consideration_record(actor=make_role_user(space, "member"), input=item, outcome=Outcome.ADOPTED)
    assert not Consideration.objects.exists()


# --- feedback reports --------------------------------------------------------------------------


def test_feedback_reports_are_refused_before_the_goal_decision(space, secretariat):
    make_input(space)
    make_goal(space, year=YEAR, status=GoalStatus.RETIRED)
    with pytest.raises(ValidationError) as error:
        services.feedback_reports_generate(actor=secretariat, space=space, year=YEAR)
    assert "No goals are adopted for 2026 yet" in error.value.messages[0]
    assert not FeedbackReport.objects.exists()


def test_one_feedback_report_per_region_with_what_was_decided_and_how_inputs_were_considered(space, secretariat):
    decision = make_decision(space)
    effect = make_goal(space, code="E1", title="Fler har rätt kompetens", decision=decision)
    result = make_goal(space, parent=effect, code="R1.1", title="Fler validerade")
    sormland, orebro = make_region("Region Sörmland"), make_region("Region Örebro län")
    first = make_input(space, sormland, topic="Validering", goals=[result])
    second = make_input(space, sormland, topic="Vård och omsorg")
    third = make_input(space, orebro, topic="Industrin")
    make_input(space, orebro, topic="Nästa år", goal_year=YEAR + 1)
    services.consideration_record(actor=secretariat, input=first, outcome=Outcome.ADOPTED)
    services.consideration_record(actor=secretariat, input=second, outcome=Outcome.NOT_ADOPTED, reason="Ligger utanför")
    services.consideration_record(actor=secretariat, input=third, outcome=Outcome.PARTLY, reason="Delvis i R1.1")

    reports = services.feedback_reports_generate(actor=secretariat, space=space, year=YEAR)

    assert {r.organisation for r in reports} == {sormland, orebro}
    report = FeedbackReport.objects.get(organisation=sormland)
    content = report.content
    assert [g["code"] for g in content["goals"]] == ["E1", "R1.1"]
    assert content["goals"][0]["decision"] == decision.label
    assert [(i["topic"], i["outcome"], i["reason"]) for i in content["inputs"]] == [
        ("Validering", "adopted", ""),
        ("Vård och omsorg", "not_adopted", "Ligger utanför"),
    ]
    assert content["inputs"][0]["goals"] == ["R1.1"]
    assert report.version == 1 and report.generated_by == secretariat


def test_generating_again_raises_the_version_only_when_something_changed(space, secretariat):
    make_goal(space)
    item = make_input(space)
    (report,) = services.feedback_reports_generate(actor=secretariat, space=space, year=YEAR)
    report.sent_at = timezone.now()
    report.save()
    services.feedback_reports_generate(actor=secretariat, space=space, year=YEAR)
    report.refresh_from_db()
    assert report.version == 1 and report.sent_at is not None

    services.consideration_record(actor=secretariat, input=item, outcome=Outcome.ADOPTED)
    services.feedback_reports_generate(actor=secretariat, space=space, year=YEAR)
    report.refresh_from_db()
    assert report.version == 2
    assert report.sent_at is None
    assert report.content["inputs"][0]["outcome"] == "adopted"


def test_member_cannot_generate_reports(space, make_role_user):
    make_goal(space)
    make_input(space)
    with pytest.raises(PermissionDenied):
        services.feedback_reports_generate(actor=make_role_user(space, "member"), space=space, year=YEAR)
    assert not FeedbackReport.objects.exists()


def generated_report(space, secretariat, region):
    make_goal(space, code="E1", title="Fler har rätt kompetens")
    item = make_input(space, region, topic="Validering inom vården")
    services.consideration_record(actor=secretariat, input=item, outcome=Outcome.PARTLY, reason="Delvis i R1")
    (report,) = services.feedback_reports_generate(actor=secretariat, space=space, year=YEAR)
    return report


def test_feedback_pdf_shows_the_region_the_goals_and_the_reason(space, secretariat):
    report = generated_report(space, secretariat, make_region("Region Sörmland"))
    assert services.feedback_report_pdf(report).startswith(b"%PDF-")
    from samverka.steering.inputs.selectors import feedback_context

    text = " ".join(page_texts(render_document("inputs/pdf/feedback_report.html", feedback_context(report))))
    for expected in ("Region Sörmland", "E1", "Fler har rätt kompetens", "Validering inom vården", "Delvis i R1"):
        assert expected in text


def test_sending_mails_each_contact_once_with_the_pdf(space, secretariat):
    region = make_region("Region Sörmland", email="anna@regionsormland.se")
    from samverka.testing.factories import make_contact

    make_contact(organisation=region, name="Bo", email="bo@regionsormland.se")
    make_contact(organisation=region, name="Utan adress", email="")
    report = generated_report(space, secretariat, region)

    assert services.feedback_report_send(actor=secretariat, report=report) == 2
    messages = OutboxMessage.objects.order_by("to")
    assert [m.to for m in messages] == ["anna@regionsormland.se", "bo@regionsormland.se"]
    report.refresh_from_db()
    assert report.sent_at is not None and report.sent_to_count == 2
    # Idempotent: the same version is never queued twice.
    assert services.feedback_report_send(actor=secretariat, report=report) == 0
    assert OutboxMessage.objects.count() == 2


def test_sent_message_carries_the_pdf_over_smtp(space, secretariat, smtp_server):
    report = generated_report(space, secretariat, make_region("Region Sörmland", email="anna@regionsormland.se"))
    services.feedback_report_send(actor=secretariat, report=report)
    send_pending()
    (message,) = smtp_server.messages
    assert message["To"] == "anna@regionsormland.se"
    assert "Validering inom vården" in message.get_body(preferencelist=("plain",)).get_content()
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF-")


def test_sending_without_contacts_is_refused(space, secretariat):
    report = generated_report(space, secretariat, make_region("Region Gotland", email=None))
    with pytest.raises(ValidationError) as error:
        services.feedback_report_send(actor=secretariat, report=report)
    assert "Region Gotland has no contact with an e-mail address" in error.value.messages[0]
    assert not OutboxMessage.objects.exists()


def test_member_cannot_send(space, secretariat, make_role_user):
    report = generated_report(space, secretariat, make_region())
    with pytest.raises(PermissionDenied):
        services.feedback_report_send(actor=make_role_user(space, "member"), report=report)
    assert not OutboxMessage.objects.exists()


def test_follow_up_in_may_is_recorded(space, secretariat):
    report = generated_report(space, secretariat, make_region())
    with pytest.raises(ValidationError):
        services.feedback_follow_up_record(actor=secretariat, report=report, follow_up_on=None, note=" ")
    services.feedback_follow_up_record(
        actor=secretariat, report=report, follow_up_on=date(YEAR, 5, 20), note="Samarbetet fungerar."
    )
    report.refresh_from_db()
    assert report.follow_up_on == date(YEAR, 5, 20)
    assert report.follow_up_note == "Samarbetet fungerar."


# --- evaluations ---------------------------------------------------------------------------------


def test_evaluation_gets_the_questions_after_one_year_when_none_are_given(space, secretariat):
    evaluation = services.evaluation_create(
        actor=secretariat,
        space=space,
        data=services.EvaluationData(
            structure_name="Ny struktur för samverkan", responsible="Sekretariatet med Tillväxtverket"
        ),
    )
    assert len(evaluation.questions) == 5
    assert evaluation.questions[0] == "Hur har det regionala perspektivet integrerats i MSV KLL?"
    assert evaluation.responsible == "Sekretariatet med Tillväxtverket"


def test_evaluation_questions_are_stored_one_per_line(space, secretariat):
    evaluation = services.evaluation_create(
        actor=secretariat,
        space=space,
        data=services.EvaluationData(
            structure_name="Dialoggruppen", questions="Fungerar mötena?\n\n  Är inspelen användbara?  \n"
        ),
    )
    assert evaluation.questions == ["Fungerar mötena?", "Är inspelen användbara?"]
    with pytest.raises(ValidationError) as error:
        services.evaluation_update(
            actor=secretariat,
            evaluation=evaluation,
            data=services.EvaluationData(structure_name="Dialoggruppen", questions="\n"),
        )
    assert "questions" in error.value.message_dict
    evaluation.refresh_from_db()
    assert len(evaluation.questions) == 2


def test_evaluation_needs_a_name_and_a_result(space, secretariat):
    with pytest.raises(ValidationError):
        services.evaluation_create(actor=secretariat, space=space, data=services.EvaluationData(structure_name=" "))
    evaluation = services.evaluation_create(
        actor=secretariat, space=space, data=services.EvaluationData(structure_name="Ny struktur")
    )
    with pytest.raises(ValidationError):
        services.evaluation_complete(actor=secretariat, evaluation=evaluation, result="")
    services.evaluation_complete(actor=secretariat, evaluation=evaluation, result="Strukturen fungerar.")
    evaluation.refresh_from_db()
    assert evaluation.result == "Strukturen fungerar." and evaluation.completed_by == secretariat


def test_member_cannot_plan_or_complete_evaluations(space, secretariat, make_role_user):
    member = make_role_user(space, "member")
    with pytest.raises(PermissionDenied):
        services.evaluation_create(actor=member, space=space, data=services.EvaluationData(structure_name="X"))
    evaluation = services.evaluation_create(
        actor=secretariat, space=space, data=services.EvaluationData(structure_name="Ny struktur")
    )
    with pytest.raises(PermissionDenied):
        services.evaluation_complete(actor=member, evaluation=evaluation, result="Bra")
    evaluation.refresh_from_db()
    assert evaluation.completed_at is None
    assert Evaluation.objects.count() == 1
