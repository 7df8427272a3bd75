"""The public diary and the contact form in a real headless Chromium, checked with axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait
from samverka.records.intake.models import IncomingItem
from samverka.records.intake.tests.factories import SECRET_COUNTERPART, make_marked_document
from samverka.records.registry.testing import make_case, make_document
from samverka.testing.factories import make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_diary_and_contact_form_are_accessible(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    make_document(case=make_case(space=space, title="Regeringsuppdrag om validering"), counterpart="Skolverket")
    make_marked_document(space)

    page.goto(f"/s/{space.slug}/diary/")
    table = page.locator("main table").inner_text()
    assert "Skolverket" in table and "[sekretessmarkerad]" in table and SECRET_COUNTERPART not in table
    assert_accessible(page)

    page.goto(f"/s/{space.slug}/contact/")
    # Sent without the required fields: the error summary links to the name field; nothing is stored.
    click_and_wait(page, "main form button[type=submit]")
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.locator("a[href='#id_name']").count() == 1
    assert_accessible(page)

    page.fill("#id_name", "Karin Karlsson")
    page.fill("#id_email", "karin@example.se")
    page.fill("#id_subject", "Fråga om validering")
    page.fill("#id_text", "Hur ansöker vi om medel?")
    click_and_wait(page, "main form button[type=submit]")
    assert page.url.endswith(f"/s/{space.slug}/contact/thanks/")
    assert IncomingItem.objects.get().subject == "Fråga om validering"
    assert_accessible(page)
