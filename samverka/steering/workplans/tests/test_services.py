"""The work plan services: the plan's life (draft → adopted → closed), activities, result goals,
perspective assessments; every refusal leaves the database as it was."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.steering.workplans import services
from samverka.steering.workplans.models import Activity, Perspective, PerspectiveAssessment, WorkPlan, WorkPlanStatus
from samverka.steering.workplans.tests.helpers import (
    ALL_ASSESSED,
    YEAR,
    make_activity,
    make_plan,
    make_result_goal,
    seat,
)
from samverka.testing.factories import make_body, make_contact, make_membership, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(space):
    return make_body(space=space, name="Arbetsgrupp STEM")


@pytest.fixture
def plan(body):
    return make_plan(body)


def messages_of(excinfo) -> str:
    return " ".join(excinfo.value.messages)


# --- creating and editing a plan --------------------------------------------------------------


def test_a_process_leader_creates_the_bodys_plan_for_a_year(body):
    leader = make_user()
    seat(leader, body, role="process_leader")
    plan = services.work_plan_create(
        body=body, actor=leader, year=YEAR, data=services.AssignmentData(purpose="Öka antalet ingenjörer.")
    )
    assert (plan.status, plan.year, plan.purpose) == (WorkPlanStatus.DRAFT, YEAR, "Öka antalet ingenjörer.")


def test_one_plan_per_body_and_year(body, plan):
    with pytest.raises(ValidationError) as excinfo:
        services.work_plan_create(body=body, actor=None, year=YEAR)
    assert excinfo.value.message_dict["year"] == [f"Arbetsgrupp STEM already has a work plan for {YEAR}."]
    assert WorkPlan.objects.count() == 1


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_plan_year_outside_2000_to_2100_is_refused(body, year):
    with pytest.raises(ValidationError) as excinfo:
        services.work_plan_create(body=body, actor=None, year=year)
    assert excinfo.value.message_dict == {"year": ["Give a year from 2000 to 2100."]}
    assert not WorkPlan.objects.exists()


def test_unknown_fields_are_refused(body, plan):
    # An unknown field is refused by the service's input dataclass, before anything is written.
    with pytest.raises(TypeError, match="status"):
        services.AssignmentData(**{"status": "closed"})
    with pytest.raises(TypeError, match="final_summary"):  # a new plan has no final report yet
        services.AssignmentData(**{"final_summary": "Klart."})
    with pytest.raises(TypeError, match="status"):
        services.WorkPlanData(**{"status": "closed"})
    assert WorkPlan.objects.get().status == WorkPlanStatus.DRAFT


@pytest.mark.parametrize("role", ["member", "guest", "analyst"])
def test_space_members_without_a_leading_role_cannot_write(space, body, plan, make_role_user, role):
    user = make_role_user(space, role)
    seat(user, body, role="member")
    activity = make_activity(plan)
    with pytest.raises(PermissionDenied):
        services.work_plan_create(body=body, actor=user, year=YEAR + 1)
    with pytest.raises(PermissionDenied):
        services.work_plan_update(plan=plan, actor=user, data=services.WorkPlanData(purpose="Annat"))
    with pytest.raises(PermissionDenied):
        services.work_plan_adopt(plan=plan, actor=user)
    with pytest.raises(PermissionDenied):
        services.activity_update(activity=activity, actor=user, data=services.ActivityData(title="Annat"))
    with pytest.raises(PermissionDenied):
        services.activity_set_perspectives(activity=activity, actor=user, assessments={"environment": None})
    with pytest.raises(PermissionDenied):
        services.activity_remove(activity=activity, actor=user)
    plan.refresh_from_db()
    activity.refresh_from_db()
    assert (plan.purpose, plan.status, activity.title) == (
        "Stärka kompetensförsörjningen inom STEM.",
        WorkPlanStatus.DRAFT,
        "Kartläggning av utbudet",
    )
    assert WorkPlan.objects.count() == 1 and activity.perspectives.count() == 4


def test_the_secretariat_of_another_space_cannot_write(other_space, plan, make_role_user):
    outsider = make_role_user(other_space, "secretariat")
    with pytest.raises(PermissionDenied):
        services.activity_add(plan=plan, actor=outsider, data=services.ActivityData(title="Intrång"))
    assert not plan.activities.exists()


# --- adopting -----------------------------------------------------------------------------------


def test_a_plan_without_activities_cannot_be_adopted(plan):
    with pytest.raises(ValidationError, match="at least one activity"):
        services.work_plan_adopt(plan=plan, actor=None)
    assert WorkPlan.objects.get().status == WorkPlanStatus.DRAFT


def test_adopting_lists_exactly_the_missing_assessments(plan):
    make_activity(plan, "Kartläggning")
    partly = make_activity(plan, "Webbinarier", assessed=False)
    services.activity_set_perspectives(
        activity=partly,
        actor=None,
        assessments={
            "gender_equality": ALL_ASSESSED["gender_equality"],
            "accessibility": ALL_ASSESSED["accessibility"],
        },
    )
    make_activity(plan, "Kommunikation", assessed=False)
    with pytest.raises(ValidationError) as excinfo:
        services.work_plan_adopt(plan=plan, actor=None)
    assert excinfo.value.messages == [
        "Every activity must be assessed against the four horizontal perspectives before adoption.",
        "“Webbinarier” lacks: Non-discrimination, Environmental sustainability.",
        "“Kommunikation” lacks: Gender equality, Accessibility, Non-discrimination, Environmental sustainability.",
    ]
    plan.refresh_from_db()
    assert (plan.status, plan.adopted_at) == (WorkPlanStatus.DRAFT, None)


def test_adopting_a_complete_plan_records_who_and_when(space, plan, make_role_user):
    secretariat = make_role_user(space, "secretariat")
    make_activity(plan)
    services.work_plan_adopt(plan=plan, actor=secretariat, on=date(YEAR, 2, 12))
    plan.refresh_from_db()
    assert (plan.status, plan.adopted_at, plan.adopted_by) == (WorkPlanStatus.ADOPTED, date(YEAR, 2, 12), secretariat)
    with pytest.raises(ValidationError, match="Only a draft"):
        services.work_plan_adopt(plan=plan, actor=secretariat)


# --- perspectives ----------------------------------------------------------------------------------


def test_a_motivation_is_needed_both_when_addressed_and_when_not_relevant(plan):
    activity = make_activity(plan, assessed=False)
    with pytest.raises(ValidationError) as excinfo:
        services.activity_set_perspectives(
            activity=activity,
            actor=None,
            assessments={"gender_equality": (True, "  "), "environment": (False, ""), "accessibility": (True, "Ja")},
        )
    assert excinfo.value.message_dict == {
        "gender_equality_motivation": ["Describe how the activity addresses Gender equality."],
        "environment_motivation": ["Give the reason why Environmental sustainability is not relevant."],
    }
    assert not PerspectiveAssessment.objects.exists()


def test_assessments_are_set_changed_and_removed(plan):
    activity = make_activity(plan)
    services.activity_set_perspectives(
        activity=activity,
        actor=None,
        assessments={"environment": (True, " Digital spridning. "), "accessibility": None},
    )
    rows = {a.perspective: (a.relevant, a.motivation) for a in activity.perspectives.all()}
    assert rows["environment"] == (True, "Digital spridning.")
    assert "accessibility" not in rows and len(rows) == 3
    with pytest.raises(ValidationError, match="Unknown perspective"):
        services.activity_set_perspectives(activity=activity, actor=None, assessments={"climate": (True, "x")})


def test_an_adopted_plans_activity_keeps_all_four_assessments(plan):
    activity = make_activity(plan)
    services.work_plan_adopt(plan=plan, actor=None)
    with pytest.raises(ValidationError) as excinfo:
        services.activity_set_perspectives(activity=activity, actor=None, assessments={"accessibility": None})
    assert "accessibility_relevant" in excinfo.value.message_dict
    assert activity.perspectives.count() == 4
    added = services.activity_add(plan=plan, actor=None, data=services.ActivityData(title="Ny aktivitet"))
    with pytest.raises(ValidationError):
        services.activity_set_perspectives(
            activity=added, actor=None, assessments={"gender_equality": ALL_ASSESSED["gender_equality"]}
        )
    services.activity_set_perspectives(activity=added, actor=None, assessments=dict(ALL_ASSESSED))
    assert added.perspectives.count() == 4


# --- activities ---------------------------------------------------------------------------------


def test_activities_are_added_in_order_and_moved(plan):
    first, second, third = (make_activity(plan, title) for title in ("Ett", "Två", "Tre"))
    services.activity_move(activity=third, actor=None, direction="up")
    assert list(plan.activities.order_by("position").values_list("title", flat=True)) == ["Ett", "Tre", "Två"]
    services.activity_move(activity=first, actor=None, direction="up")  # already first: nothing changes
    assert list(plan.activities.order_by("position").values_list("title", flat=True)) == ["Ett", "Tre", "Två"]
    with pytest.raises(ValidationError, match="Unknown direction"):
        services.activity_move(activity=second, actor=None, direction="sideways")


def test_an_activity_cannot_end_before_it_starts(plan):
    with pytest.raises(ValidationError) as excinfo:
        services.activity_add(
            plan=plan,
            actor=None,
            data=services.ActivityData(title="Kartläggning", starts=date(YEAR, 5, 1), ends=date(YEAR, 4, 1)),
        )
    assert excinfo.value.message_dict == {"ends": ["The activity cannot end before it starts."]}
    assert not Activity.objects.exists()


def test_the_responsible_person_must_sit_in_the_body(body, plan):
    member = make_membership(body=body, contact=make_contact(name="Anna Andersson")).contact
    outsider = make_contact(name="Olle Utanför")
    activity = services.activity_add(
        plan=plan, actor=None, data=services.ActivityData(title="Kartläggning", responsible_contact=member)
    )
    assert activity.responsible_contact == member
    with pytest.raises(ValidationError) as excinfo:
        services.activity_update(
            activity=activity, actor=None, data=services.ActivityData(responsible_contact=outsider)
        )
    assert excinfo.value.message_dict == {
        "responsible_contact": ["The responsible person must be a member of Arbetsgrupp STEM."]
    }
    activity.refresh_from_db()
    assert activity.responsible_contact == member


def test_only_result_goals_of_the_space_and_year_can_be_linked(space, other_space, plan):
    goal = make_result_goal(space, YEAR, "R1")
    last_year = make_result_goal(space, YEAR - 1, "R9")
    foreign = make_result_goal(other_space, YEAR, "R5")
    activity = make_activity(plan)
    services.activity_set_result_goals(activity=activity, actor=None, goals=[goal])
    with pytest.raises(ValidationError) as excinfo:
        services.activity_set_result_goals(activity=activity, actor=None, goals=[goal, last_year, foreign, goal.parent])
    message = messages_of(excinfo)
    assert "R9 Resultatmål R9" in message and "R5 Resultatmål R5" in message and "E-R1" in message
    assert "R1 Resultatmål R1 (" not in message
    assert list(activity.result_goals.all()) == [goal]


def test_an_activity_in_a_status_report_cannot_be_removed(space, plan):
    from samverka.steering.statusreports.models import ActivityStatus, StatusReport, StatusRound

    kept = make_activity(plan, "Rapporterad")
    gone = make_activity(plan, "Ej rapporterad")
    services.work_plan_adopt(plan=plan, actor=None)
    round_ = StatusRound.objects.create(
        space=space, name="Våren", year=YEAR, opens_on=date(YEAR, 3, 1), deadline=date(YEAR, 4, 1)
    )
    ActivityStatus.objects.create(report=StatusReport.objects.create(round=round_, work_plan=plan), activity=kept)
    with pytest.raises(ValidationError, match="“Rapporterad” is referred to by a status report"):
        services.activity_remove(activity=kept, actor=None)
    services.activity_remove(activity=gone, actor=None)
    assert list(plan.activities.values_list("title", flat=True)) == ["Rapporterad"]


# --- closing --------------------------------------------------------------------------------------


def test_closing_lists_the_missing_final_report_and_outcomes(plan):
    make_activity(plan, "Kartläggning", outcome="Lägesbilden publicerades.")
    make_activity(plan, "Kommunikation")
    with pytest.raises(ValidationError, match="Only an adopted"):
        services.work_plan_close(plan=plan, actor=None)
    services.work_plan_adopt(plan=plan, actor=None)
    with pytest.raises(ValidationError) as excinfo:
        services.work_plan_close(plan=plan, actor=None)
    assert excinfo.value.messages == [
        "Write the final report (what was done and the results against the expected results) before closing.",
        "Describe what was done in “Kommunikation”.",
    ]
    assert WorkPlan.objects.get().status == WorkPlanStatus.ADOPTED


def test_a_closed_plan_is_read_only(space, plan, make_role_user):
    secretariat = make_role_user(space, "secretariat")
    activity = make_activity(plan, outcome="Genomförd.")
    services.work_plan_adopt(plan=plan, actor=None)
    goal = make_result_goal(space)
    services.work_plan_update(
        plan=plan,
        actor=None,
        data=services.WorkPlanData(final_summary="Allt genomfördes.", final_results="Målen nåddes."),
    )
    services.work_plan_close(plan=plan, actor=secretariat, on=date(YEAR + 1, 1, 20))
    plan.refresh_from_db()
    assert (plan.status, plan.closed_at, plan.closed_by) == (WorkPlanStatus.CLOSED, date(YEAR + 1, 1, 20), secretariat)
    refusals = [
        lambda: services.work_plan_update(
            plan=plan, actor=secretariat, data=services.WorkPlanData(final_lessons="Sent tillägg")
        ),
        lambda: services.work_plan_close(plan=plan, actor=secretariat),
        lambda: services.activity_add(plan=plan, actor=secretariat, data=services.ActivityData(title="Ny")),
        lambda: services.activity_update(
            activity=activity, actor=secretariat, data=services.ActivityData(title="Ändrad")
        ),
        lambda: services.activity_set_result_goals(activity=activity, actor=secretariat, goals=[goal]),
        lambda: services.activity_set_perspectives(
            activity=activity, actor=secretariat, assessments={"environment": None}
        ),
        lambda: services.activity_move(activity=activity, actor=secretariat, direction="down"),
        lambda: services.activity_remove(activity=activity, actor=secretariat),
    ]
    for refuse in refusals:
        with pytest.raises(ValidationError, match="closed"):
            refuse()
    activity.refresh_from_db()
    assert (activity.title, activity.perspectives.count(), activity.result_goals.count()) == (
        "Kartläggning av utbudet",
        4,
        0,
    )
    assert WorkPlan.objects.get().final_lessons == ""


def test_the_four_perspectives_keep_their_contract_names():
    assert Perspective.values == ["gender_equality", "accessibility", "non_discrimination", "environment"]


def test_adopting_needs_each_activity_linked_to_a_result_goal_once_the_year_has_goals(space, plan):
    linked = make_activity(plan, "Kartläggning")
    make_activity(plan, "Kommunikation")
    goal = make_result_goal(space, YEAR)
    services.activity_set_result_goals(activity=linked, actor=None, goals=[goal])
    with pytest.raises(ValidationError) as excinfo:
        services.work_plan_adopt(plan=plan, actor=None)
    assert excinfo.value.messages == ["“Kommunikation” is not linked to a result goal."]
    assert WorkPlan.objects.get(pk=plan.pk).status == WorkPlanStatus.DRAFT


# --- starting next year's plan ------------------------------------------------------------------------


def test_next_years_plan_starts_from_this_one_with_revised_goals(space, body, plan):
    from samverka.steering.goals.services import goals_revise_year

    goal = make_result_goal(space, YEAR, "R1")
    activity = make_activity(plan, "Kartläggning", starts=date(YEAR, 2, 1), outcome="Genomförd.")
    services.activity_set_result_goals(activity=activity, actor=None, goals=[goal])
    services.work_plan_adopt(plan=plan, actor=None)
    goals_revise_year(actor=None, space=space, from_year=YEAR, to_year=YEAR + 1)
    copy = services.work_plan_copy(plan=plan, actor=None, year=YEAR + 1)
    assert (copy.status, copy.year, copy.purpose) == (WorkPlanStatus.DRAFT, YEAR + 1, plan.purpose)
    copied = copy.activities.get()
    assert (copied.title, copied.starts, copied.outcome, copied.expected_result) == (
        "Kartläggning",
        None,
        "",
        "En gemensam lägesbild.",
    )
    [next_goal] = copied.result_goals.all()
    assert (next_goal.year, next_goal.code, next_goal.lineage) == (YEAR + 1, "R1", goal.lineage)
    assert services.missing_perspectives(copy) == []
    assert list(activity.result_goals.all()) == [goal]  # the source is untouched
    with pytest.raises(ValidationError, match="already has a work plan"):
        services.work_plan_copy(plan=plan, actor=None, year=YEAR + 1)


def test_only_those_who_run_the_body_start_a_plan_from_another(space, plan, make_role_user):
    make_activity(plan)
    with pytest.raises(PermissionDenied):
        services.work_plan_copy(plan=plan, actor=make_role_user(space, "member"), year=YEAR + 1)
    assert WorkPlan.objects.count() == 1
