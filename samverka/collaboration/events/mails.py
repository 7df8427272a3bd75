"""The e-mails of events: confirmation, waiting list, promotion, cancellation, change.

Only composition lives here; services queue the messages with
``notifications.services.enqueue_email`` inside their own transaction, so a
refused or rolled-back write never sends anything. Each message is written in
the language the person used on the registration form. Confirmations carry an
iCalendar file with a stable UID (``event-<pk>@…``) so that a later change or
cancellation replaces the entry in the person's calendar instead of adding one.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samverka.collaboration.events.models import Event, Registration, RegistrationStatus
from samverka.platform.core.ics import IcsEvent, build_calendar, uid_for
from samverka.platform.core.richtext import to_plain
from samverka.platform.notifications.services import EmailSpec

ICS_NAME = "event.ics"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def cancel_url(registration: Registration) -> str:
    return absolute(reverse("events:registration-cancel", kwargs={"token": registration.cancel_token}))


def event_ics(event: Event, *, method: str = "PUBLISH", with_link: bool = True) -> bytes:
    """The event as an iCalendar document (VTIMEZONE Europe/Stockholm, stable UID, current SEQUENCE).

    ``with_link=False`` leaves out the online link (given only to people registered).
    """
    url = absolute(event.get_absolute_url())
    description = to_plain(event.description)
    if event.online_url and with_link:
        description = f"{description}\n\n{event.online_url}".strip()
    item = IcsEvent(
        uid=uid_for("event", event.pk),
        start=event.start,
        end=event.end,
        summary=event.title,
        description=f"{description}\n\n{url}".strip(),
        location=(event.place or event.online_url) if with_link else event.location,
        url=url,
        sequence=event.sequence,
        status="CANCELLED" if event.is_cancelled else "CONFIRMED",
        last_modified=event.updated_at,
    )
    return build_calendar([item], method=method)


def _ics_attachment(event: Event, method: str) -> tuple[tuple[str, bytes, str], ...]:
    return ((ICS_NAME, event_ics(event, method=method), f"text/calendar; method={method}"),)


def _context(event: Event, registration: Registration) -> dict[str, object]:
    return {
        "event": event,
        "registration": registration,
        "event_url": absolute(event.get_absolute_url()),
        "cancel_url": cancel_url(registration),
        "description": to_plain(event.description),
        # The online link is for the people with a place (a waiting list is not an invitation).
        "show_link": registration.status == RegistrationStatus.CONFIRMED,
    }


def confirmation(event: Event, registration: Registration, *, promoted: bool = False) -> EmailSpec:
    """ "You have a place" — on registration, or when moved up from the waiting list."""
    with translation.override(registration.language):
        if promoted:
            subject = _("You have a place: %(title)s") % {"title": event.title}
        else:
            subject = _("Registration confirmed: %(title)s") % {"title": event.title}
        body = render_to_string(
            "events/email/registration_confirmed.txt", {**_context(event, registration), "promoted": promoted}
        )
    return EmailSpec(
        to=registration.email,
        subject=subject,
        body=body,
        key=f"event-registration:{registration.pk}:{'promoted' if promoted else 'confirmed'}",
        attachments=_ics_attachment(event, "PUBLISH"),
    )


def waitlisted(event: Event, registration: Registration) -> EmailSpec:
    with translation.override(registration.language):
        subject = _("On the waiting list: %(title)s") % {"title": event.title}
        body = render_to_string("events/email/registration_waitlisted.txt", _context(event, registration))
    return EmailSpec(
        to=registration.email, subject=subject, body=body, key=f"event-registration:{registration.pk}:waitlisted"
    )


def cancelled_registration(event: Event, registration: Registration) -> EmailSpec:
    with translation.override(registration.language):
        subject = _("Registration cancelled: %(title)s") % {"title": event.title}
        body = render_to_string("events/email/registration_cancelled.txt", _context(event, registration))
    return EmailSpec(
        to=registration.email, subject=subject, body=body, key=f"event-registration:{registration.pk}:cancelled"
    )


def event_cancelled(event: Event, registration: Registration, *, had_place: bool) -> EmailSpec:
    with translation.override(registration.language):
        subject = _("Cancelled: %(title)s") % {"title": event.title}
        body = render_to_string(
            "events/email/event_cancelled.txt", {**_context(event, registration), "had_place": had_place}
        )
    return EmailSpec(
        to=registration.email,
        subject=subject,
        body=body,
        key=f"event-cancelled:{event.pk}:{registration.pk}",
        attachments=_ics_attachment(event, "CANCEL") if had_place else (),
    )


def event_changed(event: Event, registration: Registration) -> EmailSpec:
    with translation.override(registration.language):
        subject = _("Changed time or place: %(title)s") % {"title": event.title}
        body = render_to_string("events/email/event_changed.txt", _context(event, registration))
    return EmailSpec(
        to=registration.email,
        subject=subject,
        body=body,
        key=f"event-changed:{event.pk}:{event.sequence}:{registration.pk}",
        attachments=_ics_attachment(event, "PUBLISH"),
    )
