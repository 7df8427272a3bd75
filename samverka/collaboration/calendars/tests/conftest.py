"""A small world for the calendar tests: a private body with members linked to user accounts."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from samverka.collaboration.meetings.services import meeting_cancel, meeting_create
from samverka.platform.core.ics import STOCKHOLM
from samverka.testing.factories import make_body, make_contact, make_membership, make_user


def at(days: int, hour: int = 10) -> datetime:
    """An aware Stockholm time ``days`` from today at ``hour``:00."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=STOCKHOLM)


def member(body: Any, *, name: str, role: str = "member", **user_extra: Any) -> Any:
    """A user whose Contact sits in ``body``."""
    user = make_user(full_name=name, **user_extra)
    contact = make_contact(name=name, email=user.email, user=user)
    make_membership(body=body, contact=contact, role=role)
    return user


@pytest.fixture
def world(space: Any, make_role_user: Any) -> dict[str, Any]:
    secretariat = make_role_user(space, "secretariat")
    body = make_body(space=space, name="Styrgruppen", is_public=False)
    other = make_body(space=space, name="Branschforum Vård", is_public=True)
    eva = member(body, name="Eva Ek")
    per = member(body, name="Per Persson")
    stranger = make_user(full_name="Utomstående")
    planned = meeting_create(actor=secretariat, body=body, title="Styrgruppsmöte", start=at(10), end=at(10, 12))
    cancelled = meeting_create(actor=secretariat, body=body, title="Inställt möte", start=at(20), end=at(20, 12))
    meeting_cancel(actor=secretariat, meeting=cancelled, reason="Krock")
    old = meeting_create(actor=secretariat, body=body, title="Mycket gammalt", start=at(-500), end=at(-500, 12))
    forum_meeting = meeting_create(actor=secretariat, body=other, title="Forummöte", start=at(5), end=at(5, 12))
    return {
        "space": space,
        "secretariat": secretariat,
        "body": body,
        "other": other,
        "eva": eva,
        "per": per,
        "stranger": stranger,
        "planned": planned,
        "cancelled": cancelled,
        "old": old,
        "forum_meeting": forum_meeting,
    }
