"""The order pages: who sees what, the edit form opens pre-filled, the buttons do what they say, the CSV
export and upload, and the overview's query count does not grow with the orders."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.education.orders import services
from samverka.education.orders.models import EducationOrder, OrderAddressee
from samverka.education.orders.tests.helpers import chain, in_days, seat, sent_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(space, other_space, make_role_user):
    bodies = chain(space)
    secretariat = make_role_user(space, "secretariat", full_name="Siv Sekretariat")
    leader = make_role_user(space, "member", full_name="Lina Ledare")
    seat(leader, bodies["workshop"])
    order = sent_order(space, bodies["council"], (bodies["workshop"],))
    return {
        "space": space,
        "bodies": bodies,
        "secretariat": secretariat,
        "leader": leader,
        "member": make_role_user(space, "member", full_name="Maja Medlem"),
        "guest": make_role_user(space, "guest", full_name="Gustav Gäst"),
        "outsider": make_role_user(other_space, "member", full_name="Olle Utomstående"),
        "order": order,
    }


def url(name, order, **extra):
    return reverse(f"orders:{name}", kwargs={"space": order.space.slug, "pk": order.pk, **extra})


def test_insiders_see_the_order_and_others_do_not(client, w):
    order = w["order"]
    client.force_login(w["member"])
    page = client.get(url("order-detail", order))
    assert page.status_code == 200 and "Undersköterskor i Sörmland" in page.content.decode()
    assert client.get(reverse("orders:order-list", kwargs={"space": "sormland"})).status_code == 200
    client.force_login(w["outsider"])
    assert client.get(url("order-detail", order)).status_code == 404
    client.force_login(w["guest"])
    assert client.get(url("order-detail", order)).status_code == 404
    assert client.get(reverse("orders:order-list", kwargs={"space": "sormland"})).status_code == 403
    client.logout()
    assert client.get(url("order-detail", order)).status_code in (302, 404)
    assert "Undersköterskor" not in client.get(url("order-detail", order)).content.decode()


def test_the_public_sees_a_published_order_only(client, w):
    order = w["order"]
    EducationOrder.objects.filter(pk=order.pk).update(is_published=True)
    assert EducationOrder.objects.restrict(None).count() == 1
    EducationOrder.objects.filter(pk=order.pk).update(is_published=False)
    assert EducationOrder.objects.restrict(None).count() == 0


def test_the_edit_form_opens_prefilled_and_saving_it_unchanged_changes_nothing(client, w):
    order = w["order"]
    services.order_update(actor=None, order=order, data=services.OrderData(forms=["vux", "yh"], priority=3))
    client.force_login(w["secretariat"])
    form = client.get(url("order-edit", order)).context["form"]
    assert form.initial["title"] == "Undersköterskor i Sörmland" and form.initial["forms"] == ["vux", "yh"]
    assert form["priority"].value() == 3
    before = EducationOrder.objects.values().get(pk=order.pk)
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v not in (False,)}
    response = client.post(url("order-edit", order), data)
    assert response.status_code == 302
    after = EducationOrder.objects.values().get(pk=order.pk)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }


def test_create_send_and_decide_through_the_pages(client, w):
    client.force_login(w["secretariat"])
    response = client.post(
        reverse("orders:order-create", kwargs={"space": "sormland"}),
        {"title": "Barnskötare", "origin_body": w["bodies"]["forum"].pk, "order_type": "new", "priority": 2},
    )
    order = EducationOrder.objects.get(title="Barnskötare")
    assert response.status_code == 302 and order.status == "draft" and order.created_by == w["secretariat"]
    client.post(url("addressee-add", order), {"addressee-body": w["bodies"]["workshop"].pk})
    response = client.post(url("order-transition", order), {"to_status": "sent"}, follow=True)
    assert "Beställningens status är nu ”skickat”." in response.content.decode()
    response = client.post(url("order-transition", order), {"to_status": "decided"}, follow=True)
    assert "nästa steg är ”mottaget”" in response.content.decode()
    order.refresh_from_db()
    assert order.status == "sent"
    addressee = order.addressees.get()
    decide = reverse("orders:addressee-decide", kwargs={"space": "sormland", "addressee": addressee.pk})
    client.force_login(w["member"])
    assert client.get(decide).status_code == 403
    client.force_login(w["leader"])
    refused = client.post(decide, {"decision": "rejected", "reason": ""})
    assert refused.status_code == 200 and "Ange motiveringen" in refused.content.decode()
    client.post(decide, {"decision": "partly", "reason": "Tio platser", "reference": "KS 2026/3"})
    addressee.refresh_from_db()
    assert (addressee.decision, addressee.decided_by) == ("partly", w["leader"])


def test_csv_export_and_upload_round_trip(client, w):
    order = w["order"]
    client.force_login(w["secretariat"])
    exported = client.get(reverse("orders:order-export", kwargs={"space": "sormland"}))
    text = exported.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id;title;status;due_on")
    edited = text.replace(";sent;", ";received;", 1)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = reverse("orders:order-upload", kwargs={"space": "sormland"})
    response = client.post(upload, {"file": SimpleUploadedFile("o.csv", edited.encode(), "text/csv")})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "received"
    bad = text.replace(";sent;", ";closed;", 1)
    response = client.post(upload, {"file": SimpleUploadedFile("o.csv", bad.encode(), "text/csv")})
    assert response.status_code == 400 and "Rad 2" in response.content.decode()
    order.refresh_from_db()
    assert order.status == "received"


def test_the_overview_costs_the_same_queries_for_3_and_30_orders(client, w):
    client.force_login(w["secretariat"])
    overview = reverse("orders:order-list", kwargs={"space": "sormland"})

    def count():
        client.get(overview)  # warm the per-request caches of the first request
        with CaptureQueriesContext(connection) as queries:
            assert client.get(overview).status_code == 200
        return len(queries)

    for _ in range(2):
        sent_order(w["space"], w["bodies"]["council"], (w["bodies"]["workshop"],))
    small = count()
    for _ in range(27):
        order = sent_order(w["space"], w["bodies"]["council"], (w["bodies"]["workshop"],), due_on=in_days(3))
        services.addressee_decide(actor=None, addressee=OrderAddressee.objects.get(order=order), decision="accepted")
    assert EducationOrder.objects.count() == 30
    assert count() == small


def test_an_overdue_order_shows_on_both_bodies_pages(client, w):
    order = w["order"]
    EducationOrder.objects.filter(pk=order.pk).update(due_on=in_days(-2))
    client.force_login(w["secretariat"])
    for body in (w["bodies"]["council"], w["bodies"]["workshop"]):
        page = client.get(reverse("bodies:body-detail", kwargs={"space": "sormland", "pk": body.pk}))
        assert "Försenade utbildningsbeställningar" in page.content.decode(), body


def test_an_education_order_message_is_tracked_from_the_overview(client, w):
    from samverka.records.questions.models import QuestionKind
    from samverka.records.questions.tests.helpers import ask

    question = ask(
        w["bodies"]["forum"], w["bodies"]["workshop"], kind=QuestionKind.EDUCATION_ORDER, title="Fler svetsare"
    )
    overview = reverse("orders:order-list", kwargs={"space": "sormland"})
    track = reverse("orders:track-question", kwargs={"space": "sormland", "question": question.pk})
    client.force_login(w["member"])
    assert "Fler svetsare" not in client.get(overview).content.decode()
    assert client.post(track).status_code == 403
    client.force_login(w["secretariat"])
    assert "Fler svetsare" in client.get(overview).content.decode()
    response = client.post(track)
    order = EducationOrder.objects.get(question=question)
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    assert order.status == "sent" and 'id="untracked"' not in client.get(overview).content.decode()
