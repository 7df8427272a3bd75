"""Every read about education orders; hidden orders are simply not in the querysets."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from samverka.collaboration.bodies.models import Body
from samverka.education.orders.models import (
    ACTIVE_STATUSES,
    EducationOrder,
    LineDecision,
    OrderAddressee,
    OrderAgendaItem,
    OrderEvent,
    OrderOccupation,
    OrderStatus,
)
from samverka.platform.core.suppression import Cell
from samverka.platform.spaces.models import Space

PAGE_SIZE = 50


def visible_orders(space: Space, user: Any) -> QuerySet[EducationOrder]:
    return EducationOrder.objects.restrict(user).filter(space=space).select_related("space", "origin_body")


def order_get(space: Space, user: Any, pk: int) -> EducationOrder:
    """The order with everything its page shows (raises DoesNotExist when hidden); the validation offers it
    links that ``user`` may see are ``visible_validation_offers``."""
    from samverka.education.validation.models import ValidationOffer

    return (
        visible_orders(space, user)
        .select_related("origin_decision", "question", "escalated_to", "created_by")
        .prefetch_related(
            Prefetch(
                "addressees",
                queryset=OrderAddressee.objects.select_related("body", "organisation", "municipality", "decided_by"),
            ),
            "occupations",
            "consultations",
            "municipalities",
            "offerings",
            Prefetch(
                "validation_offers",
                queryset=ValidationOffer.objects.restrict(user).select_related("space", "municipality"),
                to_attr="visible_validation_offers",
            ),
            Prefetch("events", queryset=OrderEvent.objects.select_related("by")),
        )
        .get(pk=pk)
    )


def order_list(
    space: Space,
    user: Any,
    *,
    status: str = "",
    order_type: str = "",
    overdue: bool = False,
    after: int | None = None,
    today: date | None = None,
    limit: int = PAGE_SIZE,
) -> list[EducationOrder]:
    """A page of the space's orders, oldest first (by key: ``after`` the last id of the page before)."""
    today = today or timezone.localdate()
    rows = visible_orders(space, user).annotate(
        n_addressees=Count("addressees", distinct=True),
        n_decided=Count("addressees", filter=~Q(addressees__decision=""), distinct=True),
    )
    if status:
        rows = rows.filter(status=status)
    if order_type:
        rows = rows.filter(order_type=order_type)
    if overdue:
        rows = rows.filter(status__in=ACTIVE_STATUSES, due_on__lt=today)
    if after:
        rows = rows.filter(pk__gt=after)
    return list(rows.order_by("pk")[: limit + 1])


@dataclass(frozen=True)
class ValidationDelivery:
    """A validation offer that delivers the order, with its outcomes summed over every year, each figure masked
    below the space's k (``cells``: started, completed, each also by women and men)."""

    offer: Any
    cells: dict[str, Cell]
    reported: bool


def validation_deliveries(order: EducationOrder) -> tuple[list[ValidationDelivery], int]:
    """The order's visible validation offers (``order_get``'s ``visible_validation_offers``) with their summed,
    suppressed outcomes, and the k (one query for the sums, one for k)."""
    from samverka.education.validation.models import COMPLETED, STARTED, ValidationOutcome
    from samverka.education.validation.selectors import suppress, suppression_k

    offers = list(getattr(order, "visible_validation_offers", []))
    if not offers:
        return [], 0
    names = (*STARTED, *COMPLETED)
    sums: dict[int, Any] = {
        row["offer_id"]: row
        for row in ValidationOutcome.objects.filter(offer_id__in=[o.pk for o in offers])  # summed, then masked
        .values("offer_id")
        .annotate(**{name: Sum(name) for name in names})
        .order_by()
    }
    k = suppression_k(order.space)
    rows = []
    for offer in offers:
        found = sums.get(offer.pk, {})
        values = {name: int(found.get(name) or 0) for name in names}
        values["started"] = sum(values[name] for name in STARTED)
        values["completed"] = sum(values[name] for name in COMPLETED)
        rows.append(ValidationDelivery(offer=offer, cells=suppress(values, k), reported=bool(found)))
    return rows, k


#: How many suggested offerings the order's page lists at most.
SUGGESTIONS = 10


def suggested_offerings(order: EducationOrder, user: Any, *, limit: int = SUGGESTIONS) -> list[Any]:
    """Offerings of the order's space, not yet linked and not over, whose EMIL3 orderer or contractor is one of
    the addressees' organisations (by organisation number) or one of the order's or its addressees'
    municipalities, and whose education (or the offering itself) targets one of the order's occupations when
    the order names any. Reads what ``order_get`` prefetched; one query."""
    from samverka.education.catalogue.models import OfferingParty
    from samverka.education.catalogue.selectors import visible_offerings

    addressees = list(order.addressees.all())
    numbers = {a.organisation.org_number for a in addressees if a.organisation is not None} - {""}
    places = {m.pk for m in order.municipalities.all()} | {a.municipality_id for a in addressees if a.municipality_id}
    if not numbers and not places:
        return []
    parties = OfferingParty.objects.filter(Q(org_number__in=sorted(numbers)) | Q(municipality_code__in=sorted(places)))
    rows = (
        visible_offerings(user)
        .filter(space_id=order.space_id, pk__in=parties.values("offering_id"), removed_at__isnull=True)
        .exclude(is_cancelled=True)
        .exclude(end_date__lt=timezone.localdate())
        .exclude(pk__in=[o.pk for o in order.offerings.all()])
    )
    codes = sorted({row.ssyk_code for row in order.occupations.all()})
    if codes:
        targets = Q(education__occupations__ssyk_code__in=codes) | Q(local_occupations__ssyk_code__in=codes)
        rows = rows.filter(pk__in=rows.model.objects.filter(targets).values("pk"))
    return list(
        rows.select_related("education", "provider", "municipality", "space").order_by("start_date", "pk")[:limit]
    )


def figures(space: Space, user: Any) -> dict[str, Any]:
    """Fulfilment rate, lead time from sent to the first linked offering's start, share with outcome reported."""
    orders = visible_orders(space, user)
    decisions = OrderAddressee.objects.filter(order__in=orders.values("pk")).exclude(decision="")
    counts = decisions.aggregate(
        total=Count("pk"),
        fulfilled=Count("pk", filter=Q(decision__in=[LineDecision.ACCEPTED, LineDecision.PARTLY])),
    )
    leads = orders.filter(sent_on__isnull=False).annotate(first_start=Min("offerings__start_date"))
    lead_days = [
        (row["first_start"] - row["sent_on"]).days
        for row in leads.filter(first_start__isnull=False).values("sent_on", "first_start")
    ]
    progressed = orders.exclude(status=OrderStatus.DRAFT).aggregate(
        total=Count("pk"),
        reported=Count("pk", filter=Q(status__in=[OrderStatus.OUTCOME_REPORTED, OrderStatus.CLOSED])),
    )
    return {
        "fulfilment": _share(counts["fulfilled"], counts["total"]),
        "decisions": counts["total"],
        "lead_days": round(sum(lead_days) / len(lead_days)) if lead_days else None,
        "lead_orders": len(lead_days),
        "outcome_share": _share(progressed["reported"], progressed["total"]),
        "progressed": progressed["total"],
    }


def rejected_orders(orders: QuerySet[EducationOrder]) -> QuerySet[EducationOrder]:
    """Those of ``orders`` every addressee of which rejected (at least one did, and none accepted or is undecided)."""
    return orders.filter(addressees__decision=LineDecision.REJECTED).exclude(
        addressees__decision__in=[LineDecision.ACCEPTED, LineDecision.PARTLY, ""]
    )


def ordered_volumes(space: Space, user: Any) -> list[dict[str, Any]]:
    """Per occupation (SSYK), the places a year the space's orders that ``user`` may see ask for, summed over the
    orders and years, with the first and last year: orders in draft and orders every addressee rejected are left
    out. One query; rows ordered by SSYK code."""
    orders = visible_orders(space, user).exclude(status=OrderStatus.DRAFT)
    orders = orders.exclude(pk__in=rejected_orders(EducationOrder.objects.filter(space=space)).values("pk"))
    rows = (
        OrderOccupation.objects.filter(order__in=orders.values("pk"))
        .values("ssyk_code")
        .annotate(volume=Sum("volume"), orders=Count("order", distinct=True), first=Min("year"), last=Max("year"))
        .order_by("ssyk_code")
    )
    return [dict(row) for row in rows]


def status_counts(space: Space, user: Any) -> dict[str, int]:
    """How many of the space's orders that ``user`` may see are in each status (statuses without orders left
    out). One query."""
    rows = visible_orders(space, user).order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def overdue_for_body(body: Body, user: Any, today: date | None = None) -> list[EducationOrder]:
    """Orders past their step's due date that the body placed or received, that ``user`` may see."""
    addressed = OrderAddressee.objects.filter(body=body).values("order_id")
    return list(
        EducationOrder.objects.overdue(today)
        .filter(Q(origin_body=body) | Q(pk__in=addressed))
        .restrict(user)
        .select_related("space", "origin_body")
        .order_by("due_on", "pk")
    )


def occupation_names(codes: list[str]) -> dict[str, str]:
    """SSYK code → Swedish name, for the codes given (one query)."""
    if not codes:
        return {}
    from samverka.insight.classifications.models import ClassificationItem

    return dict(ClassificationItem.objects.filter(scheme="ssyk2012", code__in=set(codes)).values_list("code", "name"))


def untracked_order_messages(space: Space, user: Any, *, limit: int = 20) -> list[Any]:
    """Education-order messages (questions) of the space not yet tracked as orders, sent by bodies ``user`` runs."""
    from samverka.collaboration.bodies.permissions import body_seats, runs_space
    from samverka.records.questions.models import Question, QuestionKind

    rows = Question.objects.restrict(user).filter(
        space=space, kind=QuestionKind.EDUCATION_ORDER, tracked_order__isnull=True
    )
    if not runs_space.test(user, space):
        rows = rows.filter(from_body_id__in=sorted(body_seats(user)["leader"]))
    return list(rows.select_related("from_body", "to_body").order_by("created_at", "pk")[:limit])


# --- the public side ---------------------------------------------------------------------------------------


def public_orders() -> QuerySet[EducationOrder]:
    """Published orders: what the public order pages show (an unpublished order is nowhere public)."""
    return EducationOrder.objects.filter(is_published=True).select_related("space", "origin_body")


def public_order_list(*, after: int | None = None, limit: int = PAGE_SIZE) -> list[EducationOrder]:
    """A page of the published orders by key (``after`` the last id of the page before), one more than ``limit``
    to tell whether there is a next page."""
    rows = public_orders()
    if after:
        rows = rows.filter(pk__gt=after)
    return list(rows.order_by("pk")[: limit + 1])


def public_order_get(pk: int) -> EducationOrder:
    """A published order with what its public page shows (raises DoesNotExist when not published): only the
    offerings and validation offers the public may open, and the status steps of its timeline (never notes or names)."""
    from samverka.education.catalogue.models import Offering
    from samverka.education.validation.models import ValidationOffer

    return (
        public_orders()
        .select_related("origin_decision")
        .prefetch_related(
            Prefetch(
                "addressees", queryset=OrderAddressee.objects.select_related("body", "organisation", "municipality")
            ),
            "occupations",
            "municipalities",
            Prefetch(
                "offerings",
                queryset=Offering.objects.open_to_public().select_related("education"),
                to_attr="public_offerings",
            ),
            Prefetch(
                "validation_offers", queryset=ValidationOffer.objects.published(), to_attr="public_validation_offers"
            ),
            Prefetch(
                "events",
                queryset=OrderEvent.objects.exclude(to_status__in=["", OrderStatus.DRAFT])
                .exclude(from_status=F("to_status"))
                .only("order_id", "from_status", "to_status", "at"),
                to_attr="steps",
            ),
        )
        .get(pk=pk)
    )


def agenda_items_for(order: EducationOrder, user: Any) -> list[OrderAgendaItem]:
    """The forum meetings ``user`` may see whose agenda lists ``order``, soonest first (for the order's page)."""
    from samverka.collaboration.meetings.models import Meeting

    return list(
        order.agenda_items.filter(meeting__in=Meeting.objects.restrict(user))
        .select_related("meeting__body__space", "responsible")
        .order_by("meeting__start", "pk")
    )


@dataclass
class RationaleSources:
    """What the order's rationale rests on that ``user`` may open: analyses and the forum's trend meeting."""

    analyses: list[Any]
    trend_meeting: Any = None


def rationale_sources(order: EducationOrder, user: Any) -> RationaleSources:
    """The order's analyses and trend meeting, each through its own model's visibility rule (the public page
    passes an anonymous user): at most two queries, none when the order names neither."""
    from samverka.collaboration.meetings.models import Meeting
    from samverka.insight.analyses.models import Analysis

    linked = EducationOrder.analyses.through.objects.filter(educationorder_id=order.pk).values("analysis_id")
    analyses = list(Analysis.objects.restrict(user).filter(pk__in=linked).select_related("space").order_by("title"))
    meeting = None
    if order.trend_meeting_id:
        meeting = Meeting.objects.restrict(user).filter(pk=order.trend_meeting_id).select_related("body").first()
    return RationaleSources(analyses=analyses, trend_meeting=meeting)
