"""The public event page and its registration form in a real headless Chromium, checked with axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait
from samverka.collaboration.events import services
from samverka.collaboration.events.models import RegistrationStatus
from samverka.collaboration.events.tests.factories import future, make_event
from samverka.testing.factories import make_space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_event_page_and_registration_form_are_accessible(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    event = make_event(
        space=space,
        title="Kickoff för kompetensförsörjning",
        description="<p>Årets kickoff.</p><script>document.title='hacked'</script>",
        capacity=50,
    )
    services.session_add(
        actor=None,
        event=event,
        data=services.SessionData(title="Välkommen", start=future(hour=9), end=future(hour=10), speaker="Eva Lärare"),
    )
    page.goto(event.get_absolute_url())
    assert page.locator("h1").inner_text() == "Kickoff för kompetensförsörjning"
    assert page.title() != "hacked"
    assert page.locator("#programme tbody tr").count() == 1
    assert_accessible(page)

    # Submit with a missing name and e-mail: the error summary lists them and links to the fields.
    page.fill("#id_email", "inte-en-adress")
    click_and_wait(page, "#registration form button[type=submit]")
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.locator("a[href='#id_name']").count() == 1
    assert summary.locator("a[href='#id_email']").count() == 1
    assert summary.locator("a[href='#id_consent']").count() == 1
    assert_accessible(page)

    page.fill("#id_name", "Anna Andersson")
    page.fill("#id_email", "anna@example.se")
    page.fill("#id_organisation_name", "Region Sörmland")
    page.check("#id_consent")
    click_and_wait(page, "#registration form button[type=submit]")
    page.locator(".messages").wait_for()
    assert "anna@example.se" in page.locator(".messages").inner_text()
    assert event.registrations.get().status == RegistrationStatus.CONFIRMED
    assert_accessible(page)
