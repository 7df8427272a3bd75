"""The orders on the industry forum's annual wheel: Q4 decides new orders, Q3 follows up earlier ones.

Seed 004 (ch. 6.4, 6.5.5) gives the forum's year a rhythm: in Q4 the forum decides its education orders, in Q3
it looks at how earlier orders turned out — started, completed, established — and an analysis of how the result
meets the industry's needs, with a named responsible, is on the agenda. ``agenda_sync`` writes that onto a forum's
meeting the wheel generated for the Q3 or Q4 slot:

* Q4 — "Education orders: new and open": every order of the forum that is not closed, with its status and the
  due date of its next step (a decision item).
* Q3 — "Outcomes of earlier orders and cohort data": every order of the forum that has reached delivery, with the
  cohort follow-up of its offerings (``cohorts.selectors.follow_up_table``: small figures masked, as everything
  that leaves the planner views), and the analysis block with its responsible (the forum's first leader: chair,
  process leader or secretary) and due date (two weeks before the meeting).

A meeting's agenda is shown to everyone who may see the meeting — visitors included — so the item names only
*published* orders (linked to their public pages, with their public figures); the others are only counted, with
a pointer to the space's order overview, which is for its insiders. The agenda item is the meetings app's, added
and changed only through its services; ``OrderAgendaItem`` remembers
which item it is, so syncing again updates it. A meeting that is held, cancelled or has approved minutes is left
as it was. ``sync_order_agendas`` (run daily, ``manage.py sync_order_agendas``) syncs every Q3/Q4 meeting of the
coming months. Texts are written in the site's language: the agenda is shared content.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.bodies.models import BODY_LEADING_ROLES, Membership
from samverka.collaboration.meetings import services as meeting_services
from samverka.collaboration.meetings.models import AgendaItem, Meeting, MeetingStatus
from samverka.collaboration.meetings.models import AgendaKind as MeetingAgendaKind
from samverka.education.cohorts.selectors import follow_up_table
from samverka.education.orders.models import (
    AgendaKind,
    EducationOrder,
    OrderAgendaItem,
    OrderStatus,
)
from samverka.platform.accounts.models import User

#: The statuses of an order whose outcome the Q3 meeting follows up (an offering delivers it).
DELIVERING = (
    OrderStatus.IN_DELIVERY,
    OrderStatus.DELIVERED,
    OrderStatus.OUTCOME_REPORTED,
    OrderStatus.CLOSED,
)
#: How long before the meeting the Q3 analysis is due.
ANALYSIS_LEAD = timedelta(days=14)
#: How far ahead the daily sync looks.
SYNC_HORIZON = timedelta(days=120)


def meeting_kind(meeting: Meeting) -> str | None:
    """``"q3"`` / ``"q4"`` when the wheel generated ``meeting`` for the industry forum's Q3 or Q4 slot."""
    keys = {link.slot.key for link in meeting.wheel_links.all()}
    for kind in (AgendaKind.OPEN_ORDERS, AgendaKind.OUTCOMES):
        if kind.value in keys:
            return str(kind.value)
    return None


def _responsible(meeting: Meeting) -> Contact | None:
    membership = (
        Membership.objects.filter(body_id=meeting.body_id, role__in=BODY_LEADING_ROLES)
        .current()
        .select_related("contact")
        .order_by("role", "pk")
        .first()
    )
    return membership.contact if membership else None


def _status_line(order: EducationOrder) -> str:
    line = f'<a href="{order.get_public_url()}">{escape(order.title)}</a> – {escape(order.get_status_display())}'
    if order.due_on and order.status != OrderStatus.CLOSED:
        line += " " + escape(_("(next step due %(date)s)") % {"date": order.due_on.isoformat()})
    return line


def _unpublished_note(orders: list[EducationOrder]) -> str:
    """The orders not published, counted only (the agenda is public), with where insiders find them."""
    hidden = [order for order in orders if not order.is_published]
    if not hidden:
        return ""
    overview = reverse("orders:order-list", kwargs={"space": hidden[0].space.slug})
    text = ngettext(
        "%(n)s more order is not published; the space's members find it on the order overview.",
        "%(n)s more orders are not published; the space's members find them on the order overview.",
        len(hidden),
    ) % {"n": len(hidden)}
    return f'<p><a href="{overview}">{escape(text)}</a></p>'


def _open_orders_text(orders: list[EducationOrder]) -> tuple[str, str]:
    title = _("Education orders: new and open")
    if not orders:
        return title, "<p>" + escape(_("The forum has no open education orders.")) + "</p>"
    shown = [order for order in orders if order.is_published]
    intro = escape(_("The forum's education orders that are not closed, for decision and follow-up:"))
    items = f"<p>{intro}</p><ul>" + "".join(f"<li>{_status_line(order)}</li>" for order in shown) + "</ul>"
    return title, (items if shown else "") + _unpublished_note(orders)


def _outcome_lines(orders: list[EducationOrder]) -> dict[int, list[str]]:
    """order id → a line per linked offering × start year of the follow-up table (one table for all the orders)."""
    if not orders:
        return {}
    wanted = {offering.pk for order in orders for offering in order.offerings.all()}
    table = follow_up_table(space=orders[0].space, offering_ids=wanted)
    by_offering: dict[int, list[str]] = {}
    for row in table.rows:
        cells = {name: str(cell.value) if cell.value is not None else f"<{table.k}" for name, cell in row.cells.items()}
        by_offering.setdefault(row.offering_id, []).append(
            escape(
                _(
                    "%(offering)s, start %(year)s: started %(started)s, completed %(completed)s, "
                    "established or working after 1 year %(established)s"
                )
                % {
                    "offering": row.offering,
                    "year": row.start_year,
                    "started": cells["started"],
                    "completed": cells["completed"],
                    "established": cells["established_1"],
                }
            )
        )
    return {
        order.pk: [line for offering in order.offerings.all() for line in by_offering.get(offering.pk, [])]
        for order in orders
    }


def _outcomes_text(orders: list[EducationOrder], responsible: Contact | None, due: date) -> tuple[str, str, str]:
    title = _("Outcomes of earlier orders and cohort data")
    parts = []
    if not orders:
        parts.append("<p>" + escape(_("None of the forum's orders has an offering delivering it yet.")) + "</p>")
    published = [order for order in orders if order.is_published]
    outcomes = _outcome_lines(published)
    for order in published:
        lines = outcomes[order.pk] or [escape(_("No cohort of its offerings is followed up yet."))]
        parts.append(f"<p>{_status_line(order)}</p><ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>")
    if orders:
        parts.append(_unpublished_note(orders))
    who = responsible.name if responsible else _("not named yet")
    parts.append(
        "<p><strong>"
        + escape(_("Analysis: how does the result meet the industry's needs?"))
        + "</strong> "
        + escape(_("Responsible: %(name)s. Due %(date)s.") % {"name": who, "date": due.isoformat()})
        + "</p>"
    )
    return title, "".join(parts), responsible.name if responsible else ""


def _agenda_open(meeting: Meeting) -> bool:
    return (
        meeting.status != MeetingStatus.CANCELLED
        and meeting.start > timezone.now()
        and not meeting.minutes_versions.filter(approved_at__isnull=False).exists()
    )


@transaction.atomic
def agenda_sync(*, actor: User | None, meeting: Meeting) -> OrderAgendaItem | None:
    """Put the forum's orders on ``meeting`` (its Q3 or Q4 meeting), or bring the item up to date.

    Returns the link row, or ``None`` when the meeting is not a Q3/Q4 meeting of the wheel or its agenda is no
    longer open (held, cancelled, minutes approved). The meetings app checks that ``actor`` may change the meeting.
    """
    kind = meeting_kind(meeting)
    if kind is None or not _agenda_open(meeting):
        return None
    with translation.override(settings.LANGUAGE_CODE):
        orders = EducationOrder.objects.filter(origin_body_id=meeting.body_id).select_related("space")
        if kind == AgendaKind.OPEN_ORDERS:
            chosen = list(orders.exclude(status=OrderStatus.CLOSED).order_by("created_at", "pk"))
            title, description = _open_orders_text(chosen)
            item_kind, presenter, responsible, due = MeetingAgendaKind.DECISION, "", None, None
        else:
            chosen = list(orders.filter(status__in=DELIVERING).prefetch_related("offerings").order_by("pk"))
            responsible = _responsible(meeting)
            due = timezone.localtime(meeting.start).date() - ANALYSIS_LEAD
            title, description, presenter = _outcomes_text(chosen, responsible, due)
            item_kind = MeetingAgendaKind.DISCUSSION
    link = OrderAgendaItem.objects.select_for_update().filter(meeting=meeting, kind=kind).first()
    item = None
    if link and link.agenda_item_id:
        item = AgendaItem.objects.filter(pk=link.agenda_item_id, meeting=meeting).first()
    if item is None:
        item = meeting_services.agenda_item_add(
            actor=actor,
            meeting=meeting,
            title=title,
            kind=item_kind,
            description=description,
            presenter=presenter,
        )
    else:
        item = meeting_services.agenda_item_update(
            actor=actor,
            item=item,
            data=meeting_services.AgendaItemData(
                title=title, kind=item_kind, description=description, presenter=presenter
            ),
        )
    if link is None:
        link = OrderAgendaItem(meeting=meeting, kind=kind)
    link.agenda_item = item
    link.responsible = responsible
    link.analysis_due = due
    link.synced_at = timezone.now()
    link.save()
    link.orders.set(chosen)
    return link


def sync_order_agendas(today: date | None = None, *, horizon: timedelta = SYNC_HORIZON) -> int:
    """Sync every coming Q3/Q4 meeting of a forum that has education orders; the number of meetings synced."""
    start = timezone.now()
    if today is not None:
        start = max(start, timezone.make_aware(datetime.combine(today, time.min)))
    bodies = EducationOrder.objects.values("origin_body_id").distinct()
    meetings = (
        Meeting.objects.filter(
            body_id__in=bodies,
            start__gte=start,
            start__lt=start + horizon,
            wheel_links__slot__key__in=[AgendaKind.OPEN_ORDERS.value, AgendaKind.OUTCOMES.value],
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .distinct()
        .prefetch_related("wheel_links__slot")
    )
    synced = 0
    for meeting in meetings:
        try:
            if agenda_sync(actor=None, meeting=meeting) is not None:
                synced += 1
        except ValidationError:
            continue  # the meetings app refused (its agenda closed meanwhile): left as it was
    return synced
