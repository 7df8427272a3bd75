"""Reads of the actor register and the landscape map.

The register holds tens of thousands of organisations: every page reads a
bounded slice or an aggregate computed by the database, never the whole table.
"""

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors import memberships
from samverka.collaboration.actors.models import (
    Contact,
    CorrectionSuggestion,
    GeographicLevel,
    LandscapeRevision,
    Organisation,
    OrganisationQuerySet,
    OrganisationType,
    PublishedOrganisation,
    PublishedOrganisationQuerySet,
    SuggestionStatus,
    SystemRole,
    normalise_name,
)
from samverka.platform.accounts.models import User
from samverka.platform.core.links import row_url
from samverka.platform.core.models import County, Municipality
from samverka.platform.core.paging import KeysetPage, bounded_count, keyset_page
from samverka.platform.spaces.models import Space, SpaceKind

#: Role flag field on Organisation → the system role it stands for.
ROLE_FIELDS: dict[str, SystemRole] = {
    "employs": SystemRole.EMPLOYS,
    "educates": SystemRole.EDUCATES,
    "focuses_on_groups": SystemRole.FOCUS_GROUPS,
}


_ORG_NUMBER_PREFIX = re.compile(r"^(\d{6})-?(\d{0,4})$")

# --- the register ------------------------------------------------------------------------------


def sees_live_register(user: User | AnonymousUser | None) -> bool:
    """Editors of the register see it live; everyone else (the public, members, guests, the API
    without such a role) sees exactly what the spaces' latest published landscape maps show."""
    return bool(user is not None and user.has_perm("actors.view_live_register"))


def published_map(space: Space) -> PublishedOrganisationQuerySet:
    """The organisations of the space's latest published revision, with the values it published."""
    return PublishedOrganisation.objects.filter(space=space)


def published_register() -> PublishedOrganisationQuerySet:
    """Every organisation on some space's published map, once, as its latest publication shows it
    (``is_latest``, kept by ``services.landscape_publish``)."""
    return PublishedOrganisation.objects.filter(is_latest=True)


def organisation_list(
    *,
    user: User | AnonymousUser | None,
    q: str = "",
    type: str = "",
    level: str = "",
    roles: Iterable[str] = (),
    county: str = "",
    municipality: str = "",
    space: Space | None = None,
    include_inactive: bool = False,
    live: bool | None = None,
) -> QuerySet[Any]:
    """Organisations matching the filters, by name, with county and municipality joined.

    ``q`` matches the name (case-insensitively, also for å, ä, ö) or an
    organisation number; ``roles`` are flag names (employs, educates,
    focuses_on_groups) that must all be set; ``space`` limits the list to the
    organisations on that space's landscape map (the drill-down from its grid).

    Editors of the register (``sees_live_register``) search the live register; everyone else the
    published maps, with the published values: the queryset then yields ``Organisation`` objects
    built from ``PublishedOrganisation`` rows (never saved). ``live=False`` asks an editor's list
    for the published view.
    """
    live = sees_live_register(user) if live is None else (live and sees_live_register(user))
    qs: OrganisationQuerySet | PublishedOrganisationQuerySet
    if live:
        qs = landscape_organisations(space) if space is not None else Organisation.objects.all()
    else:
        qs = published_map(space) if space is not None else published_register()
    if not include_inactive:
        qs = qs.filter(is_active=True)
    q = q.strip()
    if q:
        condition = Q(name__icontains=q)
        normalised = normalise_name(q)
        if normalised:
            condition |= Q(normalised_name__contains=normalised)
        number = _ORG_NUMBER_PREFIX.match(q)
        if number:
            condition |= Q(org_number__startswith=f"{number[1]}-{number[2]}".rstrip("-"))
        qs = qs.filter(condition)
    if type:
        qs = qs.filter(type=type)
    if level:
        qs = qs.filter(level=level)
    for role in roles:
        if role in ROLE_FIELDS:
            qs = qs.filter(**{role: True})
    if county:
        qs = qs.filter(county_id=county)
    if municipality:
        qs = qs.filter(municipality_id=municipality)
    rows = qs.with_related()
    if isinstance(rows, PublishedOrganisationQuerySet):  # not live: the published values
        return rows.order_by("name", "organisation_id").as_organisations()
    return rows.order_by("name", "pk")


#: Organisations a page of the list shows.
ORGANISATION_PAGE_SIZE = 50
#: The list counts its matches up to this many ("more than 1000 found"), never the whole register.
ORGANISATION_COUNT_LIMIT = 1000


def organisation_page(organisations: QuerySet[Any], *, query: QueryDict, path: str = "") -> KeysetPage:
    """The page of ``organisation_list``'s result by name that ``query``'s cursor points at (keyset: the last
    page costs what the first does), as plain rows for the table, with the count of matches up to
    ``ORGANISATION_COUNT_LIMIT`` (``page.count``).

    The page reads the table's columns as values, not as model instances (the list's hot path).
    A tampered cursor raises ``InvalidCursor``.
    """
    id_field = "organisation_id" if organisations.model is PublishedOrganisation else "pk"
    columns = (id_field, "name", "is_active", "type", "level", *ROLE_FIELDS, "county__name", "municipality__name")
    page = keyset_page(
        organisations.values(*columns),
        query=query,
        ordering=("name", id_field),  # unique: one published row per organisation
        page_size=ORGANISATION_PAGE_SIZE,
        path=path,
    )
    page.rows = organisation_rows(page.rows, id_field=id_field)
    page.count = bounded_count(organisations, ORGANISATION_COUNT_LIMIT)
    return page


def organisation_rows(rows: Iterable[dict[str, Any]], *, id_field: str = "pk") -> list[dict[str, Any]]:
    """What the list's table shows of each organisation (from ``organisation_page``'s value rows),
    computed once here rather than per cell in the template."""
    types, levels = dict(OrganisationType.choices), dict(GeographicLevel.choices)
    roles = [(name, str(role.label)) for name, role in ROLE_FIELDS.items()]
    detail = row_url("actors:organisation-detail")
    return [
        {
            "name": row["name"],
            "url": detail(row[id_field]),
            "active": row["is_active"],
            "type": types.get(row["type"], row["type"]),
            "level": levels.get(row["level"], row["level"]),
            "roles": ", ".join(label for name, label in roles if row[name]) or "–",
            "place": ", ".join(p for p in (row["municipality__name"], row["county__name"]) if p) or "–",
        }
        for row in rows
    ]


def organisation_get(user: User | AnonymousUser | None, pk: Any) -> Organisation | None:
    """One organisation as ``user`` may see it: live for editors, else as last published (or None)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if sees_live_register(user):
        return Organisation.objects.with_related().filter(pk=pk).first()
    row = published_register().with_related().filter(organisation_id=pk).first()
    return row.as_organisation() if row is not None else None


def organisation_publication(organisation: Organisation) -> dict[str, Any]:
    """For editors: is the organisation on a published map, and does the public see its current values?"""
    rows = list(
        PublishedOrganisation.objects.filter(organisation=organisation)
        .select_related("space", "revision")
        .order_by("space__name")
    )
    stale = [row for row in rows if any(getattr(row, name) != getattr(organisation, name) for name in _PUBLIC_FIELDS)]
    return {"published": bool(rows), "rows": rows, "stale": stale}


#: The fields the public sees of an organisation (what a stale published copy is checked on).
_PUBLIC_FIELDS = tuple(name for name in PublishedOrganisation.COPIED if name not in {"created_at", "updated_at"})


def organisation_export_rows(organisations: QuerySet[Any]) -> Iterator[tuple[Any, ...]]:
    """The filtered list as plain tuples for CSV, streamed from the database in chunks."""
    id_field = "organisation_id" if organisations.model is PublishedOrganisation else "pk"
    return organisations.values_list(
        id_field,
        "name",
        "org_number",
        "type",
        "level",
        "employs",
        "educates",
        "focuses_on_groups",
        "county__name",
        "municipality__name",
        "website",
        "is_active",
    ).iterator(chunk_size=2000)


def organisation_lookup(q: str, *, user: User | AnonymousUser, limit: int = 10) -> list[Organisation]:
    """At most ``limit`` active organisations whose name matches ``q`` (for the suggestion form)."""
    q = q.strip()
    if len(q) < 2:
        return []
    return list(organisation_list(user=user, q=q)[:limit])


def organisation_similar(*, name: str, exclude_pk: int | None = None, limit: int = 10) -> list[Organisation]:
    """Organisations whose name is the same or nearly the same as ``name`` (a duplicate warning).

    Candidates are the alphabetical neighbours of the normalised name that share
    its first three characters: two indexed range queries of at most 100 rows
    each, so the check costs the same for 100 or 100,000 organisations. A typing
    error in the first three characters is therefore not caught.
    """
    norm = normalise_name(name)
    if not norm:
        return []
    prefix = norm[:3]
    upper = prefix + "\U0010ffff"
    base = Organisation.objects.all()
    if exclude_pk is not None:
        base = base.exclude(pk=exclude_pk)
    above = base.filter(normalised_name__gte=norm, normalised_name__lt=upper).order_by("normalised_name")
    below = base.filter(normalised_name__gte=prefix, normalised_name__lt=norm).order_by("-normalised_name")
    candidates = list(above.values_list("pk", "normalised_name")[:100]) + list(
        below.values_list("pk", "normalised_name")[:100]
    )
    matcher = difflib.SequenceMatcher(a=norm)
    scored: list[tuple[float, int]] = []
    for pk, other in candidates:
        if not other.startswith(prefix):
            continue
        matcher.set_seq2(other)
        ratio = 1.0 if other == norm else matcher.ratio()
        if ratio >= 0.85:
            scored.append((ratio, pk))
    scored.sort(reverse=True)
    wanted = [pk for _, pk in scored[:limit]]
    if not wanted:
        return []
    found = Organisation.objects.with_related().in_bulk(wanted)
    return [found[pk] for pk in wanted if pk in found]


def organisation_contacts(organisation: Organisation) -> QuerySet[Contact]:
    return Contact.objects.filter(organisation=organisation).order_by("name", "pk")


def organisation_bodies(organisation: Organisation, user: User | AnonymousUser) -> list[dict[str, Any]]:
    """The bodies (visible to ``user``) the organisation currently sits in, with its roles there."""
    return memberships.source().organisation_bodies(organisation, user)


def organisation_spaces(organisation: Organisation, *, live: bool = True) -> QuerySet[Space]:
    """The spaces whose landscape map includes the organisation (to offer "suggest a correction").

    ``live=False``: the spaces whose published map includes it.
    """
    if not live:
        published = PublishedOrganisation.objects.filter(organisation_id=organisation.pk).values("space_id")
        return Space.objects.filter(pk__in=published).order_by("kind", "name")
    condition = Q(pk__in=_member_organisations_spaces(organisation))
    if organisation.county_id:
        condition |= Q(kind=SpaceKind.REGIONAL, county_id=organisation.county_id)
    if organisation.level == GeographicLevel.NATIONAL:
        condition |= Q(kind=SpaceKind.NATIONAL)
    return Space.objects.filter(condition).order_by("kind", "name")


def _member_organisations_spaces(organisation: Organisation) -> QuerySet[Any]:
    return memberships.source().organisation_space_ids(organisation)


# --- the landscape map ----------------------------------------------------------------------------


def _space_member_organisation_ids(space: Space) -> QuerySet[Any]:
    return memberships.source().member_organisation_ids(space)


def landscape_organisations(space: Space) -> OrganisationQuerySet:
    """The active organisations on a space's landscape map.

    A regional space: the organisations in its county plus those sitting in one
    of its (not closed) bodies. A national space: the national-level
    organisations plus those sitting in one of its bodies.
    """
    members = Q(pk__in=_space_member_organisation_ids(space))
    area = Q(county_id=space.county_id) if space.kind == SpaceKind.REGIONAL else Q(level=GeographicLevel.NATIONAL)
    return Organisation.objects.filter(is_active=True).filter(area | members)


def landscape_grid(organisations: QuerySet[Organisation]) -> dict[str, Any]:
    """Counts by type (rows) × geographic level (columns), in one aggregate query."""
    counts = {
        (row["type"], row["level"]): row["n"]
        for row in organisations.order_by().values("type", "level").annotate(n=Count("pk"))
    }
    levels = list(GeographicLevel.choices)
    rows = []
    for value, label in OrganisationType.choices:
        cells = [{"level": level, "count": counts.get((value, level), 0)} for level, _label in levels]
        rows.append({"type": value, "label": label, "cells": cells, "total": sum(c["count"] for c in cells)})
    column_totals = [
        {"level": level, "count": sum(counts.get((t, level), 0) for t, _label in OrganisationType.choices)}
        for level, _l in levels
    ]
    return {"levels": levels, "rows": rows, "column_totals": column_totals, "total": sum(counts.values())}


#: Number of shades on the map (and in its legend).
SHADES = 5


def _shade(count: int, maximum: int) -> int:
    if count <= 0 or maximum <= 0:
        return 0
    return min(SHADES, 1 + (count - 1) * SHADES // maximum)


def _legend(maximum: int) -> list[dict[str, int]]:
    """The count range each shade stands for (equal intervals of 1..maximum)."""
    legend = [{"shade": 0, "low": 0, "high": 0}]
    for shade in range(1, SHADES + 1):
        low = -(-(shade - 1) * maximum // SHADES) + 1
        high = min(maximum, -(-shade * maximum // SHADES))
        if low <= high:
            legend.append({"shade": shade, "low": low, "high": high})
    return legend


def landscape_areas(space: Space, organisations: QuerySet[Organisation]) -> dict[str, Any]:
    """Number of actors per municipality (regional space) or per county (national space).

    Two queries: the areas, and one aggregate over the map's organisations. The
    same figures feed the map's shading and the table beside it.
    """
    grouped = list(organisations.order_by().values("county_id", "municipality_id").annotate(n=Count("pk")))
    extra: list[dict[str, Any]] = []
    if space.kind == SpaceKind.REGIONAL:
        areas = list(Municipality.objects.filter(county_id=space.county_id).order_by("name").values("code", "name"))
        known = {a["code"] for a in areas}
        per_area: dict[str, int] = {}
        whole_county = outside = 0
        for row in grouped:
            if row["municipality_id"] in known:
                per_area[row["municipality_id"]] = per_area.get(row["municipality_id"], 0) + row["n"]
            elif row["county_id"] == space.county_id:
                whole_county += row["n"]
            else:
                outside += row["n"]
        extra = [
            {"label": _("The whole county (no municipality given)"), "count": whole_county, "filter": "county"},
            {"label": _("Outside the county (members of the space's bodies)"), "count": outside, "filter": ""},
        ]
        area_kind = "municipality"
    else:
        areas = list(County.objects.order_by("code").values("code", "name"))
        per_area = {}
        no_county = 0
        for row in grouped:
            if row["county_id"]:
                per_area[row["county_id"]] = per_area.get(row["county_id"], 0) + row["n"]
            else:
                no_county += row["n"]
        extra = [{"label": _("No county given"), "count": no_county, "filter": ""}]
        area_kind = "county"
    maximum = max(per_area.values(), default=0)
    rows = [
        {
            "code": a["code"],
            "name": a["name"],
            "count": per_area.get(a["code"], 0),
            "shade": _shade(per_area.get(a["code"], 0), maximum),
        }
        for a in areas
    ]
    return {
        "kind": area_kind,
        "rows": rows,
        "extra": extra,
        "maximum": maximum,
        "legend": _legend(maximum),
        "total": sum(row["n"] for row in grouped),
    }


def landscape_summary(
    space: Space, *, live: bool, revision: LandscapeRevision | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The landscape map's grid (``landscape_grid``) and areas (``landscape_areas``).

    The published map changes only when a revision is published, so its figures are computed once per
    revision and language and kept in the cache (two aggregates over the map's organisations otherwise
    run on every visit, growing with the register). The live register is always counted afresh.
    """
    organisations: Any = landscape_organisations(space) if live else published_map(space)
    if live or revision is None:
        return landscape_grid(organisations), landscape_areas(space, organisations)
    stamp = revision.published_at.isoformat() if revision.published_at else ""
    key = f"landscape-summary:{space.pk}:{revision.pk}:{stamp}:{get_language()}"
    summary = cache.get(key)
    if summary is None:
        summary = (landscape_grid(organisations), landscape_areas(space, organisations))
        cache.set(key, summary, LANDSCAPE_SUMMARY_SECONDS)
    return summary  # type: ignore[no-any-return]


#: How long a published map's figures stay cached (a new revision has a new key at once).
LANDSCAPE_SUMMARY_SECONDS = 3600


def landscape_matrix(
    *, space: Space, user: User | AnonymousUser, query: QueryDict | None = None, per_page: int = 50, live: bool = True
) -> dict[str, Any]:
    """Which organisations sit in which bodies of the space (current memberships), one page of organisations.

    Each row is an organisation with a current membership in the space's bodies visible to ``user`` that
    are not closed, with those bodies and its roles (a bounded number; the download has them all);
    ``live=False``: only the organisations on the published map. Paged by the cursor in ``query`` (a tampered one
    raises ``core.paging.InvalidCursor``). Read by the bodies app, which owns the memberships (``bodies.landscape``).
    """
    return memberships.source().landscape_matrix(space=space, user=user, query=query, per_page=per_page, live=live)


def landscape_membership_rows(
    *, space: Space, user: User | AnonymousUser, live: bool = True
) -> Iterator[tuple[Any, ...]]:
    """The whole matrix for a download: (organisation id, organisation name, body id, body name, role)."""
    return memberships.source().landscape_membership_rows(space=space, user=user, live=live)


# --- published revisions --------------------------------------------------------------------------

#: The compared fields of a snapshot row, with their labels.
SNAPSHOT_FIELDS: dict[str, Any] = {
    "name": _("name"),
    "type": _("type"),
    "level": _("geographic level"),
    "roles": _("roles"),
    "county": _("county"),
    "municipality": _("municipality"),
    "org_number": _("organisation number"),
    "website": _("website"),
    "description": _("description"),
}


def landscape_rows(space: Space) -> list[dict[str, Any]]:
    """The live landscape map as plain rows, ordered by name: every field a publication copies.

    One read feeds both the revision's snapshot and the published copy the public reads.
    """
    fields = ("pk", *PublishedOrganisation.COPIED, "county__name", "municipality__name")
    return list(landscape_organisations(space).order_by("name", "pk").values(*fields).iterator(chunk_size=2000))


def snapshot_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row of ``landscape_rows`` as a revision's snapshot stores it.

    id, name, type, level, roles (flag names), county and municipality (codes) with their names
    (so an old revision reads right without lookups).
    """
    return {
        "id": row["pk"],
        "name": row["name"],
        "type": row["type"],
        "level": row["level"],
        "roles": [role for role in ROLE_FIELDS if row[role]],
        "county": row["county_id"] or "",
        "county_name": row["county__name"] or "",
        "municipality": row["municipality_id"] or "",
        "municipality_name": row["municipality__name"] or "",
        "org_number": row["org_number"] or "",
        "website": row["website"] or "",
        "description": row["description"] or "",
    }


def landscape_snapshot(space: Space) -> list[dict[str, Any]]:
    """The landscape map as plain data, ordered by name: what a published revision stores."""
    return [snapshot_row(row) for row in landscape_rows(space)]


def openable_organisation_ids(user: User | AnonymousUser | None, ids: Iterable[Any]) -> set[int]:
    """Which of these organisations ``user`` may open (one query): editors every live one, others
    those on a published map now; an old snapshot names organisations since removed."""
    wanted = {int(pk) for pk in ids if str(pk).isdigit()}
    if not wanted:
        return set()
    if sees_live_register(user):
        return set(Organisation.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    return set(published_register().filter(organisation_id__in=wanted).values_list("organisation_id", flat=True))


def snapshot_display(row: dict[str, Any], openable: set[int] | None = None) -> dict[str, Any]:
    """One snapshot row with labels instead of codes, for templates; ``id`` (the link to the
    organisation's page) only when it is in ``openable`` (when given)."""
    types = dict(OrganisationType.choices)
    levels = dict(GeographicLevel.choices)
    pk = row.get("id")
    return {
        "id": pk if openable is None or pk in openable else None,
        "name": row.get("name", ""),
        "type": types.get(row.get("type", ""), row.get("type", "")),
        "level": levels.get(row.get("level", ""), row.get("level", "")),
        "roles": ", ".join(str(ROLE_FIELDS[r].label) for r in row.get("roles", []) if r in ROLE_FIELDS),
        "county": row.get("county_name") or row.get("county", ""),
        "municipality": row.get("municipality_name") or row.get("municipality", ""),
        "org_number": row.get("org_number", ""),
        "website": row.get("website", ""),
        "description": row.get("description", ""),
    }


@dataclass
class Change:
    """An organisation present in both snapshots whose compared fields differ."""

    before: dict[str, Any]
    after: dict[str, Any]
    fields: list[str]

    @property
    def rows(self) -> list[dict[str, Any]]:
        """(label, before, after) for each changed field, with display values."""
        before, after = snapshot_display(self.before), snapshot_display(self.after)
        return [{"label": SNAPSHOT_FIELDS[f], "before": before[f], "after": after[f]} for f in self.fields]


@dataclass
class RevisionDiff:
    """What changed between two snapshots (each list ordered by name)."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    @property
    def total(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


def revision_diff(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> RevisionDiff:
    """Added, removed and changed organisations from snapshot ``old`` to snapshot ``new``."""
    before = {row["id"]: row for row in old}
    after = {row["id"]: row for row in new}
    diff = RevisionDiff()
    for pk, row in after.items():
        if pk not in before:
            diff.added.append(row)
            continue
        # A field an older snapshot did not store yet is not compared (it did not change, it was not kept).
        fields = [
            f for f in SNAPSHOT_FIELDS if f in before[pk] and f in row and _compared(before[pk], f) != _compared(row, f)
        ]
        if fields:
            diff.changed.append(Change(before=before[pk], after=row, fields=fields))
    diff.removed = [row for pk, row in before.items() if pk not in after]
    diff.added.sort(key=_name_key)
    diff.removed.sort(key=_name_key)
    diff.changed.sort(key=lambda change: _name_key(change.after))
    return diff


def _compared(row: dict[str, Any], name: str) -> Any:
    value = row.get(name, "")
    return sorted(value) if isinstance(value, list) else (value or "")


def _name_key(row: dict[str, Any]) -> tuple[str, int]:
    return (str(row.get("name", "")).lower(), int(row.get("id") or 0))


def revision_list(space: Space) -> QuerySet[LandscapeRevision]:
    """The space's revisions, newest first, without their (large) snapshots."""
    return (
        LandscapeRevision.objects.filter(space=space)
        .defer("snapshot")
        .select_related("published_by", "space")
        .order_by("-number")
    )


def revision_latest(space: Space, *, with_snapshot: bool = False) -> LandscapeRevision | None:
    qs = LandscapeRevision.objects.filter(space=space).select_related("published_by", "space").order_by("-number")
    if not with_snapshot:
        qs = qs.defer("snapshot")
    return qs.first()


def revision_get(space: Space, number: int) -> LandscapeRevision | None:
    return LandscapeRevision.objects.filter(space=space, number=number).select_related("published_by", "space").first()


def landscape_pending_changes(space: Space) -> RevisionDiff:
    """What publishing now would change, compared with the latest revision."""
    latest = revision_latest(space, with_snapshot=True)
    return revision_diff(latest.snapshot if latest else [], landscape_snapshot(space))


# --- correction suggestions ------------------------------------------------------------------------


def _readable(model_field: Any, value: str) -> str:
    if not value:
        return "–"
    if model_field.get_internal_type() == "BooleanField":
        return str(_("yes") if value == "true" else _("no"))
    return str(dict(model_field.choices or ()).get(value, value))


def change_rows(changes: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A suggestion's recorded changes with field labels and readable values (in the active language)."""
    rows = []
    for change in changes:
        name, before, after = change.get("field", ""), change.get("before", ""), change.get("after", "")
        if name == "created":
            rows.append({"label": str(_("New organisation in the register")), "before": "", "after": after})
            continue
        model_field = next((f for f in Organisation._meta.fields if f.name == name), None)
        if model_field is None:  # a field removed since: show what was stored
            rows.append({"label": name, "before": before, "after": after})
            continue
        rows.append(
            {
                "label": str(model_field.verbose_name),
                "before": _readable(model_field, before),
                "after": _readable(model_field, after),
            }
        )
    return rows


def suggestion_list(space: Space, *, status: str = SuggestionStatus.PENDING) -> QuerySet[CorrectionSuggestion]:
    """A space's correction suggestions with one status; the oldest pending first, else newest first."""
    qs = CorrectionSuggestion.objects.filter(space=space, status=status).select_related(
        "organisation", "submitted_by", "handled_by"
    )
    return qs.order_by("created_at", "pk") if status == SuggestionStatus.PENDING else qs.order_by("-handled_at", "-pk")


def suggestion_counts(space: Space) -> dict[str, int]:
    """Number of suggestions per status, in one aggregate query."""
    counts = dict.fromkeys(SuggestionStatus.values, 0)
    for row in CorrectionSuggestion.objects.filter(space=space).order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
