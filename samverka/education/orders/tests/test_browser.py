"""A secretariat creates an education order, adds the local competence workshop, sends it, and the workshop's
chair records the line decision — in a real headless Chromium, each page checked with axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.education.orders.models import EducationOrder
from samverka.education.orders.tests.helpers import chain, seat
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_order_is_created_sent_and_decided(page):
    space = make_space(slug="sormland-o", name="Sörmland")
    bodies = chain(space)
    make_user(email="sekretariat@example.se", role_in=space, role="secretariat", full_name="Siv Sekretariat")
    chair = make_user(email="lkv@example.se", role_in=space, role="member", full_name="Lars Ordförande")
    seat(chair, bodies["workshop"])

    login(page, "sekretariat@example.se")
    page.goto(f"/s/{space.slug}/orders/")
    assert_accessible(page)
    click_and_wait(page, f"a[href$='/s/{space.slug}/orders/new/']")
    page.fill("#id_title", "Undersköterskor till hösten")
    page.select_option("#id_origin_body", str(bodies["forum"].pk))
    page.select_option("#id_order_type", "new")
    click_and_wait(page, "main form button[type=submit]")
    order = EducationOrder.objects.get(title="Undersköterskor till hösten")
    assert page.locator("h1").inner_text() == "Undersköterskor till hösten"
    assert_accessible(page)

    page.select_option("#id_addressee-body", str(bodies["workshop"].pk))
    click_and_wait(page, "#add-addressee button[type=submit]")
    assert "Lokal kompetensverkstad" in page.locator("#addressees").inner_text()
    click_and_wait(page, "#transition")
    order.refresh_from_db()
    assert order.status == "sent"
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, "lkv@example.se")
    page.goto(order.get_absolute_url())
    click_and_wait(page, "#addressees a")
    page.check("input[name=decision][value=rejected]")
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator("#error-summary").count() == 1
    assert_accessible(page)
    page.check("input[name=decision][value=partly]")
    page.fill("#id_reason", "Tio platser i stället för tjugo.")
    click_and_wait(page, "main form button[type=submit]")
    addressee = order.addressees.get()
    assert (addressee.decision, addressee.decided_by) == ("partly", chair)
    assert "Tio platser" in page.locator("#addressees").inner_text()
    assert_accessible(page)


def test_anonymous_opens_a_published_order_with_its_timeline_and_an_unpublished_one_is_404(page):
    from samverka.education.orders import services
    from samverka.education.orders.tests.helpers import sent_order

    space = make_space(slug="sormland-p", name="Sörmland")
    bodies = chain(space)
    published = sent_order(space, bodies["council"], (bodies["workshop"],), title="Publik beställning")
    services.order_set_published(actor=None, order=published, published=True)
    hidden = sent_order(space, bodies["council"], (bodies["workshop"],), title="Intern beställning")

    page.goto(published.get_public_url())
    assert page.locator("h1").inner_text() == "Publik beställning"
    timeline = page.locator("#public-timeline").inner_text()
    assert "Skickat" in timeline or "Sent" in timeline
    assert_accessible(page)

    response = page.goto(hidden.get_public_url())
    assert response is not None and response.status == 404
    assert "Intern beställning" not in page.content()


def test_a_secretariat_marks_an_order_secret_and_links_a_suggested_offering(page):
    from samverka.education.catalogue.models import OfferingParty
    from samverka.education.catalogue.tests.factories import make_education, make_offering
    from samverka.education.orders import services
    from samverka.education.orders.models import OrderOccupation
    from samverka.education.orders.tests.helpers import sent_order
    from samverka.testing.factories import make_organisation

    space = make_space(slug="sormland-s", name="Sörmland")
    bodies = chain(space)
    make_user(email="sekretariat-s@example.se", role_in=space, role="secretariat", full_name="Siv Sekretariat")
    order = sent_order(
        space, bodies["council"], (bodies["workshop"],), title="Hemlig beställning", rationale="Känslig bakgrund."
    )
    services.addressee_add(actor=None, order=order, organisation=make_organisation(org_number="212000-0308"))
    OrderOccupation.objects.create(order=order, ssyk_code="5321", year=2027, volume=10)
    offering = make_offering(space=space, education=make_education(space=space, occupations=("5321",)))
    OfferingParty.objects.create(offering=offering, role="orderer", org_number="212000-0308")
    services.order_set_published(actor=None, order=order, published=True)

    login(page, "sekretariat-s@example.se")
    page.goto(order.get_absolute_url())
    assert page.locator("#suggestions").count() == 1
    assert_accessible(page)
    click_and_wait(page, "#suggestions button[type=submit]")
    assert page.locator("#suggestions").count() == 0
    assert list(order.offerings.all()) == [offering]

    click_and_wait(page, "#secrecy")
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator("#error-summary").count() == 1
    assert_accessible(page)
    page.fill("#id_provision", "OSL 19 kap. 1 §")
    click_and_wait(page, "main form button[type=submit]")
    assert "OSL 19 kap. 1 §" in page.locator("#secrecy-banner").inner_text()
    assert "Känslig bakgrund." in page.content()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(order.get_public_url())
    assert "OSL 19 kap. 1 §" in page.locator("#secrecy-banner").inner_text()
    assert "Känslig bakgrund." not in page.content()
    assert_accessible(page)
