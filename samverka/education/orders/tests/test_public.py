"""The public order pages: a published order only (404 otherwise, for everyone outside), a secrecy-aware subset
with its timeline, the key-paginated list, and the "Publish" / "Unpublish" button through its service."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samverka.education.orders import selectors, services
from samverka.education.orders.tests.helpers import chain, seat, sent_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(space, other_space, make_role_user):
    bodies = chain(space)
    secretariat = make_role_user(space, "secretariat", full_name="Siv Sekretariat")
    leader = make_role_user(space, "member", full_name="Lina Ledare")
    seat(leader, bodies["workshop"])
    order = sent_order(space, bodies["council"], (bodies["workshop"],))
    addressee = order.addressees.get()
    services.addressee_decide(actor=None, addressee=addressee, decision="accepted", reference="LKV 2026:1")
    order.events.create(from_status="sent", to_status="sent", note="Intern anteckning om mötet")
    return {
        "order": order,
        "secretariat": secretariat,
        "leader": leader,
        "member": make_role_user(space, "member", full_name="Maja Medlem"),
        "outsider": make_role_user(other_space, "member", full_name="Olle Utomstående"),
    }


def public(order):
    return reverse("orders:public-order", kwargs={"pk": order.pk})


def test_an_unpublished_order_answers_404_to_everyone_outside(client, w):
    order = w["order"]
    assert client.get(public(order)).status_code == 404
    client.force_login(w["outsider"])
    assert client.get(public(order)).status_code == 404
    assert order.title not in client.get(reverse("orders:public-order-list")).content.decode()


def test_a_published_order_shows_its_subset_and_timeline_without_notes_or_names(client, w):
    order = services.order_set_published(actor=None, order=w["order"], published=True)
    page = client.get(public(order))
    assert page.status_code == 200
    text = page.content.decode()
    assert order.title in text and 'id="public-timeline"' in text
    assert "Intern anteckning" not in text
    assert "Siv Sekretariat" not in text and "Lina Ledare" not in text
    listing = client.get(reverse("orders:public-order-list")).content.decode()
    assert public(order) in listing
    assert [row.pk for row in selectors.public_order_list()] == [order.pk]


def test_the_public_list_pages_by_key(client, w):
    order = services.order_set_published(actor=None, order=w["order"], published=True)
    assert selectors.public_order_list(after=order.pk) == []
    assert client.get(reverse("orders:public-order-list"), {"after": order.pk}).status_code == 200


def test_publish_button_is_for_who_may_change_the_order(client, w):
    order = w["order"]
    url = reverse("orders:order-publish", kwargs={"space": order.space.slug, "pk": order.pk})
    client.force_login(w["member"])
    assert client.post(url, {"published": "on"}).status_code in (403, 404)
    order.refresh_from_db()
    assert not order.is_published
    with pytest.raises(PermissionDenied):
        services.order_set_published(actor=w["member"], order=order, published=True)
    client.force_login(w["secretariat"])
    response = client.post(url, {"published": "on"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.is_published
    assert client.get(order.get_absolute_url()).content.decode().count(order.get_public_url()) >= 1
    client.post(url, {"published": ""})
    order.refresh_from_db()
    assert not order.is_published


def test_the_working_page_of_a_published_order_sends_outsiders_to_its_public_page(client, w, space, make_role_user):
    """Publishing opens the public subset only: logged out, as a guest of the space or as another space's member,
    the working page (internal notes, names) answers with a redirect to the public page."""
    order = services.order_set_published(actor=None, order=w["order"], published=True)
    working = reverse("orders:order-detail", kwargs={"space": order.space.slug, "pk": order.pk})
    guest = make_role_user(space, "guest", full_name="Gustav Gäst")
    for user in (None, guest, w["outsider"]):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(working)
        assert response.status_code == 302 and response["Location"] == public(order), user
        assert "Intern anteckning" not in client.get(working, follow=True).content.decode()
    client.force_login(w["member"])
    page = client.get(working)
    assert page.status_code == 200 and "Intern anteckning" in page.content.decode()
