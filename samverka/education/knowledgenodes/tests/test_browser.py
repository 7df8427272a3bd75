"""The public knowledge node page (map, table and list) in a real headless Chromium at phone width
(390 px) and on a wide screen, checked with axe-core; no JavaScript is needed to read it."""

from datetime import date

import pytest

from conftest import assert_accessible
from samverka.education.glossary.loading import load_platform_terms
from samverka.education.knowledgenodes.tests.factories import make_node
from samverka.testing.factories import make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_node_map_is_accessible_on_a_phone(page):
    load_platform_terms()
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    make_node(space, area_kind="industry", area_code="C", name="Industri och teknik", offers="Validering.")
    make_node(space, municipality="0480", area_code="7", name="Vård och omsorg", valid_to=date(2030, 12, 31))
    make_node(space, municipality="0483", area_kind="yh_area", area_code="transport", name="Transport och logistik")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/s/{space.slug}/knowledge-nodes/public/")
    main = page.locator("main")
    assert "Industri och teknik" in main.inner_text() and "Transport och logistik" in main.inner_text()
    assert page.locator("main svg").count() == 1
    assert page.locator("#node-map-table-caption").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    page.locator("main table a", has_text="Vård och omsorg").click()
    assert page.url.endswith("#node-" + page.url.rsplit("#node-", 1)[1])
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page)


def test_public_node_map_works_without_javascript(browser, live_server, geography):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    make_node(space, area_kind="industry", area_code="C", name="Industri och teknik")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(f"/s/{space.slug}/knowledge-nodes/public/")
        assert "Industri och teknik" in page.locator("main").inner_text()
        assert page.locator("main svg").count() == 1
    finally:
        context.close()
