"""Education orders and yearly reports to MYH in the API: the pages' rule (``restrict``), the space filter and a
list whose query count does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import give_totp
from samverka.education.orders import services
from samverka.education.orders.models import EducationOrder
from samverka.platform.api.tests.conftest import client_for
from samverka.testing import factories

pytestmark = pytest.mark.django_db


def order(space, body, title, **extra):
    data = services.OrderData(title=title, origin_body=body, order_type="new", forms=["vux"], priority=1, **extra)
    made = services.order_create(actor=None, space=space, data=data)
    services.addressee_add(actor=None, order=made, organisation=factories.make_organisation(name=f"Mottagare {title}"))
    made.occupations.create(ssyk_code="5321", year=2027, volume=20)
    made.consultations.create(kind="komvux_grant", application_round="2027")
    return made


@pytest.fixture
def orders(space, other_space):
    body_a = factories.make_body(space=space, name="Vårdforum A")
    body_b = factories.make_body(space=other_space, name="Vårdforum B")
    return {
        "private_a": order(space, body_a, "Privat A"),
        "published_a": order(space, body_a, "Publicerad A", is_published=True),
        "private_b": order(other_space, body_b, "Privat B"),
    }


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_private_order_of_another_space_is_neither_listed_nor_found(orders, space, make_role_user):
    member = client_for(make_role_user(space, "member"))
    assert ids(member.get("/api/v1/education-orders/")) == {orders["private_a"].pk, orders["published_a"].pk}
    assert member.get(f"/api/v1/education-orders/{orders['private_b'].pk}/").status_code == 404
    assert member.get(f"/api/v1/education-orders/{orders['private_a'].pk}/").status_code == 200


def test_anonymous_sees_the_published_order_only(orders, space):
    anonymous = client_for(None)
    assert ids(anonymous.get("/api/v1/education-orders/")) == {orders["published_a"].pk}
    assert anonymous.get(f"/api/v1/education-orders/{orders['private_a'].pk}/").status_code == 404
    response = anonymous.get(f"/api/v1/education-orders/{orders['published_a'].pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Publicerad A"
    assert body["occupations"] == [{"ssyk_code": "5321", "year": 2027, "volume": 20}]
    assert body["addressees"][0]["decision"] == ""
    assert set(body["addressees"][0]) >= {"decision", "reason", "decided_at", "reference"}
    assert body["consultations"][0]["kind"] == "komvux_grant"
    assert body["status"] == "draft"


def test_the_space_filter(orders, space, other_space, superuser):
    give_totp(superuser)
    admin = client_for(superuser)
    assert ids(admin.get("/api/v1/education-orders/", {"space": other_space.slug})) == {orders["private_b"].pk}
    assert ids(admin.get("/api/v1/education-orders/", {"space": space.slug})) == {
        orders["private_a"].pk,
        orders["published_a"].pk,
    }


def test_the_list_makes_as_many_queries_for_3_orders_as_for_20(space, make_role_user):
    body = factories.make_body(space=space, name="Vårdforum")
    member = client_for(make_role_user(space, "member"))

    def queries(total):
        while EducationOrder.objects.count() < total:
            order(space, body, f"Beställning {EducationOrder.objects.count()}")
        with CaptureQueriesContext(connection) as ctx:
            response = member.get("/api/v1/education-orders/")
        assert len(response.json()["results"]) == total
        return len(ctx.captured_queries)

    assert queries(3) == queries(20)


def test_reports_are_for_the_space_insiders_only(space, other_space, make_role_user, superuser):
    from samverka.education.myhreports.services import report_create

    report = report_create(space=space, year=2026, actor=superuser)
    member = client_for(make_role_user(space, "member"))
    outsider = client_for(make_role_user(other_space, "member"))
    assert ids(member.get("/api/v1/myh-reports/", {"space": space.slug})) == {report.pk}
    detail = member.get(f"/api/v1/myh-reports/{report.pk}/").json()
    assert detail["year"] == 2026 and detail["status"] == "draft"
    assert [section["key"] for section in detail["sections"]] == [key for key, _ in report.template.section_list()]
    assert ids(outsider.get("/api/v1/myh-reports/")) == set()
    assert outsider.get(f"/api/v1/myh-reports/{report.pk}/").status_code == 404
    assert client_for(None).get(f"/api/v1/myh-reports/{report.pk}/").status_code == 404
