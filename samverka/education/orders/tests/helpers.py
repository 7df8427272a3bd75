"""Bodies, leaders and orders for the orders tests, made through the services."""

from typing import Any

from samverka.collaboration.bodies.models import Body
from samverka.education.orders import services
from samverka.education.orders.models import EducationOrder
from samverka.platform.spaces.models import Space
from samverka.records.questions.tests.helpers import chain, in_days, seat

__all__ = ["chain", "in_days", "make_order", "seat", "sent_order"]


def make_order(space: Space, origin: Body, *, addressees: tuple[Body, ...] = (), **extra: Any) -> EducationOrder:
    values: dict[str, Any] = {
        "title": "Undersköterskor i Sörmland",
        "origin_body": origin,
        "order_type": "new",
        "forms": ["vux"],
        "start_year": 2026,
        "end_year": 2027,
        "rationale": "Stora pensionsavgångar inom vården.",
        "priority": 1,
    }
    values.update(extra)
    order = services.order_create(actor=None, space=space, data=services.OrderData(**values))
    for body in addressees:
        services.addressee_add(actor=None, order=order, body=body)
    return order


def sent_order(space: Space, origin: Body, addressees: tuple[Body, ...], **extra: Any) -> EducationOrder:
    order = make_order(space, origin, addressees=addressees, **extra)
    return services.order_transition(actor=None, order=order, to_status="sent")
