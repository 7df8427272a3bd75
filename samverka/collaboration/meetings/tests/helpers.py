"""Helpers shared by the meetings-lifecycle tests."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from samverka.collaboration.bodies.permissions import forget_body_seats
from samverka.collaboration.meetings import services
from samverka.platform.core.ics import STOCKHOLM
from samverka.testing import factories


def seat(user: Any, body: Any, role: str = "member", **extra: Any) -> Any:
    """Give ``user`` a seat in ``body`` through a Contact linked to the account."""
    contact = getattr(user, "contact", None)
    if contact is None:
        contact = factories.make_contact(name=user.full_name, user=user, email=user.email)
    membership = factories.make_membership(body=body, contact=contact, role=role, **extra)
    forget_body_seats(user)
    return membership


def add_members(body: Any, n: int, *, prefix: str = "ledamot") -> list[Any]:
    """``n`` members of ``body`` with e-mail addresses, each from their own organisation."""
    return [
        factories.make_membership(
            body=body, contact=factories.make_contact(name=f"Ledamot {prefix} {i}", email=f"{prefix}{i}@example.se")
        )
        for i in range(n)
    ]


def future(days: int = 14, hour: int = 13) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=STOCKHOLM)


def make_meeting(body: Any, *, days: int = 14, **extra: Any) -> Any:
    start = extra.pop("start", future(days))
    return services.meeting_create(
        actor=None,
        body=body,
        title=extra.pop("title", "Möte"),
        start=start,
        end=extra.pop("end", start + timedelta(hours=2)),
        place=extra.pop("place", "Rum 1"),
        **extra,
    )
