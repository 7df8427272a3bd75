"""Secrecy markings on orders (OSL): set, refused without a provision, lifted, each an event; the masked parts
read "[sekretessmarkerad]" (``secrecy.mask``) on the public pages, in the API and in the export for those without the right, and
in clear with a banner for those with it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import give_totp
from samverka.education.orders import services
from samverka.education.orders.secrecy import mask
from samverka.education.orders.tests.helpers import chain, make_order, seat, sent_order
from samverka.platform.api.tests.conftest import client_for

pytestmark = pytest.mark.django_db

BANNER = 'id="secrecy-banner"'
RATIONALE = "Hemlig bakgrund om arbetsgivarens nedläggning."
REASON = "Avslag: uppgifter om enskild anordnares ekonomi."


@pytest.fixture
def w(space, other_space, make_role_user):
    bodies = chain(space)
    chair = make_role_user(space, "member", full_name="Clara Ordförande")
    seat(chair, bodies["council"])
    order = sent_order(space, bodies["council"], (bodies["workshop"],), rationale=RATIONALE, is_published=True)
    services.addressee_decide(actor=None, addressee=order.addressees.get(), decision="rejected", reason=REASON)
    registrar = make_role_user(space, "registrar", full_name="Rut Registrator")
    give_totp(registrar)  # registrars must have two-factor
    return {
        "order": order,
        "chair": chair,
        "registrar": registrar,
        "member": make_role_user(space, "member", full_name="Maja Medlem"),
        "outsider": make_role_user(other_space, "member", full_name="Olle Utomstående"),
    }


def mark(w, **extra):
    values = {"provision": "OSL 19 kap. 1 §", "reason": "Affärsförhållanden", **extra}
    return services.order_set_secrecy(actor=w["chair"], order=w["order"], **values)


def test_a_marking_is_set_logged_and_lifted(w):
    order = mark(w)
    order.refresh_from_db()
    assert order.secrecy_provision == "OSL 19 kap. 1 §"
    assert order.secrecy_masks_rationale and order.secrecy_masks_reasons
    assert order.events.filter(note__contains="OSL 19 kap. 1 §").exists()
    services.order_lift_secrecy(actor=w["chair"], order=order)
    order.refresh_from_db()
    assert order.secrecy_provision == "" and order.secrecy_reason == ""
    assert order.events.count() >= 2 and "OSL 19 kap. 1 §" in order.events.last().note


def test_a_marking_without_provision_is_refused_and_nothing_changes(w):
    with pytest.raises(ValidationError) as refused:
        mark(w, provision="   ")
    assert "provision" in refused.value.error_dict
    w["order"].refresh_from_db()
    assert w["order"].secrecy_provision == ""
    with pytest.raises(ValidationError):
        services.order_lift_secrecy(actor=w["chair"], order=w["order"])


def test_only_who_runs_the_ordering_body_marks(w):
    with pytest.raises(PermissionDenied):
        services.order_set_secrecy(actor=w["member"], order=w["order"], provision="OSL 19 kap. 1 §")


def test_the_form_shows_the_refusal_beside_the_field(client, w):
    order = w["order"]
    client.force_login(w["chair"])
    url = reverse("orders:order-secrecy", kwargs={"space": order.space.slug, "pk": order.pk})
    response = client.post(url, {"provision": "", "masks_rationale": "on"})
    assert response.status_code == 200
    assert "provision" in response.context["form"].errors
    response = client.post(url, {"provision": "OSL 19 kap. 1 §", "masks_rationale": "on", "masks_reasons": "on"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.secrecy_provision == "OSL 19 kap. 1 §"


def test_the_public_page_and_list_mask_the_parts_for_everyone(client, w):
    order = mark(w)
    for user in (None, w["member"], w["registrar"]):
        if user is not None:
            client.force_login(user)
        text = client.get(reverse("orders:public-order", kwargs={"pk": order.pk})).content.decode()
        assert RATIONALE not in text and REASON not in text and "Affärsförhållanden" not in text
        assert mask() in text and BANNER in text and "OSL 19 kap. 1 §" in text
    listing = client.get(reverse("orders:public-order-list")).content.decode()
    assert "OSL 19 kap. 1 §" in listing and RATIONALE not in listing


def test_the_order_page_shows_the_parts_to_the_right_only(client, w):
    order = mark(w, masks_reasons=False)
    url = order.get_absolute_url()
    client.force_login(w["member"])
    text = client.get(url).content.decode()
    assert RATIONALE not in text and mask() in text and REASON in text
    client.force_login(w["registrar"])
    text = client.get(url).content.decode()
    assert RATIONALE in text and BANNER in text and "OSL 19 kap. 1 §" in text


def test_an_unmarked_order_shows_everything(client, w):
    text = client.get(reverse("orders:public-order", kwargs={"pk": w["order"].pk})).content.decode()
    assert RATIONALE in text and REASON in text and BANNER not in text


def test_the_api_masks_for_the_anonymous_and_non_members(w):
    order = mark(w)
    path = f"/api/v1/education-orders/{order.pk}/"
    for user in (None, w["outsider"], w["member"]):
        body = client_for(user).get(path).json()
        assert body["rationale"] == mask() and body["addressees"][0]["reason"] == mask()
        assert body["secrecy_reason"] == mask() and body["secrecy_provision"] == "OSL 19 kap. 1 §"
    body = client_for(w["registrar"]).get(path).json()
    assert body["rationale"] == RATIONALE and body["addressees"][0]["reason"] == REASON


def test_the_export_masks_for_those_without_the_right(client, w):
    order = mark(w)
    export = reverse("orders:order-export", kwargs={"space": order.space.slug})
    client.force_login(w["member"])
    text = client.get(export).content.decode("utf-8-sig")
    assert RATIONALE not in text and mask() in text and "OSL 19 kap. 1 §" in text
    client.force_login(w["registrar"])
    assert RATIONALE in client.get(export).content.decode("utf-8-sig")


def test_masking_the_api_list_does_not_add_queries_per_marked_order(w, space):
    api = client_for(w["member"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/api/v1/education-orders/").status_code == 200
        return len(captured)

    mark(w)
    api.get("/api/v1/education-orders/")  # the first request fills the per-user caches
    one = queries()
    for n in range(3):
        order = make_order(space, w["order"].origin_body, title=f"Beställning {n}", rationale=RATIONALE)
        services.order_set_secrecy(actor=None, order=order, provision="OSL 19 kap. 1 §")
    assert queries() == one
    assert RATIONALE not in api.get("/api/v1/education-orders/").content.decode()
