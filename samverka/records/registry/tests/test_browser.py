"""Registering a case and a document (and marking it as it is registered) in a real headless Chromium,
checked with axe-core."""

from typing import Any

import pytest

from conftest import assert_accessible, click_and_wait, give_totp, login
from samverka.records.registry import services
from samverka.records.registry.models import Case
from samverka.records.registry.testing import make_case, make_series
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_case_and_document_pages_are_accessible(page: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    space = make_space(slug="msv", name="MSV KLL")
    make_series(space=space, code="MSV")
    registrar = make_user(email="reg@example.se", role_in=space, role="registrar", full_name="Per Registrator")
    secret = give_totp(registrar)

    login(page, "reg@example.se", totp_secret=secret)
    page.goto(f"/s/{space.slug}/registry/")
    assert_accessible(page)

    click_and_wait(page, "main a.button")
    click_and_wait(page, "main form button[type=submit]")  # empty: the error summary links to the title
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.locator("a[href='#id_title']").count() == 1
    assert_accessible(page)

    page.fill("#id_title", "Regeringsuppdrag om validering")
    page.select_option("#id_case_type", "government_assignment")
    click_and_wait(page, "main form button[type=submit]")
    case = Case.objects.get()
    assert case.reference in page.locator("h1").inner_text()
    assert_accessible(page)

    click_and_wait(page, "main a.button")
    page.check("input[name=direction][value=incoming]")
    page.fill("#id_subject", "Regeringsbeslut")
    page.fill("#id_counterpart", "Regeringskansliet")
    page.fill("#id_received_on", "2026-03-02")
    click_and_wait(page, "main form button[type=submit]")
    assert "Regeringskansliet" in page.locator("main table").inner_text()
    assert case.documents.count() == 1
    assert_accessible(page)

    click_and_wait(page, "main table a[href*='/documents/1/']")
    assert "Regeringsbeslut" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.goto(case.get_absolute_url())
    page.fill("#decision-q", "2026:3")
    click_and_wait(page, "form:has(#decision-q) button[type=submit]")
    assert "2026:3" in page.locator("#decision-count").inner_text()
    assert_accessible(page)

    admin = make_user(email="admin@example.se", role_in=space, role="admin")
    services.secrecy_grants_set(actor=admin, space=space, roles=["registrar", "secretariat"])
    page.goto(f"/s/{space.slug}/registry/series/")
    history = page.locator("table[aria-labelledby=grant-history]").inner_text()
    assert str(admin) in history and "Sekretariat" in history
    assert_accessible(page)


def test_register_and_mark_a_document_in_one_step(page: Any, settings: Any, tmp_path: Any) -> None:
    """The document form's marking fields: empty by default; masking the subject without a provision is
    refused beside the field with nothing registered; with the provision the document is registered marked."""
    settings.MEDIA_ROOT = str(tmp_path)
    space = make_space(slug="msv", name="MSV KLL")
    case = make_case(space=space, title="Stöd till enskild")
    registrar = make_user(email="reg@example.se", role_in=space, role="registrar", full_name="Per Registrator")
    secret = give_totp(registrar)
    member = make_user(email="member@example.se", role_in=space, role="member")

    login(page, "reg@example.se", totp_secret=secret)
    page.goto(f"{case.get_absolute_url()}documents/new/")
    assert page.locator("#id_secrecy_provision").input_value() == ""
    assert not page.locator("#id_masks_subject").is_checked()
    page.check("input[name=direction][value=incoming]")
    page.fill("#id_subject", "Läkarintyg för Karin")
    page.fill("#id_counterpart", "Karin Hemlig")
    page.fill("#id_received_on", "2026-03-02")
    page.check("#id_masks_subject")
    click_and_wait(page, "main form button[type=submit]")
    field = page.locator(".field.has-error:has(#id_secrecy_provision)")
    assert "OSL 21 kap. 7 §" in field.inner_text()
    assert page.locator("#id_subject").input_value() == "Läkarintyg för Karin"  # what was typed stays
    assert not case.documents.exists()
    assert_accessible(page)

    page.fill("#id_secrecy_provision", "OSL 21 kap. 1 §")
    click_and_wait(page, "main form button[type=submit]")
    document = case.documents.get()
    assert document.secrecy.provision == "OSL 21 kap. 1 §" and document.secrecy.masks_subject
    rows = page.locator("main table").first.inner_text()
    assert "Karin Hemlig" in rows and "OSL 21 kap. 1 §" in rows  # the registrar has the grant
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, member.email)
    page.goto(case.get_absolute_url())
    rows = page.locator("main table").first.inner_text()
    assert "[sekretessmarkerad]" in rows and "Karin" not in rows
