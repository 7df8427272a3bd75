"""The shared pages in a real headless Chromium, checked with axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait, give_totp, login
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_and_accessibility_statement(page):
    make_space(slug="sormland", name="Kompetensplattform Sörmland")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == "Samverkan om kompetensförsörjning"
    assert_accessible(page)
    click_and_wait(page, "footer >> text=Tillgänglighetsredogörelse")
    assert page.locator("h1").inner_text() == "Tillgänglighetsredogörelse"
    assert_accessible(page)


def test_skip_link_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_switch_language_to_english_and_back(page):
    page.goto("/")
    click_and_wait(page, "button[value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Collaboration on competence supply"
    click_and_wait(page, "button[value=sv]")
    assert page.locator("html").get_attribute("lang") == "sv"


def test_login_page_and_profile(page):
    make_user(email="anna@example.se", full_name="Anna Andersson")
    page.goto("/accounts/login/")
    assert_accessible(page)
    login(page, "anna@example.se")
    page.goto("/profile/")
    assert page.locator("input[name=full_name]").input_value() == "Anna Andersson"
    assert_accessible(page)


def test_failed_login_shows_an_accessible_error(page):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "ingen@example.se")
    page.fill("input[name=password]", "fel-losenord")
    click_and_wait(page, "main form button[type=submit]")
    assert (
        page.locator("main").inner_text().count("stämmer inte") + page.locator("main").inner_text().count("felaktig")
        >= 1
    )
    assert_accessible(page)


def test_space_admin_logs_in_with_two_factor_and_manages_members(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    admin = make_user(email="admin@example.se", role_in=space, role="admin")
    secret = give_totp(admin)
    login(page, "admin@example.se", totp_secret=secret)
    page.goto(f"/s/{space.slug}/")
    assert page.locator("h1").inner_text() == "Kompetensplattform Sörmland"
    assert_accessible(page)
    page.goto(f"/s/{space.slug}/members/")
    assert_accessible(page)
    click_and_wait(page, "main form button[type=submit]:has-text('Lägg till')")
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)
    page.fill("input[name=email]", "ny@example.se")
    page.fill("input[name=full_name]", "Ny Medlem")
    page.select_option("select[name=role]", "analyst")
    click_and_wait(page, "main form button[type=submit]:has-text('Lägg till')")
    assert page.locator("td", has_text="ny@example.se").is_visible()
    page.goto(f"/s/{space.slug}/audit/")
    assert page.locator("table").inner_text().count("Ny Medlem") >= 1
    assert_accessible(page)


def test_admin_without_two_factor_is_asked_to_set_it_up(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    make_user(email="reg@example.se", role_in=space, role="registrar")
    login(page, "reg@example.se")
    page.goto(f"/s/{space.slug}/")
    # allauth asks for the password once more before two-factor can be turned on
    assert "/accounts/reauthenticate/" in page.url
    assert_accessible(page)
    page.fill("input[name=password]", "test-password-123")
    click_and_wait(page, "main form button[type=submit]")
    assert "/accounts/2fa/totp/activate" in page.url
    assert page.locator("main svg, main img").count() >= 1  # the QR code to scan
    assert_accessible(page)
