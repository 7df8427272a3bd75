"""The wheel pages in a real headless Chromium, checked with axe-core (WCAG 2.1 AA)."""

import pytest

from conftest import assert_accessible, click_and_wait
from samverka.collaboration.bodies.models import BodyKind
from samverka.collaboration.wheels.services import wheel_adopt
from samverka.collaboration.wheels.tests.conftest import START_OF_2026
from samverka.testing.factories import make_body, make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_body_and_space_wheel_pages_are_accessible(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    forum = make_body(space=space, name="Branschforum Industri och teknik", kind=BodyKind.INDUSTRY_FORUM)
    other = make_body(space=space, name="Branschforum Vård och omsorg", kind=BodyKind.INDUSTRY_FORUM)
    for body in (forum, other):
        wheel_adopt(actor=None, body=body, template_key="industry_forum", year=2026, now=START_OF_2026)

    page.goto(f"/s/sormland/bodies/{forum.pk}/wheel/?year=2026")
    wheel = page.locator("svg.wheel-svg")
    assert wheel.get_attribute("role") == "img"
    assert page.locator("svg.wheel-svg circle.wheel-dot").count() == 5
    assert page.locator("table.wheel-table tbody tr").count() == 5
    assert_accessible(page)

    page.click(".space-nav [data-section=collaboration] summary")  # the space menu's section "Samverkan"
    click_and_wait(page, ".space-nav a[href='/s/sormland/wheel/']")  # the space menu entry
    page.goto("/s/sormland/wheel/?year=2026")
    assert page.locator("table.wheel-table tbody tr").count() == 9  # 2 × 4 own meetings + 1 shared seminar
    assert page.locator("svg.timeline-svg text.timeline-lane").count() == 2
    assert_accessible(page)
