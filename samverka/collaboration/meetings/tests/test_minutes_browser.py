"""The minutes editing page and my page in headless Chromium: axe-core (WCAG 2.1 AA), and an XSS
corpus typed into the minutes that never runs when the minutes are shown."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import assert_accessible, click_and_wait, login
from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.tests.follow_up_helpers import items, make_world
from samverka.testing.factories import make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XSS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    '<a href="javascript:window.__xss = 3">klicka</a>',
    '<svg onload="window.__xss = 4"></svg>',
    '<p style="x" onmouseover="window.__xss = 5">hovra</p>',
    '"><iframe src="javascript:window.parent.__xss = 6"></iframe>',
]


def test_minutes_editing_and_my_page_are_accessible_and_xss_never_runs(page, live_server):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    world = make_world(space)
    services.action_item_create(
        actor=None,
        meeting=world.meeting,
        title="Ta fram underlag",
        owner_user=world.secretary,
        due_date=timezone.localdate() - timedelta(days=1),
    )
    login(page, world.secretary.email)
    page.goto(f"/s/{space.slug}/meetings/{world.meeting.pk}/minutes/edit/")
    assert_accessible(page)
    report = items(world.meeting)[1]
    page.fill(f"textarea[name=item_{report.pk}]", "Läget gott.\n\n" + "\n".join(XSS))
    click_and_wait(page, "main form button[type=submit]")
    page.goto(f"/s/{space.slug}/meetings/{world.meeting.pk}/minutes/")
    assert page.locator("text=Läget gott.").count() == 1
    page.hover("text=hovra")
    page.click("text=klicka")
    page.wait_for_load_state()
    assert page.evaluate("() => window.__xss === undefined")
    assert page.locator("main script, main img, main svg, main iframe, main [onmouseover]").count() == 0

    page.goto(f"/s/{space.slug}/meetings/{world.meeting.pk}/minutes/attendance/")
    page.check("input[name=status_0][value=substitute]")
    click_and_wait(page, "main form button[type=submit]")  # a substitute without a name: an error summary
    assert page.locator("#error-summary").count() == 1
    assert_accessible(page)

    page.goto("/my/")
    assert page.locator("h1").inner_text() in ("Min sida", "My page")
    overdue = page.locator("li.task.urgency-overdue")
    assert overdue.count() == 1 and "Ta fram underlag" in overdue.inner_text()
    assert_accessible(page)
