"""The poll page and the feeds page in a real headless Chromium, checked with axe-core (WCAG 2.1 AA)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import assert_accessible, click_and_wait, login
from samverka.collaboration.calendars import services
from samverka.testing.factories import make_body, make_space, make_user

from .conftest import at, member
from .test_polls import ics_busy, naive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_poll_and_feeds_pages_are_accessible(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    body = make_body(space=space, name="Styrgruppen", is_public=False)
    eva = member(body, name="Eva Ek", email="eva@example.se", role="chair")
    per = member(body, name="Per Persson")
    make_user(email="sekr@example.se", role_in=space, role="secretariat")
    poll = services.poll_create(
        actor=eva, body=body, title="Vårens möte", duration_minutes=90, starts=[naive(at(30, 9)), naive(at(31, 13))]
    )
    first = poll.options.first()
    busy = ics_busy(first.start, first.end)
    services.source_upload(actor=per, uploaded_file=SimpleUploadedFile("per.ics", busy), label="Pers kalender")

    login(page, "eva@example.se")
    page.goto(f"/s/sormland/polls/{poll.pk}/")
    assert page.locator("table.poll-grid tbody tr").count() == 2
    assert page.locator(".conflict-marker").count() == 1
    assert_accessible(page)
    # Answer with the radio buttons (keyboard-reachable labels), then the grid shows it.
    page.locator("fieldset.poll-answer").nth(0).locator("input[value=yes]").check()
    page.locator("fieldset.poll-answer").nth(1).locator("input[value=no]").check()
    click_and_wait(page, page.locator("section[aria-labelledby=answer-h] button[type=submit]"))
    assert page.locator("table.poll-grid td.answer-yes").count() == 1
    assert_accessible(page)

    # The signed link from the e-mail, without logging in (a fresh browser context).
    link = reverse("calendars:poll-answer-link", kwargs={"token": services.answer_token(poll.invitees.get(user=per))})
    anonymous = page.context.browser.new_context(base_url=page.url.split("/s/")[0], locale="sv-SE")
    outside = anonymous.new_page()
    outside.goto(link)
    outside.locator("fieldset.poll-answer").nth(0).locator("input[value=maybe]").check()
    outside.locator("fieldset.poll-answer").nth(1).locator("input[value=yes]").check()
    click_and_wait(outside, outside.locator("main form button[type=submit]"))
    assert outside.locator(".messages").count() == 1
    assert_accessible(outside)
    anonymous.close()

    page.goto("/calendar/")
    click_and_wait(page, page.locator("button[name=action][value=create]"))
    feed_url = page.locator("#feed-url").input_value()
    assert "/cal/" in feed_url and feed_url.endswith(".ics")
    assert_accessible(page)

    # The sources page, after a failed upload (the error summary must be accessible too).
    page.goto("/calendar/sources/")
    page.set_input_files("#id_upload-file", files=[{"name": "bild.png", "mimeType": "image/png", "buffer": b"\x89PNG"}])
    click_and_wait(page, page.locator("button[name=action][value=upload]"))
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
