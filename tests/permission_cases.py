"""Permission cases for every page of Samverka, generated from the URL configuration (NetBox ``ViewTestCases``).

For each URL pattern of Samverka's pages (the API has its own matrix) this module finds a real address in
the loaded demo, the object the view checks its rule against, and — from that rule and the object's own
visibility rule — what each kind of visitor must get back:

- the object is not visible to the person (``restrict(user, "view")`` / ``visible_to(user)``) → 404;
- visible, and the view's ``permission_required`` rule allows it → the page (no 403, no 404, no login);
- visible, the rule refuses a signed-in person → 403;
- visible, the rule refuses an anonymous visitor → the login page (``PermissionMixin``).

The address comes from ``OBJECTS``: the part of a route up to its last parameter → which demo object fills
it. A route whose parameters are not in ``OBJECTS`` (a new view with a new kind of object) makes
``address()`` raise ``Unmapped`` naming the route, so the generated tests fail instead of skipping it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.urls import URLPattern, reverse

from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from tests.test_url_permissions import routes


class Unmapped(AssertionError):
    """A route whose parameters no entry of ``OBJECTS`` fills."""


@dataclass(frozen=True)
class Target:
    """Which demo object fills the parameters of a route prefix, and the URL arguments it gives."""

    model: str
    kwargs: Callable[[Any], dict[str, Any]]
    #: The object whose visibility rule decides 404 (default: the object itself, or its space's rule).
    guard: Callable[[Any], Any] = lambda obj: obj
    #: Narrows the demo's objects (e.g. to one with a file).
    filter: dict[str, Any] = field(default_factory=dict)
    #: When the demo has no such object: (model, URL arguments) of the object it hangs on, with a last
    #: argument that names nothing. Where the rule allows, the answer is then 404.
    parent: tuple[str, Callable[[Any], dict[str, Any]]] | None = None
    #: The address names nothing by design (a wrong secret token): where the rule allows, 404.
    missing: bool = False
    #: A rule on the object itself that decides whether it is shown at all (refused: 404 to a signed-in
    #: person, the login page to an anonymous visitor).
    shown_if: str | None = None


def _space(obj: Any) -> str:
    return obj.space.slug


def _body_space(obj: Any) -> str:
    return obj.body.space.slug


#: Route prefix (the route up to its last parameter) → the demo object that fills it.
OBJECTS: dict[str, Target] = {
    "s/<slug:space>": Target("spaces.Space", lambda o: {"space": o.slug}, filter={"slug": NATIONAL_SLUG}),
    "history/<str:model>/<int:pk>": Target("meetings.Meeting", lambda o: {"model": "meetings.meeting", "pk": o.pk}),
    "organisations/<int:pk>": Target("actors.Organisation", lambda o: {"pk": o.pk}),
    "organisations/<int:pk>/contacts/<int:contact>": Target(
        "actors.Contact",
        lambda o: {"pk": o.organisation_id, "contact": o.pk},
        guard=lambda o: o.organisation,
        filter={"organisation__isnull": False},
    ),
    "geo/<str:level>": Target("core.County", lambda o: {"level": "counties"}, guard=lambda o: None),
    "outbox/<int:pk>": Target("notifications.OutboxMessage", lambda o: {"pk": o.pk}),
    "calendar/sources/<int:pk>": Target("calendars.FreeBusySource", lambda o: {"pk": o.pk}),
    "events/<int:pk>": Target("events.Event", lambda o: {"pk": o.pk}),
    # The public education search: an offering open to the public today, a published provider.
    "educations/<int:pk>": Target(
        "catalogue.Offering",
        lambda o: {"pk": o.pk},
        filter={
            "is_published": True,
            "removed_at__isnull": True,
            "is_cancelled": False,
            "education__is_published": True,
            "hidden_after__gte": date.today(),
        },
    ),
    "educations/providers/<int:pk>": Target(
        "catalogue.Provider", lambda o: {"pk": o.pk}, filter={"is_published": True, "removed_at__isnull": True}
    ),
    "classifications/regions/<str:code>": Target("core.County", lambda o: {"code": o.code}, guard=lambda o: None),
    "classifications/<slug:scheme>": Target("classifications.ClassificationItem", lambda o: {"scheme": o.scheme}),
    "classifications/<slug:scheme>/<str:code>": Target(
        "classifications.ClassificationItem", lambda o: {"scheme": o.scheme, "code": o.code}
    ),
    # Secret links from e-mails: the token is not in the database in clear; a wrong one is tried.
    "cal/<str:token>": Target("spaces.Space", lambda o: {"token": "not-a-token"}, guard=lambda o: None, missing=True),
    "meetings/answer/<str:token>": Target(
        "spaces.Space", lambda o: {"token": "not-a-token"}, guard=lambda o: None, missing=True
    ),
    "poll/answer/<str:token>": Target(
        "spaces.Space", lambda o: {"token": "not-a-token"}, guard=lambda o: None, missing=True
    ),
    "events/cancel/<str:token>": Target("events.Registration", lambda o: {"token": o.cancel_token}),
    # Inside a space.
    "s/<slug:space>/members/<int:pk>": Target("spaces.SpaceMembership", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/outbox/<int:pk>": Target(
        "notifications.OutboxMessage", lambda o: {"space": _space(o), "pk": o.pk}, filter={"space__isnull": False}
    ),
    "s/<slug:space>/landscape/revisions/<int:number>": Target(
        "actors.LandscapeRevision", lambda o: {"space": _space(o), "number": o.number}
    ),
    "s/<slug:space>/landscape/suggestions/<int:pk>": Target(
        "actors.CorrectionSuggestion", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/bodies/<int:pk>": Target("bodies.Body", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/bodies/<int:body>": Target("bodies.Body", lambda o: {"space": _space(o), "body": o.pk}),
    "s/<slug:space>/bodies/<int:pk>/members/<int:membership>": Target(
        "bodies.Membership",
        lambda o: {"space": _body_space(o), "pk": o.body_id, "membership": o.pk},
        guard=lambda o: o.body,
    ),
    "s/<slug:space>/meetings/<int:pk>": Target("meetings.Meeting", lambda o: {"space": _body_space(o), "pk": o.pk}),
    "s/<slug:space>/meetings/<int:pk>/agenda/<int:item>": Target(
        "meetings.AgendaItem",
        lambda o: {"space": o.meeting.body.space.slug, "pk": o.meeting_id, "item": o.pk},
        guard=lambda o: o.meeting,
    ),
    "s/<slug:space>/meetings/<int:pk>/documents/<int:document>": Target(
        "meetings.AgendaDocument",
        lambda o: {"space": o.agenda_item.meeting.body.space.slug, "pk": o.agenda_item.meeting_id, "document": o.pk},
        guard=lambda o: o.agenda_item.meeting,
        shown_if="meetings.view_agenda_document",
    ),
    "s/<slug:space>/decisions/<int:pk>": Target("meetings.Decision", lambda o: {"space": _body_space(o), "pk": o.pk}),
    "s/<slug:space>/actions/<int:pk>": Target("meetings.ActionItem", lambda o: {"space": _body_space(o), "pk": o.pk}),
    "s/<slug:space>/polls/<int:pk>": Target(
        "calendars.SchedulingPoll", lambda o: {"space": _body_space(o), "pk": o.pk}, guard=lambda o: o.body
    ),
    "s/<slug:space>/events/<int:pk>": Target("events.Event", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/events/<int:pk>/sessions/<int:session>": Target(
        "events.Session",
        lambda o: {"space": o.event.space.slug, "pk": o.event_id, "session": o.pk},
        guard=lambda o: o.event,
    ),
    "s/<slug:space>/events/<int:pk>/registrations/<int:registration>": Target(
        "events.Registration",
        lambda o: {"space": o.event.space.slug, "pk": o.event_id, "registration": o.pk},
        guard=lambda o: o.event,
    ),
    "s/<slug:space>/goals/<int:pk>": Target("goals.Goal", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/goals/<int:pk>/metrics/<int:metric>": Target(
        "goals.Metric",
        lambda o: {"space": o.goal.space.slug, "pk": o.goal_id, "metric": o.pk},
        guard=lambda o: o.goal,
    ),
    "s/<slug:space>/bodies/<int:body>/workplans/<int:pk>": Target(
        "workplans.WorkPlan", lambda o: {"space": _body_space(o), "body": o.body_id, "pk": o.pk}
    ),
    "s/<slug:space>/bodies/<int:body>/workplans/<int:pk>/activities/<int:activity>": Target(
        "workplans.Activity",
        lambda o: {
            "space": o.work_plan.body.space.slug,
            "body": o.work_plan.body_id,
            "pk": o.work_plan_id,
            "activity": o.pk,
        },
    ),
    "s/<slug:space>/status/<int:pk>": Target("statusreports.StatusRound", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/status/<int:round>/reports/<int:pk>": Target(
        "statusreports.StatusReport",
        lambda o: {"space": o.round.space.slug, "round": o.round_id, "pk": o.pk},
        guard=lambda o: o.round,
    ),
    "s/<slug:space>/status/<int:round>/reports/<int:pk>/correct/<int:status>": Target(
        "statusreports.ActivityStatus",
        lambda o: {"space": o.report.round.space.slug, "round": o.report.round_id, "pk": o.report_id, "status": o.pk},
        guard=lambda o: o.report,
    ),
    "s/<slug:space>/inputs/<int:pk>": Target("inputs.Input", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/inputs/<int:pk>/attachments/<int:attachment>": Target(
        "inputs.InputAttachment",
        lambda o: {"space": o.input.space.slug, "pk": o.input_id, "attachment": o.pk},
        guard=lambda o: o.input,
        parent=("inputs.Input", lambda o: {"space": o.space.slug, "pk": o.pk, "attachment": 0}),
    ),
    "s/<slug:space>/inputs/feedback/<int:pk>": Target(
        "inputs.FeedbackReport", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/evaluations/<int:pk>": Target("inputs.Evaluation", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/registry/series/<int:series>": Target(
        "registry.RegistrationSeries", lambda o: {"space": _space(o), "series": o.pk}
    ),
    "s/<slug:space>/registry/cases/<int:pk>": Target("registry.Case", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/registry/cases/<int:pk>/documents/<int:number>": Target(
        "registry.RegisteredDocument",
        lambda o: {"space": o.case.space.slug, "pk": o.case_id, "number": o.number},
        guard=lambda o: o.case,
    ),
    "s/<slug:space>/registry/cases/<int:pk>/documents/<int:number>/files/<int:file>": Target(
        "registry.DocumentFile",
        lambda o: {
            "space": o.document.case.space.slug,
            "pk": o.document.case_id,
            "number": o.document.number,
            "file": o.pk,
        },
        guard=lambda o: o.document.case,
    ),
    "s/<slug:space>/diary/<int:pk>": Target(
        "registry.RegisteredDocument",
        lambda o: {"space": o.case.space.slug, "pk": o.pk},
        guard=lambda o: None,
        filter={"secrecy__isnull": True},
    ),
    "s/<slug:space>/incoming/<int:pk>": Target("intake.IncomingItem", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/incoming/<int:pk>/attachments/<int:attachment>": Target(
        "intake.IncomingAttachment",
        lambda o: {"space": o.item.space.slug, "pk": o.item_id, "attachment": o.pk},
        guard=lambda o: o.item,
        parent=("intake.IncomingItem", lambda o: {"space": o.space.slug, "pk": o.pk, "attachment": 0}),
    ),
    "s/<slug:space>/questions/<int:pk>": Target("questions.Question", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/questions/<int:pk>/<slug:action>": Target(
        "questions.Question", lambda o: {"space": _space(o), "pk": o.pk, "action": "accept"}
    ),
    "s/<slug:space>/retention/rules/<int:pk>": Target(
        "retention.RetentionRule", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/retention/runs/<int:pk>": Target(
        "retention.DisposalRun", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/retention/legal-holds/<int:pk>": Target(
        "registry.Case", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/retention/deliveries/<int:pk>": Target(
        "retention.ArchiveDelivery",
        lambda o: {"space": _space(o), "pk": o.pk},
        parent=("spaces.Space", lambda o: {"space": o.slug, "pk": 0}),
    ),
    "s/<slug:space>/statistics/<slug:slug>": Target(
        "statistics.Dataset", lambda o: {"space": _space(o), "slug": o.slug}
    ),
    "s/<slug:space>/statistics/<slug:slug>/v<int:number>": Target(
        "statistics.DatasetVersion",
        lambda o: {"space": o.dataset.space.slug, "slug": o.dataset.slug, "number": o.number},
        guard=lambda o: o.dataset,
    ),
    "s/<slug:space>/statistics/<slug:slug>/import/jobs/<int:job>": Target(
        "statistics.ImportJob",
        lambda o: {"space": o.dataset.space.slug, "slug": o.dataset.slug, "job": o.pk},
        guard=lambda o: o.dataset,
        parent=("statistics.Dataset", lambda o: {"space": o.space.slug, "slug": o.slug, "job": 0}),
    ),
    # The token names an upload kept in the uploader's session: a wrong one is tried.
    "s/<slug:space>/statistics/<slug:slug>/import/upload/<str:token>": Target(
        "statistics.Dataset", lambda o: {"space": _space(o), "slug": o.slug, "token": "not-a-token"}, missing=True
    ),
    "s/<slug:space>/catalogue/imports/<int:pk>": Target(
        "catalogue.ImportRun", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/catalogue/imports/<int:pk>/pages/<int:page>": Target(
        "catalogue.ImportPage", lambda o: {"space": o.run.space.slug, "pk": o.run_id, "page": o.pk}
    ),
    "s/<slug:space>/catalogue/offerings/<int:pk>": Target(
        "catalogue.Offering", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/catalogue/providers/<int:pk>": Target(
        "catalogue.Provider", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/catalogue/educations/<int:pk>": Target(
        "catalogue.Education", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    # Municipal editors come with the demo's local catalogue edits; without one, a number that names nothing.
    "s/<slug:space>/catalogue/editors/<int:pk>": Target(
        "catalogue.MunicipalEditor",
        lambda o: {"space": _space(o), "pk": o.pk},
        parent=("spaces.Space", lambda o: {"space": o.slug, "pk": 0}),
    ),
    "s/<slug:space>/statistics/outlook/<int:pk>": Target(
        "indicators.Scenario", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/analyses/<int:pk>": Target("analyses.Analysis", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/analyses/<int:pk>/blocks/<int:block>": Target(
        "analyses.AnalysisBlock",
        lambda o: {"space": o.analysis.space.slug, "pk": o.analysis_id, "block": o.pk},
        guard=lambda o: o.analysis,
        filter={"chart__isnull": False},
    ),
    "s/<slug:space>/analyses/charts/<int:pk>": Target(
        "analyses.ChartDefinition", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/analyses/packs/<int:pk>": Target("analyses.DataPack", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/analyses/packs/jobs/<int:pk>": Target(
        "analyses.DataPackJob",
        lambda o: {"space": _space(o), "pk": o.pk},
        parent=("spaces.Space", lambda o: {"space": o.slug, "pk": 0}),
    ),
    "s/<slug:space>/analyses/packs/coverage/<int:body>": Target(
        "bodies.Body", lambda o: {"space": _space(o), "body": o.pk}
    ),
    "validation/<int:pk>": Target("validation.ValidationOffer", lambda o: {"pk": o.pk}),
    "s/<slug:space>/validation/offers/<int:pk>": Target(
        "validation.ValidationOffer", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/validation/outcomes/<int:pk>": Target(
        "validation.ValidationOutcome", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/orders/track/<int:question>": Target(
        "questions.Question", lambda o: {"space": _space(o), "question": o.pk}, filter={"kind": "education_order"}
    ),
    "orders/<int:pk>": Target("orders.EducationOrder", lambda o: {"pk": o.pk}, filter={"is_published": True}),
    "s/<slug:space>/orders/<int:pk>": Target("orders.EducationOrder", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/orders/addressees/<int:addressee>": Target(
        "orders.OrderAddressee", lambda o: {"space": o.order.space.slug, "addressee": o.pk}, guard=lambda o: o.order
    ),
    "s/<slug:space>/cohorts/<int:pk>": Target("cohorts.Cohort", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/cohorts/<int:pk>/outcomes/<int:outcome>": Target(
        "cohorts.CohortOutcome",
        lambda o: {"space": o.cohort.space.slug, "pk": o.cohort_id, "outcome": o.pk},
        guard=lambda o: o.cohort,
    ),
    "s/<slug:space>/knowledge-nodes/<int:pk>": Target(
        "knowledgenodes.KnowledgeNode", lambda o: {"space": _space(o), "pk": o.pk}
    ),
    "s/<slug:space>/myh/<int:pk>": Target("myhreports.MyhReport", lambda o: {"space": _space(o), "pk": o.pk}),
    "s/<slug:space>/myh/<int:pk>/needs/<int:need>": Target(
        "myhreports.NeedEntry",
        lambda o: {"space": o.report.space.slug, "pk": o.report_id, "need": o.pk},
        guard=lambda o: o.report,
    ),
}

#: Routes that need an object in a particular state (URL name → filter on the prefix's model).
ROUTE_FILTERS: dict[str, dict[str, Any]] = {
    "meetings:minutes-pdf": {"minutes_versions__isnull": False},
    # Only the meeting's chair or adjuster signs: a meeting whose chair has an account.
    "meetings:minutes-approve": {"minutes_versions__isnull": False, "chair__user__isnull": False},
    # The education planner over the demo's catalogue (Sörmland's), not the national space's empty one.
    **{
        f"catalogue:{name}": {"slug": SORMLAND_SLUG}
        for name in ("planner", "coverage", "places", "gaps", "quality")
        + tuple(f"{table}-{fmt}" for table in ("coverage", "places", "gaps", "quality") for fmt in ("csv", "xlsx"))
    },
}
#: Routes that take what they act on from the query string.
QUERIES: dict[str, str] = {"spaces:switch": f"?space={NATIONAL_SLUG}"}

_LAST_PARAMETER = re.compile(r"^(.*>)[^>]*$")


def page_routes() -> list[tuple[str, URLPattern]]:
    """(route, pattern) of every Samverka page: every URL pattern of Samverka's own views but the API."""
    return [(route, pattern) for route, pattern in routes("samverka") if not route.startswith("api/")]


_NAMES: dict[str, str] = {}


def names() -> dict[str, str]:
    """Route → namespaced URL name (``meetings:meeting-detail``), as the generated tests are named."""
    if not _NAMES:
        from tests.conftest import walk_patterns

        _NAMES.update((route, name) for route, name, _callback in walk_patterns())
    return _NAMES


def object_prefix(route: str) -> str | None:
    """The part of ``route`` up to its last parameter (None when it has none)."""
    match = _LAST_PARAMETER.match(route)
    return match[1] if match and "<" in route else None


def view_class(pattern: URLPattern) -> Any:
    return getattr(pattern.callback, "view_class", None)


def accepts_post(pattern: URLPattern) -> bool:
    view = view_class(pattern)
    return view is not None and hasattr(view, "post") and "post" in view.http_method_names


def accepts_get(pattern: URLPattern) -> bool:
    view = view_class(pattern)
    return view is not None and hasattr(view, "get") and "get" in view.http_method_names


@dataclass
class Address:
    """A real address of a route in the demo and the object that fills it."""

    name: str
    route: str
    url: str
    kwargs: dict[str, Any]
    obj: Any
    guard: Any
    #: Where the rule allows, the answer is 404 (the address names nothing).
    missing: bool = False
    shown_if: str | None = None


def address(route: str, pattern: URLPattern) -> Address:
    """A concrete address of ``route`` with a demo object (``Unmapped`` when ``OBJECTS`` has no entry)."""
    name = names().get(route, route)
    prefix = object_prefix(route)
    if prefix is None:
        return Address(name, route, reverse(name) + QUERIES.get(name, ""), {}, None, None)
    target = OBJECTS.get(prefix)
    if target is None:
        raise Unmapped(
            f"{name} ({route}): no demo object fills '{prefix}'. Add an entry to OBJECTS in "
            "tests/permission_cases.py saying which model fills it, so its permission tests are generated."
        )
    model = apps.get_model(target.model)
    lookup = {**target.filter, **ROUTE_FILTERS.get(name, {})}
    obj = model._default_manager.filter(**lookup).distinct().order_by("pk").first()
    if obj is None and target.parent is not None:
        parent = apps.get_model(target.parent[0])._default_manager.order_by("pk").first()
        kwargs = target.parent[1](parent)
        return Address(name, route, reverse(name, kwargs=kwargs), kwargs, parent, parent, missing=True)
    if obj is None:
        raise Unmapped(f"{name} ({route}): the demo has no {target.model} matching {lookup}")
    kwargs = target.kwargs(obj)
    url = reverse(name, kwargs=kwargs) + QUERIES.get(name, "")
    return Address(name, route, url, kwargs, obj, target.guard(obj), target.missing, target.shown_if)


#: URL arguments that name an object across all spaces (a number or short name counts per space).
GLOBAL_IDS = frozenset({"pk", "body", "round", "series", "item", "document", "membership", "session"})


def other_space_address(found: Address, other_slug: str) -> str | None:
    """The same object named under another space (it must answer 404 there); None for a route without one."""
    if "space" not in found.kwargs or found.obj is None or found.missing or not GLOBAL_IDS & set(found.kwargs):
        return None
    return reverse(found.name, kwargs={**found.kwargs, "space": other_slug})


#: A value of each path converter that names nothing in any table.
_NAMELESS = {"int": 2147480000, "slug": "no-such-name-0", "str": "no-such-name-0"}
_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def nameless_address(found: Address, pattern: URLPattern) -> str | None:
    """The route's address with its last parameter (the object, or the space) naming nothing; None without one."""
    parameters = _PARAMETER.findall(found.route)
    if not parameters:
        return None
    converter, name = parameters[-1]
    return reverse(found.name, kwargs={**found.kwargs, name: _NAMELESS[converter or "str"]})


# --- the rule and the object it is checked against ---------------------------------------------------------


def permission_object_and_rule(pattern: URLPattern, found: Address, superuser: Any) -> tuple[Any, Any, bool]:
    """(object, rule, whether the object exists) as the view itself finds them for the platform admin,
    who sees everything: the rule is then checked for each person against this object."""
    view = view_class(pattern)(**pattern.callback.view_initkwargs)
    request = RequestFactory().get(found.url)
    request.user = superuser
    request.session = {}  # type: ignore[assignment]
    view.setup(request, **found.kwargs)
    try:
        obj = view.get_permission_object()
        rule = view.permission_required
    except Http404:
        return None, getattr(type(view), "permission_required", None), False
    return obj, rule, True


def guards(found: Address) -> list[Any]:
    """The objects whose visibility decides 404: the route's object and the one its page hangs on."""
    if found.guard is None:
        return []
    return [obj for obj in (found.obj, found.guard) if obj is not None and hasattr(obj, "pk")]


def restricted(model: Any, user: Any) -> Any:
    """The rows of ``model`` that ``user`` may see (``restrict``, else ``visible_to``, else all)."""
    queryset = model._default_manager.all()
    if hasattr(queryset, "restrict"):
        return queryset.restrict(user, "view")
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(user)
    return queryset


def visible(obj: Any, user: Any) -> bool:
    """Whether ``user`` may see ``obj`` by its model's own rule (``restrict``, else ``visible_to``)."""
    if obj is None:
        return True
    queryset = type(obj)._default_manager.all()
    if hasattr(queryset, "restrict"):
        return queryset.restrict(user, "view").filter(pk=obj.pk).exists()
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(user).filter(pk=obj.pk).exists()
    return True


ALLOWED = "allowed"
LOGIN = "login"


def allowed(user: Any, *, rule: Any, obj: Any, pattern: URLPattern, found: Address) -> bool:
    """The view's rule for ``user`` on ``obj``; a view that adds a condition in its own ``has_permission``
    (only the chair or adjuster signs minutes) is asked itself."""
    view = view_class(pattern)
    if view.has_permission is not PermissionMixin.has_permission:
        instance = view(**pattern.callback.view_initkwargs)
        request = RequestFactory().get(found.url)
        request.user = user
        request.session = {}  # type: ignore[assignment]
        instance.setup(request, **found.kwargs)
        try:
            return bool(instance.has_permission())
        except (Http404, PermissionDenied):
            return False
    return rule is PUBLIC or (isinstance(rule, str) and user.has_perm(rule, obj))


def expected(
    user: Any, *, rule: Any, obj: Any, exists: bool, guards: list[Any], pattern: URLPattern, found: Address
) -> Any:
    """What ``user`` must get: 404, 403, ``LOGIN`` (a redirect to the login page) or ``ALLOWED``."""
    if not exists or not all(visible(guard, user) for guard in guards):
        return 404
    if not allowed(user, rule=rule, obj=obj, pattern=pattern, found=found):
        return 403 if user.is_authenticated else LOGIN
    if found.shown_if and not user.has_perm(found.shown_if, found.obj):
        return 404 if user.is_authenticated else LOGIN
    return 404 if found.missing else ALLOWED


def outcome(response: Any) -> Any:
    """The answer in the terms of ``expected``."""
    status = response.status_code
    if status in (301, 302, 303) and response["Location"].startswith(reverse("account_login")):
        return LOGIN
    if status in (403, 404):
        return status
    return ALLOWED if status < 500 or status == 405 else status


# --- "nothing changed" ------------------------------------------------------------------------------------


def _tables() -> list[tuple[str, bool]]:
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        if model.__module__.startswith("samverka.") or model._meta.label == "auditlog.LogEntry":
            has_updated = any(f.name == "updated_at" for f in model._meta.concrete_fields)
            found.append((model._meta.db_table, has_updated))
    return found


def snapshot() -> tuple[Any, ...]:
    """Row counts of every Samverka table and the audit log, and the latest ``updated_at`` of each: one query."""
    quote = connection.ops.quote_name
    parts = []
    for table, has_updated in _tables():
        parts.append(f"(SELECT COUNT(*) FROM {quote(table)})")
        if has_updated:
            parts.append(f"(SELECT MAX(updated_at) FROM {quote(table)})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))  # noqa: S608 (table names from the models)
        return tuple(cursor.fetchone())


def changes(before: tuple[Any, ...], after: tuple[Any, ...]) -> list[str]:
    labels = []
    for table, has_updated in _tables():
        labels.append(f"rows of {table}")
        if has_updated:
            labels.append(f"latest change of {table}")
    return [f"{label}: {a} → {b}" for label, a, b in zip(labels, before, after, strict=True) if a != b]


# --- the form a page shows, to post it back ---------------------------------------------------------------


class _Form(HTMLParser):
    """The fields of the page's first POST form (posting it as someone refused must change nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._in_form = self._done = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self._done:
            return
        if tag == "form" and values.get("method", "").lower() == "post" and "logout" not in values.get("action", ""):
            self._in_form = True
        if not self._in_form:
            return
        name = values.get("name", "")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = values.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in values:
                return
            if kind != "file":
                self.data.setdefault(name, values.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and ("selected" in values or self._select not in self.data):
            self.data[self._select] = values.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def form_data(html: str) -> dict[str, str]:
    parser = _Form()
    parser.feed(html)
    return parser.data
