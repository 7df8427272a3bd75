"""Every write about education orders. Each function is one transaction; a refusal (PermissionDenied or
ValidationError) changes nothing. ``actor=None`` is the system (the demo loader, the daily reminders).

Decisions recorded here:

* An order moves only to the next step of ``STATUS_CHAIN``; a jump is refused naming the expected step.
  Sending needs an addressee; "decided" needs every addressee's line decision; "in delivery" needs a
  linked offering or (for a validation order) a linked validation offer. Each step gets a due date (given, else ``STEP_DAYS`` from today; none once closed) and
  clears an escalation (the new step has its own clock).
* The delivering offerings and validation offers are the space's own; validation offers deliver only an order
  of the type validation. ``order_link_offering`` is the one-click link from a suggestion.
* A line decision is recorded by whoever runs the addressee body (its leaders, the space's secretariat);
  "partly" and "rejected" need a reason.
* The CSV upload (``orders_bulk_update``) takes the export's columns; every changed row goes through
  ``order_transition``/``order_set_due``; one bad row and nothing is saved, every error listed by row.
* ``send_order_reminders`` (daily) e-mails the leaders of the ordering body and of the body it reports to
  (the space's secretariat when it reports to none) about each overdue order, once per step, and marks the
  order escalated.
"""

import csv
import dataclasses
import io
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.bodies.models import Body, BodyStatus
from samverka.collaboration.bodies.selectors import leader_emails
from samverka.collaboration.meetings.models import Decision, Meeting
from samverka.education.catalogue.models import Offering
from samverka.education.orders import secrecy
from samverka.education.orders.models import (
    ACTIVE_STATUSES,
    STATUS_CHAIN,
    EducationOrder,
    LineDecision,
    OrderAddressee,
    OrderConsultation,
    OrderEvent,
    OrderForm,
    OrderOccupation,
    OrderStatus,
    OrderType,
    next_status,
)
from samverka.education.validation.models import ValidationOffer
from samverka.insight.analyses.models import Analysis
from samverka.insight.statistics.csvformat import csv_bytes, neutralise
from samverka.platform.accounts.models import User
from samverka.platform.core.models import Municipality
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.notifications.services import EmailSpec, enqueue_emails
from samverka.platform.spaces.models import MANAGING_ROLES, Space, SpaceMembership
from samverka.records.questions.models import Question, QuestionKind

#: Days allowed for the step an order enters, when no due date is given.
STEP_DAYS: dict[str, int] = {
    OrderStatus.DRAFT: 30,
    OrderStatus.SENT: 14,
    OrderStatus.RECEIVED: 14,
    OrderStatus.UNDER_ASSESSMENT: 60,
    OrderStatus.DECIDED: 90,
    OrderStatus.IN_DELIVERY: 365,
    OrderStatus.DELIVERED: 365,
    OrderStatus.OUTCOME_REPORTED: 30,
}

#: The columns of the CSV export, which the upload reads back.
CSV_COLUMNS = (
    "id",
    "title",
    "status",
    "due_on",
    "type",
    "priority",
    "ordered_by",
    "sent_on",
    "secrecy_provision",
    "rationale",
)


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderData(ServiceData):
    title: str | Unset = UNSET
    origin_body: Body | Unset = UNSET
    origin_decision: Decision | None | Unset = UNSET
    registration_number: str | Unset = UNSET
    question: Question | None | Unset = UNSET
    order_type: str | Unset = UNSET
    sun_field: str | Unset = UNSET
    municipalities: list[Municipality] | Unset = UNSET
    forms: list[str] | Unset = UNSET
    start_year: int | None | Unset = UNSET
    end_year: int | None | Unset = UNSET
    rationale: str | Unset = UNSET
    priority: int | Unset = UNSET
    due_on: date | None | Unset = UNSET
    is_published: bool | Unset = UNSET
    offerings: list[Offering] | Unset = UNSET
    validation_offers: list[ValidationOffer] | Unset = UNSET
    analyses: list[Analysis] | Unset = UNSET
    trend_meeting: Meeting | None | Unset = UNSET


def ssyk_unit_codes() -> frozenset[str]:
    from samverka.insight.classifications.models import ClassificationItem

    return frozenset(
        ClassificationItem.objects.filter(scheme="ssyk2012", code__regex=r"^\d{4}$").values_list("code", flat=True)
    )


def _log(order: EducationOrder, actor: User | None, from_status: str, to_status: str, note: str = "") -> None:
    OrderEvent.objects.create(order=order, from_status=from_status, to_status=to_status, note=note, by=actor)


def _check(space: Space, values: dict[str, Any], *, creating: bool, current_type: str = "") -> None:
    errors: dict[str, str] = {}
    title = values.get("title")
    if (creating or "title" in values) and not (title or "").strip():
        errors["title"] = _("Give the order a title.")
    body = values.get("origin_body")
    if creating and body is None:
        errors["origin_body"] = _("Choose the body that orders the education.")
    elif isinstance(body, Body):
        if body.space_id != space.pk:
            errors["origin_body"] = _("The body must belong to the same space.")
        elif body.status == BodyStatus.CLOSED:
            errors["origin_body"] = _("%(body)s is closed and cannot order.") % {"body": body.name}
    decision = values.get("origin_decision")
    if isinstance(decision, Decision) and decision.body.space_id != space.pk:
        errors["origin_decision"] = _("The decision must be one of this space's bodies.")
    question = values.get("question")
    if isinstance(question, Question) and (
        question.space_id != space.pk or question.kind != QuestionKind.EDUCATION_ORDER
    ):
        errors["question"] = _("Only an education order of this space can grow into a tracked order.")
    if (creating or "order_type" in values) and values.get("order_type") not in OrderType.values:
        errors["order_type"] = _("Choose the type of order.")
    unknown_forms = [code for code in values.get("forms") or [] if code not in OrderForm.values]
    if unknown_forms:
        errors["forms"] = _("Unknown form: %(forms)s.") % {"forms": ", ".join(unknown_forms)}
    start, end = values.get("start_year"), values.get("end_year")
    if start and end and end < start:
        errors["end_year"] = _("The end year cannot be before the start year.")
    priority = values.get("priority")
    if priority is not None and priority not in (1, 2, 3):
        errors["priority"] = _("The priority is 1, 2 or 3.")
    county = space.county_id
    outside = [m.name for m in values.get("municipalities") or [] if county and m.county_id != county]
    if outside:
        errors["municipalities"] = _("Not in the space's county: %(names)s.") % {"names": ", ".join(outside)}
    if [a for a in values.get("analyses") or [] if a.space_id != space.pk]:
        errors["analyses"] = _("Only analyses of this space can back the rationale.")
    meeting = values.get("trend_meeting")
    if isinstance(meeting, Meeting) and meeting.body.space_id != space.pk:
        errors["trend_meeting"] = _("The trend discussion must be a meeting of one of this space's bodies.")
    foreign = [o for o in values.get("offerings") or [] if o.space_id != space.pk]
    if foreign:
        errors["offerings"] = _("Only offerings of this space can deliver the order: %(names)s.") % {
            "names": ", ".join(str(o) for o in foreign)
        }
    offers = values.get("validation_offers") or []
    if offers:
        order_type = values.get("order_type", current_type)
        foreign = [o.title for o in offers if o.space_id != space.pk]
        if foreign:
            errors["validation_offers"] = _(
                "Only validation offers of this space can deliver the order: %(names)s."
            ) % {"names": ", ".join(foreign)}
        elif order_type != OrderType.VALIDATION:
            errors["validation_offers"] = _("Only an order of the type validation is delivered by validations.")
    if errors:
        raise ValidationError(errors)


def _save_relations(order: EducationOrder, values: dict[str, Any]) -> None:
    if "municipalities" in values:
        order.municipalities.set(values["municipalities"])
    if "offerings" in values:
        order.offerings.set(values["offerings"])
    if "validation_offers" in values:
        order.validation_offers.set(values["validation_offers"])
    if "analyses" in values:
        order.analyses.set(values["analyses"])


_RELATIONS = ("municipalities", "offerings", "validation_offers", "analyses")


@transaction.atomic
def order_create(*, actor: User | None, space: Space, data: OrderData) -> EducationOrder:
    """A new order in draft, ordered by ``data.origin_body`` (which the actor must run)."""
    values = data.given()
    body = values.get("origin_body")
    ensure(actor is None or (isinstance(body, Body) and actor.has_perm("bodies.change_body", body)))
    _check(space, values, creating=True)
    fields = {k: v for k, v in values.items() if k not in _RELATIONS}
    fields["title"] = fields["title"].strip()
    fields.setdefault("due_on", timezone.localdate() + timedelta(days=STEP_DAYS[OrderStatus.DRAFT]))
    order = EducationOrder.objects.create(space=space, created_by=actor, **fields)
    _save_relations(order, values)
    _log(order, actor, "", OrderStatus.DRAFT, _("Order created."))
    return order


@transaction.atomic
def order_update(*, actor: User | None, order: EducationOrder, data: OrderData) -> EducationOrder:
    """Change the order's fields; nothing is written when nothing changed."""
    ensure(actor is None or actor.has_perm("orders.change_educationorder", order))
    values = data.given()
    new_body = values.get("origin_body")
    if isinstance(new_body, Body) and new_body.pk != order.origin_body_id:  # handing the order to another body
        ensure(actor is None or actor.has_perm("bodies.change_body", new_body))
    _check(order.space, values, creating=False, current_type=order.order_type)
    changed: list[str] = []
    for name, value in values.items():
        if name in _RELATIONS:
            continue
        if name == "title":
            value = value.strip()
        if getattr(order, name) != value:
            setattr(order, name, value)
            changed.append(name)
    if changed:
        order.save(update_fields=[*changed, "updated_at"])
    _save_relations(order, values)
    return order


@transaction.atomic
def order_link_offering(*, actor: User | None, order: EducationOrder, offering: Offering) -> EducationOrder:
    """Link one more delivering offering (the "Link" button of a suggestion), through ``order_update``."""
    linked = list(order.offerings.all())
    if any(o.pk == offering.pk for o in linked):
        return order
    return order_update(actor=actor, order=order, data=OrderData(offerings=[*linked, offering]))


@transaction.atomic
def order_track_question(*, actor: User | None, question: Question) -> EducationOrder:
    """Turn an education-order message into a tracked order (sent, with its receiver as addressee)."""
    existing = EducationOrder.objects.filter(question=question).first()
    if existing is not None:
        return existing
    if question.kind != QuestionKind.EDUCATION_ORDER:
        raise ValidationError(_("Only an education order can be tracked as an order."))
    ensure(actor is None or actor.has_perm("orders.track_question", question))
    today = timezone.localdate()
    order = EducationOrder.objects.create(
        space_id=question.space_id,
        title=question.title,
        origin_body=question.from_body,
        question=question,
        order_type=OrderType.NEW,
        rationale=question.text,
        status=OrderStatus.SENT,
        sent_on=timezone.localdate(question.created_at),
        due_on=max(question.due_on, today),
        created_by=actor,
    )
    OrderAddressee.objects.create(order=order, body=question.to_body)
    _log(order, actor, "", OrderStatus.SENT, _("Tracked from the education order message."))
    return order


def _locked(order: EducationOrder) -> EducationOrder:
    fresh = EducationOrder.objects.select_for_update().get(pk=order.pk)
    order.status, order.due_on = fresh.status, fresh.due_on
    return order


def _step_errors(order: EducationOrder, to_status: str) -> str | None:
    """Why ``order`` cannot move to ``to_status`` now, or None."""
    if to_status not in STATUS_CHAIN:
        return _("Unknown status: %(status)s.") % {"status": to_status}
    expected = next_status(order.status)
    if expected is None:
        return _("The order is closed; it has no further step.")
    if to_status != expected:
        return _("The order is %(current)s; the next step is %(expected)s, not %(wanted)s.") % {
            "current": OrderStatus(order.status).label.lower(),
            "expected": OrderStatus(expected).label.lower(),
            "wanted": OrderStatus(to_status).label.lower(),
        }
    if to_status == OrderStatus.SENT and not order.addressees.exists():
        return _("Add at least one addressee before sending the order.")
    if to_status == OrderStatus.DECIDED and order.addressees.filter(decision="").exists():
        return _("Every addressee must record its line decision before the order is decided.")
    if to_status == OrderStatus.IN_DELIVERY and not (order.offerings.exists() or order.validation_offers.exists()):
        return _("Link the offering or validation that delivers the order before marking it in delivery.")
    return None


@transaction.atomic
def order_transition(
    *,
    actor: User | None,
    order: EducationOrder,
    to_status: str,
    due_on: date | None = None,
    note: str = "",
    today: date | None = None,
) -> EducationOrder:
    """Move the order one step on; the new step is due ``due_on`` (else STEP_DAYS from today)."""
    if actor is not None and not actor.has_perm("orders.transition_educationorder", order):
        raise PermissionDenied(_("You may not move this order on."))
    _locked(order)
    if error := _step_errors(order, to_status):
        raise ValidationError({"status": error})
    today = today or timezone.localdate()
    if due_on is not None and due_on < today:
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    from_status = order.status
    order.status = to_status
    if to_status == OrderStatus.CLOSED:
        order.due_on = None
    else:
        order.due_on = due_on or today + timedelta(days=STEP_DAYS[to_status])
    if to_status == OrderStatus.SENT:
        order.sent_on = today
    order.escalated_at, order.escalated_to = None, None
    order.save(update_fields=["status", "due_on", "sent_on", "escalated_at", "escalated_to", "updated_at"])
    _log(order, actor, from_status, to_status, (note or "").strip())
    return order


@transaction.atomic
def order_set_due(*, actor: User | None, order: EducationOrder, due_on: date, note: str = "") -> EducationOrder:
    """Give the current step a new due date."""
    if actor is not None and not actor.has_perm("orders.transition_educationorder", order):
        raise PermissionDenied(_("You may not move this order on."))
    if order.status not in ACTIVE_STATUSES and order.status != OrderStatus.DRAFT:
        raise ValidationError({"due_on": _("A closed order has no due date.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    if order.due_on != due_on:
        order.due_on = due_on
        order.save(update_fields=["due_on", "updated_at"])
        _log(order, actor, order.status, order.status, note or _("New due date %(due)s.") % {"due": due_on})
    return order


@transaction.atomic
def addressee_add(
    *,
    actor: User | None,
    order: EducationOrder,
    body: Body | None = None,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
) -> OrderAddressee:
    """Add a body or an organisation as an addressee."""
    ensure(actor is None or actor.has_perm("orders.change_educationorder", order))
    if (body is None) == (organisation is None):
        raise ValidationError(_("Choose either a body or an organisation."))
    if body is not None:
        if body.space_id != order.space_id:
            raise ValidationError({"body": _("The body must belong to the same space.")})
        if body.pk == order.origin_body_id:
            raise ValidationError({"body": _("A body cannot send an order to itself.")})
        if order.addressees.filter(body=body).exists():
            raise ValidationError({"body": _("%(name)s is already an addressee.") % {"name": body.name}})
    if organisation is not None and order.addressees.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("%(name)s is already an addressee.") % {"name": organisation.name}})
    return OrderAddressee.objects.create(order=order, body=body, organisation=organisation, municipality=municipality)


@transaction.atomic
def addressee_decide(
    *,
    actor: User | None,
    addressee: OrderAddressee,
    decision: str,
    reason: str = "",
    reference: str = "",
) -> OrderAddressee:
    """Record the addressee's line decision; "partly" and "rejected" need a reason."""
    if actor is not None and not actor.has_perm("orders.decide_orderaddressee", addressee):
        raise PermissionDenied(
            _("Only the leaders of %(name)s or the space's secretariat may record its line decision.")
            % {"name": addressee.name}
        )
    order = addressee.order
    if order.status in (OrderStatus.DRAFT, OrderStatus.CLOSED):
        raise ValidationError(_("A line decision is recorded on a sent order, not on a draft or a closed one."))
    if decision not in LineDecision.values:
        raise ValidationError({"decision": _("Choose accepted, partly accepted or rejected.")})
    reason = (reason or "").strip()
    if decision in (LineDecision.PARTLY, LineDecision.REJECTED) and not reason:
        raise ValidationError({"reason": _("Give the reason when the order is partly accepted or rejected.")})
    addressee.decision, addressee.reason = decision, reason
    addressee.decision_reference = (reference or "").strip()
    addressee.decided_by, addressee.decided_at = actor, timezone.now()
    addressee.save(update_fields=["decision", "reason", "decision_reference", "decided_by", "decided_at"])
    _log(
        order,
        actor,
        order.status,
        order.status,
        _("Line decision of %(name)s: %(decision)s.")
        % {"name": addressee.name, "decision": LineDecision(decision).label.lower()},
    )
    return addressee


@transaction.atomic
def occupation_set(
    *, actor: User | None, order: EducationOrder, ssyk_code: str, year: int, volume: int
) -> OrderOccupation:
    """Set the places wanted for an occupation in a year (0 removes the row)."""
    ensure(actor is None or actor.has_perm("orders.change_educationorder", order))
    if ssyk_code not in ssyk_unit_codes():
        raise ValidationError({"ssyk_code": _("%(code)s is not an SSYK 2012 occupation.") % {"code": ssyk_code}})
    if volume < 0:
        raise ValidationError({"volume": _("The number of places cannot be negative.")})
    row, _created = OrderOccupation.objects.update_or_create(
        order=order, ssyk_code=ssyk_code, year=year, defaults={"volume": volume}
    )
    return row


@transaction.atomic
def consultation_add(
    *, actor: User | None, order: EducationOrder, kind: str, application_round: str, status: str, note: str = ""
) -> OrderConsultation:
    ensure(actor is None or actor.has_perm("orders.change_educationorder", order))
    return OrderConsultation.objects.create(
        order=order, kind=kind, application_round=application_round.strip(), status=status, note=note.strip()
    )


# --- CSV ----------------------------------------------------------------------------------------------


def orders_csv(orders: list[EducationOrder], *, user: Any = None) -> bytes:
    """The export as a Swedish CSV file (BOM, semicolons); the upload reads the same columns back. A part a
    secrecy marking hides is masked unless ``user`` has the right to see it (``orders.secrecy``)."""
    rows: list[list[Any]] = [list(CSV_COLUMNS)]
    for order in orders:
        granted = secrecy.may_see(user, order)
        rows.append(
            [
                order.pk,
                neutralise(order.title),
                order.status,
                order.due_on.isoformat() if order.due_on else "",
                order.order_type,
                order.priority,
                neutralise(order.origin_body.name),
                order.sent_on.isoformat() if order.sent_on else "",
                neutralise(order.secrecy_provision),
                neutralise(secrecy.shown(order, secrecy.RATIONALE, order.rationale, granted=granted)),
            ]
        )
    return csv_bytes(rows)


def orders_bulk_update(*, actor: User | None, space: Space, text: str) -> int:
    """Apply an edited export: each changed status goes through ``order_transition``, each changed due date
    through ``order_set_due``. Any bad row and nothing is saved; the ValidationError lists every row's
    error. Returns how many orders changed."""
    if actor is not None and not actor.has_perm("orders.upload_orders", space):
        raise PermissionDenied(_("You may not update the space's orders."))
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if ";" in header else ",")
    missing = [name for name in ("id", "status", "due_on") if name not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(_("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = list(reader)
    ids = [int(row["id"]) for row in rows if (row.get("id") or "").strip().isdigit()]
    orders = {o.pk: o for o in EducationOrder.objects.filter(space=space, pk__in=ids).select_related("space")}
    errors: list[str] = []
    changed = 0
    with transaction.atomic():  # the ValidationError at the end rolls back every row already applied
        for number, row in enumerate(rows, start=2):
            problem, did_change = _apply_row(actor, orders, row)
            if problem:
                errors.append(_("Row %(row)s: %(error)s") % {"row": number, "error": problem})
            changed += did_change
        if errors:
            raise ValidationError(errors)
    return changed


def _apply_row(actor: User | None, orders: dict[int, EducationOrder], row: dict[str, str]) -> tuple[str, bool]:
    raw_id = (row.get("id") or "").strip()
    order = orders.get(int(raw_id)) if raw_id.isdigit() else None
    if order is None:
        return _("no order with id %(id)s in this space.") % {"id": raw_id or "–"}, False
    status = (row.get("status") or "").strip()
    raw_due = (row.get("due_on") or "").strip()
    try:
        due_on = parse_date(raw_due) if raw_due else None
    except ValueError:
        due_on = None
    if raw_due and due_on is None:
        return _("%(value)s is not a date (YYYY-MM-DD).") % {"value": raw_due}, False
    try:
        if status != order.status:
            order_transition(actor=actor, order=order, to_status=status, due_on=due_on, note=_("CSV upload."))
            return "", True
        if due_on is not None and due_on != order.due_on:
            order_set_due(actor=actor, order=order, due_on=due_on, note=_("CSV upload."))
            return "", True
    except PermissionDenied:
        return _("you may not change this order."), False
    except ValidationError as error:
        return " ".join(error.messages), False
    return "", False


# --- reminders and escalation ---------------------------------------------------------------------------


def _secretariats(space_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    """(user id, e-mail) of the admins and secretariat of each space: where an order escalates when the
    ordering body reports to no other body."""
    result: dict[int, list[tuple[int, str]]] = {}
    rows = SpaceMembership.objects.filter(space_id__in=space_ids, role__in=MANAGING_ROLES).values_list(
        "space_id", "user_id", "user__email"
    )
    for space_id, user_id, email in rows:
        result.setdefault(space_id, []).append((user_id, email))
    return result


def send_order_reminders(today: date, *, base_url: str | None = None) -> int:
    """E-mail about each overdue order (once per step and due date) and mark it escalated: to the leaders of
    the ordering body and of the body it reports to, or — when it reports to none — to the space's
    secretariat. Idempotent; returns how many messages were queued."""
    orders = list(
        EducationOrder.objects.overdue(today).filter(escalated_at__isnull=True).select_related("space", "origin_body")
    )
    if not orders:
        return 0
    parents = {o.origin_body.parent_id for o in orders if o.origin_body.parent_id}
    leaders = leader_emails({o.origin_body_id for o in orders} | parents)
    secretariats = _secretariats({o.space_id for o in orders if not o.origin_body.parent_id})
    queued = 0
    with transaction.atomic():
        for order in orders:
            url = (base_url if base_url is not None else settings.SITE_URL) + order.get_absolute_url()
            values = {
                "title": order.title,
                "status": OrderStatus(order.status).label.lower(),
                "due": order.due_on.isoformat() if order.due_on else "",
                "body": order.origin_body.name,
                "url": url,
            }
            subject = _("Overdue education order: %(title)s (due %(due)s)") % values
            text = (
                _(
                    'The education order "%(title)s" from %(body)s has been %(status)s since its step was due on '
                    "%(due)s. It is escalated to you; move it on or set a new due date here:\n%(url)s"
                )
                % values
            )
            parent = order.origin_body.parent_id
            key = f"order-overdue:{order.pk}:{order.due_on}"
            recipients = [(f"c{cid}", email) for cid, email in leaders.get(order.origin_body_id, [])]
            if parent:
                recipients += [(f"c{cid}", email) for cid, email in leaders.get(parent, [])]
            else:
                recipients += [(f"u{uid}", email) for uid, email in secretariats.get(order.space_id, []) if email]
            specs = [EmailSpec(to=email, subject=subject, body=text, key=f"{key}:{who}") for who, email in recipients]
            queued += enqueue_emails(specs, space=order.space)
            order.escalated_at = timezone.now()
            order.escalated_to_id = parent
            order.save(update_fields=["escalated_at", "escalated_to", "updated_at"])
            OrderEvent.objects.create(
                order=order,
                from_status=order.status,
                to_status=order.status,
                note=_("Overdue since %(due)s; escalated.") % values,
            )
    return queued


# --- secrecy ----------------------------------------------------------------------------------------------


@transaction.atomic
def order_set_secrecy(
    *,
    actor: User | None,
    order: EducationOrder,
    provision: str,
    reason: str = "",
    masks_rationale: bool = True,
    masks_reasons: bool = True,
) -> EducationOrder:
    """Mark the order (or parts of it) secret under an OSL provision, or change the marking; logged as an event.
    A marking without a provision, or one that masks nothing, is refused."""
    if actor is not None and not actor.has_perm("orders.mark_secret", order):
        raise PermissionDenied(_("You may not mark this order secret."))
    provision = " ".join((provision or "").split())
    errors: dict[str, str] = {}
    if not provision:
        errors["provision"] = _("Cite the provision the order is secret under, e.g. OSL 19 kap. 1 §.")
    elif len(provision) > 120:
        errors["provision"] = _("The provision may be at most 120 characters.")
    if not (masks_rationale or masks_reasons):
        errors["masks_rationale"] = _("Choose what the marking masks.")
    if errors:
        raise ValidationError(errors)
    values = {
        "secrecy_provision": provision,
        "secrecy_reason": (reason or "").strip(),
        "secrecy_masks_rationale": bool(masks_rationale),
        "secrecy_masks_reasons": bool(masks_reasons),
    }
    changed = [name for name, value in values.items() if getattr(order, name) != value]
    if not changed:
        return order
    was_marked = bool(order.secrecy_provision)
    for name in changed:
        setattr(order, name, values[name])
    order.save(update_fields=[*changed, "updated_at"])
    note = _("Secrecy marking changed: %(provision)s.") if was_marked else _("Marked secret under %(provision)s.")
    _log(order, actor, order.status, order.status, note % {"provision": provision})
    return order


@transaction.atomic
def order_lift_secrecy(*, actor: User | None, order: EducationOrder) -> EducationOrder:
    """Lift the order's secrecy marking: its masked parts are shown again where the order is shown."""
    if actor is not None and not actor.has_perm("orders.mark_secret", order):
        raise PermissionDenied(_("You may not lift the secrecy marking of this order."))
    if not order.secrecy_provision:
        raise ValidationError(_("The order is not marked secret."))
    provision = order.secrecy_provision
    order.secrecy_provision, order.secrecy_reason = "", ""
    order.save(update_fields=["secrecy_provision", "secrecy_reason", "updated_at"])
    _log(
        order,
        actor,
        order.status,
        order.status,
        _("Secrecy marking under %(provision)s lifted.") % {"provision": provision},
    )
    return order


@transaction.atomic
def order_set_published(*, actor: User | None, order: EducationOrder, published: bool) -> EducationOrder:
    """Publish the order on the public order pages (a secrecy-aware subset) or take it off them; only who may
    change the order. Audited with the order's history; nothing is written when nothing changes."""
    ensure(actor is None or actor.has_perm("orders.change_educationorder", order))
    if order.is_published != published:
        order.is_published = published
        order.save(update_fields=["is_published", "updated_at"])
    return order
