"""The memberships the actor register reads (the landscape map, the organisation page), provided to it.

``BodiesConfig.ready()`` hands this module to ``actors.memberships.provide``: the actor register sits below
``bodies`` (a membership points at an organisation) and must not import it. See ``actors.memberships``.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.http import QueryDict

from samverka.collaboration.actors.models import Organisation, PublishedOrganisation
from samverka.collaboration.actors.selectors import published_map
from samverka.collaboration.bodies.models import Body, BodyRole, BodyStatus, Membership
from samverka.platform.core.links import row_url
from samverka.platform.core.paging import keyset_page
from samverka.platform.spaces.models import Space


def organisation_bodies(organisation: Organisation, user: Any) -> list[dict[str, Any]]:
    """The bodies (visible to ``user``) the organisation currently sits in, with its roles there."""
    visible = Body.objects.restrict(user).values("pk")
    memberships = (
        Membership.objects.current()
        .filter(organisation=organisation, body__in=visible)
        .exclude(body__status=BodyStatus.CLOSED)
        .select_related("body__space")
        .order_by("body__space__name", "body__name", "role")
    )
    by_body: dict[int, dict[str, Any]] = {}
    for membership in memberships:
        entry = by_body.setdefault(membership.body_id, {"body": membership.body, "roles": []})
        label = membership.get_role_display()
        if label not in entry["roles"]:
            entry["roles"].append(label)
    return list(by_body.values())


def organisation_space_ids(organisation: Organisation) -> QuerySet[Any]:
    """``values("body__space_id")`` of the organisation's current memberships in bodies that are not closed."""
    return (
        Membership.objects.current()
        .filter(organisation=organisation)
        .exclude(body__status=BodyStatus.CLOSED)
        .values("body__space_id")
    )


def member_organisation_ids(space: Space) -> QuerySet[Any]:
    """``values("organisation_id")`` of the current memberships in the space's bodies that are not closed."""
    return (
        Membership.objects.current()
        .filter(body__space=space)
        .exclude(body__status=BodyStatus.CLOSED)
        .values("organisation_id")
    )


#: How many bodies a row of the landscape matrix names; the rest are counted ("and 3 more").
MATRIX_BODIES_PER_ROW = 8


def _matrix_memberships(space: Space, user: Any) -> QuerySet[Any]:
    """Current memberships in the space's bodies that ``user`` may see and that are not closed."""
    visible = Body.objects.restrict(user).filter(space=space).exclude(status=BodyStatus.CLOSED).values("pk")
    return Membership.objects.current().filter(body__in=visible)


def _matrix_organisations(space: Space, members: QuerySet[Any], live: bool) -> tuple[QuerySet[Any], tuple[str, str]]:
    if live:
        return Organisation.objects.filter(pk__in=members).only("pk", "name"), ("name", "pk")
    # Paged as published rows (the cursor holds their organisation_id), shown as organisations.
    return published_map(space).filter(organisation_id__in=members), ("name", "organisation_id")


def landscape_matrix(
    *, space: Space, user: Any, query: QueryDict | None = None, per_page: int = 50, live: bool = True
) -> dict[str, Any]:
    """Which organisations sit in which bodies of the space (current memberships), one page of organisations.

    Bodies are the space's bodies visible to ``user`` that are not closed; each row is an organisation with
    a current membership in them and the bodies it sits in with its roles (at most
    ``MATRIX_BODIES_PER_ROW``, the rest counted) — so the page is as large at national scale as in a
    small space. With ``live=False`` only the organisations on the published map, with their published
    names. Paged by the cursor of ``query`` over the name (a tampered one raises ``InvalidCursor``). Two queries:
    the page of organisations and their memberships. The whole matrix is ``landscape_membership_rows``.
    """
    memberships = _matrix_memberships(space, user)
    organisations, fields = _matrix_organisations(space, memberships.values("organisation_id"), live)
    page = keyset_page(
        organisations, query=query if query is not None else QueryDict(), ordering=fields, page_size=per_page
    )
    page.rows = [row.as_organisation() if isinstance(row, PublishedOrganisation) else row for row in page.rows]
    page_ids = [org.pk for org in page.rows]
    labels = dict(BodyRole.choices)
    seats: dict[int, dict[int, dict[str, Any]]] = {}
    if page_ids:
        detail = row_url("bodies:body-detail", space=space.slug)
        rows = memberships.filter(organisation_id__in=page_ids).order_by("body__name", "body_id", "role")
        for org_id, body_id, body_name, role in rows.values_list("organisation_id", "body_id", "body__name", "role"):
            entry = seats.setdefault(org_id, {}).setdefault(
                body_id, {"name": body_name, "url": detail(body_id), "roles": []}
            )
            label = str(labels.get(role, role))
            if label not in entry["roles"]:
                entry["roles"].append(label)
    result = []
    for org in page.rows:
        bodies = list(seats.get(org.pk, {}).values())
        result.append(
            {
                "organisation": org,
                "bodies": bodies[:MATRIX_BODIES_PER_ROW],
                "more": max(0, len(bodies) - MATRIX_BODIES_PER_ROW),
            }
        )
    return {"rows": result, "page": page}


def landscape_membership_rows(*, space: Space, user: Any, live: bool = True) -> Iterator[tuple[Any, ...]]:
    """The whole matrix for a download: (organisation id, organisation name, body id, body name, role label) per
    current membership, ordered by organisation and body, streamed from the database.

    ``live=False``: only the organisations on the published map, under their published names.
    """
    memberships = _matrix_memberships(space, user).order_by()
    if live:
        rows = memberships.annotate(organisation_name=F("organisation__name"))
    else:
        published = published_map(space).filter(organisation_id=OuterRef("organisation_id"))
        rows = memberships.filter(organisation_id__in=published_map(space).values("organisation_id")).annotate(
            organisation_name=Subquery(published.values("name")[:1])
        )
    labels = dict(BodyRole.choices)
    ordered = rows.order_by("organisation_name", "organisation_id", "body__name", "body_id", "role")
    for org_id, org_name, body_id, body_name, role in ordered.values_list(
        "organisation_id", "organisation_name", "body_id", "body__name", "role"
    ).iterator(chunk_size=2000):
        yield org_id, org_name, body_id, body_name, str(labels.get(role, role))
