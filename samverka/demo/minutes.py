"""Demo: minutes of the held meetings, with attendance, numbered decisions and action items.

For the latest held meetings of every body (from the annual wheels): the chair,
secretary and an adjuster are named from the body's members, attendance is
recorded, the minutes are written per agenda item, decisions are numbered per
body and year, and action items are given to members — the older ones done,
some overdue, some still coming. Minutes are approved where both the chair and
the adjuster (who get accounts, as members who sign do) have approved; every
fourth waits for approval, so "my page" has minutes to approve, and another
fourth is approved but not yet published, so every stage of a meeting's
lifecycle (planned, invited, held, minutes written, approved, published) is in
the demo. The next meeting of each body within ten weeks gets its invitation
sent, with a message: internal practicalities for most, a public link and
message for the open competence workshops.
"""

from datetime import timedelta

from django.utils import timezone

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.actors.services import ContactData, contact_update
from samverka.collaboration.bodies.models import BodyRole, Membership
from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import Meeting, MeetingStatus
from samverka.platform.spaces.services import space_member_add

#: How many of each body's latest held meetings get minutes.
PER_BODY = 3


def _texts(meeting: Meeting) -> dict[int, str]:
    texts = {}
    for item in meeting.agenda_items.all():
        if item.is_follow_up:
            texts[item.pk] = "Öppna beslut och åtgärder gicks igenom. Försenade punkter får nya datum vid behov."
        else:
            texts[item.pk] = (
                f"{item.title}: föredragande redogjorde för läget. Gruppen diskuterade frågan och "
                "lyfte behovet av fortsatt samverkan mellan aktörerna."
            )
    return texts


def _give_account(contact: Contact, meeting: Meeting) -> None:
    """Members who sign minutes have accounts (without a password: they set one with "forgot password")."""
    if contact.user_id or not contact.email:
        return
    membership = space_member_add(
        space=meeting.body.space, email=contact.email, role="member", actor=None, full_name=contact.name
    )
    contact_update(actor=None, contact=contact, data=ContactData(user=membership.user))


def load_minutes() -> int:
    """Write minutes for the latest held meetings; returns the number of meetings given minutes."""
    now = timezone.now()
    held = (
        Meeting.objects.filter(end__lt=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .prefetch_related("agenda_items")
        .order_by("body_id", "-start")
    )
    done_per_body: dict[int, int] = {}
    chosen = []
    for meeting in held:  # the latest few of each body, then written oldest first (numbers follow time)
        if done_per_body.get(meeting.body_id, 0) < PER_BODY:
            done_per_body[meeting.body_id] = done_per_body.get(meeting.body_id, 0) + 1
            chosen.append(meeting)
    count = 0
    for meeting in sorted(chosen, key=lambda m: (m.start, m.pk)):
        members = list(
            Membership.objects.current(meeting.start.date())
            .filter(body_id=meeting.body_id)
            .select_related("contact__user", "organisation")
            .order_by("pk")
        )
        chair = next((m.contact for m in members if m.role == BodyRole.CHAIR), None)
        secretary = next((m.contact for m in members if m.role == BodyRole.SECRETARY), None)
        with_account = [m.contact for m in members if m.contact.user_id]
        if (chair is None or not chair.user_id) and len(with_account) >= 2:
            chair = with_account[0]  # the meeting elected a chair of its own (mötesordförande)
        others = [m.contact for m in members if m.contact != chair]
        adjuster = next((c for c in others if c.user_id), None) or (others[0] if others else None)
        if chair is None or adjuster is None or not meeting.agenda_items.all():
            continue
        for signatory in (chair, adjuster):
            _give_account(signatory, meeting)
        meeting = services.meeting_update(
            actor=None,
            meeting=meeting,
            data=services.MeetingData(
                chair=chair,
                adjuster=adjuster,
                secretary=secretary,
                # One in four approved minutes waits to be published ("Publish the minutes").
                is_public=meeting.body.is_public and count % 4 != 2,
            ),
        )
        services.attendance_record(
            actor=None,
            meeting=meeting,
            entries=[
                services.AttendanceEntry(
                    name=m.contact.name,
                    contact=m.contact,
                    organisation_name=m.organisation.name,
                    role_label=str(m.get_role_display()),
                    status="absent" if i % 5 == 4 else "present",
                )
                for i, m in enumerate(members)
            ],
        )
        services.minutes_save(actor=None, meeting=meeting, texts=_texts(meeting))
        items = [i for i in meeting.agenda_items.all() if not i.is_follow_up]
        target = next((i for i in items if i.kind == "decision"), items[0] if items else None)
        day = meeting.start.date()
        decision = services.decision_create(
            actor=None,
            meeting=meeting,
            agenda_item=target,
            text=f"{meeting.body.name} beslutar att ge sekretariatet i uppdrag att ta fram ett underlag "
            f"om {target.title.lower() if target else 'frågan'} till nästa möte.",
            responsible_contact=secretary or chair,
            due_date=day + timedelta(days=45),
        )
        owner = others[count % len(others)]
        action = services.action_item_create(
            actor=None,
            meeting=meeting,
            title="Sammanställ synpunkter från medlemsorganisationerna",
            owner_contact=owner,
            due_date=day + timedelta(days=30),
            decision=decision,
        )
        if day + timedelta(days=90) < timezone.localdate():  # long ago: followed up and closed
            services.action_item_set_status(actor=None, item=action, status="done")
            services.decision_close(actor=None, decision=decision, closing_note="Underlaget presenterades och godtogs.")
        services.minutes_submit(actor=None, meeting=meeting)
        if count % 4 != 3:  # most are approved; some wait for a signature
            chair.refresh_from_db()
            adjuster.refresh_from_db()
            services.minutes_approve(actor=chair.user, meeting=meeting)
            services.minutes_approve(actor=adjuster.user, meeting=meeting)
        count += 1
    return count


def _invitation_details(meeting: Meeting) -> dict[str, object]:
    """The message of the invitation: internal practicalities (a door code), except for the open
    competence workshops, whose link and message are public so that anyone may join."""
    if meeting.body.kind == "local_competence_workshop":
        return {
            "invitation_message": "Verkstaden är öppen för alla som arbetar med kompetensförsörjning i kommunen. "
            "Anslut digitalt med länken, ingen anmälan behövs.",
            "details_public": True,
        }
    return {
        "invitation_message": "Välkomna! Portkod 4711, anmäl er i receptionen. Skicka gärna synpunkter på "
        "underlaget till sekreteraren senast dagen före.",
        "details_public": False,
    }


def load_invitations() -> int:
    """Send the invitation (kallelse) of each body's next meeting; returns the number of invitations."""
    now = timezone.now()
    sent = 0
    seen: set[int] = set()
    for meeting in (
        Meeting.objects.filter(start__gt=now, invited_at__isnull=True)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("start", "pk")
    ):
        if meeting.body_id in seen or meeting.start > now + timedelta(days=70):
            continue
        seen.add(meeting.body_id)
        services.meeting_update(actor=None, meeting=meeting, data=services.MeetingData(**_invitation_details(meeting)))
        sent += services.invitations_send(actor=None, meeting=meeting)
    return sent
