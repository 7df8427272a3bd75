"""The public diary, the contact form and triage with a secrecy marking in a real headless Chromium,
checked with axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait, give_totp, login
from samverka.records.intake.models import IncomingItem
from samverka.records.intake.tests.factories import SECRET_COUNTERPART, make_item, make_marked_document
from samverka.records.registry.models import SecrecyMarking
from samverka.records.registry.testing import make_case, make_document
from samverka.testing.factories import make_space, make_user

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


def test_triage_marks_a_document_secret_as_it_registers_it(page, settings, tmp_path):
    """The registrar registers an incoming item with a secrecy marking from the item's page; a marking
    without its provision is refused beside the field first; the public diary never shows it unmasked."""
    settings.MEDIA_ROOT = str(tmp_path)
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    case = make_case(space=space, title="Stöd till enskild")
    registrar = make_user(email="reg@example.se", role_in=space, role="registrar", full_name="Per Registrator")
    secret = give_totp(registrar)
    item = make_item(space, sender_name="Hemliga Hilda Hansson", subject="Hildas läkarintyg")

    login(page, "reg@example.se", totp_secret=secret)
    page.goto(item.get_absolute_url())
    provision = page.locator("#id_case-secrecy_provision")
    assert provision.input_value() == "" and not page.locator("#id_case-masks_subject").is_checked()
    assert_accessible(page)

    page.fill("#id_case-reference", case.reference)
    page.check("#id_case-masks_subject")
    click_and_wait(page, "form:has(#id_case-reference) button[type=submit]")
    field = page.locator(".field.has-error:has(#id_case-secrecy_provision)")
    assert "OSL 21 kap. 7 §" in field.inner_text() and "Dölj även ärendemeningen" in field.inner_text()
    assert page.locator("#id_case-reference").input_value() == case.reference  # what was typed stays
    assert not SecrecyMarking.objects.exists() and not case.documents.exists()
    assert_accessible(page)

    page.fill("#id_case-secrecy_provision", "OSL 21 kap. 1 §")
    click_and_wait(page, "form:has(#id_case-reference) button[type=submit]")
    item.refresh_from_db()
    assert item.document is not None and item.document.reference in page.locator("main").inner_text()
    marking = SecrecyMarking.objects.get(document=item.document)
    assert marking.provision == "OSL 21 kap. 1 §" and marking.masks_subject

    page.context.clear_cookies()  # as anyone
    page.goto(f"/s/{space.slug}/diary/")
    table = page.locator("main table").inner_text()
    assert item.document.reference in table and "[sekretessmarkerad]" in table
    assert "Hilda" not in table
