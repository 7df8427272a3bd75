"""A validation order is delivered by the space's validation offers: linked through the same service as the
offerings (another space's offer refused beside the field), accepted as delivery for "in delivery", and shown
on the order's page with the offers' summed outcomes, each figure below k masked."""

import pytest
from django.core.exceptions import ValidationError

from samverka.education.orders import selectors, services
from samverka.education.orders.tests.helpers import chain, seat, sent_order
from samverka.education.validation.tests.conftest import make_offer, make_outcome
from samverka.platform.api.tests.conftest import client_for
from samverka.platform.core.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(space, other_space, make_role_user):
    bodies = chain(space)
    chair = make_role_user(space, "member", full_name="Clara Ordförande")
    seat(chair, bodies["council"])
    seat(chair, bodies["workshop"])
    order = sent_order(space, bodies["council"], (bodies["workshop"],), order_type="validation")
    return {"order": order, "chair": chair, "space": space, "other_space": other_space}


def decided(order):
    for addressee in order.addressees.all():
        services.addressee_decide(actor=None, addressee=addressee, decision="accepted")
    for step in ("received", "under_assessment", "decided"):
        services.order_transition(actor=None, order=order, to_status=step)
    return order


def link(w, *offers):
    return services.order_update(
        actor=w["chair"], order=w["order"], data=services.OrderData(validation_offers=list(offers))
    )


def test_a_validation_offer_of_the_space_is_linked_and_counts_as_delivery(w):
    order = decided(w["order"])
    with pytest.raises(ValidationError) as refused:
        services.order_transition(actor=None, order=order, to_status="in_delivery")
    assert "status" in refused.value.error_dict
    offer = make_offer(w["space"])
    link(w, offer)
    assert list(order.validation_offers.all()) == [offer]
    services.order_transition(actor=None, order=order, to_status="in_delivery")
    order.refresh_from_db()
    assert order.status == "in_delivery"


def test_another_spaces_offer_is_refused_beside_the_field_and_nothing_is_linked(w):
    foreign = make_offer(w["other_space"], municipality=Municipality.objects.get(code="1880"))
    with pytest.raises(ValidationError) as refused:
        link(w, make_offer(w["space"]), foreign)
    assert "validation_offers" in refused.value.error_dict
    assert foreign.title in " ".join(refused.value.messages)
    assert not w["order"].validation_offers.exists()


def test_only_a_validation_order_is_delivered_by_validations(w):
    w["order"].order_type = "new"
    w["order"].save(update_fields=["order_type"])
    with pytest.raises(ValidationError) as refused:
        link(w, make_offer(w["space"]))
    assert "validation_offers" in refused.value.error_dict


def test_the_page_shows_the_linked_offers_summed_outcomes_masked_below_k(client, w):
    offer = make_offer(w["space"])
    make_outcome(w["space"], offer=offer)  # 12 women, 3 men started; 9 and 2 completed
    make_outcome(w["space"], offer=offer, year=2024)
    link(w, offer)
    order = selectors.order_get(w["space"], w["chair"], w["order"].pk)
    [row], k = selectors.validation_deliveries(order)
    assert k == 5
    assert row.cells["started_women"].value == 24 and row.cells["started"].value == 30
    assert row.cells["completed_men"].suppressed and row.cells["completed"].suppressed  # 4 < 5; total gives it away
    assert row.cells["started_men"].value == 6
    client.force_login(w["chair"])
    text = client.get(w["order"].get_absolute_url()).content.decode()
    assert 'id="linked-validations"' in text and offer.title in text and ">24<" in text and ">4<" not in text


def test_the_public_sees_only_published_validation_offers_of_a_published_order(client, w):
    shown, hidden = make_offer(w["space"]), make_offer(w["space"], title="Intern validering", is_published=False)
    link(w, shown, hidden)
    services.order_set_published(actor=None, order=w["order"], published=True)
    body = client_for(None).get(f"/api/v1/education-orders/{w['order'].pk}/").json()
    assert body["validation_offers"] == [shown.pk]
    page = client.get(w["order"].get_public_url()).content.decode()
    assert shown.title in page and "Intern validering" not in page
