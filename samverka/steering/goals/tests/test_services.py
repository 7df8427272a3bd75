"""The goal services: creating, the bad-input rules, deleting versus retiring, metrics and the yearly revision."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.steering.goals import selectors, services
from samverka.steering.goals.models import Goal, GoalKind, GoalStatus, Metric, MetricValue
from samverka.steering.goals.tests.factories import YEAR, make_decision, make_goal, make_metric, point_work_plan_at

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_secretariat_creates_an_effect_goal_and_a_result_goal_under_it(space, make_role_user):
    secretariat = make_role_user(space, "secretariat")
    effect = services.goal_create(
        space=space,
        actor=secretariat,
        year=YEAR,
        data=services.GoalData(kind="effect", code="E1", title="Rätt kompetens i hela länet", is_public=True),
    )
    result = services.goal_create(
        space=space,
        actor=secretariat,
        year=YEAR,
        data=services.GoalData(kind="result", parent=effect, code="R1.1", title="Fler validerar sina kunskaper"),
    )
    assert result.parent == effect and result.year == YEAR
    assert list(Goal.objects.result_goals()) == [result]
    # Audited, with the space so the space's audit log shows it (the actor is set per request).
    assert LogEntry.objects.get_for_object(result).get().additional_data == {"space_id": space.pk}


@pytest.mark.parametrize("role", ["member", "analyst", "guest"])
def test_only_those_who_run_the_space_create_goals(space, make_role_user, role):
    with pytest.raises(PermissionDenied):
        services.goal_create(
            space=space,
            actor=make_role_user(space, role),
            year=YEAR,
            data=services.GoalData(kind="effect", code="E1", title="X"),
        )
    assert not Goal.objects.exists()


def test_the_secretariat_of_another_space_cannot_change_a_goal(space, other_space, make_role_user):
    goal = make_goal(space=space, title="Originalet")
    with pytest.raises(PermissionDenied):
        services.goal_update(
            goal=goal, actor=make_role_user(other_space, "secretariat"), data=services.GoalData(title="Kapat")
        )
    goal.refresh_from_db()
    assert goal.title == "Originalet"


def test_a_result_goal_needs_an_effect_goal_of_the_same_space_and_year(space, other_space):
    with pytest.raises(ValidationError) as error:
        make_goal(space=space, kind=GoalKind.RESULT)
    assert "Choose the effect goal" in messages_of(error.value)
    last_year = make_goal(space=space, year=YEAR - 1)
    with pytest.raises(ValidationError) as error:
        make_goal(space=space, parent=last_year)
    assert "same space and year" in messages_of(error.value)
    elsewhere = make_goal(space=other_space)
    with pytest.raises(ValidationError):
        make_goal(space=space, parent=elsewhere)
    effect = make_goal(space=space)
    result = make_goal(space=space, parent=effect)
    with pytest.raises(ValidationError) as error:
        make_goal(space=space, parent=result)
    assert "must belong to an effect goal" in messages_of(error.value)
    assert Goal.objects.filter(space=space).count() == 3


def test_a_code_is_used_once_per_space_and_year(space, other_space):
    make_goal(space=space, code="E1")
    with pytest.raises(ValidationError) as error:
        make_goal(space=space, code="E1")
    assert error.value.message_dict["code"] == ["The code E1 is already used this year."]
    make_goal(space=space, code="E1", year=YEAR + 1)
    make_goal(space=other_space, code="E1")
    assert Goal.objects.filter(code="E1").count() == 3


def test_a_decision_of_another_space_is_refused(space, other_space):
    decision = make_decision(other_space)
    with pytest.raises(ValidationError) as error:
        make_goal(space=space, decision=decision)
    assert "same space" in messages_of(error.value)
    assert not Goal.objects.filter(space=space).exists()


def test_an_effect_goal_with_result_goals_stays_an_effect_goal(space):
    effect = make_goal(space=space)
    other = make_goal(space=space)
    make_goal(space=space, parent=effect)
    with pytest.raises(ValidationError):
        services.goal_update(goal=effect, actor=None, data=services.GoalData(kind=GoalKind.RESULT, parent=other))
    effect.refresh_from_db()
    assert effect.kind == GoalKind.EFFECT and effect.parent is None


def test_unknown_fields_are_refused(space):
    with pytest.raises(TypeError, match="status"):  # an unknown field is refused by the dataclass
        make_goal(space=space, status=GoalStatus.RETIRED)


# --- deleting and retiring --------------------------------------------------------


def test_a_goal_work_plans_point_to_cannot_be_deleted_but_can_be_retired(space, make_role_user):
    secretariat = make_role_user(space, "secretariat")
    effect = make_goal(space=space)
    goal = make_goal(space=space, parent=effect, title="Validering")
    make_metric(goal, values=((date(YEAR, 3, 31), "12"),))
    activity = point_work_plan_at(goal)
    with pytest.raises(ValidationError) as error:
        services.goal_delete(goal=goal, actor=secretariat)
    text = messages_of(error.value)
    assert "Work plan activities point to this goal." in text
    assert "Retire the goal instead" in text
    # Nothing changed: the goal, its metric, value and the plan's link are all still there.
    assert Goal.objects.filter(pk=goal.pk, status=GoalStatus.ACTIVE).exists()
    assert MetricValue.objects.filter(metric__goal=goal).count() == 1
    assert list(activity.result_goals.all()) == [goal]

    retired = services.goal_retire(goal=goal, actor=secretariat, reason="Ersätts av nytt mål")
    assert (retired.status, retired.retired_reason) == (GoalStatus.RETIRED, "Ersätts av nytt mål")
    assert list(activity.result_goals.all()) == [retired]
    with pytest.raises(ValidationError) as error:
        services.goal_retire(goal=retired, actor=secretariat)
    assert "already retired" in messages_of(error.value)
    services.goal_reactivate(goal=retired, actor=secretariat)
    retired.refresh_from_db()
    assert retired.status == GoalStatus.ACTIVE


def test_an_effect_goal_with_result_goals_or_a_later_version_cannot_be_deleted(space):
    effect = make_goal(space=space)
    make_goal(space=space, parent=effect)
    with pytest.raises(ValidationError) as error:
        services.goal_delete(goal=effect, actor=None)
    assert "Result goals belong to this goal." in messages_of(error.value)
    lonely = make_goal(space=space, year=YEAR - 1)
    services.goals_revise_year(actor=None, space=space, from_year=YEAR - 1, to_year=YEAR)
    with pytest.raises(ValidationError) as error:
        services.goal_delete(goal=lonely, actor=None)
    assert "later year's version" in messages_of(error.value)
    assert Goal.objects.filter(pk__in=[effect.pk, lonely.pk]).count() == 2


def test_a_goal_nothing_points_to_is_deleted_with_its_metrics(space, make_role_user):
    goal = make_goal(space=space)
    make_metric(goal, values=((date(YEAR, 3, 31), "5"),))
    with pytest.raises(PermissionDenied):
        services.goal_delete(goal=goal, actor=make_role_user(space, "member"))
    services.goal_delete(goal=goal, actor=make_role_user(space, "admin"))
    assert not Goal.objects.exists() and not Metric.objects.exists()


# --- metrics ----------------------------------------------------------------------


def test_measured_values_are_recorded_and_a_second_value_for_a_day_replaces_the_first(space, make_role_user):
    goal = make_goal(space=space)
    metric = make_metric(goal)
    secretariat = make_role_user(space, "secretariat")
    services.metric_value_record(metric=metric, actor=secretariat, measured_on=date(YEAR, 3, 31), value=Decimal("41"))
    services.metric_value_record(
        metric=metric, actor=secretariat, measured_on=date(YEAR, 3, 31), value=Decimal("43.5"), note="Rättad"
    )
    services.metric_value_record(metric=metric, actor=secretariat, measured_on=date(YEAR, 6, 30), value=Decimal("47"))
    assert [(v.measured_on.month, v.value, v.note) for v in metric.values.all()] == [
        (3, Decimal("43.5"), "Rättad"),
        (6, Decimal("47"), ""),
    ]
    with pytest.raises(PermissionDenied):
        services.metric_value_record(
            metric=metric, actor=make_role_user(space, "member"), measured_on=date(YEAR, 9, 30), value=Decimal("1")
        )
    assert metric.values.count() == 2
    [row] = selectors.goal_metrics(goal)
    assert (row.latest_value, row.latest_on) == (Decimal("47"), date(YEAR, 6, 30))
    assert row.progress == 23  # baseline 40, target 70: 7 of 30


def test_progress_runs_from_the_baseline_to_the_target_either_way(space):
    goal = make_goal(space=space)
    falling = make_metric(goal, baseline=Decimal("61"), target=Decimal("45"), values=((date(YEAR, 3, 31), "53"),))
    beyond = make_metric(goal, values=((date(YEAR, 3, 31), "90"),))
    unmeasured = make_metric(goal)
    no_target = make_metric(goal, target=None, values=((date(YEAR, 3, 31), "50"),))
    progress = {m.pk: m.progress for m in selectors.goal_metrics(goal)}
    assert progress == {falling.pk: 50, beyond.pk: 100, unmeasured.pk: None, no_target.pk: None}


def test_a_metric_needs_a_name(space):
    goal = make_goal(space=space)
    with pytest.raises(ValidationError) as error:
        services.metric_add(goal=goal, actor=None, data=services.MetricData(name="", unit="%"))
    assert "name" in error.value.message_dict
    assert not Metric.objects.exists()


# --- the yearly revision ----------------------------------------------------------


def test_the_yearly_revision_carries_active_goals_and_metrics_over_and_records_what_changed(space, make_role_user):
    secretariat = make_role_user(space, "secretariat")
    effect = make_goal(space=space, year=YEAR - 1, code="E1", is_public=True)
    result = make_goal(space=space, year=YEAR - 1, parent=effect, code="R1", title="Fler validerar")
    make_metric(result, name="Validerade personer", unit="personer", target=Decimal("500"))
    dropped = make_goal(space=space, year=YEAR - 1, parent=effect, code="R2")
    services.goal_retire(goal=dropped, actor=None, reason="Klart")
    decision = make_decision(space)

    created = services.goals_revise_year(
        actor=secretariat, space=space, from_year=YEAR - 1, to_year=YEAR, decision=decision
    )
    assert sorted(g.code for g in created) == ["E1", "R1"]
    new_result = Goal.objects.get(space=space, year=YEAR, code="R1")
    assert new_result.previous == result and new_result.lineage == result.lineage
    assert new_result.parent.code == "E1" and new_result.parent.year == YEAR
    assert new_result.decision == decision and new_result.is_public is False
    assert new_result.metrics.get().target == Decimal("500")
    assert selectors.goal_changes(new_result) == []

    services.goal_update(
        goal=new_result,
        actor=secretariat,
        data=services.GoalData(title="Fler validerar och går vidare", change_note="Skärpt"),
    )
    services.metric_update(
        metric=new_result.metrics.get(), actor=secretariat, data=services.MetricData(target=Decimal("650"))
    )
    new_result.refresh_from_db()
    changes = {c.what: (c.before, c.after) for c in selectors.goal_changes(new_result)}
    assert changes["Title"] == ("Fler validerar", "Fler validerar och går vidare")
    assert changes["Target of Validerade personer"] == ("500 personer", "650 personer")

    year = {c.goal.code: c.kind for c in selectors.year_changes(space, secretariat, YEAR)}
    assert year == {"R1": "changed", "R2": "dropped"}


def test_the_revision_is_refused_when_there_is_nothing_to_carry_over(space, make_role_user):
    make_goal(space=space, year=YEAR - 1)
    with pytest.raises(PermissionDenied):
        services.goals_revise_year(actor=make_role_user(space, "member"), space=space, from_year=YEAR - 1, to_year=YEAR)
    with pytest.raises(ValidationError) as error:
        services.goals_revise_year(actor=None, space=space, from_year=YEAR - 1, to_year=YEAR - 1)
    assert "must come after" in messages_of(error.value)
    with pytest.raises(ValidationError) as error:
        services.goals_revise_year(actor=None, space=space, from_year=YEAR - 5, to_year=YEAR)
    assert "no active goals" in messages_of(error.value)
    services.goals_revise_year(actor=None, space=space, from_year=YEAR - 1, to_year=YEAR)
    with pytest.raises(ValidationError) as error:
        services.goals_revise_year(actor=None, space=space, from_year=YEAR - 1, to_year=YEAR)
    assert "already been revised" in messages_of(error.value)
    assert Goal.objects.filter(year=YEAR).count() == 1


def test_the_revision_stops_on_a_code_already_taken_and_writes_nothing(space):
    make_goal(space=space, year=YEAR - 1, code="E1")
    make_goal(space=space, year=YEAR - 1, code="E2")
    make_goal(space=space, year=YEAR, code="E2", title="Ett annat mål")
    with pytest.raises(ValidationError) as error:
        services.goals_revise_year(actor=None, space=space, from_year=YEAR - 1, to_year=YEAR)
    assert "already has a goal with the code E2" in messages_of(error.value)
    assert list(Goal.objects.filter(year=YEAR).values_list("code", flat=True)) == ["E2"]


# --- who sees what ----------------------------------------------------------------


def test_restrict_gives_the_public_only_public_goals(space, other_space, make_role_user, superuser):
    from django.contrib.auth.models import AnonymousUser

    public = make_goal(space=space, is_public=True)
    internal = make_goal(space=space)
    elsewhere = make_goal(space=other_space)
    assert set(Goal.objects.restrict(AnonymousUser())) == {public}
    assert set(Goal.objects.restrict(make_role_user(space, "guest"))) == {public}
    assert set(Goal.objects.restrict(make_role_user(space, "member"))) == {public, internal}
    assert set(Goal.objects.restrict(make_role_user(other_space, "analyst"))) == {public, elsewhere}
    assert set(Goal.objects.restrict(superuser)) == {public, internal, elsewhere}


def test_the_public_dashboard_selector_has_only_public_goals_with_their_history(space):
    effect = make_goal(space=space, year=YEAR - 1, is_public=True, code="E1")
    make_goal(space=space, year=YEAR - 1, parent=effect, code="R9", title="Internt mål")
    services.goals_revise_year(actor=None, space=space, from_year=YEAR - 1, to_year=YEAR)
    entries = selectors.public_dashboard(space)
    assert [(e.current.code, e.current.year, [v.year for v in e.versions], e.result_goals) for e in entries] == [
        ("E1", YEAR, [YEAR - 1, YEAR], [])
    ]


def test_public_result_goals_sit_under_their_public_effect_goal(space):
    public_effect = make_goal(space=space, code="E1", is_public=True)
    nested = make_goal(space=space, parent=public_effect, code="R1", is_public=True)
    internal_effect = make_goal(space=space, code="E2")
    alone = make_goal(space=space, parent=internal_effect, code="R2", is_public=True)
    entries = selectors.public_dashboard(space)
    assert [e.current for e in entries] == [public_effect, alone]
    assert [child.current for child in entries[0].result_goals] == [nested]
