"""The public glossary in a real headless Chromium at phone width (390 px), checked with axe-core."""

import pytest

from conftest import assert_accessible
from samverka.education.glossary.loading import load_platform_terms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_glossary_page_is_accessible_on_a_phone_and_filters_without_js(page):
    load_platform_terms()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/glossary/")
    assert "Skollagen (2010:800) 1 kap. 3 §" in page.locator("main").inner_text()
    assert_accessible(page)
    page.select_option("#id_topic", "knowledge-nodes")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("#kunskapsnod").count() == 1
    assert page.locator("#komvux").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
