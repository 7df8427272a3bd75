"""The retention pages in a real headless Chromium, checked with axe-core: the schedule, a proposed run
approved by a second registrar, and the export page."""

import pytest

from conftest import assert_accessible, click_and_wait, give_totp, login
from samverka.records.retention import services
from samverka.records.retention.models import RunStatus
from samverka.records.retention.tests.factories import make_case, make_document, make_rule
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_schedule_run_approval_and_export_pages_are_accessible(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    proposer = make_user(role_in=space, role="registrar", email="rut@sormland.example")
    approver = make_user(role_in=space, role="registrar", email="per@sormland.example")
    secret = give_totp(approver)
    make_rule(space, "kallelse", years=2, name="Kallelser")
    make_rule(space, "beslut", years=None, name="Beslut")
    case = make_case(space, proposer, title="Nätverksträff för studie- och yrkesvägledare")
    document = make_document(case, proposer)
    run = services.run_propose(actor=proposer, space=space)

    login(page, approver.email, totp_secret=secret)
    page.goto(f"/s/{space.slug}/retention/")
    assert "RA-MS 2021:3" in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto(run.get_absolute_url())
    assert document.reference in page.locator("main").inner_text()
    assert_accessible(page)
    click_and_wait(page, "form[action$='/approve/'] button")
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    assert page.locator("form[action$='/execute/'] button").count() == 1
    assert_accessible(page)

    page.goto(f"/s/{space.slug}/retention/export/")
    assert case.reference in page.locator("main").inner_text()
    assert_accessible(page)
    page.check(f"#case-{case.pk}")
    with page.expect_download() as download:
        page.click("main form button[type=submit]")
    assert download.value.suggested_filename.endswith(".zip")
    page.goto(f"/s/{space.slug}/retention/deliveries/")
    assert download.value.suggested_filename in page.locator("main").inner_text()
    assert_accessible(page)
    click_and_wait(page, "main table a")
    assert case.reference in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto(f"/s/{space.slug}/retention/legal-holds/")
    page.fill("#id_reference", case.reference)
    page.fill("#id_reason", "Begäran om allmän handling")
    click_and_wait(page, "main form button[type=submit]")
    case.refresh_from_db()
    assert case.legal_hold
    assert page.locator(f"#hold-{case.pk}").count() == 1
    assert_accessible(page)
