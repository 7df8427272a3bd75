"""Goal pages through the test client: who sees what, the forms, deleting versus retiring, the public dashboard."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from samverka.steering.goals import services
from samverka.steering.goals.models import Goal, GoalStatus, MetricValue
from samverka.steering.goals.tests.factories import YEAR, make_goal, make_metric, point_work_plan_at

pytestmark = pytest.mark.django_db


def url(name: str, space, **kwargs) -> str:
    return reverse(f"goals:{name}", kwargs={"space": space.slug, **kwargs})


@pytest.fixture
def goals(space):
    """A public effect goal with a public and an internal result goal, each with a metric."""
    effect = make_goal(space=space, code="E1", title="Rätt kompetens i Sörmland", is_public=True)
    public = make_goal(space=space, parent=effect, code="R1", title="Fler validerar", is_public=True)
    internal = make_goal(space=space, parent=effect, code="R2", title="Hemligt internt mål")
    make_metric(public, name="Validerade personer", unit="personer", values=((date(YEAR, 3, 31), "420"),))
    make_metric(internal, name="Interna möten", unit="möten", values=((date(YEAR, 3, 31), "3"),))
    return {"effect": effect, "public": public, "internal": internal}


def test_anonymous_visitor_sees_only_public_goals(client, space, goals):
    listing = client.get(url("goal-list", space) + f"?year={YEAR}")
    assert listing.status_code == 200
    assert "Fler validerar" in listing.text and "Validerade personer" in listing.text
    assert "100 %" in listing.text  # progress towards the target: baseline 40, target 70, measured 420
    assert "Hemligt internt mål" not in listing.text and "Interna möten" not in listing.text
    assert client.get(goals["public"].get_absolute_url()).status_code == 200
    assert client.get(goals["internal"].get_absolute_url()).status_code == 404
    # The effect goal's page lists only the result goals the visitor may see.
    effect = client.get(goals["effect"].get_absolute_url())
    assert "Fler validerar" in effect.text and "Hemligt internt mål" not in effect.text


def test_the_public_dashboard_never_shows_internal_goals(client, space, other_space, goals):
    services.goals_revise_year(actor=None, space=space, from_year=YEAR, to_year=YEAR + 1)
    services.goal_update(
        goal=Goal.objects.get(space=space, year=YEAR + 1, code="R1"),
        actor=None,
        data=services.GoalData(
            title="Fler validerar och går vidare", change_note="Målet skärptes efter regleringsbrevet."
        ),
    )
    make_goal(space=other_space, title="Örebros publika mål", is_public=True)
    response = client.get(url("public-dashboard", space))
    assert response.status_code == 200
    text = response.text
    assert "Fler validerar och går vidare" in text and "Rätt kompetens i Sörmland" in text
    assert "Målet skärptes efter regleringsbrevet." in text  # the history shows what changed
    assert "420" in text  # the latest measured value
    for hidden in ("Hemligt internt mål", "Interna möten", "Örebros publika mål"):
        assert hidden not in text
    assert client.get(url("public-dashboard", space)).headers.get("Content-Language", "sv").startswith("sv")


def test_a_goal_made_public_this_year_does_not_show_last_years_internal_version(client, space):
    old = make_goal(space=space, year=YEAR - 1, code="E1", title="Gammal intern formulering")
    services.goals_revise_year(actor=None, space=space, from_year=YEAR - 1, to_year=YEAR)
    new = Goal.objects.get(space=space, year=YEAR)
    services.goal_update(goal=new, actor=None, data=services.GoalData(title="Ny publik formulering", is_public=True))
    page = client.get(new.get_absolute_url())
    assert page.status_code == 200
    assert "Ny publik formulering" in page.text and "Gammal intern formulering" not in page.text
    assert "Gammal intern formulering" not in client.get(url("public-dashboard", space)).text
    assert "Gammal intern formulering" not in client.get(url("goal-changes", space) + f"?year={YEAR}").text
    assert client.get(old.get_absolute_url()).status_code == 404


def test_members_see_internal_goals_but_cannot_change_them(client, space, goals, make_role_user):
    client.force_login(make_role_user(space, "member"))
    listing = client.get(url("goal-list", space) + f"?year={YEAR}")
    assert "Hemligt internt mål" in listing.text
    assert url("goal-create", space) not in listing.text
    detail = client.get(goals["internal"].get_absolute_url())
    assert detail.status_code == 200 and "Interna möten" in detail.text
    for name, kwargs in (
        ("goal-create", {}),
        ("goal-revise", {}),
        ("goal-update", {"pk": goals["public"].pk}),
        ("goal-retire", {"pk": goals["public"].pk}),
        ("metric-create", {"pk": goals["public"].pk}),
    ):
        assert client.get(url(name, space, **kwargs)).status_code == 403, name
    assert client.post(url("goal-delete", space, pk=goals["internal"].pk)).status_code == 403
    assert Goal.objects.filter(pk=goals["internal"].pk).exists()


def test_anonymous_visitor_is_sent_to_log_in_for_the_forms(client, space, goals):
    response = client.get(url("goal-create", space))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_goal_of_another_space_is_not_found_under_this_space(client, space, other_space, goals, make_role_user):
    member = make_role_user(space, "member")
    client.force_login(member)
    assert client.get(url("goal-detail", other_space, pk=goals["public"].pk)).status_code == 404


def test_secretariat_creates_a_goal_through_the_form(client, space, goals, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    form = client.get(url("goal-create", space) + f"?year={YEAR}&kind=result&parent={goals['effect'].pk}")
    assert form.status_code == 200
    response = client.post(
        url("goal-create", space),
        {
            "year": YEAR,
            "kind": "result",
            "parent": goals["effect"].pk,
            "code": "R3",
            "title": "Fler unga väljer yrkesprogram",
            "description": "Gymnasieskolans yrkesprogram lockar fler.",
            "position": 3,
        },
    )
    goal = Goal.objects.get(code="R3")
    assert response.status_code == 302 and response["Location"] == goal.get_absolute_url()
    assert goal.parent == goals["effect"] and not goal.is_public


def test_a_bad_goal_form_shows_swedish_errors_and_writes_nothing(client, space, goals, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    response = client.post(url("goal-create", space), {"year": YEAR, "kind": "result", "code": "", "title": ""})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert 'href="#id_title"' in response.text and 'href="#id_code"' in response.text
    assert "Det här fältet är obligatoriskt." in response.text
    # A result goal without its effect goal: the service's message is shown on the field.
    response = client.post(
        url("goal-create", space),
        {"year": YEAR, "kind": "result", "code": "R9", "title": "Utan effektmål", "position": 0},
    )
    assert response.status_code == 200 and 'href="#id_parent"' in response.text
    assert not Goal.objects.filter(code__in=["", "R9"]).exists()


def test_deleting_a_goal_work_plans_point_to_is_refused_and_retiring_works(client, space, goals, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    goal = goals["public"]
    point_work_plan_at(goal)
    page = client.get(url("goal-retire", space, pk=goal.pk))
    assert page.status_code == 200
    assert url("goal-delete", space, pk=goal.pk) not in page.text  # no delete button is offered
    response = client.post(url("goal-delete", space, pk=goal.pk))
    assert response.status_code == 409
    assert 'class="error-summary"' in response.text
    with translation.override("sv"):  # the page speaks Swedish: the message as the Swedish catalogue has it
        expected = gettext("Work plan activities point to this goal.")
    assert expected in response.text
    assert Goal.objects.filter(pk=goal.pk, status=GoalStatus.ACTIVE).exists()
    assert MetricValue.objects.filter(metric__goal=goal).exists()

    response = client.post(url("goal-retire", space, pk=goal.pk), {"reason": "Ersätts av R3"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.status, goal.retired_reason) == (GoalStatus.RETIRED, "Ersätts av R3")


def test_a_goal_nothing_points_to_can_be_deleted(client, space, make_role_user):
    goal = make_goal(space=space, title="Felregistrerat mål")
    client.force_login(make_role_user(space, "secretariat"))
    assert url("goal-delete", space, pk=goal.pk) in client.get(url("goal-retire", space, pk=goal.pk)).text
    response = client.post(url("goal-delete", space, pk=goal.pk))
    assert response.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_metrics_and_measured_values_through_the_forms(client, space, goals, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    goal = goals["effect"]
    response = client.post(
        url("metric-create", space, pk=goal.pk),
        {
            "name": "Andel arbetsgivare med rekryteringsproblem",
            "unit": "%",
            "baseline": "61",
            "target": "45",
            "position": 0,
        },
    )
    assert response.status_code == 302
    metric = goal.metrics.get()
    value_url = url("metric-value-create", space, pk=goal.pk, metric=metric.pk)
    bad = client.post(value_url, {"measured_on": "inte ett datum", "value": ""})
    assert bad.status_code == 200 and "Det här fältet är obligatoriskt." in bad.text
    assert not metric.values.exists()
    for day, value in (("2026-03-31", "59"), ("2026-06-30", "57,5")):
        assert client.post(value_url, {"measured_on": day, "value": value}).status_code == 302  # Swedish decimal comma
    assert [v.value for v in metric.values.all()] == [Decimal("59"), Decimal("57.5")]
    detail = client.get(goal.get_absolute_url())
    assert "<svg" in detail.text  # two values: the chart is drawn, the table follows it
    assert "57,5" in detail.text  # Swedish number format


def test_the_yearly_revision_through_the_form_and_the_changes_page(client, space, goals, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    response = client.post(url("goal-revise", space), {"from_year": YEAR, "to_year": YEAR + 1})
    assert response.status_code == 302
    assert Goal.objects.filter(space=space, year=YEAR + 1).count() == 3
    again = client.post(url("goal-revise", space), {"from_year": YEAR, "to_year": YEAR + 1})
    assert again.status_code == 200 and 'class="error-summary"' in again.text
    new = Goal.objects.get(space=space, year=YEAR + 1, code="R1")
    client.post(
        url("goal-update", space, pk=new.pk),
        {
            "kind": "result",
            "parent": new.parent_id,
            "code": "R1",
            "title": "Fler validerar och fortsätter studera",
            "is_public": "on",
            "change_note": "Formuleringen skärptes.",
            "position": 0,
        },
    )
    changes = client.get(url("goal-changes", space) + f"?year={YEAR + 1}")
    assert "Fler validerar och fortsätter studera" in changes.text
    assert "Formuleringen skärptes." in changes.text
    detail = client.get(new.get_absolute_url())
    assert "Fler validerar</del>" in detail.text.replace("\n", "")


def test_the_goals_are_in_the_space_menu(client, space, goals):
    response = client.get(reverse("spaces:detail", kwargs={"space": space.slug}))
    assert url("goal-list", space) in response.text


def test_the_secretariat_sees_who_changed_a_goal(client, space, goals, make_role_user):
    secretariat = make_role_user(space, "secretariat", full_name="Karin Holmqvist")
    client.force_login(secretariat)
    goal = goals["public"]
    client.post(
        url("goal-update", space, pk=goal.pk),
        {
            "kind": "result",
            "parent": goal.parent_id,
            "code": "R1",
            "title": "Fler validerar i hela länet",
            "position": 0,
        },
    )
    history_url = reverse("core:history", kwargs={"model": "goals.goal", "pk": goal.pk})
    assert history_url in client.get(goal.get_absolute_url()).text
    history = client.get(history_url)
    assert history.status_code == 200
    assert "Karin Holmqvist" in history.text and "Fler validerar i hela länet" in history.text
    client.force_login(make_role_user(space, "member"))
    assert client.get(history_url).status_code == 403


def test_the_secretariats_assessment_is_dated_and_shown_in_words_on_the_public_dashboard(
    client, space, goals, make_role_user
):
    client.force_login(make_role_user(space, "secretariat"))
    goal = goals["public"]
    data = {
        "kind": "result",
        "parent": goals["effect"].pk,
        "code": "R1",
        "title": goal.title,
        "position": 0,
        "is_public": "on",
        "assessment": "yellow",
        "assessment_note": "Valideringen inom industrin har inte startat.",
    }
    assert client.post(url("goal-update", space, pk=goal.pk), data).status_code == 302
    goal.refresh_from_db()
    assert goal.assessment == "yellow" and goal.assessed_on == date.today()
    # An unknown light is refused with a message and nothing changes.
    response = client.post(url("goal-update", space, pk=goal.pk), dict(data, assessment="purple"))
    assert response.status_code == 200 and "error-summary" in response.text
    goal.refresh_from_db()
    assert goal.assessment == "yellow"

    client.logout()
    text = client.get(url("public-dashboard", space)).text
    # The light is a symbol and its name, never colour alone, with its basis and date.
    with translation.override("sv"):
        at_risk = gettext("At risk")
    assert 'class="light light-yellow"' in text and at_risk in text
    assert "Valideringen inom industrin har inte startat." in text
    assert date.today().isoformat() in text
    assert 'class="light light-none"' in text  # the effect goal is not assessed, and says so


def test_an_assessment_removed_loses_its_date_and_a_revision_starts_unassessed(space, goals):
    goal = services.goal_update(
        goal=goals["public"], actor=None, data=services.GoalData(assessment="green", assessment_note="Bra.")
    )
    assert goal.assessed_on == date.today()
    services.goals_revise_year(actor=None, space=space, from_year=YEAR, to_year=YEAR + 1)
    assert Goal.objects.get(space=space, year=YEAR + 1, code="R1").assessment == ""
    goal = services.goal_update(goal=goal, actor=None, data=services.GoalData(assessment=""))
    assert goal.assessed_on is None
