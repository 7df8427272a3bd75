"""The outbox pages in a real headless Chromium, checked with axe-core (WCAG 2.1 AA)."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.platform.notifications.models import OutboxMessage, OutboxStatus
from samverka.platform.notifications.services import EmailSpec, enqueue_emails
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_filters_the_outbox_and_retries_a_failed_message(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    make_user(email="sekr@example.se", role_in=space, role="secretariat")
    enqueue_emails(
        [
            EmailSpec(
                to=f"ledamot{i}@example.se",
                subject=f"Kallelse till möte {i}",
                body="Välkommen.",
                key=f"b:{i}",
                attachments=(("kallelse.ics", b"BEGIN:VCALENDAR", "text/calendar"),),
            )
            for i in range(3)
        ],
        space=space,
    )
    failed = OutboxMessage.objects.get(key="b:1")
    OutboxMessage.objects.filter(pk=failed.pk).update(status=OutboxStatus.FAILED, attempts=5, last_error="timeout")
    login(page, "sekr@example.se")
    page.goto("/s/sormland/outbox/")
    assert page.locator("table.outbox-table tbody tr").count() == 3
    assert_accessible(page)
    page.select_option("select[name=status]", "failed")
    click_and_wait(page, "form.filters button[type=submit]")
    assert page.locator("table.outbox-table tbody tr").count() == 1
    click_and_wait(page, "text=Kallelse till möte 1")
    assert page.locator("text=kallelse.ics").count() == 1
    assert_accessible(page)
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator(".messages").count() == 1
    failed.refresh_from_db()
    assert failed.status in {OutboxStatus.PENDING, OutboxStatus.SENT}
