"""On a 390 px phone in a real Chromium: the menu starts closed and opens with the role's sections, a
wide table scrolls inside its own box (not the page), axe-core finds nothing, and the header's search
finds what the person may see and not what they may not."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.records.registry.testing import make_case, make_document
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def page_scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.fixture
def world():
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    other = make_space(slug="orebro", name="Region Örebro län", county_id="18")
    member = make_user(email="medlem@example.se", full_name="Maja Medlem", role_in=space, role="member")
    make_body(space=space, name="Valideringsgruppen i Sörmland", is_public=False)
    make_body(space=other, name="Valideringsgruppen i Örebro", is_public=False)
    for n in range(3):
        case = make_case(
            space=space, title=f"Regeringsuppdrag om kompetensförsörjning och validering inom vård och omsorg {n}"
        )
        make_document(case=case, subject="Skrivelse från Arbetsförmedlingen om valideringsinsatser")
    return {"space": space, "member": member}


def test_the_menu_is_closed_on_a_phone_and_opens_with_the_roles_sections(page, world):
    page.set_viewport_size(PHONE)
    login(page, world["member"].email)
    page.goto("/s/sormland/")
    menu = page.locator(".space-menu")
    assert menu.get_attribute("open") is None
    assert not page.locator(".menu-section summary").first.is_visible()
    assert page.locator("main h1").bounding_box()["y"] < PHONE["height"] / 2  # the page starts on the first screen
    assert_accessible(page)

    # The keyboard opens it: the toggle is a <summary>, focusable, Enter opens.
    page.focus(".space-menu > summary")
    page.keyboard.press("Enter")
    assert menu.get_attribute("open") == ""
    sections = page.locator(".menu-section > details > summary")
    assert [s.strip() for s in sections.all_inner_texts()] == [
        "Samverkan",
        "Styrning",
        "Diarium",
        "Analys",
        "Utbildning",
        "Publicerat",
    ]  # no Administration for a member
    assert_accessible(page)
    page.click(".menu-section[data-section=records] > details > summary")
    records = page.locator(".menu-section[data-section=records] a")
    assert "Ärenden och handlingar" in records.all_inner_texts()
    click_and_wait(page, ".menu-section[data-section=records] a:has-text('Ärenden och handlingar')")
    assert page.url.endswith("/s/sormland/registry/")
    # On the new page the menu is closed again.
    assert page.locator(".space-menu").get_attribute("open") is None


def test_a_wide_table_scrolls_inside_its_box_not_the_page(page, world):
    page.set_viewport_size(PHONE)
    login(page, world["member"].email)
    page.goto("/s/sormland/registry/")
    wrapper = page.locator("main .table-scroll").first
    assert wrapper.locator("table").count() == 1
    assert page.evaluate("(w) => w.scrollWidth > w.clientWidth", wrapper.element_handle())  # the table is wider
    assert not page_scrolls_sideways(page)  # but the page is not
    # The scrolling box is a labelled region that the keyboard can reach and scroll.
    assert wrapper.get_attribute("role") == "region"
    assert wrapper.get_attribute("tabindex") == "0"
    label_id = wrapper.get_attribute("aria-labelledby")
    assert label_id and page.locator(f"#{label_id}").inner_text().strip()
    wrapper.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(w) => w.scrollLeft > 0", arg=wrapper.element_handle())  # scrolling may be smooth
    assert_accessible(page)
    # On a wide screen the same table fits: no region, no extra tab stop.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("(w) => !w.hasAttribute('tabindex')", arg=wrapper.element_handle())
    assert wrapper.get_attribute("role") is None


def test_the_header_search_finds_what_the_person_may_see_and_not_the_rest(page, world):
    page.set_viewport_size(PHONE)
    login(page, world["member"].email)
    page.goto("/s/sormland/")
    page.fill("#site-search-q", "valideringsgruppen")
    click_and_wait(page, ".site-search button[type=submit]")
    hits = page.locator("main .search-hits").all_inner_texts()
    text = "\n".join(hits)
    assert "Valideringsgruppen i Sörmland" in text
    assert "Valideringsgruppen i Örebro" not in text
    assert not page_scrolls_sideways(page)
    assert_accessible(page)
    click_and_wait(page, "main .search-hits a:has-text('Valideringsgruppen i Sörmland')")
    assert page.locator("h1").inner_text() == "Valideringsgruppen i Sörmland"


def test_an_anonymous_visitor_searches_only_what_is_public(page, world):
    page.set_viewport_size(PHONE)
    page.goto("/search/?q=validering")
    text = page.locator("main").inner_text()
    assert "Valideringsgruppen" not in text  # both bodies are internal
    assert "Du är inte inloggad" in text
    # The registrations are in the public diary, and reached through it.
    assert "Skrivelse från Arbetsförmedlingen om valideringsinsatser" in text
    assert_accessible(page)
