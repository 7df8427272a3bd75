"""Work plans for tests, made through the services (so they pass the same checks as real ones)."""

from typing import Any

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.bodies.permissions import forget_body_seats
from samverka.platform.spaces.models import Space
from samverka.steering.workplans import services
from samverka.steering.workplans.models import Activity, Perspective, WorkPlan
from samverka.testing import factories

YEAR = 2026

#: Every perspective assessed: addressed, except the environment (not relevant, with a reason).
ALL_ASSESSED: dict[str, tuple[bool, str] | None] = {
    Perspective.GENDER_EQUALITY: (True, "Statistiken redovisas uppdelad på kön."),
    Perspective.ACCESSIBILITY: (True, "Materialet granskas mot WCAG 2.1 AA."),
    Perspective.NON_DISCRIMINATION: (True, "Utrikes födda redovisas särskilt."),
    Perspective.ENVIRONMENT: (False, "Ett skrivbordsarbete utan påverkan på miljön."),
}


def make_plan(body: Body, year: int = YEAR, **data: Any) -> WorkPlan:
    data.setdefault("purpose", "Stärka kompetensförsörjningen inom STEM.")
    return services.work_plan_create(body=body, actor=None, year=year, data=services.AssignmentData(**data))


def make_activity(
    plan: WorkPlan, title: str = "Kartläggning av utbudet", *, assessed: bool = True, **data: Any
) -> Activity:
    data.setdefault("expected_result", "En gemensam lägesbild.")
    activity = services.activity_add(plan=plan, actor=None, data=services.ActivityData(**{"title": title, **data}))
    if assessed:
        services.activity_set_perspectives(activity=activity, actor=None, assessments=dict(ALL_ASSESSED))
    return activity


def make_result_goal(space: Space, year: int = YEAR, code: str = "R1") -> Any:
    """A result goal (under an effect goal) of ``space`` and ``year``."""
    from samverka.steering.goals import services as goal_services
    from samverka.steering.goals.models import GoalKind

    effect = goal_services.goal_create(
        space=space,
        actor=None,
        year=year,
        data=goal_services.GoalData(
            kind=GoalKind.EFFECT, code=f"E-{code}", title="Effektmål", description="<p>Mål</p>"
        ),
    )
    return goal_services.goal_create(
        space=space,
        actor=None,
        year=year,
        data=goal_services.GoalData(
            kind=GoalKind.RESULT, parent=effect, code=code, title=f"Resultatmål {code}", description="<p>Resultat</p>"
        ),
    )


def seat(user: Any, body: Body, role: str = "member", **extra: Any) -> Any:
    """Give ``user`` a seat in ``body`` through a Contact linked to the account."""
    contact = getattr(user, "contact", None)
    if contact is None:
        contact = factories.make_contact(name=user.full_name, user=user)
    membership = factories.make_membership(body=body, contact=contact, role=role, **extra)
    forget_body_seats(user)
    return membership
