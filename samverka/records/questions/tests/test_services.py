"""Every transition of a question, and every refusal (which changes nothing)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.collaboration.bodies.models import BodyKind, BodyStatus
from samverka.platform.notifications.models import OutboxMessage
from samverka.records.questions import services
from samverka.records.questions.models import EventKind, Question, QuestionKind, QuestionStatus
from samverka.records.questions.tests.helpers import ask, backdate, chain, in_days, seat
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(space):
    return chain(space)


@pytest.fixture
def leaders(space, bodies):
    result = {}
    for key, body in bodies.items():
        user = make_user(email=f"{key}@example.se", role_in=space, role="member")
        seat(user, body)
        result[key] = user
    return result


def snapshot(question):
    question.refresh_from_db()
    return (question.status, question.answer, question.closed_at, question.events.count())


def test_a_leader_raises_a_question_and_the_receiving_leaders_are_told_once(leaders, bodies):
    question = ask(bodies["council"], bodies["forum"], actor=leaders["council"])
    assert question.status == QuestionStatus.OPEN
    assert question.space_id == bodies["forum"].space_id
    assert list(question.events.values_list("kind", flat=True)) == [EventKind.RAISED]
    mail = OutboxMessage.objects.get(key__startswith=f"question-raised:{question.pk}:")
    assert mail.to == "forum@example.se"
    assert "Programråd Industritekniska" in mail.body


def test_raise_refusals_change_nothing(leaders, bodies, space, other_space):
    council, forum = bodies["council"], bodies["forum"]
    cases = [
        ({"to_body": council}, "to_body", "cannot send a question to itself"),
        ({"to_body": make_body(space=other_space)}, "to_body", "same space"),
        ({"to_body": forum, "kind": QuestionKind.EDUCATION_ORDER}, "to_body", "local competence workshop"),
        ({"to_body": forum, "title": "  "}, "title", "title"),
        ({"to_body": forum, "text": ""}, "text", "Describe"),
        ({"to_body": forum, "due_on": None}, "due_on", "nothing may be left hanging"),
        ({"to_body": forum, "due_on": in_days(-1)}, "due_on", "past"),
        ({"to_body": None}, "to_body", "Choose the body"),
        ({"to_body": forum, "kind": "gossip"}, "kind", "Choose a kind"),
    ]
    for override, field, words in cases:
        data = {
            "to_body": forum,
            "kind": QuestionKind.QUESTION,
            "title": "Titel",
            "text": "Text",
            "due_on": in_days(7),
            **override,
        }
        with pytest.raises(ValidationError) as error:
            services.question_raise(actor=leaders["council"], from_body=council, **data)
        assert words in " ".join(error.value.message_dict[field]), override
    closed = make_body(space=space, status=BodyStatus.CLOSED, closed_at=in_days(-3))
    with pytest.raises(ValidationError, match="is closed and cannot receive"):
        services.question_raise(
            actor=leaders["council"],
            from_body=council,
            to_body=closed,
            kind="question",
            title="T",
            text="T",
            due_on=in_days(3),
        )
    assert not Question.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_only_who_runs_the_asking_body_raises(space, bodies, leaders):
    member = make_user(role_in=space, role="member")
    with pytest.raises(PermissionDenied):
        ask(bodies["council"], bodies["forum"], actor=member)
    with pytest.raises(PermissionDenied):  # the forum's chair does not run the council
        ask(bodies["council"], bodies["forum"], actor=leaders["forum"])
    secretariat = make_user(role_in=space, role="secretariat")
    assert ask(bodies["council"], bodies["forum"], actor=secretariat).pk
    assert Question.objects.count() == 1


def test_accept_then_answer_tells_the_asker(bodies, leaders):
    question = ask(bodies["council"], bodies["forum"])
    services.question_accept(actor=leaders["forum"], question=question)
    assert question.status == QuestionStatus.ACCEPTED
    services.question_answer(actor=leaders["forum"], question=question, answer="Ja, forumet stödjer det.")
    question.refresh_from_db()
    assert (question.status, question.answer) == (QuestionStatus.ANSWERED, "Ja, forumet stödjer det.")
    assert question.closed_at is not None
    back = OutboxMessage.objects.get(key__startswith=f"question-answered:{question.pk}:")
    assert back.to == "council@example.se" and "forumet stödjer det" in back.body


def test_handling_refusals_change_nothing(bodies, leaders):
    question = ask(bodies["council"], bodies["forum"])
    before = snapshot(question)
    with pytest.raises(PermissionDenied):  # the asker does not answer its own question
        services.question_answer(actor=leaders["council"], question=question, answer="Svar")
    with pytest.raises(PermissionDenied):  # the receiver does not withdraw it
        services.question_withdraw(actor=leaders["forum"], question=question)
    with pytest.raises(ValidationError, match="Write the answer"):
        services.question_answer(actor=leaders["forum"], question=question, answer="  ")
    with pytest.raises(ValidationError, match="Only an education order is delivered"):
        services.question_deliver(actor=leaders["forum"], question=question, answer="Ett program")
    assert snapshot(question) == before

    services.question_answer(actor=leaders["forum"], question=question, answer="Svar")
    after = snapshot(question)
    for call in (
        lambda: services.question_accept(actor=leaders["forum"], question=question),
        lambda: services.question_answer(actor=leaders["forum"], question=question, answer="Igen"),
        lambda: services.question_escalate(actor=leaders["forum"], question=question, reason="Varför"),
        lambda: services.question_withdraw(actor=leaders["council"], question=question),
    ):
        with pytest.raises(ValidationError, match="already answered and can no longer|Only an open question"):
            call()
    assert snapshot(question) == after


def test_accept_twice_is_refused(bodies, leaders):
    question = ask(bodies["council"], bodies["forum"])
    services.question_accept(actor=leaders["forum"], question=question)
    with pytest.raises(ValidationError, match="Only an open question can be accepted"):
        services.question_accept(actor=leaders["forum"], question=question)


def test_an_education_order_is_delivered_not_answered(space, bodies, leaders):
    order = ask(bodies["forum"], bodies["workshop"], kind=QuestionKind.EDUCATION_ORDER, actor=leaders["forum"])
    with pytest.raises(ValidationError, match="delivered .*not answered"):
        services.question_answer(actor=leaders["workshop"], question=order, answer="Ja")
    with pytest.raises(ValidationError, match="Describe what was delivered"):
        services.question_deliver(actor=leaders["workshop"], question=order, answer="")
    assert snapshot(order)[0] == QuestionStatus.OPEN
    services.question_deliver(actor=leaders["workshop"], question=order, answer="Svetsutbildning på Komvux.")
    assert order.status == QuestionStatus.DELIVERED


def test_escalation_continues_one_level_up_and_the_answer_comes_back_down(space, bodies, leaders):
    group = make_body(space=space, name="Arbetsgrupp svets", kind=BodyKind.WORKING_GROUP, parent=bodies["council"])
    question = ask(group, bodies["council"], title="Platser i svetsteknik")
    with pytest.raises(ValidationError, match="Explain why"):
        services.question_escalate(actor=leaders["council"], question=question, reason=" ")
    assert Question.objects.count() == 1
    upper = services.question_escalate(actor=leaders["council"], question=question, reason="Frågan rör hela länet.")
    question.refresh_from_db()
    assert question.status == QuestionStatus.ESCALATED
    assert (upper.from_body, upper.to_body, upper.escalated_from) == (bodies["council"], bodies["forum"], question)
    assert (upper.title, upper.kind, upper.due_on, upper.status) == (
        question.title,
        question.kind,
        question.due_on,
        QuestionStatus.OPEN,
    )
    assert "Frågan rör hela länet." in upper.text
    assert OutboxMessage.objects.filter(key__startswith=f"question-raised:{upper.pk}:", to="forum@example.se").exists()

    services.question_answer(actor=leaders["forum"], question=upper, answer="Forumet beställer fler platser.")
    question.refresh_from_db()
    assert question.answer == "Forumet beställer fler platser."
    assert question.events.filter(kind=EventKind.ANSWERED_ABOVE).exists()
    assert OutboxMessage.objects.filter(key__startswith=f"question-answered:{upper.pk}:", to="council@example.se")
    # the group has no leader with an e-mail: nothing to send, nothing fails
    assert not OutboxMessage.objects.filter(key__startswith=f"question-answered:{question.pk}:").exists()


def test_escalation_without_a_parent_is_refused_with_an_explanation(bodies, leaders):
    question = ask(bodies["council"], bodies["forum"])
    before = snapshot(question)
    with pytest.raises(ValidationError, match="does not report to any other body"):
        services.question_escalate(actor=leaders["forum"], question=question, reason="Högre upp")
    assert snapshot(question) == before
    assert Question.objects.count() == 1


def test_escalation_back_to_the_asker_is_refused(bodies, leaders):
    question = ask(bodies["forum"], bodies["council"])  # the council reports to the forum
    with pytest.raises(ValidationError, match="itself the asker"):
        services.question_escalate(actor=leaders["council"], question=question, reason="Högre upp")
    assert Question.objects.count() == 1


def test_the_asker_withdraws(bodies, leaders):
    question = ask(bodies["council"], bodies["forum"])
    services.question_withdraw(actor=leaders["council"], question=question, reason="Löst på annat sätt.")
    question.refresh_from_db()
    assert question.status == QuestionStatus.WITHDRAWN
    assert question.events.get(kind=EventKind.WITHDRAWN).text == "Löst på annat sätt."


def test_reminders_once_before_and_once_after_the_due_date(bodies, leaders):
    soon = ask(bodies["council"], bodies["forum"], due=2)
    later = ask(bodies["council"], bodies["forum"], due=30)
    late = backdate(ask(bodies["council"], bodies["workshop"]), due=-5)
    answered = backdate(ask(bodies["council"], bodies["forum"]), due=-5)
    services.question_answer(actor=None, question=answered, answer="Klart")
    OutboxMessage.objects.all().delete()

    today = in_days(0)
    assert services.send_due_reminders(today, base_url="https://samverka.example") == 2
    assert services.send_due_reminders(today) == 0  # idempotent
    keys = set(OutboxMessage.objects.values_list("key", flat=True))
    contact = leaders["forum"].contact.pk
    assert f"question-reminder:{soon.pk}:soon:{contact}" in keys
    assert any(key.startswith(f"question-reminder:{late.pk}:overdue:") for key in keys)
    assert not any(str(later.pk) in key.split(":")[1] for key in keys)
    overdue = OutboxMessage.objects.get(key__startswith=f"question-reminder:{late.pk}:")
    assert overdue.subject.startswith("Overdue") and "https://samverka.example/s/" in overdue.body
    # when the soon item passes its due date, one overdue reminder follows
    assert services.send_due_reminders(in_days(3)) == 1
