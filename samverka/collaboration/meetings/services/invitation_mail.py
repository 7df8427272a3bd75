"""The invitation e-mails: who is invited, the signed answer links, the ICS calendar (one per
meeting, with each invitee spliced in as ATTENDEE) and the queued messages in each invitee's language.

Used by the lifecycle services (send, update, cancel); nothing here checks permissions or
opens a transaction of its own.
"""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from icalendar import vCalAddress, vText
from icalendar.parser import Contentline

from samverka.collaboration.bodies.models import Membership
from samverka.collaboration.meetings.models import Answer, Invitation, Meeting
from samverka.platform.accounts.models import User
from samverka.platform.core import ics
from samverka.platform.core.richtext import to_plain
from samverka.platform.core.times import local

RSVP_SALT = "samverka.collaboration.meetings.rsvp"


def format_when(meeting: Meeting) -> str:
    """The meeting's time as "tisdag 3 februari 2026 kl. 13.00–15.00" (in the active language)."""
    start, end = local(meeting.start), local(meeting.end)
    day = formats.date_format(start, "l j F Y")
    if start.date() == end.date():
        return _("%(day)s at %(start)s–%(end)s") % {
            "day": day,
            "start": start.strftime("%H.%M"),
            "end": end.strftime("%H.%M"),
        }
    return _("%(day)s at %(start)s – %(end_day)s at %(end)s") % {
        "day": day,
        "start": start.strftime("%H.%M"),
        "end_day": formats.date_format(end, "l j F Y"),
        "end": end.strftime("%H.%M"),
    }


def invitation_token(invitation: Invitation) -> str:
    """The signed token in the answer links of the invitation e-mail (no login needed)."""
    return signing.dumps({"i": invitation.pk, "n": invitation.token_nonce}, salt=RSVP_SALT, compress=True)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a token names, or None when the token is forged, garbled or revoked."""
    try:
        data = signing.loads(token, salt=RSVP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return None
    invitation = Invitation.objects.select_related("meeting__body__space", "contact").filter(pk=data["i"]).first()
    if invitation is None or not invitation.token_nonce or invitation.token_nonce != data.get("n"):
        return None
    return invitation


def answer_url(invitation: Invitation, answer: str = "") -> str:
    url = settings.SITE_URL + reverse("meetings:rsvp", kwargs={"token": invitation_token(invitation)})
    return f"{url}?answer={answer}" if answer else url


def invitation_recipients(meeting: Meeting) -> list[Membership]:
    """The body's members on the meeting day who have an e-mail address, one per address."""
    day = local(meeting.start).date()
    memberships = (
        Membership.objects.current(day)
        .filter(body_id=meeting.body_id)
        .exclude(contact__email="")
        .select_related("contact", "organisation")
        .order_by("contact__name", "pk")
    )
    seen: set[str] = set()
    result = []
    for membership in memberships:
        address = membership.contact.email.strip().lower()
        if address and address not in seen:
            seen.add(address)
            result.append(membership)
    return result


def _organizer(meeting: Meeting, actor: User | None) -> tuple[str, str]:
    if meeting.secretary_id and meeting.secretary and meeting.secretary.email:
        return meeting.secretary.email, meeting.secretary.name
    creator = meeting.created_by if meeting.created_by_id else None
    if creator is None and actor is not None and getattr(actor, "is_authenticated", False):
        creator = actor
    if creator is not None and creator.email:
        return creator.email, str(getattr(creator, "full_name", "") or creator.email)
    return settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip(), meeting.body.name


_PARTSTAT: dict[str, str] = {Answer.YES: "ACCEPTED", Answer.NO: "DECLINED", Answer.MAYBE: "TENTATIVE"}


def _meeting_ics(meeting: Meeting, *, method: str, organizer: tuple[str, str]) -> bytes:
    """The meeting's calendar without attendees (the invitee is spliced in per e-mail)."""
    location = ", ".join(part for part in (meeting.place, meeting.online_url) if part)
    url = settings.SITE_URL + meeting.get_absolute_url()
    event = ics.IcsEvent(
        uid=ics.uid_for("meeting", meeting.pk),
        start=meeting.start,
        end=meeting.end,
        summary=f"{meeting.title} – {meeting.body.name}",
        description=f"{to_plain(meeting.invitation_message)}\n\n{url}".strip(),
        location=location,
        url=url,
        sequence=meeting.sequence,
        status="CANCELLED" if method == "CANCEL" else "CONFIRMED",
        organizer_email=organizer[0],
        organizer_name=organizer[1],
        last_modified=meeting.updated_at,
    )
    return ics.build_calendar([event], method=method)


def _with_attendee(calendar: bytes, invitation: Invitation) -> bytes:
    """``calendar`` with the invitee as ATTENDEE. Building the whole calendar (with its
    VTIMEZONE) for each of hundreds of invitees is the slow part, so only the ATTENDEE
    line is serialised here, by icalendar, and placed before END:VEVENT."""
    address = vCalAddress(f"mailto:{invitation.email}")
    if invitation.name:
        address.params["cn"] = vText(invitation.name)
    address.params["role"] = vText("REQ-PARTICIPANT")
    address.params["partstat"] = vText(_PARTSTAT.get(invitation.answer, "NEEDS-ACTION"))
    address.params["rsvp"] = vText("TRUE")
    line = Contentline.from_parts("ATTENDEE", address.params, address).to_ical() + b"\r\n"
    head, tail = calendar.rsplit(b"END:VEVENT\r\n", 1)
    return head + line + b"END:VEVENT\r\n" + tail


def _language_of(invitation: Invitation) -> str:
    """The invitee's chosen language (their account's), else the site's (Swedish)."""
    user = invitation.user if invitation.user_id else None
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def queue_invitations(
    meeting: Meeting, invitations: list[Invitation], *, method: str, actor: User | None, update: bool = False
) -> int:
    """Queue the invitation (REQUEST) or cancellation (CANCEL) e-mail of each invitee, in their language."""
    from samverka.platform.notifications.services import EmailSpec, enqueue_emails

    organizer = _organizer(meeting, actor)
    calendar = _meeting_ics(meeting, method=method, organizer=organizer)
    meeting_url = settings.SITE_URL + meeting.get_absolute_url()
    message = to_plain(meeting.invitation_message)
    specs = []
    for invitation in invitations:
        with translation.override(_language_of(invitation)):
            when = format_when(meeting)
            context = {
                "meeting": meeting,
                "invitation": invitation,
                "when": when,
                "meeting_url": meeting_url,
                "message": message,
                "update": update,
            }
            if method == "CANCEL":
                subject = _("Cancelled: %(title)s, %(when)s") % {"title": meeting.title, "when": when}
                template = "meetings/email/invitation_cancel.txt"
                key, filename = f"meeting-cancel:{invitation.pk}:{meeting.sequence}", "avbokning.ics"
            else:
                base = answer_url(invitation)
                context.update(
                    {
                        "answer_url": base,
                        "yes_url": f"{base}?answer={Answer.YES}",
                        "no_url": f"{base}?answer={Answer.NO}",
                        "maybe_url": f"{base}?answer={Answer.MAYBE}",
                    }
                )
                label = _("Updated invitation") if update else _("Invitation")
                subject = f"{label}: {meeting.title}, {when}"
                template = "meetings/email/invitation.txt"
                key, filename = f"meeting-invitation:{invitation.pk}:{meeting.sequence}", "kallelse.ics"
            body = render_to_string(template, context)
        specs.append(
            EmailSpec(
                to=invitation.email,
                subject=subject,
                body=body,
                key=key,
                attachments=((filename, _with_attendee(calendar, invitation), f"text/calendar; method={method}"),),
                reply_to=organizer[0],
            )
        )
    return enqueue_emails(specs, space=meeting.body.space)
