"""The public education search in a real headless Chromium at phone width (390 px), checked with axe-core:
search, filter, open an offering, and the map; nothing wider than the screen."""

import pytest

from conftest import assert_accessible, click_and_wait
from samverka.education.catalogue.tests.factories import make_education, make_offering, make_provider
from samverka.testing.factories import make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_search_filter_and_open_an_offering_on_a_phone(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland", county_id="04")
    provider = make_provider(space=space, name="Vuxenutbildningen Eskilstuna")
    make_offering(
        space=space,
        education=make_education(space=space, provider=provider, title="Undersköterska", occupations=("5321",)),
    )
    make_offering(
        space=space,
        education=make_education(space=space, provider=provider, title="Svetsare", school_type="VUXGY"),
        municipality="0480",
    )
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/educations/")
    assert page.locator("h1").inner_text() == "Hitta en utbildning"
    assert page.locator(".edu-results > li").count() == 2
    assert fits_the_screen(page)
    assert_accessible(page)

    # Search by word: the form is a GET, so the address holds the search.
    page.fill("#id_q", "undersköterska")
    click_and_wait(page, ".edu-filters button[type=submit]")
    assert "q=underskoterska" in page.url.replace("%C3%B6", "o") or "q=undersk" in page.url
    assert page.locator(".edu-results > li").count() == 1

    # Filter by municipality instead.
    page.fill("#id_q", "")
    page.select_option("#id_municipality", "0480")
    click_and_wait(page, ".edu-filters button[type=submit]")
    assert "municipality=0480" in page.url
    assert page.locator(".edu-results h3").all_inner_texts() == ["Svetsare"]
    assert_accessible(page)

    # Open the offering.
    click_and_wait(page, ".edu-results h3 a")
    assert page.locator("h1").inner_text() == "Svetsare"
    assert "Vuxenutbildningen Eskilstuna" in page.locator("main").inner_text()
    assert fits_the_screen(page)
    assert_accessible(page)

    # The map of the county, with its table.
    page.goto("/educations/map/?county=04")
    assert page.locator("svg[role=img]").count() == 1
    assert page.locator("table tbody tr").count() == 9
    assert fits_the_screen(page)
    assert_accessible(page)
