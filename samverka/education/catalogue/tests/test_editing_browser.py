"""The municipal editor's journey on a phone (390 px) in a real headless Chromium, checked with axe-core:
log in, open the space's catalogue, add an offering (a mistake first, shown beside its field), and see it."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.education.catalogue.models import Offering
from samverka.education.catalogue.tests.editing_factories import (
    ESKILSTUNA,
    make_editor,
    make_education,
    make_offering,
    make_provider,
)
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_fits_the_phone(page) -> None:
    """Nothing makes the page wider than the phone (a table scrolls in its own box)."""
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.table-scroll'))
            .map(e => `${e.tagName}.${e.className}#${e.name || e.id} ${Math.round(e.getBoundingClientRect().right)}`)"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, (page.url, wide)


def test_the_eskilstuna_editor_adds_an_offering_and_sees_it_on_a_phone(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    editor = make_editor(
        space=space, user=make_user(email="redaktor@eskilstuna.example", role_in=space, full_name="Sara Lund")
    )
    education = make_education(provider=make_provider(space=space, name="Eskilstuna Vuxenutbildning"), title="Svetsare")
    make_offering(space=space, imported=True, municipality="0480", locality="Nyköping")
    page.set_viewport_size({"width": 390, "height": 844})

    login(page, editor.email)
    page.goto(f"/s/{space.slug}/catalogue/")
    main = page.locator("main")
    assert "Du är redaktör för utbildningstillfällena i: Eskilstuna." in main.inner_text()
    assert_accessible(page)
    assert_fits_the_phone(page)

    click_and_wait(page, "text=Lägg till ett utbildningstillfälle")
    assert page.locator("select[name=municipality] option[value]:not([value=''])").all_inner_texts() == ["Eskilstuna"]
    page.select_option("select[name=education]", str(education.pk))
    page.fill("input[name=locality]", "Munktellstaden")
    page.fill("input[name=start_date]", "2027-03-01")
    page.fill("input[name=end_date]", "2027-02-01")
    page.fill("input[name=places]", "12")
    page.fill("input[name=occupations]", "7212")
    click_and_wait(page, "main form button[type=submit]")
    error = page.locator(".field.has-error", has=page.locator("input[name=end_date]"))
    assert "Slutet kan inte vara före starten." in error.inner_text()
    assert page.input_value("input[name=locality]") == "Munktellstaden"  # nothing typed is lost
    assert_accessible(page)
    assert_fits_the_phone(page)

    page.fill("input[name=end_date]", "2027-06-11")
    click_and_wait(page, "main form button[type=submit]")
    offering = Offering.objects.get(locality="Munktellstaden")
    assert page.url.endswith(offering.get_absolute_url())
    text = page.locator("main").inner_text()
    assert "Utbildningstillfället har lagts till." in page.content()
    assert "Svetsare" in page.locator("h1").inner_text()
    assert "Inlagd här" in text and "7212 Svetsare och gasskärare" in text
    assert_accessible(page)
    assert_fits_the_phone(page)

    click_and_wait(page, "text=Tillbaka till katalogen")
    row = page.locator("tbody tr", has_text="Munktellstaden")
    assert row.count() == 1 and "Eskilstuna" in row.inner_text()
    assert offering.municipality_id == ESKILSTUNA and offering.county_code == "04"
