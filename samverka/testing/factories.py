"""Small factories for tests: real rows through the real models."""

import itertools
from typing import Any

from samverka.collaboration.actors.models import Contact, GeographicLevel, Organisation, OrganisationType
from samverka.collaboration.bodies.models import Area, Body, BodyKind, Membership
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space, SpaceKind, SpaceMembership

_seq = itertools.count(1)


def make_user(*, email: str | None = None, role_in: Space | None = None, role: str = "member", **extra: Any) -> User:
    n = next(_seq)
    user = User.objects.create_user(
        email=email or f"user{n}@example.se",
        password="test-password-123",
        full_name=extra.pop("full_name", f"Person {n}"),
        **extra,
    )
    if role_in is not None:
        SpaceMembership.objects.create(space=role_in, user=user, role=role)
    return user


def make_space(*, kind: str = SpaceKind.REGIONAL, county_id: str | None = "04", **extra: Any) -> Space:
    n = next(_seq)
    return Space.objects.create(
        slug=extra.pop("slug", f"space-{n}"),
        name=extra.pop("name", f"Space {n}"),
        kind=kind,
        county_id=county_id if kind == SpaceKind.REGIONAL else None,
        **extra,
    )


def make_organisation(**extra: Any) -> Organisation:
    n = next(_seq)
    fields: dict[str, Any] = {
        "name": f"Organisation {n}",
        "type": OrganisationType.EMPLOYER,
        "level": GeographicLevel.LOCAL,
        "county_id": "04",
        "municipality_id": "0484",
        "employs": True,
    }
    fields.update(extra)
    return Organisation.objects.create(**fields)


def make_contact(*, organisation: Organisation | None = None, **extra: Any) -> Contact:
    n = next(_seq)
    return Contact.objects.create(
        organisation=organisation or make_organisation(), name=extra.pop("name", f"Contact {n}"), **extra
    )


def make_body(*, space: Space, **extra: Any) -> Body:
    n = next(_seq)
    fields: dict[str, Any] = {
        "name": f"Body {n}",
        "kind": BodyKind.WORKING_GROUP,
        "area": Area.EDUCATION_MATCHING,
    }
    fields.update(extra)
    return Body.objects.create(space=space, **fields)


def make_membership(*, body: Body, contact: Contact | None = None, **extra: Any) -> Membership:
    contact = contact or make_contact()
    return Membership.objects.create(
        body=body, contact=contact, organisation=extra.pop("organisation", contact.organisation), **extra
    )
