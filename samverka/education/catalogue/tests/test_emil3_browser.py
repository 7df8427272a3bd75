"""The EMIL3 import page in a real headless Chromium, checked with axe-core: the runs, a run started with
the button (the shipped fixtures, in-process task) and the run's page with the items left out."""

from typing import Any

import pytest

from conftest import assert_accessible, click_and_wait, give_totp, login
from samverka.education.catalogue.emil3 import SORMLAND_BAD
from samverka.education.catalogue.models import ImportRun, Offering
from samverka.education.catalogue.services.emil3 import DirectorySource, import_emil3
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_running_an_import_and_reading_its_problems(page: Any) -> None:
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland", county_id="04")
    admin = make_user(role_in=space, role="admin", email="samordnare@sormland.example")
    secret = give_totp(admin)

    login(page, admin.email, totp_secret=secret)
    page.goto(f"/s/{space.slug}/catalogue/imports/")
    assert "EMIL3" in page.locator("main").inner_text()
    assert_accessible(page)

    click_and_wait(page, "main form button[type=submit]")

    run = ImportRun.objects.get(space=space)
    assert run.status == "done" and Offering.objects.filter(space=space).count() == 88
    assert f"/imports/{run.pk}/" in page.url
    assert "174" in page.locator("#import-progress").inner_text()
    assert_accessible(page)

    bad = import_emil3(space=space, source=DirectorySource(SORMLAND_BAD))
    page.goto(f"/s/{space.slug}/catalogue/imports/{bad.pk}/")
    text = page.locator("main").inner_text()
    assert "i.0488.bad.sun" in text and "e.0488.bad.muni" in text
    assert_accessible(page)
