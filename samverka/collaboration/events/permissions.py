"""Who may see, run and register for events.

Objects: ``view_event``, ``register_for_event``, ``change_event``,
``publish_event``, ``cancel_event``, ``manage_sessions``,
``view_registrations`` and ``export_registrations`` take an Event;
``add_event`` and ``view_space_events`` take the Space;
``cancel_registration`` takes a Registration.

Organisers are the platform administrators, the space's administrators and
secretariat, and the leaders (chair, process leader, secretary — the
project's leading body roles) of the organising body. Only organisers see the
registrations' personal data. Anyone, also without an account, may see an
announced public event and register for it; an internal (not public) event
is shown to everyone with a role in the space and to the members of the
organising body.
"""

from typing import Any

import rules

from samverka.collaboration.bodies.permissions import body_seats
from samverka.collaboration.events.models import Event, EventStatus, Registration, Session
from samverka.platform.spaces.permissions import is_platform_admin, is_space_manager, is_space_participant


def _event_of(obj: Any) -> Event | None:
    if isinstance(obj, Registration | Session):
        return obj.event
    return obj if isinstance(obj, Event) else None


def _is_announced(event: Event) -> bool:
    return event.status == EventStatus.PUBLISHED or (
        event.status == EventStatus.CANCELLED and event.published_at is not None
    )


@rules.predicate
def is_event_organiser(user: Any, obj: Any) -> bool:
    event = _event_of(obj)
    if event is None:
        return False
    if is_platform_admin.test(user) or is_space_manager.test(user, event):
        return True
    return event.body_id is not None and event.body_id in body_seats(user)["leader"]


@rules.predicate
def may_see_event(user: Any, obj: Any) -> bool:
    event = _event_of(obj)
    if event is None:
        return False
    if is_event_organiser.test(user, event):
        return True
    if not _is_announced(event):
        return False
    if event.is_public or is_space_participant.test(user, event):
        return True
    return event.body_id is not None and event.body_id in body_seats(user)["member"]


@rules.predicate
def leads_a_body_in_space(user: Any, space: Any) -> bool:
    """A chair, process leader or secretary of some body of the space may arrange that body's events."""
    from samverka.collaboration.bodies.models import Body

    leader = body_seats(user)["leader"]
    space_id = getattr(space, "pk", None)
    return bool(leader) and space_id is not None and Body.objects.filter(pk__in=leader, space_id=space_id).exists()


organises = is_event_organiser

rules.add_perm("events.view_space_events", rules.always_allow)  # the list holds only what the user may see
rules.add_perm("events.view_event", may_see_event)
rules.add_perm("events.register_for_event", may_see_event)  # whether registration is open is the service's call
rules.add_perm("events.add_event", is_platform_admin | is_space_manager | leads_a_body_in_space)
rules.add_perm("events.change_event", organises)
rules.add_perm("events.publish_event", organises)
rules.add_perm("events.cancel_event", organises)
rules.add_perm("events.manage_sessions", organises)
rules.add_perm("events.view_registrations", organises)
rules.add_perm("events.export_registrations", organises)
rules.add_perm("events.cancel_registration", organises)
# The history page (core ObjectHistoryView) asks for change_<model>.
rules.add_perm("events.change_session", organises)
rules.add_perm("events.change_registration", organises)
