"""Builders shared by the status-report tests: a space with a steering group, working groups with
adopted work plans and activities linked to result goals, and the people who use them."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from samverka.collaboration.bodies.models import BodyKind
from samverka.collaboration.bodies.permissions import forget_body_seats
from samverka.steering.goals.models import Goal
from samverka.steering.statusreports import services
from samverka.steering.statusreports.models import StatusReport, StatusRound
from samverka.steering.statusreports.services import StatusInput
from samverka.steering.workplans.models import Activity, WorkPlan
from samverka.testing import factories

YEAR = 2027


def seat(user: Any, body: Any, role: str = "member") -> Any:
    """Give ``user`` a seat in ``body`` through a Contact linked to the account."""
    contact = getattr(user, "contact", None)
    if contact is None:
        contact = factories.make_contact(name=user.full_name, user=user, email=user.email)
    membership = factories.make_membership(body=body, contact=contact, role=role)
    forget_body_seats(user)
    return membership


def make_goals(space: Any, year: int = YEAR) -> list[Goal]:
    effect = Goal.objects.create(space=space, year=year, kind="effect", code="E1", title="Fler i arbete")
    return [
        Goal.objects.create(space=space, year=year, kind="result", parent=effect, code=f"R1.{i}", title=title)
        for i, title in enumerate(("Bättre vägledning", "Fler validerade"), start=1)
    ]


def make_group(
    space: Any, name: str, activities: int, *, goals: list[Goal] | None = None, kind: str = BodyKind.WORKING_GROUP
) -> tuple[Any, WorkPlan, list[Activity]]:
    """A working group (or project) with an adopted work plan for YEAR with ``activities`` activities."""
    body = factories.make_body(space=space, name=name, kind=kind)
    plan = WorkPlan.objects.create(body=body, year=YEAR, status="adopted", adopted_at=date(YEAR, 2, 1))
    made = Activity.objects.bulk_create(
        [
            Activity(work_plan=plan, position=i, title=f"{name} aktivitet {i + 1}", expected_result=f"Resultat {i + 1}")
            for i in range(activities)
        ]
    )
    if goals:
        through = Activity.result_goals.through
        through.objects.bulk_create(
            [through(activity_id=a.pk, goal_id=goals[i % len(goals)].pk) for i, a in enumerate(made)]
        )
    return body, plan, made


def world(space: Any, make_role_user: Any) -> dict[str, Any]:
    """Two working groups (two activities each), a steering group, and one user per role."""
    goals = make_goals(space)
    steering = factories.make_body(space=space, name="Styrgruppen", kind=BodyKind.STEERING_GROUP)
    stem, stem_plan, stem_activities = make_group(space, "Arbetsgrupp STEM", 2, goals=goals)
    syv, syv_plan, _ = make_group(space, "Arbetsgrupp SYV", 2, goals=goals)
    leader = factories.make_user(email="processledare@example.se", full_name="Petra Processledare")
    seat(leader, stem, "process_leader")
    other_leader = factories.make_user(email="syv@example.se", full_name="Sven Syv")
    seat(other_leader, syv, "process_leader")
    steering_member = factories.make_user(email="styr@example.se", full_name="Stina Styrgrupp")
    seat(steering_member, steering, "member")
    outsider = factories.make_user(email="utanfor@example.se")
    return {
        "space": space,
        "goals": goals,
        "steering": steering,
        "stem": stem,
        "stem_plan": stem_plan,
        "stem_activities": stem_activities,
        "syv": syv,
        "syv_plan": syv_plan,
        "leader": leader,
        "other_leader": other_leader,
        "steering_member": steering_member,
        "secretariat": make_role_user(space, "secretariat", email="sekr@example.se", full_name="Sara Sekreterare"),
        "member": make_role_user(space, "member", email="medlem@example.se"),
        "guest": make_role_user(space, "guest", email="gast@example.se"),
        "outsider": outsider,
    }


def open_round(space: Any, name: str = "Våren 2027", *, opens_on: date | None = None, days: int = 30) -> StatusRound:
    opens_on = opens_on or timezone.localdate()
    return services.round_open(
        actor=None, space=space, name=name, year=YEAR, opens_on=opens_on, deadline=opens_on + timedelta(days=days)
    )


def fill(report: StatusReport, light: str = "green", result_light: str | None = None, comment: str = "") -> None:
    """Give every activity of the report the same lights."""
    statuses = {
        pk: StatusInput(light, result_light or light, comment, "")
        for pk in Activity.objects.filter(work_plan_id=report.work_plan_id).values_list("pk", flat=True)
    }
    services.report_save(actor=None, report=report, statuses=statuses)
