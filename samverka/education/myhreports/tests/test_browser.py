"""In a real headless Chromium: an analyst starts this year's report, the draft is generated from the space's
data, and a figure shows with its source and vintage; the page passes axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_analyst_generates_a_draft_and_sees_a_figure_with_its_source(page, world):
    login(page, world.analyst.email)
    page.goto(f"/s/{world.space.slug}/myh/")
    assert_accessible(page)
    page.fill("#id_year", "2026")
    click_and_wait(page, "main form button[type=submit]")
    section = page.locator("#section-population").inner_text()
    assert "Nyköping" in section
    assert "Sysselsatta i Sörmland" in section  # the figure's source
    assert "version 1" in section  # and its vintage
    assert_accessible(page)
