"""In a real headless Chromium: a process leader fills in the status report, is told what is missing,
completes and submits it; the form and the steering overview pass axe-core (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse

from conftest import assert_accessible, click_and_wait, login
from samverka.steering.statusreports.models import ReportState
from samverka.steering.statusreports.tests.helpers import make_goals, make_group, open_round, seat
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_fills_in_and_submits_and_the_overview_is_accessible(page):
    space = make_space(slug="msv", name="MSV KLL", kind="national", county_id=None)
    body, _plan, activities = make_group(space, "Arbetsgrupp STEM", 2, goals=make_goals(space))
    leader = make_user(email="pl@example.se", full_name="Petra Processledare")
    seat(leader, body, "process_leader")
    make_user(email="sekr@example.se", role_in=space, role="secretariat")
    status_round = open_round(space)
    report = status_round.reports.get()
    first, second = activities

    login(page, "pl@example.se")
    page.goto(
        reverse("statusreports:report-edit", kwargs={"space": space.slug, "round": status_round.pk, "pk": report.pk})
    )
    assert_accessible(page)
    page.check(f"#id_a{first.pk}_light_0")
    page.check(f"#id_a{first.pk}_result_light_1")
    page.fill(f"#id_a{first.pk}_comment", "Kartläggningen är klar.")
    click_and_wait(page, "button[name=submit]")
    summary = page.locator("#error-summary")
    assert second.title in summary.inner_text()
    assert first.title not in summary.inner_text()
    assert page.is_checked(f"#id_a{first.pk}_light_0")  # the draft was kept
    assert_accessible(page)

    for prefix in ("light", "result_light"):
        page.check(f"#id_a{second.pk}_{prefix}_2")
    click_and_wait(page, "button[name=submit]")
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED

    page.context.clear_cookies()
    login(page, "sekr@example.se")
    page.goto(reverse("statusreports:round-overview", kwargs={"space": space.slug, "pk": status_round.pk}))
    matrix = page.locator(".status-matrix").inner_text()
    assert "Kartläggningen är klar." in matrix
    assert_accessible(page)
