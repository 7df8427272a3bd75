"""Meetings at national scale: a year behind and half a year ahead for every open body.

Part of ``generate_national_data`` (see generator.py). Every open body meets
every four to eight weeks; held meetings have minutes (one version, approved),
decisions numbered per body and year and action items, some still open and
some overdue; coming meetings have agendas, and those in the next two months
have invitations to the body's current members. Written with ``bulk_create``
in batches, bypassing the per-row audit log like the rest of the generated
data (approvals are left out: they need user accounts, which the generated
people do not have).
"""

import random
import secrets
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from samverka.collaboration.bodies.models import Body, Membership
from samverka.collaboration.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    DecisionCounter,
    Invitation,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesVersion,
)
from samverka.platform.core.ics import STOCKHOLM

BATCH_SIZE = 2_000
#: Themes that recur on generated agendas: (title, kind).
AGENDA = (
    ("Mötets öppnande och val av justerare", "information"),
    ("Läget i branschen och regionen", "discussion"),
    ("Kompetensbehov och prognoser", "discussion"),
    ("Utbildningsutbud och beställningar", "decision"),
    ("Övriga frågor", "information"),
)
DECISIONS = (
    "Forumet ställer sig bakom förslaget till utbildningsbeställning.",
    "Arbetsgruppen får i uppdrag att ta fram ett underlag till nästa möte.",
    "Lägesrapporten godkänns och läggs till handlingarna.",
    "Handlingsplanen antas med de ändringar som framkom vid mötet.",
)
ACTIONS = (
    "Sammanställa statistik om avslutade utbildningar",
    "Kontakta utbildningsanordnare om nya platser",
    "Ta fram förslag till dagordning för framtidsseminariet",
    "Återkoppla till regionens fokusgrupp",
)


def _working_day(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def generate_meetings(
    *, rng: random.Random, today: date | None = None, log: Callable[[str], None] = lambda message: None
) -> dict[str, int]:
    """Generate the meetings of every open body; returns row counts."""
    today = today or timezone.localdate()
    now = timezone.now()
    bodies = list(Body.objects.filter(closed_at__isnull=True).only("pk", "name", "is_public", "space_id"))
    seats: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    for body_id, contact_id, name, email, organisation in (
        Membership.objects.filter(end_date__isnull=True)
        .exclude(contact__email="")
        .values_list("body_id", "contact_id", "contact__name", "contact__email", "organisation__name")
        .iterator(chunk_size=BATCH_SIZE)
    ):
        seats[body_id].append((contact_id, name, email, organisation or ""))

    meetings: list[Meeting] = []
    for body in bodies:
        interval = rng.choice((28, 35, 42, 56))
        day = today - timedelta(days=365 - rng.randint(0, interval))
        while day < today + timedelta(days=182):
            start = datetime.combine(_working_day(day), time(rng.choice((9, 10, 13, 14)))).replace(tzinfo=STOCKHOLM)
            held = start.date() < today
            meetings.append(
                Meeting(
                    body_id=body.pk,
                    title=f"{body.name} – möte",
                    start=start,
                    end=start + timedelta(hours=2),
                    place="Regionens hus, sal 2" if rng.random() < 0.5 else "",
                    online_url="https://meet.example.se/" + secrets.token_hex(6) if rng.random() < 0.7 else "",
                    status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
                    is_public=body.is_public,
                )
            )
            day += timedelta(days=interval)
    Meeting.objects.bulk_create(meetings, batch_size=BATCH_SIZE)
    log(f"{len(meetings)} meetings")

    items: list[AgendaItem] = []
    for meeting in meetings:
        for position, (title, kind) in enumerate(AGENDA, start=1):
            items.append(AgendaItem(meeting_id=meeting.pk, position=position, title=title, kind=kind))
        items.append(
            AgendaItem(meeting_id=meeting.pk, position=len(AGENDA) + 1, title="Uppföljning", is_follow_up=True)
        )
    AgendaItem.objects.bulk_create(items, batch_size=BATCH_SIZE)
    decision_items = {item.meeting_id: item for item in items if item.kind == "decision"}
    minuted_items: dict[int, list[AgendaItem]] = defaultdict(list)  # the follow-up item has no minutes of its own
    for item in items:
        if not item.is_follow_up:
            minuted_items[item.meeting_id].append(item)
    log(f"{len(items)} agenda items")

    versions: list[MinutesVersion] = []
    decisions: list[Decision] = []
    counters: dict[tuple[int, int], int] = defaultdict(int)
    invitations: list[Invitation] = []
    for meeting in meetings:
        if meeting.status == MeetingStatus.HELD:
            versions.append(MinutesVersion(meeting_id=meeting.pk, number=1, submitted_at=now, approved_at=now))
            for _ in range(rng.randint(0, 2)):
                year = meeting.start.year
                counters[(meeting.body_id, year)] += 1
                decisions.append(
                    Decision(
                        body_id=meeting.body_id,
                        meeting_id=meeting.pk,
                        agenda_item=decision_items[meeting.pk],
                        year=year,
                        number=counters[(meeting.body_id, year)],
                        text=rng.choice(DECISIONS),
                        decided_on=meeting.start.date(),
                        due_date=meeting.start.date() + timedelta(days=rng.randint(30, 240))
                        if rng.random() < 0.5
                        else None,
                        opened_at=meeting.start,
                        closed_at=now if rng.random() < 0.5 else None,
                    )
                )
        elif meeting.start.date() < today + timedelta(days=60):
            for contact_id, name, email, organisation in seats.get(meeting.body_id, ()):
                invitations.append(
                    Invitation(
                        meeting_id=meeting.pk,
                        contact_id=contact_id,
                        name=name,
                        email=email,
                        organisation_name=organisation[:255],
                        answer=rng.choice(("pending", "pending", "yes", "yes", "no", "maybe")),
                        token_nonce=secrets.token_hex(8),
                        sent_at=now,
                    )
                )
    MinutesVersion.objects.bulk_create(versions, batch_size=BATCH_SIZE)
    Minutes.objects.bulk_create(
        [
            Minutes(version_id=version.pk, agenda_item_id=item.pk, text="<p>Diskussion enligt underlag.</p>")
            for version in versions
            for item in minuted_items[version.meeting_id]
        ],
        batch_size=BATCH_SIZE,
    )
    Decision.objects.bulk_create(decisions, batch_size=BATCH_SIZE)
    DecisionCounter.objects.bulk_create(
        [DecisionCounter(body_id=body_id, year=year, last=last) for (body_id, year), last in counters.items()],
        batch_size=BATCH_SIZE,
    )
    Invitation.objects.bulk_create(invitations, batch_size=BATCH_SIZE)
    log(f"{len(versions)} approved minutes, {len(decisions)} decisions, {len(invitations)} invitations")

    actions: list[ActionItem] = []
    for decision in decisions:
        contacts = seats.get(decision.body_id)
        if not contacts or rng.random() < 0.3:
            continue
        done = rng.random() < 0.5
        actions.append(
            ActionItem(
                body_id=decision.body_id,
                meeting_id=decision.meeting_id,
                decision_id=decision.pk,
                title=rng.choice(ACTIONS),
                owner_contact_id=rng.choice(contacts)[0],
                due_date=decision.decided_on + timedelta(days=rng.randint(14, 120)),
                status=ActionStatus.DONE if done else rng.choice((ActionStatus.OPEN, ActionStatus.IN_PROGRESS)),
                opened_at=decision.opened_at,
                done_at=now if done else None,
            )
        )
    ActionItem.objects.bulk_create(actions, batch_size=BATCH_SIZE)
    log(f"{len(actions)} action items")
    return {
        "meetings": len(meetings),
        "agenda items": len(items),
        "minutes versions": len(versions),
        "decisions": len(decisions),
        "action items": len(actions),
        "invitations": len(invitations),
    }
