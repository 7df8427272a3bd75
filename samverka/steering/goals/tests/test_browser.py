"""The public goal dashboard and a goal's page with its chart, in a real headless Chromium, checked with axe-core."""

from datetime import date

import pytest

from conftest import assert_accessible, click_and_wait
from samverka.steering.goals import services
from samverka.steering.goals.models import Goal
from samverka.steering.goals.tests.factories import YEAR, make_goal, make_metric
from samverka.testing.factories import make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_dashboard_and_goal_page_are_accessible_and_hide_internal_goals(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    effect = make_goal(space=space, year=YEAR - 1, code="E1", title="Rätt kompetens i Sörmland", is_public=True)
    result = make_goal(space=space, year=YEAR - 1, parent=effect, code="R1", title="Fler validerar", is_public=True)
    make_goal(space=space, year=YEAR - 1, parent=effect, code="R2", title="Internt utvecklingsmål")
    make_metric(
        result,
        name="Validerade personer",
        unit="personer",
        values=((date(YEAR - 1, 6, 30), "420"), (date(YEAR - 1, 12, 31), "535")),
    )
    services.goals_revise_year(actor=None, space=space, from_year=YEAR - 1, to_year=YEAR)
    current = Goal.objects.get(space=space, year=YEAR, code="R1")
    services.goal_update(
        goal=current,
        actor=None,
        data=services.GoalData(
            change_note="Målnivån höjdes till 800.", assessment="red", assessment_note="Långt kvar."
        ),
    )
    metric = current.metrics.get()
    for day, value in ((date(YEAR, 3, 31), "600"), (date(YEAR, 6, 30), "655")):
        services.metric_value_record(metric=metric, actor=None, measured_on=day, value=value)

    page.goto(f"/s/{space.slug}/goals/public/")
    assert "Rätt kompetens i Sörmland" in page.locator("main").inner_text()
    assert "Internt utvecklingsmål" not in page.content()
    assert page.locator(f"#pub-{current.pk}").count() == 1
    assert page.locator(".light.light-red").first.inner_text().startswith("■")  # a symbol and a word
    assert_accessible(page)

    click_and_wait(page, f"#pub-{current.pk} a")
    assert page.locator("h1").inner_text() == "R1 Fler validerar"
    assert page.locator("svg.chart").count() == 1
    assert "Målnivån höjdes till 800." in page.locator("main").inner_text()
    assert_accessible(page)
