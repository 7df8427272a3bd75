"""The questions demo: an escalation answered at the industry forum, education orders to the
Eskilstuna workshop (one delivered), an overdue item; skipped without the Sörmland space."""

import pytest

from samverka.collaboration.bodies.models import BodyKind
from samverka.demo import questions as demo
from samverka.demo.accounts import SORMLAND_SLUG
from samverka.records.questions.models import Question, QuestionKind, QuestionStatus
from samverka.testing.factories import make_body, make_space

pytestmark = pytest.mark.django_db


def test_without_the_sormland_space_the_demo_does_nothing():
    assert demo.load_questions() == []
    assert not Question.objects.exists()


def test_the_demo_tells_the_story_and_is_not_loaded_twice():
    space = make_space(slug=SORMLAND_SLUG, name="Sörmland")
    industry = make_body(space=space, name=demo.INDUSTRY, kind=BodyKind.INDUSTRY_FORUM)
    care = make_body(space=space, name=demo.CARE, kind=BodyKind.INDUSTRY_FORUM)
    transport = make_body(space=space, name=demo.TRANSPORT, kind=BodyKind.INDUSTRY_FORUM)
    make_body(space=space, name=demo.WORKSHOP, kind=BodyKind.LOCAL_COMPETENCE_WORKSHOP, parent=industry)
    make_body(space=space, name=demo.COUNCIL_IN, kind=BodyKind.PROGRAMME_COUNCIL, parent=industry)
    make_body(space=space, name=demo.COUNCIL_VO, kind=BodyKind.PROGRAMME_COUNCIL, parent=care)
    make_body(space=space, name=demo.COUNCIL_FT, kind=BodyKind.PROGRAMME_COUNCIL, parent=transport)

    made = demo.load_questions()
    assert len(made) == 6
    escalated = Question.objects.get(status=QuestionStatus.ESCALATED)
    assert escalated.to_body.kind == BodyKind.PROGRAMME_COUNCIL
    upper = escalated.escalated_to
    assert (upper.to_body, upper.status) == (industry, QuestionStatus.ANSWERED)
    assert escalated.answer == upper.answer
    orders = Question.objects.filter(kind=QuestionKind.EDUCATION_ORDER, to_body__name=demo.WORKSHOP)
    assert {o.status for o in orders} == {QuestionStatus.DELIVERED, QuestionStatus.ACCEPTED}
    assert [q.title for q in Question.objects.overdue()] == ["Fler APL-platser inom hemtjänsten"]
    assert demo.load_questions() == []
    assert Question.objects.count() == 6
