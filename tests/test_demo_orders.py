"""The demo's education orders show what their rationale rests on: the care order the statistics demo's
published analysis (on its public page too), the transport order its forum's Q2 trend meeting (insiders)
and, from the EMIL3 orderers, the offering suggested to deliver it."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samverka.education.orders.models import EducationOrder

pytestmark = pytest.mark.django_db


def test_the_demo_orders_name_their_analysis_and_trend_meeting(demo: Any, login_as: Any) -> None:
    care = EducationOrder.objects.get(title="Undersköterskeutbildning inom komvux")
    transport = EducationOrder.objects.get(title="Yrkesförare buss och lastbil")
    [analysis] = care.analyses.all()
    assert transport.trend_meeting is not None and transport.trend_meeting.title.startswith("Kv 2")

    public = Client().get(reverse("orders:public-order", kwargs={"pk": care.pk})).content.decode()
    assert analysis.get_absolute_url() in public

    coordinator: Client = login_as("coordinator")
    response = coordinator.get(transport.get_absolute_url())
    page = response.content.decode()
    assert transport.trend_meeting.get_absolute_url() in page
    # Katrineholm's truck-driver course (EMIL3 orderer: Katrineholms kommun) is suggested to deliver it.
    assert [o.education.title for o in response.context["suggestions"]] == ["Lastbilsförare CE"]


def test_the_demo_validation_order_is_delivered_by_the_validation_offer(demo: Any, login_as: Any) -> None:
    order = EducationOrder.objects.get(title="Validering av undersköterskor i hemtjänsten")
    assert order.status == "in_delivery" and order.order_type == "validation"
    [offer] = order.validation_offers.all()
    response = login_as("coordinator").get(order.get_absolute_url())
    assert response.status_code == 200 and offer.title in response.content.decode()
