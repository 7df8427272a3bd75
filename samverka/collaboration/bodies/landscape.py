"""The memberships the actor register reads (the landscape map, the organisation page), provided to it.

``BodiesConfig.ready()`` hands this module to ``actors.memberships.provide``: the actor register sits below
``bodies`` (a membership points at an organisation) and must not import it. See ``actors.memberships``.
"""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.actors.selectors import published_map
from samverka.collaboration.bodies.models import Body, BodyRole, BodyStatus, Membership
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


def landscape_matrix(
    *, space: Space, user: Any, page_number: Any = 1, per_page: int = 50, live: bool = True
) -> dict[str, Any]:
    """Which organisations sit in which bodies of the space (current memberships), by organisation page.

    Columns are the space's bodies visible to ``user`` that are not closed;
    rows one page of the organisations with a current membership in them —
    with ``live=False`` only those on the published map, with their published names.
    Four queries whatever the size: bodies, count, page, cells.
    """
    visible = Body.objects.restrict(user).filter(space=space).exclude(status=BodyStatus.CLOSED)
    bodies = list(visible.order_by("name", "pk").only("pk", "name", "kind", "space_id"))
    body_ids = visible.values("pk")
    memberships = Membership.objects.current().filter(body__in=body_ids)
    members = memberships.values("organisation_id")
    organisations: QuerySet[Any]
    if live:
        organisations = Organisation.objects.filter(pk__in=members).order_by("name", "pk").only("pk", "name")
    else:
        organisations = (
            published_map(space)
            .filter(organisation_id__in=members)
            .order_by("name", "organisation_id")
            .as_organisations()
        )
    page = Paginator(organisations, per_page).get_page(page_number)
    page_ids = [org.pk for org in page.object_list]
    roles: dict[tuple[int, int], list[str]] = {}
    if page_ids and bodies:
        for org_id, body_id, role in memberships.filter(organisation_id__in=page_ids).values_list(
            "organisation_id", "body_id", "role"
        ):
            roles.setdefault((org_id, body_id), []).append(role)
    labels = dict(BodyRole.choices)
    rows = []
    for org in page.object_list:
        cells = []
        for body in bodies:
            found = roles.get((org.pk, body.pk), [])
            cells.append(sorted({str(labels.get(r, r)) for r in found}))
        rows.append({"organisation": org, "cells": cells})
    return {"bodies": bodies, "rows": rows, "page_obj": page}
