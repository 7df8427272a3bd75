"""A process leader adds an activity with its perspective assessments and adopts the plan, in a real
headless Chromium; the plan page, the activity form with its error summary, the adopt page and the
year-end perspective report pass axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.steering.workplans.models import WorkPlanStatus
from samverka.steering.workplans.tests.helpers import YEAR, make_plan, make_result_goal, seat
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSPECTIVES = ("gender_equality", "accessibility", "non_discrimination", "environment")


def test_a_process_leader_plans_an_activity_and_adopts_the_plan(page):
    space = make_space(slug="msv-kll", name="MSV KLL")
    body = make_body(space=space, name="Arbetsgrupp STEM")
    leader = make_user(email="pl@example.se", role_in=space, role="member", full_name="Petra Processledare")
    seat(leader, body, role="process_leader")
    make_result_goal(space, YEAR, "R1")
    plan = make_plan(body)

    login(page, "pl@example.se")
    page.goto(plan.get_absolute_url())
    assert_accessible(page)
    click_and_wait(page, f"a[href$='/workplans/{plan.pk}/activities/new/']")
    page.fill("#id_title", "Kartläggning av STEM-utbildningar")
    page.check("#id_gender_equality_relevant_2")  # "Not relevant" without a reason
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator("#error-summary").count() == 1
    assert_accessible(page)

    page.get_by_label("R1 Resultatmål R1").check()
    for key in PERSPECTIVES:
        page.check(f"#id_{key}_relevant_1")
        page.fill(f"#id_{key}_motivation", "Beaktas i kartläggningen.")
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator("article.activity h3").inner_text() == "1. Kartläggning av STEM-utbildningar"
    assert "R1 Resultatmål R1" in page.locator("article.activity").inner_text()

    click_and_wait(page, f"a[href$='/workplans/{plan.pk}/adopt/']")
    assert_accessible(page)
    click_and_wait(page, "main form button[type=submit]")
    plan.refresh_from_db()
    assert plan.status == WorkPlanStatus.ADOPTED

    page.goto(f"/s/{space.slug}/workplans/perspectives/?year={YEAR}")  # the year-end report counts it
    assert "Kartläggning av STEM-utbildningar" in page.locator("main").inner_text()
    assert_accessible(page)
