"""The question pages: who sees and does what, Swedish error messages, 404 for hidden questions."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from samverka.records.questions.models import Question, QuestionKind, QuestionStatus
from samverka.records.questions.tests.helpers import ask, backdate, chain, in_days, seat
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


@pytest.fixture
def bodies(space):
    return chain(space)


@pytest.fixture
def council_chair(space, bodies):
    user = make_user(email="council@example.se", role_in=space, role="member")
    seat(user, bodies["council"])
    return user


@pytest.fixture
def forum_chair(space, bodies):
    user = make_user(email="forum@example.se", role_in=space, role="member")
    seat(user, bodies["forum"])
    return user


def test_a_council_leader_raises_a_question_from_the_body_page(client, space, bodies, council_chair):
    client.force_login(council_chair)
    url = reverse("questions:question-create", kwargs={"space": space.slug, "body": bodies["council"].pk})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["to_body"] == bodies["forum"].pk  # the parent is proposed
    response = client.post(
        url,
        {
            "to_body": bodies["forum"].pk,
            "kind": QuestionKind.QUESTION,
            "title": "Fler platser",
            "text": "Behövs fler platser?",
            "due_on": in_days(10).isoformat(),
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    assert question.from_body == bodies["council"] and question.created_by == council_chair


def test_bad_input_shows_swedish_messages_and_saves_nothing(client, space, bodies, council_chair):
    client.force_login(council_chair)
    url = reverse("questions:question-create", kwargs={"space": space.slug, "body": bodies["council"].pk})
    response = client.post(
        url,
        {
            "to_body": bodies["workshop"].pk,
            "kind": QuestionKind.EDUCATION_ORDER,
            "title": "Beställning",
            "text": "Text",
            "due_on": in_days(-2).isoformat(),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert sv("The due date cannot be in the past.") in html
    assert Question.objects.count() == 0
    # the body itself is not offered as a receiver
    assert bodies["council"] not in response.context["form"].fields["to_body"].queryset


def test_a_member_without_a_leading_seat_cannot_raise(client, space, bodies):
    client.force_login(make_user(role_in=space, role="member"))
    url = reverse("questions:question-create", kwargs={"space": space.slug, "body": bodies["council"].pk})
    assert client.get(url).status_code == 403


def test_the_receiver_answers_and_the_asker_sees_it(client, space, bodies, forum_chair, council_chair):
    question = ask(bodies["council"], bodies["forum"])
    client.force_login(forum_chair)
    detail = client.get(question.get_absolute_url())
    assert detail.context["can_handle"] and not detail.context["can_withdraw"]
    url = reverse("questions:question-handle", kwargs={"space": space.slug, "pk": question.pk, "action": "answer"})
    empty = client.post(url, {"text": ""})
    assert empty.status_code == 200 and 'id="error-summary"' in empty.content.decode()
    assert client.post(url, {"text": "Ja, vi stödjer det."}).status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED

    client.force_login(council_chair)
    page = client.get(question.get_absolute_url())
    assert "Ja, vi stödjer det." in page.content.decode()
    assert not page.context["can_withdraw"]


def test_escalating_without_a_parent_explains_why_and_changes_nothing(client, space, bodies, forum_chair):
    question = ask(bodies["council"], bodies["forum"])
    client.force_login(forum_chair)
    url = reverse("questions:question-handle", kwargs={"space": space.slug, "pk": question.pk, "action": "escalate"})
    response = client.post(url, {"text": "Högre upp"})
    assert response.status_code == 200
    with translation.override("sv"):
        expected = gettext(
            "%(body)s does not report to any other body, so there is nowhere to escalate the question. "
            "Answer it, or ask the secretariat to set the body it reports to."
        ) % {"body": bodies["forum"].name}
    assert expected in response.content.decode()
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN


def test_the_asker_withdraws_but_the_receiver_cannot(client, space, bodies, forum_chair, council_chair):
    question = ask(bodies["council"], bodies["forum"])
    url = reverse("questions:question-withdraw", kwargs={"space": space.slug, "pk": question.pk})
    client.force_login(forum_chair)
    assert client.post(url, {"text": ""}).status_code == 403
    client.force_login(council_chair)
    assert client.post(url, {"text": ""}).status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.WITHDRAWN
    # the question is closed: the action pages send the user back
    handle = reverse("questions:question-handle", kwargs={"space": space.slug, "pk": question.pk, "action": "accept"})
    client.force_login(forum_chair)
    assert client.get(handle).status_code == 302


def test_an_unknown_action_is_not_found(client, space, bodies, forum_chair):
    question = ask(bodies["council"], bodies["forum"])
    client.force_login(forum_chair)
    url = reverse("questions:question-handle", kwargs={"space": space.slug, "pk": question.pk, "action": "delete"})
    assert client.post(url).status_code == 404


def test_a_question_between_hidden_bodies_is_not_found(client, space, other_space):
    hidden = chain(space)
    for body in hidden.values():
        body.is_public = False
        body.save()
    question = ask(hidden["council"], hidden["forum"])
    client.force_login(make_user(role_in=other_space, role="member"))
    assert client.get(question.get_absolute_url()).status_code == 404


def test_overdue_items_show_on_both_bodies_pages(client, space, bodies, council_chair):
    late = backdate(ask(bodies["council"], bodies["forum"], title="Försenad fråga"), due=-3)
    ask(bodies["council"], bodies["forum"], title="I tid")
    client.force_login(council_chair)
    for body in (bodies["council"], bodies["forum"]):
        html = client.get(body.get_absolute_url()).content.decode()
        assert "Försenad fråga" in html and late.get_absolute_url() in html
        assert "I tid" not in html
    assert "Försenad fråga" not in client.get(bodies["workshop"].get_absolute_url()).content.decode()


def test_the_secretariat_sees_open_items_by_age(client, space, bodies, council_chair):
    backdate(ask(bodies["council"], bodies["forum"], title="Ny fråga"), due=10, created=3)
    backdate(ask(bodies["council"], bodies["forum"], title="Månadsgammal"), due=10, created=20)
    backdate(ask(bodies["council"], bodies["forum"], title="Gammal och sen"), due=-1, created=60)
    done = ask(bodies["council"], bodies["forum"], title="Besvarad")
    done.status = QuestionStatus.ANSWERED
    done.save()
    url = reverse("questions:overview", kwargs={"space": space.slug})
    client.force_login(council_chair)
    assert client.get(url).status_code == 403
    client.force_login(make_user(role_in=space, role="secretariat"))
    response = client.get(url)
    buckets = {b["key"]: [q.title for q in b["items"]] for b in response.context["buckets"]}
    assert buckets == {"recent": ["Ny fråga"], "weeks": ["Månadsgammal"], "old": ["Gammal och sen"]}
    assert [q.title for q in response.context["overdue"]] == ["Gammal och sen"]
    assert "Besvarad" not in response.content.decode()


def test_the_body_questions_page_lists_received_and_sent(client, space, bodies, council_chair):
    received = ask(make_body(space=space, name="Arbetsgrupp"), bodies["council"], title="Inkommen")
    ask(bodies["council"], bodies["forum"], title="Skickad")
    client.force_login(council_chair)
    response = client.get(
        reverse("questions:body-questions", kwargs={"space": space.slug, "body": bodies["council"].pk})
    )
    assert [q.title for q in response.context["received"]] == ["Inkommen"]
    assert [q.title for q in response.context["sent"]] == ["Skickad"]
    assert received.get_absolute_url() in response.content.decode()
