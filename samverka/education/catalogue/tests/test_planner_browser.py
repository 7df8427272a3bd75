"""An analyst reads the planner on a 390 px phone in a real headless Chromium: the coverage matrix scrolls in
its own labelled box (never the page), and every planner page passes axe-core (WCAG 2.1 AA)."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.education.catalogue.tests.planner_factories import (
    ESKILSTUNA,
    NYKOPING,
    make_education,
    make_offering,
    programme_offering,
)
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_analyst_reads_the_planner_on_a_phone(page):
    space = make_space(slug="sormland-plan", name="Kompetensplattform Sörmland", county_id="04")
    make_user(email="analytiker@example.se", role_in=space, role="analyst")
    programme_offering(space, "NANAT", ESKILSTUNA, places=60)
    programme_offering(space, "VOVAR", NYKOPING, places=32)
    make_offering(space, make_education(space, title="Svetsare", sun_field="521"), places=12)

    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "analytiker@example.se")
    page.goto(f"/s/{space.slug}/catalogue/planner/")
    assert page.locator("h1").inner_text() == "Utbildningsplanering"
    assert_accessible(page)

    click_and_wait(page, "main a[href$='/planner/coverage/']")
    assert "Ingen kommun tillhandahåller samtliga nationella program." in page.locator("main").inner_text()
    wrapper = page.locator(".table-scroll:has(#coverage-matrix)")
    assert wrapper.get_attribute("role") == "region" and wrapper.get_attribute("tabindex") == "0"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(
        "(() => { const w = document.querySelector('.table-scroll:has(#coverage-matrix)');"
        " return w.scrollWidth > w.clientWidth; })()"
    )
    wrapper.focus()  # the keyboard scrolls the region (WCAG 2.1.1)
    for _press in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.table-scroll:has(#coverage-matrix)').scrollLeft > 0")
    assert_accessible(page)

    for path in ("places/", "gaps/", "quality/"):
        page.goto(f"/s/{space.slug}/catalogue/planner/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert_accessible(page)
