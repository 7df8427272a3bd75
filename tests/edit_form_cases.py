"""The cases of the edit-form walk (``test_edit_forms.py``): for each edit view, how to find a demo object
to open it on, who may edit it, and how the form's fields map to what is stored."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

STOCKHOLM = ZoneInfo("Europe/Stockholm")


# --- finding demo objects -------------------------------------------------------------------------------------


def local(moment: datetime.datetime | None) -> datetime.datetime | None:
    return moment.astimezone(STOCKHOLM) if moment else None


def first(queryset: Any, what: str) -> Any:
    found = queryset.first()
    assert found is not None, f"the demo has no {what}"
    return found


def richest(queryset: Any, fields: list[str]) -> Any:
    """The object with the most of ``fields`` filled in (so that a blank form cannot pass by accident)."""
    score = sum(
        (
            models.Case(
                models.When(
                    Q(**{f"{name}__isnull": True}) | Q(**{name: ""})
                    if _is_text(queryset.model, name)
                    else Q(**{f"{name}__isnull": True}),
                    then=0,
                ),
                default=1,
            )
            for name in fields
        ),
        models.Value(0),
    )
    return queryset.annotate(_filled=score).order_by("-_filled", "pk").first()


def _is_text(model: type[models.Model], name: str) -> bool:
    return isinstance(model._meta.get_field(name), models.CharField | models.TextField)


def organisation() -> tuple[dict[str, Any], Any]:
    from samverka.collaboration.actors.models import Organisation

    org = richest(
        Organisation.objects.filter(is_active=True).exclude(website=""),
        ["org_number", "website", "description", "municipality", "county"],
    )
    assert org is not None
    return {"pk": org.pk}, org


def contact() -> tuple[dict[str, Any], Any]:
    from samverka.collaboration.actors.models import Contact

    person = richest(Contact.objects.all(), ["function", "email", "gender", "born_abroad"])
    return {"pk": person.organisation_id, "contact": person.pk}, person


def body() -> tuple[dict[str, Any], Any]:
    from samverka.collaboration.bodies.models import Body, BodyStatus

    found = richest(
        Body.objects.exclude(status=BodyStatus.CLOSED).select_related("space"),
        ["mandate", "parent", "owner_organisation", "start_date", "end_date"],
    )
    return {"space": found.space.slug, "pk": found.pk}, found


def membership() -> tuple[dict[str, Any], Any]:
    from samverka.collaboration.bodies.models import BodyStatus, Membership

    found = richest(
        Membership.objects.exclude(body__status=BodyStatus.CLOSED)
        .filter(end_date__isnull=True)
        .select_related("body__space"),
        ["note", "participation_model", "start_date"],
    )
    return {"space": found.body.space.slug, "pk": found.body_id, "membership": found.pk}, found


def meeting() -> tuple[dict[str, Any], Any]:
    from samverka.collaboration.meetings.models import Meeting

    found = richest(
        Meeting.objects.filter(start__gt=timezone.now(), cancelled_at__isnull=True).select_related("body__space"),
        ["place", "online_url", "invitation_message", "chair", "adjuster"],
    )
    assert found is not None, "the demo has no planned meeting"
    return {"space": found.body.space.slug, "pk": found.pk}, found


def agenda_item() -> tuple[dict[str, Any], Any]:
    from samverka.collaboration.meetings.models import AgendaItem

    item = richest(
        AgendaItem.objects.filter(
            is_follow_up=False, meeting__start__gt=timezone.now(), meeting__cancelled_at__isnull=True
        ).select_related("meeting__body__space"),
        ["description", "presenter", "duration_minutes"],
    )
    assert item is not None, "the demo has no agenda item of a coming meeting"
    return {"space": item.meeting.body.space.slug, "pk": item.meeting_id, "item": item.pk}, item


def minutes() -> tuple[dict[str, Any], Any]:
    from samverka.collaboration.meetings.models import Meeting

    found = first(
        Meeting.objects.filter(minutes_versions__approved_at__isnull=True)
        .annotate(texts=Count("minutes_versions__entries"))
        .filter(texts__gt=0)
        .select_related("body__space")
        .order_by("-texts", "pk"),
        "meeting with minutes being written",
    )
    return {"space": found.body.space.slug, "pk": found.pk}, found


def event() -> tuple[dict[str, Any], Any]:
    from samverka.collaboration.events.models import Event

    found = richest(
        Event.objects.exclude(status="cancelled").select_related("space"),
        ["description", "place", "online_url", "capacity", "registration_opens_at", "registration_closes_at", "body"],
    )
    return {"space": found.space.slug, "pk": found.pk}, found


def session() -> tuple[dict[str, Any], Any]:
    from samverka.collaboration.events.models import Session

    found = richest(
        Session.objects.exclude(event__status="cancelled").select_related("event__space"),
        ["speaker", "room", "description"],
    )
    return {"space": found.event.space.slug, "pk": found.event_id, "session": found.pk}, found


def goal() -> tuple[dict[str, Any], Any]:
    from samverka.steering.goals.models import Goal

    found = richest(
        Goal.objects.exclude(status="retired").filter(kind="result").select_related("space"),
        ["description", "parent", "decision", "change_note", "assessment", "assessment_note"],
    )
    return {"space": found.space.slug, "pk": found.pk}, found


def metric() -> tuple[dict[str, Any], Any]:
    from samverka.steering.goals.models import Metric

    found = richest(
        Metric.objects.exclude(goal__status="retired").select_related("goal__space"), ["unit", "baseline", "target"]
    )
    return {"space": found.goal.space.slug, "pk": found.goal_id, "metric": found.pk}, found


def _open_plan(**filters: Any) -> Any:
    from samverka.steering.workplans.models import WorkPlan

    return richest(
        WorkPlan.objects.exclude(status="closed").filter(**filters).select_related("body__space"),
        ["purpose", "goals_text", "expected_results", "regional_rationale", "final_summary", "final_results"],
    )


def work_plan() -> tuple[dict[str, Any], Any]:
    plan = _open_plan()
    return {"space": plan.body.space.slug, "body": plan.body_id, "pk": plan.pk}, plan


def activity() -> tuple[dict[str, Any], Any]:
    from samverka.steering.workplans.models import Activity

    found = richest(
        Activity.objects.exclude(work_plan__status="closed")
        .annotate(goals=Count("result_goals"))
        .filter(goals__gt=0)
        .select_related("work_plan__body__space"),
        ["description", "starts", "ends", "responsible", "responsible_contact", "expected_result"],
    )
    plan = found.work_plan
    return {"space": plan.body.space.slug, "body": plan.body_id, "pk": plan.pk, "activity": found.pk}, found


def status_report() -> tuple[dict[str, Any], Any]:
    from samverka.steering.statusreports.models import StatusReport

    found = richest(
        StatusReport.objects.filter(state="draft", round__state="open").select_related("round__space"), ["description"]
    )
    assert found is not None, "the demo has no draft status report in an open round"
    return {"space": found.round.space.slug, "round": found.round_id, "pk": found.pk}, found


def evaluation() -> tuple[dict[str, Any], Any]:
    from samverka.steering.inputs.models import Evaluation

    found = richest(
        Evaluation.objects.filter(completed_at__isnull=True).select_related("space"),
        ["criteria", "responsible", "questions", "due_on"],
    )
    assert found is not None, "the demo has no evaluation still open"
    return {"space": found.space.slug, "pk": found.pk}, found


def retention_rule() -> tuple[dict[str, Any], Any]:
    from samverka.records.retention.models import RetentionRule

    found = richest(RetentionRule.objects.select_related("space"), ["years", "disposal_decision", "note"])
    return {"space": found.space.slug, "pk": found.pk}, found


def dataset() -> tuple[dict[str, Any], Any]:
    from samverka.insight.statistics.models import Dataset

    found = richest(Dataset.objects.select_related("space"), ["description", "table_id", "unit"])
    return {"space": found.space.slug, "slug": found.slug}, found


def analysis() -> tuple[dict[str, Any], Any]:
    from samverka.insight.analyses.models import Analysis

    found = richest(Analysis.objects.select_related("space"), ["summary"])
    return {"space": found.space.slug, "pk": found.pk}, found


def analysis_block() -> tuple[dict[str, Any], Any]:
    from samverka.insight.analyses.models import AnalysisBlock

    found = richest(AnalysisBlock.objects.select_related("analysis__space"), ["heading", "text", "chart"])
    return {"space": found.analysis.space.slug, "pk": found.analysis_id, "block": found.pk}, found


def chart() -> tuple[dict[str, Any], Any]:
    from samverka.insight.analyses.models import ChartDefinition

    found = first(ChartDefinition.objects.select_related("space").order_by("pk"), "chart")
    return {"space": found.space.slug, "pk": found.pk}, found


def coverage() -> tuple[dict[str, Any], Any]:
    from samverka.insight.analyses.models import BodyCoverage

    found = first(BodyCoverage.objects.select_related("body__space").order_by("pk"), "body coverage")
    return {"space": found.body.space.slug, "body": found.body_id}, found


def profile() -> tuple[dict[str, Any], Any]:
    from samverka.platform.accounts.models import User

    return {}, User.objects.get(email="samordnare@sormland.example")


def input_with_links() -> tuple[dict[str, Any], Any]:
    from samverka.steering.inputs.models import Input

    found = first(
        Input.objects.annotate(links=Count("goals", distinct=True) + Count("decisions", distinct=True))
        .filter(links__gt=0)
        .select_related("space")
        .order_by("-links", "pk"),
        "input linked to goals or decisions",
    )
    return {"space": found.space.slug, "pk": found.pk}, found


def considered_input() -> tuple[dict[str, Any], Any]:
    from samverka.steering.inputs.models import Input

    found = first(
        Input.objects.filter(consideration__isnull=False).exclude(consideration__reason="").select_related("space"),
        "input with a recorded consideration",
    )
    return {"space": found.space.slug, "pk": found.pk}, found


def space_membership() -> tuple[dict[str, Any], Any]:
    from samverka.platform.spaces.models import SpaceMembership

    found = first(
        SpaceMembership.objects.filter(space__slug="sormland", role="member").select_related("space").order_by("pk"),
        "member of Sörmland",
    )
    return {"space": found.space.slug, "pk": found.pk}, found


def validation_offer() -> tuple[dict[str, Any], Any]:
    from samverka.education.validation.models import ValidationOffer

    # At most one linked offering and education: the walk posts one value per field name (QueryDict.items()).
    offers = ValidationOffer.objects.annotate(
        links=Count("offerings", distinct=True) + Count("educations", distinct=True)
    ).filter(space__slug="sormland", links__lte=2)
    fields = ["provider", "municipality", "description", "contact_email", "sun_field"]
    found = richest(offers.select_related("space"), fields)
    assert found is not None, "the demo has no validation offer"
    return {"space": found.space.slug, "pk": found.pk}, found


def validation_outcome() -> tuple[dict[str, Any], Any]:
    from samverka.education.validation.models import ValidationOutcome

    found = first(ValidationOutcome.objects.select_related("space").order_by("pk"), "validation outcome")
    return {"space": found.space.slug, "pk": found.pk}, found


def myh_need() -> tuple[dict[str, Any], Any]:
    from samverka.education.myhreports.models import NeedEntry

    found = first(
        NeedEntry.objects.filter(report__space__slug="sormland", report__status="draft")
        .select_related("report__space")
        .order_by("pk"),
        "competence need of a draft MYH report",
    )
    return {"space": found.report.space.slug, "pk": found.report_id, "need": found.pk}, found


def education_order() -> tuple[dict[str, Any], Any]:
    from samverka.education.orders.models import EducationOrder

    # One value per field name is posted: an order with at most one desired form, municipality and offering.
    orders = EducationOrder.objects.annotate(
        n_municipalities=Count("municipalities", distinct=True), n_offerings=Count("offerings", distinct=True)
    ).filter(space__slug="sormland", n_municipalities__lte=1, n_offerings__lte=1)
    found = next((o for o in orders.select_related("space").order_by("pk") if len(o.forms) <= 1), None)
    assert found is not None, "the demo has no education order"
    return {"space": found.space.slug, "pk": found.pk}, found


def cohort() -> tuple[dict[str, Any], Any]:
    from samverka.education.cohorts.models import Cohort

    fields = ["applicants", "admitted", "active_year_1", "quality_comment"]
    found = richest(Cohort.objects.filter(space__slug="sormland").select_related("space"), fields)
    assert found is not None, "the demo has no cohort"
    return {"space": found.space.slug, "pk": found.pk}, found


def cohort_with_breakdown() -> tuple[dict[str, Any], Any]:
    from samverka.education.cohorts.models import Cohort

    found = first(
        Cohort.objects.filter(space__slug="sormland", breakdowns__isnull=False).distinct().select_related("space"),
        "cohort with a breakdown",
    )
    return {"space": found.space.slug, "pk": found.pk}, found


def breakdown_values(cohort: Any) -> dict[str, Any]:
    from samverka.education.cohorts.models import Group

    stored = {row.group: row for row in cohort.breakdowns.all()}
    values: dict[str, Any] = {}
    for group in Group.values:
        row = stored.get(group)
        values[f"{group}__started"] = row.started if row else None
        values[f"{group}__completed"] = row.completed if row else None
    return values


def outcome_counts(outcome: Any) -> dict[str, Any]:
    from samverka.education.cohorts.models import Category

    counts = outcome.counts()
    return {category: counts.get(category) for category in Category.values}


def cohort_outcome() -> tuple[dict[str, Any], Any]:
    from samverka.education.cohorts.models import CohortOutcome

    fields = ["response_rate", "quality_comment"]
    found = richest(
        CohortOutcome.objects.filter(cohort__space__slug="sormland").select_related("cohort__space"), fields
    )
    assert found is not None, "the demo has no outcome of a cohort"
    return {"space": found.cohort.space.slug, "pk": found.cohort_id, "outcome": found.pk}, found


def knowledge_node() -> tuple[dict[str, Any], Any]:
    from samverka.education.knowledgenodes.models import KnowledgeNode

    fields = ["valid_to", "offers", "contact_text", "url"]
    found = richest(KnowledgeNode.objects.filter(space__slug="sormland").select_related("space"), fields)
    assert found is not None, "the demo has no knowledge node"
    return {"space": found.space.slug, "pk": found.pk}, found


def _local_catalogue_row(model_name: str, fields: list[str]) -> tuple[dict[str, Any], Any]:
    """A row of the demo's catalogue entered here by the Eskilstuna editor (samverka/demo/catalogue_edits.py)."""
    from django.apps import apps

    model = apps.get_model("catalogue", model_name)
    found = richest(model.objects.filter(source="local", space__slug="sormland").select_related("space"), fields)
    assert found is not None, f"the demo has no {model_name} entered here (load_catalogue_edits)"
    return {"space": found.space.slug, "pk": found.pk}, found


def catalogue_provider() -> tuple[dict[str, Any], Any]:
    return _local_catalogue_row("Provider", ["street_address", "postal_code", "email", "phone", "local_note"])


def catalogue_education() -> tuple[dict[str, Any], Any]:
    return _local_catalogue_row("Education", ["description", "sun_field", "sun_level", "extent", "credit_system"])


def catalogue_offering() -> tuple[dict[str, Any], Any]:
    return _local_catalogue_row("Offering", ["application_closes", "places", "fee_note", "locality", "pace_percent"])


def occupation_codes(**links: Any) -> Callable[[Any], Any]:
    """The SSYK codes of an education's target occupations (``is_primary=…``)."""
    return lambda education: tuple(education.occupations.filter(**links).values_list("ssyk_code", flat=True))


# --- what a form field stands for, where it differs from the model -------------------------------------------


def date_of(name: str) -> Callable[[Any], Any]:
    return lambda obj: local(getattr(obj, name)).date() if getattr(obj, name) else None


def time_of(name: str) -> Callable[[Any], Any]:
    return lambda obj: local(getattr(obj, name)).time().replace(second=0, microsecond=0) if getattr(obj, name) else None


def minutes_texts(meeting: Any) -> dict[str, Any]:
    """``item_<pk>`` → the text of the latest minutes version under that agenda item, as the form edits it."""
    from samverka.collaboration.meetings.forms_minutes import editable

    version = meeting.minutes_versions.order_by("-number").first()
    return {f"item_{entry.agenda_item_id}": editable(entry.text) for entry in version.entries.all()}


def report_statuses(report: Any) -> dict[str, Any]:
    """``a<activity>_light`` … → the report's lights and comments per activity (empty where none is given)."""
    values: dict[str, Any] = {}
    for activity in report.work_plan.activities.all():
        for suffix in ("light", "comment", "result_light", "result_comment"):
            values[f"a{activity.pk}_{suffix}"] = ""
    for status in report.statuses.all():
        prefix = f"a{status.activity_id}"
        values.update(
            {
                f"{prefix}_light": status.light_activity,
                f"{prefix}_comment": status.comment_activity,
                f"{prefix}_result_light": status.light_result,
                f"{prefix}_result_comment": status.comment_result,
            }
        )
    return values


def perspectives(activity: Any) -> dict[str, Any]:
    """``<perspective>_relevant`` / ``_motivation`` → the activity's assessment of each horizontal perspective."""
    from samverka.steering.workplans.models import Perspective

    values: dict[str, Any] = {}
    for value in Perspective.values:
        values[f"{value}_relevant"] = ""
        values[f"{value}_motivation"] = ""
    for assessment in activity.perspectives.all():
        values[f"{assessment.perspective}_relevant"] = "yes" if assessment.relevant else "no"
        values[f"{assessment.perspective}_motivation"] = assessment.motivation
    return values


def lines(name: str) -> Callable[[Any], Any]:
    """A list stored as JSON, edited one item per line."""
    return lambda obj: "\n".join(getattr(obj, name) or [])


def listed(name: str) -> Callable[[Any], Any]:
    """Codes stored as a list, edited as one line separated by commas."""
    return lambda obj: ", ".join(getattr(obj, name) or [])


@dataclass
class Case:
    """How to open one edit view on a demo object, and how its form's fields map to what is stored."""

    role: str
    find: Callable[[], tuple[dict[str, Any], Any]]
    #: Form field → its stored value, for fields that are not a model field of the object by that name.
    derived: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    #: Fields whose stored values come as a dict computed from the object (dynamic fields, e.g. minutes).
    derived_many: Callable[[Any], dict[str, Any]] | None = None
    #: Field-name prefix → stored value of the rest of the name (e.g. ``filter_<column>`` → the chart's filter).
    prefixed: dict[str, Callable[[Any, str], Any]] = field(default_factory=dict)
    #: Form fields that are inputs of the save itself, not stored values (field → why); they must show empty.
    inputs: dict[str, str] = field(default_factory=dict)
    #: The page that holds the form, when it is not the edit URL (a form inside a list), and the form's action.
    page: Callable[[dict[str, Any], Any], str] | None = None


MEETING_TIMES = {"date": date_of("start"), "start_time": time_of("start"), "end_time": time_of("end")}

CASES: dict[str, Case] = {
    "actors:organisation-update": Case("coordinator", organisation),
    "actors:contact-update": Case("coordinator", contact),
    "bodies:body-update": Case("admin", body),
    "bodies:membership-update": Case("admin", membership),
    "meetings:meeting-update": Case(
        "admin",
        meeting,
        derived=MEETING_TIMES,
        inputs={"confirm_overlap": "confirms a warning about overlapping meetings when saving"},
    ),
    "meetings:agenda-item-update": Case("admin", agenda_item),
    "meetings:minutes-edit": Case("admin", minutes, derived_many=minutes_texts),
    "events:event-update": Case("admin", event),
    "events:session-update": Case("admin", session),
    "goals:goal-update": Case("admin", goal),
    "goals:metric-update": Case("admin", metric),
    "workplans:plan-update": Case("admin", work_plan),
    "workplans:final-report-update": Case("admin", work_plan),
    "workplans:activity-update": Case("admin", activity, derived_many=perspectives),
    "statusreports:report-edit": Case("admin", status_report, derived_many=report_statuses),
    "inputs:evaluation-update": Case("admin", evaluation, derived={"questions": lines("questions")}),
    "retention:rule-update": Case("admin", retention_rule),
    "statistics:dataset-update": Case("analyst", dataset),
    "analyses:analysis-update": Case("analyst", analysis),
    "analyses:block-update": Case("analyst", analysis_block),
    "analyses:chart-update": Case(
        "analyst",
        chart,
        prefixed={
            "param_": lambda chart, name: chart.indicator_params.get(name),
            "filter_": lambda chart, column: chart.filters.get(column),
        },
    ),
    "analyses:coverage-update": Case(
        "coordinator", coverage, derived={"ssyk_codes": listed("ssyk_codes"), "sni_codes": listed("sni_codes")}
    ),
    "accounts:profile": Case("coordinator", profile),
    "inputs:input-links": Case("admin", input_with_links),
    "inputs:input-consider": Case(
        "admin",
        considered_input,
        derived={"outcome": lambda i: i.consideration.outcome, "reason": lambda i: i.consideration.reason},
    ),
    "validation:offer-edit": Case(
        "coordinator", validation_offer, derived={"ssyk_codes": lambda offer: ", ".join(offer.ssyk_codes)}
    ),
    "validation:outcome-edit": Case("analyst", validation_outcome),
    "myhreports:need-update": Case("analyst", myh_need),
    "orders:order-edit": Case("coordinator", education_order),
    "cohorts:cohort-edit": Case("analyst", cohort),
    "cohorts:breakdown-edit": Case("analyst", cohort_with_breakdown, derived_many=breakdown_values),
    "cohorts:outcome-edit": Case("analyst", cohort_outcome, derived_many=outcome_counts),
    "knowledgenodes:node-edit": Case(
        "coordinator", knowledge_node, derived={"area": lambda node: f"{node.area_kind}:{node.area_code}"}
    ),
    "catalogue:provider-update": Case("redaktor@eskilstuna.example", catalogue_provider),
    "catalogue:education-update": Case(
        "redaktor@eskilstuna.example",
        catalogue_education,
        derived={
            "primary_occupations": occupation_codes(is_primary=True),
            "related_occupations": occupation_codes(is_primary=False),
        },
    ),
    "catalogue:offering-update": Case(
        "redaktor@eskilstuna.example",
        catalogue_offering,
        derived={"occupations": lambda o: tuple(o.local_occupations.values_list("ssyk_code", flat=True))},
    ),
    "spaces:member-edit": Case(
        "coordinator",
        space_membership,
        page=lambda kwargs, obj: reverse("spaces:members", kwargs={"space": kwargs["space"]}),
    ),
}
