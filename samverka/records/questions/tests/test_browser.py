"""A programme council's chair raises a question to the industry forum from the body page, in a real
headless Chromium; the form with its error summary, the question page and the body's question list
pass axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.records.questions.models import Question, QuestionStatus
from samverka.records.questions.tests.helpers import ask, backdate, chain, in_days, seat
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_council_chair_raises_a_question_to_the_forum(page):
    space = make_space(slug="sormland-q", name="Sörmland")
    bodies = chain(space)
    chair = make_user(email="chair@example.se", role_in=space, role="member", full_name="Rut Rektor")
    seat(chair, bodies["council"])
    backdate(ask(bodies["council"], bodies["forum"], title="Försenad fråga om lärlingar"), due=-4)

    login(page, "chair@example.se")
    page.goto(bodies["council"].get_absolute_url())
    assert "Försenad fråga om lärlingar" in page.locator("#questions").inner_text()
    assert_accessible(page)
    click_and_wait(page, "#questions a[href$='/questions/']")
    click_and_wait(page, "a[href$='/questions/new/']")
    page.fill("#id_title", "Fler platser i svetsteknik")
    page.fill("#id_due_on", in_days(-1).isoformat())
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator("#error-summary").count() == 1
    assert_accessible(page)

    page.fill("#id_text", "Kan forumet stödja en utökning av platserna till hösten?")
    page.fill("#id_due_on", in_days(21).isoformat())
    click_and_wait(page, "main form button[type=submit]")
    question = Question.objects.get(title="Fler platser i svetsteknik")
    assert question.to_body == bodies["forum"] and question.status == QuestionStatus.OPEN
    assert page.locator("h1").inner_text() == "Fler platser i svetsteknik"
    assert_accessible(page)
