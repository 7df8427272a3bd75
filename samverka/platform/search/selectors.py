"""The global search: everything a person may see, found by words, grouped by kind.

Visibility is never decided here. Every kind starts from its own app's reading of who may see what
(the model's ``restrict(user)`` or the app's selector), and only the word filter is added on top.
The registry is searched through its own full-text search, which respects secrecy markings
(``registry.search.search``, for the spaces whose cases the person may see) and, everywhere else,
through the public diary (``registry.selectors.public_registrations`` with ``public_row``), which never
matches a masked field.

Each kind costs one query (a few more for the registry of each space the person works in), whatever
the amount of data: the overview fetches ``LIMIT + 1`` rows per kind, a kind's own page one page.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors.selectors import organisation_list
from samverka.collaboration.bodies.models import Body
from samverka.collaboration.events.models import Event
from samverka.collaboration.meetings.models import Decision, Meeting
from samverka.insight.analyses.models import Analysis
from samverka.insight.statistics.models import Dataset
from samverka.platform.spaces.models import Space
from samverka.platform.spaces.selectors import space_list
from samverka.records.questions.models import Question
from samverka.records.registry import search as registry_search
from samverka.records.registry import selectors as registry_selectors
from samverka.records.registry.secrecy import may_see_marked_in
from samverka.steering.goals.models import Goal
from samverka.steering.workplans.models import WorkPlan

#: Hits per kind on the overview page; a kind with more links to its own, paginated page.
LIMIT = 8
#: Hits per page on a kind's own page.
PAGE_SIZE = 50
#: Most words of a query that are used (a search box, not a document).
MAX_WORDS = 8
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""
    note: str = ""


@dataclass
class Group:
    kind: str
    label: Any
    hits: list[Hit]
    has_more: bool = False
    #: Where to continue when the hits of this kind are more than shown (a kind's page, or the registry's own search).
    more_links: list[tuple[str, str]] = field(default_factory=list)


def words_of(query: str) -> list[str]:
    return re.findall(r"\w[\w\-/:.]*", query[:MAX_QUERY_LENGTH])[:MAX_WORDS]


def _variants(word: str) -> set[str]:
    """The word as typed, lower-case, upper-case and capitalised: SQLite compares only ASCII letters
    case-insensitively, so "örebro" must also be looked for as "Örebro" (PostgreSQL does not need it)."""
    return {word, word.lower(), word.upper(), word.capitalize()}


def matching(fields: list[str], words: list[str]) -> Q:
    """Every word in at least one of the fields."""
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            for variant in _variants(word):
                any_field |= Q(**{f"{name}__icontains": variant})
        condition &= any_field
    return condition


def _date(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


# --- the kinds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    key: str
    label: Any
    rows: Callable[[Any, str, list[str]], QuerySet[Any]]
    hit: Callable[[Any], Hit]


def _organisations(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return organisation_list(user=user, q=query)


def _organisation_hit(o: Any) -> Hit:
    place = o.municipality.name if getattr(o, "municipality", None) else (o.county.name if o.county else "")
    return Hit(o.name, o.get_absolute_url(), " · ".join(p for p in (o.get_type_display(), place) if p))


def _bodies(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return Body.objects.restrict(user).filter(matching(["name"], words)).select_related("space").order_by("name", "pk")


def _body_hit(b: Any) -> Hit:
    return Hit(b.name, b.get_absolute_url(), f"{b.get_kind_display()} · {b.space.name}")


def _meetings(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return (
        Meeting.objects.restrict(user)
        .filter(matching(["title"], words))
        .select_related("body__space")
        .order_by("-start")
    )


def _meeting_hit(m: Any) -> Hit:
    return Hit(m.title, m.get_absolute_url(), f"{_date(m.start)} · {m.body.name}")


def _decisions(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return (
        Decision.objects.restrict(user)
        .filter(matching(["text"], words))
        .select_related("body__space", "meeting__body__space")
        .order_by("-year", "-number")
    )


def _decision_hit(d: Any) -> Hit:
    text = d.text if len(d.text) <= 140 else d.text[:139] + "…"
    url = d.meeting.get_absolute_url() if d.meeting_id else d.body.get_absolute_url()
    return Hit(f"{d.year}:{d.number} {text}", url, d.body.name)


def _goals(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return (
        Goal.objects.restrict(user)
        .filter(matching(["code", "title"], words))
        .select_related("space")
        .order_by("-year", "code")
    )


def _goal_hit(g: Any) -> Hit:
    return Hit(f"{g.code} {g.title}", g.get_absolute_url(), f"{g.year} · {g.space.name}")


def _work_plans(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return (
        WorkPlan.objects.restrict(user)
        .filter(matching(["body__name", "purpose"], words))
        .select_related("body__space")
        .order_by("-year", "body__name")
    )


def _work_plan_hit(p: Any) -> Hit:
    return Hit(
        str(_("Work plan %(year)s: %(body)s") % {"year": p.year, "body": p.body.name}),
        p.get_absolute_url(),
        p.body.space.name,
    )


def _events(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return Event.objects.restrict(user).filter(matching(["title"], words)).select_related("space").order_by("-start")


def _event_hit(e: Any) -> Hit:
    return Hit(e.title, e.get_absolute_url(), f"{_date(e.start)} · {e.space.name}")


def _questions(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return (
        Question.objects.restrict(user)
        .filter(matching(["title"], words))
        .select_related("space", "to_body")
        .order_by("-due_on", "-pk")
    )


def _question_hit(q: Any) -> Hit:
    return Hit(q.title, q.get_absolute_url(), f"{q.get_kind_display()} · {q.to_body.name} · {q.get_status_display()}")


def _datasets(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return (
        Dataset.objects.restrict(user)
        .filter(matching(["title", "table_id"], words))
        .select_related("space")
        .order_by("title", "pk")
    )


def _dataset_hit(d: Any) -> Hit:
    return Hit(d.title, d.get_absolute_url(), d.space.name, str(_("Synthetic data")) if d.is_synthetic else "")


def _analyses(user: Any, query: str, words: list[str]) -> QuerySet[Any]:
    return (
        Analysis.objects.restrict(user)
        .filter(matching(["title"], words))
        .select_related("space")
        .order_by("-updated_at", "-pk")
    )


def _analysis_hit(a: Any) -> Hit:
    return Hit(a.title, a.get_absolute_url(), f"{a.get_status_display()} · {a.space.name}")


KINDS: tuple[Kind, ...] = (
    Kind("organisations", _("Organisations"), _organisations, _organisation_hit),
    Kind("bodies", _("Bodies"), _bodies, _body_hit),
    Kind("meetings", _("Meetings"), _meetings, _meeting_hit),
    Kind("decisions", _("Decisions"), _decisions, _decision_hit),
    Kind("questions", _("Questions and orders"), _questions, _question_hit),
    Kind("events", _("Events"), _events, _event_hit),
    Kind("goals", _("Goals"), _goals, _goal_hit),
    Kind("workplans", _("Work plans"), _work_plans, _work_plan_hit),
    Kind("datasets", _("Statistics"), _datasets, _dataset_hit),
    Kind("analyses", _("Analyses"), _analyses, _analysis_hit),
)
REGISTRY_LABEL = _("Cases and documents")
KIND_KEYS = frozenset(k.key for k in KINDS) | {"registry"}


def label_of(kind: str) -> Any:
    return next((k.label for k in KINDS if k.key == kind), REGISTRY_LABEL)


def kind_rows(kind: str, user: Any, query: str) -> tuple[QuerySet[Any], Callable[[Any], Hit]]:
    """The matching rows of one kind (for its paginated page) and how to show one."""
    for k in KINDS:
        if k.key == kind:
            return k.rows(user, query, words_of(query)), k.hit
    raise KeyError(kind)


# --- the registry --------------------------------------------------------------------------------------


def _registry_spaces(user: Any) -> tuple[list[Space], list[Space]]:
    """The spaces whose cases ``user`` may see (searched inside) and the others (their public diaries)."""
    spaces = list(space_list())
    internal = [s for s in spaces if user.has_perm("registry.view_case", s)]
    return internal, [s for s in spaces if s not in internal]


def public_diary_rows(spaces: list[Space], query: str) -> QuerySet[Any] | None:
    """The public diaries of ``spaces`` matching ``query``, as one query (each space's own diary search,
    combined); ``None`` without spaces."""
    combined = None
    for space in spaces:
        rows = registry_selectors.public_registrations(space, query=query)
        combined = rows if combined is None else combined | rows
    return combined


def public_diary_hit(document: Any, spaces_by_pk: dict[int, Space]) -> Hit:
    row = registry_selectors.public_row(document)
    space = spaces_by_pk[document.case.space_id]
    url = reverse("intake:diary", kwargs={"space": space.slug}) + "?" + urlencode({"q": row["reference"]})
    note = str(_("Secrecy marked")) if row["is_marked"] else ""
    return Hit(f"{row['reference']} {row['subject']}", url, f"{_('Public diary')} · {space.name}", note)


def _registry_more_link(space: Space, query: str, total: int) -> tuple[str, str]:
    url = reverse("registry:search", kwargs={"space": space.slug}) + "?" + urlencode({"q": query})
    return (str(_("All %(n)s hits in the registry of %(space)s") % {"n": total, "space": space.name}), url)


def registry_group(user: Any, query: str, *, limit: int = LIMIT) -> Group:
    """Cases and documents: the registry's own search in the spaces whose cases ``user`` may see (masked
    per the secrecy grant), the public diary of every other space."""
    hits: list[Hit] = []
    more: list[tuple[str, str]] = []
    has_more = False
    internal, public = _registry_spaces(user)
    for space in internal:
        found = registry_search.search(space, user, query)
        if not found.total:
            continue
        can_see_marked = may_see_marked_in(user, space.pk)
        for entry in found.entries[:limit]:
            if entry.document is None:
                case = entry.case
                case.space = space
                hits.append(Hit(f"{case.reference} {case.title}", case.get_absolute_url(), space.name))
                continue
            entry.document.case = entry.case
            row = registry_selectors.internal_row(entry.document, can_see_marked=can_see_marked)
            url = reverse(
                "registry:document-detail",
                kwargs={"space": space.slug, "pk": entry.case.pk, "number": entry.document.number},
            )
            note = str(_("Secrecy marked")) if row["is_marked"] else ""
            hits.append(Hit(f"{row['reference']} {row['subject']}", url, f"{row['case_title']} · {space.name}", note))
        if found.total > limit:
            more.append(_registry_more_link(space, query, found.total))
    rows = public_diary_rows(public, query)
    if rows is not None:
        by_pk = {s.pk: s for s in public}
        documents = list(rows[: limit + 1])
        hits.extend(public_diary_hit(d, by_pk) for d in documents[:limit])
        has_more = len(documents) > limit
    return Group("registry", REGISTRY_LABEL, hits, has_more, more)


def registry_page(user: Any, query: str) -> tuple[QuerySet[Any] | None, dict[int, Space], list[tuple[str, str]]]:
    """For the registry's own results page: the public-diary rows to paginate, their spaces, and a link to
    the registry's search in each space whose cases ``user`` may see."""
    internal, public = _registry_spaces(user)
    links = [_registry_more_link(space, query, registry_search.search(space, user, query).total) for space in internal]
    return public_diary_rows(public, query), {s.pk: s for s in public}, links


# --- everything -------------------------------------------------------------------------------------


def global_search(user: Any, query: str, *, limit: int = LIMIT) -> list[Group]:
    """Every kind's first ``limit`` hits that ``user`` may see, in a fixed number of queries; kinds without
    hits are left out."""
    words = words_of(query)
    if not words:
        return []
    groups = []
    for kind in KINDS:
        rows = list(kind.rows(user, query, words)[: limit + 1])
        if rows:
            groups.append(Group(kind.key, kind.label, [kind.hit(r) for r in rows[:limit]], len(rows) > limit))
        if kind.key == "questions":
            registry = registry_group(user, query, limit=limit)
            if registry.hits:
                groups.append(registry)
    return groups
