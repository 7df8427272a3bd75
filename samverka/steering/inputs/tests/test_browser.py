"""Recording how an input was considered, in a real headless Chromium, checked with axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.steering.inputs.models import Consideration
from samverka.steering.inputs.tests.factories import make_input, make_region
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_input_list_and_consideration_form_are_accessible(page):
    space = make_space(slug="msv", name="MSV KLL")
    make_user(email="sekr@example.se", role_in=space, role="secretariat", full_name="Sara Sekreterare")
    item = make_input(space, make_region("Region Sörmland"), topic="Fler vägar till validering")

    login(page, "sekr@example.se")
    page.goto(f"/s/{space.slug}/inputs/")
    assert "Fler vägar till validering" in page.locator("main table").inner_text()
    assert_accessible(page)

    click_and_wait(page, "main table a")
    assert page.locator("h1").inner_text() == "Fler vägar till validering"
    # Not adopted without a reason: the error summary links to the reason field.
    page.check("input[name=outcome][value=not_adopted]")
    click_and_wait(page, "form[action$='consider/'] button[type=submit]")
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.locator("a[href='#id_reason']").count() == 1
    assert not Consideration.objects.filter(input=item).exists()
    assert_accessible(page)

    page.check("input[name=outcome][value=not_adopted]")
    page.fill("#id_reason", "Ryms inte i årets prioriteringar.")
    click_and_wait(page, "form[action$='consider/'] button[type=submit]")
    assert "Ryms inte i årets prioriteringar." in page.locator("main").inner_text()
    assert Consideration.objects.get(input=item).outcome == "not_adopted"
    assert_accessible(page)
