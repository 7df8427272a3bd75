"""A journey in a real headless Chromium at phone width (390 px), checked with axe-core on every page: an analyst
records a new cohort of an offering (a bad figure first: refused with a message, nothing saved), opens it, and
downloads the follow-up table, where the small cohort is masked."""

from pathlib import Path
from typing import Any

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.education.catalogue.tests.factories import make_offering
from samverka.education.cohorts.models import Cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page: Any) -> None:
    """Nothing wider than the phone: the page does not scroll sideways (tables scroll in their own box)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def test_an_analyst_records_a_cohort_opens_it_and_downloads_the_follow_up(page: Any, world: Any) -> None:
    offering = make_offering(space=world.space, municipality="0483")
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, world.analyst.email)
    page.goto(f"/s/{world.space.slug}/cohorts/")
    assert_accessible(page)
    fits(page)

    click_and_wait(page, "main a.button")  # New cohort
    assert_accessible(page)
    page.select_option("#id_offering", str(offering.pk))
    page.fill("#id_start_year", "2025")
    page.select_option("#id_term", "VT")
    page.fill("#id_admitted", "6")
    page.fill("#id_started", "4")
    page.fill("#id_completed_with_degree", "3")
    page.fill("#id_dropped_out", "3")
    click_and_wait(page, "main form button[type=submit]")
    assert not Cohort.objects.filter(offering=offering).exists()
    assert "4" in page.locator("main").inner_text()  # the message names the 4 who started
    assert_accessible(page)

    page.fill("#id_dropped_out", "1")
    click_and_wait(page, "main form button[type=submit]")
    cohort = Cohort.objects.get(offering=offering)
    assert page.url.endswith(cohort.get_absolute_url())
    assert cohort.started == 4 and cohort.completed == 3
    assert_accessible(page)
    fits(page)

    page.goto(f"/s/{world.space.slug}/cohorts/follow-up/")
    assert_accessible(page)
    assert ".." in page.locator("main table").inner_text()
    with page.expect_download() as download:
        page.click("main a[href$='export.csv']")
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert ";..;" in content and "28" in content
