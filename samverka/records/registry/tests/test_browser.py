"""Registering a case and a document in a real headless Chromium, checked with axe-core."""

from typing import Any

import pytest

from conftest import assert_accessible, click_and_wait, give_totp, login
from samverka.records.registry import services
from samverka.records.registry.models import Case
from samverka.records.registry.testing import make_series
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
