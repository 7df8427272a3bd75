"""The demo's education orders, written through ``orders.services``.

Sörmland's care industry forum ordered an assistant-nurse programme (undersköterska, SSYK 5321) in the fourth
quarter of last year; the local competence workshop in Eskilstuna accepted it and Katrineholm's municipality
accepted it partly, a Komvux offering from the catalogue delivers it. A second order, from the transport forum,
is overdue and has been escalated up the forum's reporting line.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.bodies.models import Body
from samverka.collaboration.meetings.models import Meeting
from samverka.demo.accounts import SORMLAND_SLUG
from samverka.education.catalogue.models import Offering
from samverka.education.orders import services
from samverka.education.orders.models import EducationOrder, OrderEvent
from samverka.insight.analyses.models import Analysis
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space

CARE = "Branschforum Vård och omsorg"
TRANSPORT = "Branschforum Transport och logistik"
WORKSHOP = "Lokal kompetensverkstad Eskilstuna"


def _backdate(order: EducationOrder, start: datetime) -> None:
    """Spread the order's history from ``start``, as if it had happened then (two weeks a step)."""
    EducationOrder.objects.filter(pk=order.pk).update(created_at=start, sent_on=start.date() + timedelta(days=7))
    events = list(OrderEvent.objects.filter(order=order).order_by("pk"))
    for step, event in enumerate(events):
        event.at = start + timedelta(days=14 * step)
    OrderEvent.objects.bulk_update(events, ["at"])


def _care_offering(space: Space) -> Offering | None:
    """A Komvux offering for assistant nurses in the demo catalogue, if the catalogue was loaded."""
    rows = Offering.objects.filter(
        space=space, removed_at__isnull=True, education__occupations__ssyk_code="5321"
    ).order_by("start_date", "pk")
    return rows.filter(education__school_type__icontains="vux").first() or rows.first()


def load_orders(today: date | None = None) -> list[EducationOrder]:
    today = today or timezone.localdate()
    space = Space.objects.filter(slug=SORMLAND_SLUG).first()
    if space is None or EducationOrder.objects.filter(space=space).exists():
        return []
    bodies = {b.name: b for b in Body.objects.filter(space=space, name__in=(CARE, TRANSPORT, WORKSHOP))}
    katrineholm = Organisation.objects.filter(name="Katrineholms kommun").first()
    if len(bodies) < 3 or katrineholm is None:
        return []
    offering = _care_offering(space)
    municipalities = list(Municipality.objects.filter(code__in=["0484", "0483"]))

    care = services.order_create(
        actor=None,
        space=space,
        data=services.OrderData(
            title="Undersköterskeutbildning inom komvux",
            origin_body=bodies[CARE],
            order_type="new",
            registration_number=f"RS {today.year - 1}/1187",
            sun_field="723",
            municipalities=municipalities,
            forms=["vux", "contract"],
            start_year=today.year,
            end_year=today.year + 2,
            rationale="Stora pensionsavgångar bland undersköterskor i länets kommuner och regionen; "
            "från 2023 krävs skyddad yrkestitel. Forumet beställer utökade platser i Eskilstuna och Katrineholm.",
            priority=1,
            # The rationale rests on the statistics demo's published analysis of retirements in care.
            analyses=list(Analysis.objects.filter(space=space, title__startswith="Vård och omsorg")),
        ),
    )
    for year, volume in ((today.year, 40), (today.year + 1, 60)):
        services.occupation_set(actor=None, order=care, ssyk_code="5321", year=year, volume=volume)
    eskilstuna = services.addressee_add(actor=None, order=care, body=bodies[WORKSHOP])
    katrineholm_addressee = services.addressee_add(
        actor=None, order=care, organisation=katrineholm, municipality=Municipality.objects.get(code="0483")
    )
    for step in ("sent", "received", "under_assessment"):
        services.order_transition(actor=None, order=care, to_status=step)
    services.addressee_decide(actor=None, addressee=eskilstuna, decision="accepted", reference="LKV 2025:4")
    services.addressee_decide(
        actor=None,
        addressee=katrineholm_addressee,
        decision="partly",
        reason="Kommunen utökar med 15 platser i stället för 30; lokaler saknas till hösten.",
        reference="KS 2025/212",
    )
    services.consultation_add(
        actor=None,
        order=care,
        kind="komvux_grant",
        application_round=f"Statsbidrag yrkesvux {today.year}",
        status="granted",
    )
    services.order_transition(actor=None, order=care, to_status="decided")
    if offering is not None:
        services.order_update(actor=None, order=care, data=services.OrderData(offerings=[offering]))
        services.order_transition(actor=None, order=care, to_status="in_delivery", note="Kursstart i komvux.")
    start = timezone.make_aware(datetime(today.year - 1, 11, 12, 10, 0))  # noqa: DTZ001 (made aware here)
    _backdate(care, start)
    # The care order is on the public order pages (with its timeline); the overdue one stays internal.
    services.order_set_published(actor=None, order=care, published=True)

    transport = services.order_create(
        actor=None,
        space=space,
        data=services.OrderData(
            title="Yrkesförare buss och lastbil",
            origin_body=bodies[TRANSPORT],
            order_type="further",
            forms=["aub"],
            start_year=today.year,
            end_year=today.year + 1,
            rationale="Åkerierna i länet kan inte ersätta förarna som går i pension.",
            municipalities=list(Municipality.objects.filter(code="0483")),
            priority=2,
            # The transport forum's Q2 meeting of the year discussed the trends the order answers.
            trend_meeting=Meeting.objects.filter(
                body=bodies[TRANSPORT], title__startswith="Kv 2", start__date__lt=today
            )
            .order_by("-start")
            .first(),
        ),
    )
    services.occupation_set(actor=None, order=transport, ssyk_code="8332", year=today.year, volume=24)
    services.addressee_add(actor=None, order=transport, body=bodies[WORKSHOP])
    services.order_transition(actor=None, order=transport, to_status="sent")
    EducationOrder.objects.filter(pk=transport.pk).update(due_on=today - timedelta(days=10))
    _backdate(transport, timezone.now() - timedelta(days=40))
    services.send_order_reminders(today)
    return [care, transport, _validation_order(space, bodies, today)]


def _validation_order(space: Space, bodies: dict[str, Body], today: date) -> EducationOrder:
    """The care forum also orders validation for staff who already work as care assistants; the workshop
    accepts and the validation app's offer delivers it (its outcomes show on the order page, masked below k)."""
    from samverka.education.validation.models import ValidationOffer

    order = services.order_create(
        actor=None,
        space=space,
        data=services.OrderData(
            title="Validering av undersköterskor i hemtjänsten",
            origin_body=bodies[CARE],
            order_type="validation",
            forms=["vux"],
            start_year=today.year,
            end_year=today.year + 1,
            rationale="Många i hemtjänsten har lång erfarenhet men saknar undersköterskeexamen, som krävs "
            "för den skyddade yrkestiteln.",
            priority=2,
        ),
    )
    services.occupation_set(actor=None, order=order, ssyk_code="5321", year=today.year, volume=30)
    addressee = services.addressee_add(actor=None, order=order, body=bodies[WORKSHOP])
    for step in ("sent", "received", "under_assessment"):
        services.order_transition(actor=None, order=order, to_status=step)
    services.addressee_decide(actor=None, addressee=addressee, decision="accepted", reference="LKV 2026:9")
    services.order_transition(actor=None, order=order, to_status="decided")
    offers = list(ValidationOffer.objects.filter(space=space, title="Validering till undersköterska"))
    if offers:
        services.order_update(actor=None, order=order, data=services.OrderData(validation_offers=offers))
        services.order_transition(actor=None, order=order, to_status="in_delivery", note="Valideringen pågår.")
    _backdate(order, timezone.now() - timedelta(days=120))
    return order


def load_order_agendas() -> int:
    """The forums' next Q3 and Q4 meetings list their orders (after the cohorts, whose figures Q3 shows)."""
    from samverka.collaboration.meetings.models import Meeting
    from samverka.education.orders.services_agenda import agenda_sync

    synced = 0
    bodies = EducationOrder.objects.values_list("origin_body_id", flat=True).distinct()
    for body_id in set(bodies):
        for key in ("q3", "q4"):
            meeting = (
                Meeting.objects.filter(body_id=body_id, start__gt=timezone.now(), wheel_links__slot__key=key)
                .prefetch_related("wheel_links__slot")
                .order_by("start")
                .first()
            )
            if meeting is not None and agenda_sync(actor=None, meeting=meeting) is not None:
                synced += 1
    return synced
