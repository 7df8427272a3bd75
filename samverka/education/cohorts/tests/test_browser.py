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


def test_an_analyst_maps_an_official_table_onto_the_cohorts_and_sees_it_beside_the_local_figures(
    page: Any, world: Any
) -> None:
    """Skolverket's establishment table (synthetic numbers), imported as a dataset: the analyst picks its
    version, maps the columns, previews (nothing saved yet), confirms; the cohort page then shows the official
    outcome. On a phone, checked with axe-core."""
    from samverka.education.catalogue.tests.factories import make_education
    from samverka.education.cohorts.models import CohortOutcome
    from samverka.education.cohorts.tests.conftest import make_cohort
    from samverka.education.cohorts.tests.test_official import SKOLVERKET, SKOLVERKET_COLUMNS, imported

    education = make_education(space=world.space, code="EE", title="El- och energiprogrammet", school_type="GY")
    cohort = make_cohort(make_offering(space=world.space, education=education, municipality="0484"), start_year=2020)
    version = imported(world.space, SKOLVERKET, SKOLVERKET_COLUMNS)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, world.analyst.email)
    page.goto(f"/s/{world.space.slug}/cohorts/official/")
    assert_accessible(page)
    page.select_option("#id_version", str(version.pk))
    click_and_wait(page, "main form[method=get] button")

    page.select_option("#id_scheme", "establishment")
    page.select_option("#id_education", label="Programkod")
    page.select_option("#id_start_year", label="Avgångsår")
    page.fill("#id_year_offset", "3")
    page.select_option("#id_horizon", label="Uppföljning")
    page.select_option("#id_category", label="Etableringsstatus")
    page.select_option("#id_count", index=1)
    page.select_option("#id_municipality", label="Kommunkod")
    click_and_wait(page, "main button[name=preview]")
    preview = page.locator("#preview-h").locator("..").inner_text()
    assert "1" in preview and "Nyköping" not in preview  # the unmatched rows are named by code and municipality
    assert "0480" in preview
    assert not CohortOutcome.objects.filter(cohort=cohort).exists(), "a preview saves nothing"
    assert_accessible(page)
    fits(page)

    click_and_wait(page, "main button[name=confirm]")
    outcome = CohortOutcome.objects.get(cohort=cohort, source="skolverket")
    assert outcome.counts()["established"] == 14
    page.goto(cohort.get_absolute_url())
    main = page.locator("main").inner_text()
    assert "Skolverket" in main and "14" in main
    assert_accessible(page)
    fits(page)
