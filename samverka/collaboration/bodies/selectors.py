"""Reads about bodies: lists, the detail page, representativeness, the system overview, lookups.

Every read starts from ``Body.objects.restrict(user)``, so a body the user
may not see never appears (and its page answers 404).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from samverka.collaboration.actors.models import Contact, Gender, GeographicLevel, Organisation, OrganisationType
from samverka.collaboration.bodies.models import (
    BODY_LEADING_ROLES,
    Area,
    Body,
    BodyKind,
    BodyRole,
    BodyStatus,
    Membership,
)
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space

#: Organisation types that count as "the industry side" of an industry forum (seed 004, 6.4.1:
#: the industry should drive the forum and never be a minority in it).
INDUSTRY_SIDE_TYPES = frozenset({OrganisationType.EMPLOYER, OrganisationType.INDUSTRY_ORGANISATION})
#: The longest "reports to" chain followed (a guard; services refuse loops).
MAX_CHAIN = 100
#: Order of the areas in lists, the tree and the diagram.
AREA_ORDER: list[str] = [Area.EDUCATION_MATCHING, Area.TRANSITION_GUIDANCE, Area.PREPARATORY, Area.NATIONAL]
NOT_STATED = "not_stated"


def visible_bodies(space: Space, user: User | AnonymousUser) -> QuerySet[Body]:
    """The bodies of ``space`` that ``user`` may see (without duplicate rows)."""
    visible = Body.objects.restrict(user).filter(space=space)
    if visible.query.distinct:
        # A guest's visibility joins memberships; a sub-select keeps counts and ordering simple.
        visible = Body.objects.filter(space=space, pk__in=visible.values("pk"))
    return visible


def visible_body_ids(space: Space, user: User | AnonymousUser, pks: set[int]) -> set[int]:
    """Which of ``pks`` the user may see (e.g. parents named on a page); no query for an empty set."""
    if not pks:
        return set()
    return set(visible_bodies(space, user).filter(pk__in=pks).values_list("pk", flat=True))


def _role_rank() -> Case:
    return Case(
        *[When(role=value, then=Value(rank)) for rank, value in enumerate(BodyRole.values)],
        default=Value(len(BodyRole.values)),
        output_field=IntegerField(),
    )


def _current_count(field_name: str, on: date) -> Coalesce:
    counts = (
        Membership.objects.current(on)
        .filter(body=OuterRef("pk"))
        .order_by()
        .values("body")
        .annotate(n=Count(field_name, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


# --- list --------------------------------------------------------------------------------


def body_list(
    *, space: Space, user: User | AnonymousUser, kind: str = "", area: str = "", status: str = "", search: str = ""
) -> QuerySet[Body]:
    """Visible bodies of the space, filtered, with current member and organisation counts (in SQL)."""
    today = timezone.localdate()
    bodies = visible_bodies(space, user)
    if kind:
        bodies = bodies.filter(kind=kind)
    if area:
        bodies = bodies.filter(area=area)
    if status:
        bodies = bodies.filter(status=status)
    search = search.strip()
    if search:
        bodies = bodies.filter(Q(name__icontains=search) | Q(mandate__icontains=search))
    return (
        bodies.select_related("parent", "owner_organisation")
        .annotate(
            member_count=_current_count("contact", today), organisation_count=_current_count("organisation", today)
        )
        .order_by("name", "pk")
    )


def body_detail_queryset(space: Space, user: User | AnonymousUser) -> QuerySet[Body]:
    """What a body's pages look the body up in: visible, of this space, with what the page shows."""
    return visible_bodies(space, user).select_related("space", "owner_organisation", "closed_by")


# --- detail ---------------------------------------------------------------------------------


@dataclass
class MemberLists:
    """A body's memberships by period, and its current member organisations."""

    current: list[Membership] = field(default_factory=list)
    upcoming: list[Membership] = field(default_factory=list)
    former: list[Membership] = field(default_factory=list)
    organisations: list[dict[str, Any]] = field(default_factory=list)


def body_memberships(body: Body, *, on: date | None = None) -> MemberLists:
    """Every membership of the body (one query), split into current, upcoming and former."""
    day = on or timezone.localdate()
    rows = (
        Membership.objects.filter(body=body)
        .select_related("contact", "organisation")
        .annotate(role_rank=_role_rank())
        .order_by("role_rank", "contact__name", "pk")
    )
    lists = MemberLists()
    organisations: dict[int, dict[str, Any]] = {}
    for membership in rows:
        membership.body = body  # already loaded: no query per row for templates and permissions
        if membership.start_date and membership.start_date > day:
            lists.upcoming.append(membership)
        elif membership.end_date and membership.end_date < day:
            lists.former.append(membership)
        else:
            lists.current.append(membership)
            entry = organisations.setdefault(
                membership.organisation_id, {"organisation": membership.organisation, "members": 0, "roles": set()}
            )
            entry["members"] += 1
            entry["roles"].add(membership.get_role_display())
    lists.former.sort(key=lambda m: m.end_date or day, reverse=True)
    lists.organisations = sorted(
        ({**entry, "roles": sorted(entry["roles"])} for entry in organisations.values()),
        key=lambda entry: entry["organisation"].name,
    )
    return lists


def body_children(body: Body, user: User | AnonymousUser) -> QuerySet[Body]:
    """The visible bodies that report to ``body``."""
    return visible_bodies(body.space, user).filter(parent=body).order_by("name", "pk")


def body_parent_chain(body: Body, user: User | AnonymousUser) -> list[Body | None]:
    """The bodies ``body`` reports to, from the root down to its parent.

    Two queries whatever the depth: the space's (id, parent id) pairs, then the
    visible bodies of the chain. A body the user may not see is ``None``.
    """
    if body.parent_id is None:
        return []
    links = dict(Body.objects.filter(space_id=body.space_id).values_list("pk", "parent_id"))
    chain: list[int] = []
    seen = {body.pk}
    step: int | None = body.parent_id
    while step is not None and step not in seen and len(chain) < MAX_CHAIN:
        chain.append(step)
        seen.add(step)
        step = links.get(step)
    shown = visible_bodies(body.space, user).filter(pk__in=chain).only("pk", "name", "kind", "space_id", "status")
    by_pk = {b.pk: b for b in shown}
    return [by_pk.get(pk) for pk in reversed(chain)]


# --- representativeness ---------------------------------------------------------------------


def _share_rows(counts: dict[str, int], labels: list[tuple[str, str]], total: int) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "label": label,
            "count": counts.get(key, 0),
            "share": counts.get(key, 0) / total if total else 0.0,
            "percent": round(100 * counts.get(key, 0) / total) if total else 0,
        }
        for key, label in labels
    ]


def body_representativeness(body: Body, *, on: date | None = None, include_people: bool = True) -> dict[str, Any]:
    """Who sits in the body today: members by gender and born abroad (persons; with "not stated"),
    and members and organisations by organisation type and geographic level.

    ``include_people=False`` leaves out the person-level figures (gender, born
    abroad) for readers who may not see the members' names. For an industry
    forum, ``industry_minority`` is true when employers and industry
    organisations are fewer than half of the member organisations (seed 004, 6.4.1).
    Two aggregate queries.
    """
    from django.utils.translation import gettext as _

    day = on or timezone.localdate()
    current = Membership.objects.current(day).filter(body=body).order_by()
    per_org = current.values("organisation_id", "organisation__type", "organisation__level").annotate(
        members=Count("contact_id", distinct=True)
    )
    members_by_type: dict[str, int] = {}
    orgs_by_type: dict[str, int] = {}
    members_by_level: dict[str, int] = {}
    orgs_by_level: dict[str, int] = {}
    for org_row in per_org:
        org_type, level, members = org_row["organisation__type"], org_row["organisation__level"], org_row["members"]
        members_by_type[org_type] = members_by_type.get(org_type, 0) + members
        orgs_by_type[org_type] = orgs_by_type.get(org_type, 0) + 1
        members_by_level[level] = members_by_level.get(level, 0) + members
        orgs_by_level[level] = orgs_by_level.get(level, 0) + 1
    member_total = sum(members_by_type.values())
    org_total = sum(orgs_by_type.values())
    type_labels = [(k, str(v)) for k, v in OrganisationType.choices if k in orgs_by_type]
    level_labels = [(k, str(v)) for k, v in GeographicLevel.choices]
    by_type = _share_rows(orgs_by_type, type_labels, org_total)
    for type_row, member_row in zip(by_type, _share_rows(members_by_type, type_labels, member_total), strict=True):
        type_row["members"], type_row["member_percent"] = member_row["count"], member_row["percent"]
    by_level = _share_rows(orgs_by_level, level_labels, org_total)
    for level_row, member_row in zip(by_level, _share_rows(members_by_level, level_labels, member_total), strict=True):
        level_row["members"], level_row["member_percent"] = member_row["count"], member_row["percent"]

    industry_side = sum(orgs_by_type.get(t, 0) for t in INDUSTRY_SIDE_TYPES)
    result: dict[str, Any] = {
        "member_total": member_total,
        "organisation_total": org_total,
        "by_organisation_type": by_type,
        "by_level": by_level,
        "is_industry_forum": body.kind == BodyKind.INDUSTRY_FORUM,
        "industry_side": industry_side,
        "industry_minority": body.kind == BodyKind.INDUSTRY_FORUM and org_total > 0 and 2 * industry_side < org_total,
    }
    if include_people:
        people = current.values("contact__gender", "contact__born_abroad").annotate(
            n=Count("contact_id", distinct=True)
        )
        genders: dict[str, int] = {}
        abroad: dict[str, int] = {}
        for person_row in people:
            gender = person_row["contact__gender"] or NOT_STATED
            genders[gender] = genders.get(gender, 0) + person_row["n"]
            born_abroad = person_row["contact__born_abroad"]
            born = NOT_STATED if born_abroad is None else ("yes" if born_abroad else "no")
            abroad[born] = abroad.get(born, 0) + person_row["n"]
        gender_labels = [(k, str(v)) for k, v in Gender.choices] + [(NOT_STATED, _("Not stated"))]
        abroad_labels = [("yes", _("Born abroad")), ("no", _("Born in Sweden")), (NOT_STATED, _("Not stated"))]
        result["by_gender"] = _share_rows(genders, gender_labels, member_total)
        result["by_born_abroad"] = _share_rows(abroad, abroad_labels, member_total)
    return result


# --- system overview -----------------------------------------------------------------------------


@dataclass
class TreeNode:
    """A body in the "reports to" tree of the system overview.

    ``shown`` are the children the page draws (at most ``OVERVIEW_CHILDREN`` unless the body is opened),
    ``more`` how many of ``children`` it leaves out.
    """

    body: Body
    children: list["TreeNode"] = field(default_factory=list)
    depth: int = 0
    parent_hidden: bool = False
    parent_area: str = ""
    shown: list["TreeNode"] = field(default_factory=list)
    more: int = 0


#: How many bodies the system overview shows under one body, and at the top of one area, unless opened
#: (``?open=<body>``, ``?area=<area>``): the page stays the same size however many bodies a space has;
#: the whole list is the CSV download.
OVERVIEW_CHILDREN = 4
OVERVIEW_ROOTS = 8


def system_overview(
    space: Space, user: User | AnonymousUser, *, open_body: int | None = None, open_area: str = ""
) -> dict[str, Any]:
    """The bodies of the space the user may see as a tree by parent (roots grouped by area) and the laid-out
    diagram, both bounded: at most ``OVERVIEW_ROOTS`` top-level bodies per area and ``OVERVIEW_CHILDREN``
    under each body, the rest counted. ``open_body`` shows all of that body's children (and the path down to
    it), ``open_area`` all top-level bodies of that area. One query, of the few columns the tree needs."""
    from samverka.collaboration.bodies.diagram import layout

    bodies = list(
        visible_bodies(space, user)
        .only("pk", "name", "kind", "area", "parent_id", "status", "space_id")
        .order_by("name", "pk")
    )
    nodes = {b.pk: TreeNode(body=b) for b in bodies}
    roots: list[TreeNode] = []
    for body in bodies:
        node = nodes[body.pk]
        if body.parent_id in nodes and body.parent_id != body.pk:
            nodes[body.parent_id].children.append(node)
            node.parent_area = nodes[body.parent_id].body.area
        else:
            node.parent_hidden = body.parent_id is not None
            roots.append(node)
    # the path down to an opened body is always shown
    path: set[int] = set()
    current = nodes.get(open_body) if open_body is not None else None
    while current is not None and current.body.pk not in path:
        path.add(current.body.pk)
        parent = current.body.parent_id
        current = nodes.get(parent) if parent is not None and not current.parent_hidden else None

    def bounded(items: list[TreeNode], limit: int, opened: bool) -> tuple[list[TreeNode], int]:
        if opened or len(items) <= limit:
            return items, 0
        shown = items[:limit] + [n for n in items[limit:] if n.body.pk in path]
        return shown, len(items) - len(shown)

    ordered: list[TreeNode] = []

    def walk(node: TreeNode, depth: int, seen: set[int]) -> None:
        node.depth = depth
        ordered.append(node)
        children = [child for child in node.children if child.body.pk not in seen]
        node.shown, node.more = bounded(children, OVERVIEW_CHILDREN, node.body.pk == open_body)
        for child in node.shown:
            walk(child, depth + 1, seen | {child.body.pk})

    area_rank = {a: i for i, a in enumerate(AREA_ORDER)}
    roots.sort(key=lambda n: (area_rank.get(n.body.area, 99), n.body.name))
    area_labels = dict(Area.choices)
    groups = []
    for area in AREA_ORDER:
        area_roots = [r for r in roots if r.body.area == area]
        if not area_roots:
            continue
        shown, more = bounded(area_roots, OVERVIEW_ROOTS, area == open_area)
        for root in shown:
            walk(root, 0, {root.body.pk})
        groups.append({"area": area, "label": area_labels[area], "roots": shown, "more": more})
    area_totals: dict[str, int] = {}
    for body in bodies:
        area_totals[body.area] = area_totals.get(body.area, 0) + 1
    return {
        "bodies": bodies,
        "body_count": len(bodies),
        "shown_count": len(ordered),
        "groups": groups,
        "diagram": layout(ordered, area_totals=area_totals),
        "open_count": sum(1 for b in bodies if b.status != BodyStatus.CLOSED),
    }


def system_overview_rows(space: Space, user: User | AnonymousUser) -> Iterator[tuple[Any, ...]]:
    """Every body of the space the user may see for the overview's download: (id, name, kind, area, status,
    the id and name of the body it reports to when the user may see it), by area and name, streamed."""
    visible = visible_bodies(space, user)
    parent_name = Subquery(visible.filter(pk=OuterRef("parent_id")).values("name")[:1])
    return (
        visible.annotate(parent_name=parent_name)
        .order_by("area", "name", "pk")
        .values_list("pk", "name", "kind", "area", "status", "parent_id", "parent_name")
        .iterator(chunk_size=2000)
    )


# --- lookups for the forms --------------------------------------------------------------------------


def organisation_search(q: str, *, user: User | AnonymousUser | None = None, limit: int = 10) -> list[Organisation]:
    """Active organisations whose name contains ``q`` (at most ``limit``); an id finds that organisation.

    The live register for its editors and for those who lead a body (who fill in memberships);
    for everyone else the published landscape maps, as ``actors.selectors`` give them.
    """
    from samverka.collaboration.actors import selectors as actor_selectors
    from samverka.collaboration.bodies.permissions import body_seats

    q = q.strip()
    live = user is None or actor_selectors.sees_live_register(user) or bool(body_seats(user)["leader"])
    if q.isdigit():
        if not live:
            found = actor_selectors.organisation_get(user, q)
            return [found] if found is not None else []
        return list(Organisation.objects.filter(pk=int(q))[:1])
    if len(q) < 2:
        return []
    if not live:
        return list(actor_selectors.organisation_list(user=user, q=q)[:limit])
    return list(Organisation.objects.filter(name__icontains=q, is_active=True).order_by("name", "pk")[:limit])


def contact_search(q: str, *, organisation: Organisation | None = None, limit: int = 10) -> list[Contact]:
    """Persons whose name contains ``q`` (at most ``limit``), optionally only those of ``organisation``.

    With an organisation and no search text, its persons are listed (so a person
    can be chosen from the organisation without knowing the name).
    """
    q = q.strip()
    contacts = Contact.objects.select_related("organisation").order_by("name", "pk")
    if q.isdigit():
        return list(contacts.filter(pk=int(q))[:1])
    if organisation is not None:
        contacts = contacts.filter(organisation=organisation)
        if q:
            contacts = contacts.filter(name__icontains=q)
        return list(contacts[: max(limit, 50)])
    if len(q) < 2:
        return []
    return list(contacts.filter(name__icontains=q)[:limit])


def parent_choices(space: Space, *, exclude: Body | None = None) -> QuerySet[Body]:
    """Bodies of the space a body can report to (not closed; not the body itself)."""
    choices = Body.objects.filter(space=space).exclude(status=BodyStatus.CLOSED).order_by("name", "pk")
    if exclude is not None and exclude.pk is not None:
        choices = choices.exclude(pk=exclude.pk)
    return choices


def leader_emails(body_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    """(contact id, e-mail) of the current leaders of each body, for the notices a body's leaders get."""
    result: dict[int, list[tuple[int, str]]] = {}
    rows = (
        Membership.objects.filter(body_id__in=body_ids, role__in=BODY_LEADING_ROLES)
        .current()
        .exclude(contact__email="")
        .values_list("body_id", "contact_id", "contact__email")
    )
    for body_id, contact_id, email in rows:
        result.setdefault(body_id, []).append((contact_id, email))
    return result
