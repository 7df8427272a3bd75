"""Every edit form of the platform opens pre-filled, and saving it unchanged changes nothing.

The URL patterns are walked: every pattern whose name ends in ``edit`` or ``update`` is an edit
view and gets its own test (so a failure names the view). For each, a demo object is found and its
edit page opened as a person allowed to edit it, logged in through the real login and two-factor
step. Then:

1. **Pre-filled.** Each field of the form, read from the page's HTML as a browser would submit it
   and cleaned by the form's own field, must equal the stored value: the model field of the same
   name, or (for forms whose fields differ from the model, e.g. a date and a time for one stored
   moment) the value a case says it stands for. A form field that maps to nothing stored must be
   named as an input of the action (with the reason) — otherwise the test fails, so no field is
   skipped silently.
2. **Unchanged.** The form is posted back exactly as the page filled it in. The answer must be a
   redirect (no error), and the object, its many-to-many links and every row that points to it
   must be as before (``updated_at``-style timestamps aside).

A view the walk finds but no case covers fails ``test_every_edit_view_has_a_case`` and its own
test; views that are not edit forms of a stored object are listed in ``NOT_EDIT_FORMS`` with why.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import walk_patterns

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


#: Edit forms of stored objects whose URL names do not say so (name → what it edits).
ALSO_EDIT_FORMS = {
    "accounts:profile": "the signed-in person's name and language",
    "inputs:input-links": "the goals and decisions an input is linked to",
    "inputs:input-consider": "how an input was considered (outcome and reason)",
}


def edit_view_names() -> list[str]:
    """Every URL name of an edit view (``…-edit``, ``…-update``, ``…edit``), the Django admin aside,
    and the edit forms named otherwise (``ALSO_EDIT_FORMS``)."""
    names = {name for route, name, _callback in walk_patterns() if name and not route.startswith("admin/")}
    return sorted({name for name in names if name.split(":")[-1].endswith(("edit", "update"))} | set(ALSO_EDIT_FORMS))


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
    "spaces:member-edit": Case(
        "coordinator",
        space_membership,
        page=lambda kwargs, obj: reverse("spaces:members", kwargs={"space": kwargs["space"]}),
    ),
}

#: Patterns the walk finds that are not forms editing a stored object (pattern → why). Empty today.
NOT_EDIT_FORMS: dict[str, str] = {}

EDIT_VIEWS = edit_view_names()

#: Edit views of other apps that fail today, marked so the run stays readable (view → the finding). Strict:
#: once fixed, the test reports XPASS as a failure and the entry must be removed.
KNOWN_FAILURES: dict[str, str] = {}


def edit_view_params() -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name]))
        if name in KNOWN_FAILURES
        else name
        for name in EDIT_VIEWS
    ]


def test_every_edit_view_has_a_case() -> None:
    missing = sorted(set(EDIT_VIEWS) - set(CASES) - set(NOT_EDIT_FORMS))
    stale = sorted((set(CASES) | set(NOT_EDIT_FORMS)) - set(EDIT_VIEWS))
    assert missing == [], f"edit views without a case (add one, or an exclusion with the reason): {missing}"
    assert stale == [], f"cases for edit views that no longer exist: {stale}"
    assert len(EDIT_VIEWS) >= 20


# --- reading the page ----------------------------------------------------------------------------------------


def the_form(html: str, url: str, field_names: set[str], action: str | None) -> Any:
    """The POST form on the page that holds the edit form's fields (or posts to ``action``)."""
    document = lxml.html.fromstring(html)
    document.make_links_absolute("http://testserver" + url)
    candidates = []
    for form in document.forms:
        if (form.method or "GET").upper() != "POST":
            continue
        target = urlsplit(form.action or "http://testserver" + url).path
        if action is not None:
            if target == action:
                candidates.append((1, form))
            continue
        names = {element.name for element in form.inputs if element.name}
        candidates.append((len(names & field_names), form))
    candidates.sort(key=lambda pair: -pair[0])
    assert candidates and candidates[0][0] > 0, f"no POST form with the edit form's fields on {url}"
    return candidates[0][1]


def submitted(form: Any) -> QueryDict:
    """What the browser would send for this form, untouched."""
    data = QueryDict(mutable=True)
    for name, value in form.form_values():
        data.appendlist(name, value)
    return data


def norm(value: Any) -> Any:
    """A comparable form of a form's or a model's value."""
    if isinstance(value, models.Model):
        return ("object", type(value)._meta.label, value.pk)
    if isinstance(value, models.QuerySet | list | tuple | set | frozenset):
        return tuple(sorted((norm(v) for v in value), key=repr)) or None
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
        return value or None
    if isinstance(value, decimal.Decimal | float):
        return decimal.Decimal(str(value)).normalize()
    if isinstance(value, datetime.datetime):  # compared as Stockholm wall-clock time, to the minute
        local_time = value.astimezone(STOCKHOLM) if value.tzinfo is not None else value
        return local_time.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    return value


def shown_value(form: Any, name: str, data: QueryDict) -> Any:
    """A field's value as the page shows it, cleaned by the form's own field (None when it cannot be read)."""
    bound = form.fields[name]
    raw = bound.widget.value_from_datadict(data, {}, form.add_prefix(name))
    try:
        return bound.clean(raw)
    except ValidationError:
        return raw


def stored_value(case: Case, obj: Any, name: str, many: dict[str, Any]) -> tuple[bool, Any]:
    if name in case.derived:
        return True, case.derived[name](obj)
    if name in many:
        return True, many[name]
    for prefix, stored in case.prefixed.items():
        if name.startswith(prefix):
            return True, stored(obj, name.removeprefix(prefix))
    try:
        model_field = obj._meta.get_field(name)
    except Exception:
        return False, None
    if model_field.many_to_many:
        return True, list(getattr(obj, name).all())
    if model_field.is_relation:
        return True, getattr(obj, name)
    return True, model_field.value_from_object(obj)


# --- comparing the stored object before and after ---------------------------------------------------------------


def _row(instance: models.Model) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (f.attname, f.value_from_object(instance))
        for f in instance._meta.concrete_fields
        if not getattr(f, "auto_now", False)
    )


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's own fields, its many-to-many links and every row that points to it."""
    instance = type(obj)._default_manager.get(pk=obj.pk)
    state: dict[str, Any] = {"fields": _row(instance)}
    for relation in instance._meta.get_fields():
        if relation.many_to_many and not relation.auto_created:
            state[f"m2m:{relation.name}"] = sorted(getattr(instance, relation.name).values_list("pk", flat=True))
        elif relation.auto_created and (relation.one_to_many or relation.one_to_one) and not relation.concrete:
            model = relation.related_model
            if not model._meta.app_label.startswith(
                (
                    "actors",
                    "bodies",
                    "meetings",
                    "events",
                    "goals",
                    "workplans",
                    "statusreports",
                    "inputs",
                    "retention",
                    "statistics",
                    "analyses",
                    "spaces",
                    "registry",
                    "questions",
                    "calendars",
                    "wheels",
                )
            ):
                continue
            if model._meta.label in ("statistics.Observation",):  # millions of cells; the version row is compared
                continue
            rows = model._default_manager.filter(**{relation.field.name: instance})
            state[f"rows:{model._meta.label}.{relation.field.name}"] = sorted(_row(r) for r in rows[:2000])
    return state


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    found = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) == after.get(key):
            continue
        if key == "fields":
            old, new = dict(before[key]), dict(after[key])
            found += [f"{name}: {old[name]!r} → {new[name]!r}" for name in old if old[name] != new.get(name)]
        else:
            found.append(f"{key} changed")
    return found


# --- the test -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("view_name", edit_view_params())
def test_edit_form_opens_prefilled_and_saving_unchanged_changes_nothing(view_name: str, login_as: Any) -> None:
    case = CASES.get(view_name)
    assert case is not None, f"{view_name}: no demo object is known for this edit view (add a case)"
    kwargs, obj = case.find()
    edit_url = reverse(view_name, kwargs=kwargs)
    page_url = case.page(kwargs, obj) if case.page else edit_url
    client: Client = login_as(case.role)

    response = client.get(page_url)
    assert response.status_code == 200, f"{view_name}: GET {page_url} answered {response.status_code}"
    context_form = response.context.get("form") if case.page is None else None
    html = response.content.decode()
    names = set(context_form.fields) if context_form is not None else set()
    form = the_form(html, page_url, names, action=edit_url if case.page else None)
    data = submitted(form)

    # 1. Every field shows the stored value.
    wrong, unmapped = [], []
    if context_form is not None:
        many = case.derived_many(obj) if case.derived_many else {}
        for name in context_form.fields:
            shown = shown_value(context_form, name, data)
            if name in case.inputs:
                if norm(shown) not in (None, False):
                    wrong.append(f"{name} (an input of the save) shows {shown!r}")
                continue
            known, stored = stored_value(case, obj, name, many)
            if not known:
                unmapped.append(name)
            elif norm(shown) != norm(stored) and not (norm(stored) is None and norm(shown) in (None, False)):
                wrong.append(f"{name}: shows {shown!r}, stored {stored!r}")
    else:  # a form inside a list page: its fields carry the object's field names
        for name in data:
            if name == "csrfmiddlewaretoken":
                continue
            try:
                stored = obj._meta.get_field(name).value_from_object(obj)
            except Exception:
                unmapped.append(name)
                continue
            if norm(data.get(name)) != norm(stored):
                wrong.append(f"{name}: shows {data.get(name)!r}, stored {stored!r}")
    assert unmapped == [], f"{view_name}: fields that map to nothing stored (add them to the case): {unmapped}"
    assert wrong == [], f"{view_name}: the form does not show what is stored:\n  " + "\n  ".join(wrong)

    # 2. Saving it unchanged changes nothing.
    before = snapshot(obj)
    action = urlsplit(urljoin("http://testserver" + page_url, form.action or page_url))
    target = action.path + (f"?{action.query}" if action.query else "")
    saved = client.post(target, data)
    if saved.status_code == 200 and saved.context and saved.context.get("form") is not None:
        pytest.fail(f"{view_name}: saving the unchanged form was refused: {saved.context['form'].errors.as_data()}")
    assert saved.status_code in (302, 303), f"{view_name}: POST {target} answered {saved.status_code}"
    changed = differences(before, snapshot(obj))
    assert changed == [], f"{view_name}: saving the unchanged form changed:\n  " + "\n  ".join(changed)
