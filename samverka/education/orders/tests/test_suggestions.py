"""Suggested offerings on the order's page: an offering whose EMIL3 orderer or contractor is an addressee's
organisation or one of the order's municipalities, and whose education targets an ordered occupation, is
suggested until it is linked (one click, through the link service); others are not; the query count does not
grow with the suggestions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.education.catalogue.models import OfferingParty
from samverka.education.catalogue.tests.factories import make_education, make_offering
from samverka.education.orders import selectors, services
from samverka.education.orders.models import OrderOccupation
from samverka.education.orders.tests.helpers import chain, make_order, seat
from samverka.platform.core.models import Municipality
from samverka.testing import factories

pytestmark = pytest.mark.django_db

ORDERER = "212000-0308"


@pytest.fixture
def w(space, other_space, make_role_user):
    bodies = chain(space)
    chair = make_role_user(space, "member", full_name="Clara Ordförande")
    seat(chair, bodies["council"])
    order = make_order(space, bodies["council"])
    services.addressee_add(actor=None, order=order, organisation=factories.make_organisation(org_number=ORDERER))
    OrderOccupation.objects.create(order=order, ssyk_code="5321", year=2027, volume=20)
    return {"order": order, "chair": chair, "space": space, "other_space": other_space}


def offering_for(space, *, ssyk="5321", **party):
    made = make_offering(space=space, education=make_education(space=space, occupations=(ssyk,)))
    OfferingParty.objects.create(offering=made, role=party.pop("role", "orderer"), **party)
    return made


def suggested(w):
    order = selectors.order_get(w["space"], w["chair"], w["order"].pk)
    return [o.pk for o in selectors.suggested_offerings(order, w["chair"])]


def test_an_offering_the_addressee_ordered_for_the_occupation_is_suggested_until_linked(client, w):
    matching = offering_for(w["space"], org_number=ORDERER)
    offering_for(w["space"], org_number="556000-0000")  # another orderer
    offering_for(w["space"], org_number=ORDERER, ssyk="2341")  # another occupation
    offering_for(w["other_space"], org_number=ORDERER)  # another space
    assert suggested(w) == [matching.pk]

    client.force_login(w["chair"])
    url = w["order"].get_absolute_url()
    page = client.get(url).content.decode()
    assert 'id="suggestions"' in page and matching.education.title in page
    link = reverse("orders:offering-link", kwargs={"space": w["space"].slug, "pk": w["order"].pk})
    assert client.post(link, {"offering": matching.pk}).status_code == 302
    assert list(w["order"].offerings.all()) == [matching]
    assert suggested(w) == []
    assert 'id="suggestions"' not in client.get(url).content.decode()


def test_a_contractor_in_one_of_the_orders_municipalities_is_suggested(w):
    w["order"].municipalities.set([Municipality.objects.get(code="0484")])
    by_place = offering_for(w["space"], role="contractor", municipality_code="0484")
    offering_for(w["space"], role="contractor", municipality_code="0480")
    assert suggested(w) == [by_place.pk]


def test_another_spaces_offering_cannot_be_linked_by_the_button(client, w):
    foreign = offering_for(w["other_space"], org_number=ORDERER)
    client.force_login(w["chair"])
    link = reverse("orders:offering-link", kwargs={"space": w["space"].slug, "pk": w["order"].pk})
    assert client.post(link, {"offering": foreign.pk}).status_code == 302
    assert not w["order"].offerings.exists()


def test_the_query_count_does_not_grow_with_the_suggestions(w):
    offering_for(w["space"], org_number=ORDERER)
    order = selectors.order_get(w["space"], w["chair"], w["order"].pk)
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.suggested_offerings(order, w["chair"])) == 1
    for _ in range(4):
        offering_for(w["space"], org_number=ORDERER)
    order = selectors.order_get(w["space"], w["chair"], w["order"].pk)
    with CaptureQueriesContext(connection) as five:
        assert len(selectors.suggested_offerings(order, w["chair"])) == 5
    assert len(five) == len(one)
