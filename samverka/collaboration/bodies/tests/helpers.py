"""Helpers shared by the bodies tests."""

from typing import Any

from samverka.collaboration.bodies.permissions import forget_body_seats
from samverka.testing import factories


def seat(user: Any, body: Any, role: str = "member", **extra: Any) -> Any:
    """Give ``user`` a seat in ``body`` through a Contact linked to the account."""
    contact = getattr(user, "contact", None)
    if contact is None:
        contact = factories.make_contact(name=user.full_name, user=user)
    membership = factories.make_membership(body=body, contact=contact, role=role, **extra)
    forget_body_seats(user)  # the seats are cached on the user object, as within one request
    return membership
