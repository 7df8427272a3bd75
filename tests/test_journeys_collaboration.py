"""Browser journeys of collaboration (the secretariat, the coordinator, the process leader, the guest and an
anonymous visitor): each role's main job, end to end, as a person does it.

How every journey runs (login, checks, phone viewport, the demo): ``tests/journeys.py``.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible, click_and_wait
from samverka.demo.accounts import SORMLAND_SLUG
from tests.journeys import (
    MSV,
    PHONE,
    fetch_file,
    give_password,
    heading,
    log_in,
    log_in_role,
    message,
    new_page,
    pdf_text,
    task,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# --- 1. the secretariat ----------------------------------------------------------------------------------------

CHAIR = "Ahmed Fransson"
CHAIR_EMAIL = "ahmed.fransson@tillvaxtverket.example"
ADJUSTER = "Fatima Ali"
ADJUSTER_EMAIL = "fatima.ali@arbetsformedlingen.example"


def secretariat_journey(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url)
    log_in_role(page, "secretariat")

    # The steering group's meetings.
    page.goto(f"/s/{MSV}/bodies/")
    expect(heading(page)).to_have_text("Forum och grupper")
    click_and_wait(page, page.get_by_role("link", name="Styrgruppen", exact=True).first)
    expect(heading(page)).to_have_text("Styrgruppen")
    click_and_wait(page, page.get_by_role("link", name="Möten", exact=True))
    expect(heading(page)).to_have_text("Möten i Styrgruppen")
    assert_accessible(page)

    # Prepare an extra meeting today: it runs the whole day, so the invitation can still go out and the
    # minutes can be written and approved (a meeting must have started before its minutes are approved).
    click_and_wait(page, page.get_by_role("link", name="Planera ett möte"))
    expect(heading(page)).to_have_text("Planera ett möte i Styrgruppen")
    today = timezone.localdate()
    title = "Styrgruppen: extra möte om prioriteringar"
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Börjar kl.").fill("00:00")
    page.get_by_label("Slutar kl.").fill("23:59")
    page.get_by_label("Ort", exact=False).first.fill("Myndigheten för yrkeshögskolan, Stockholm")
    page.get_by_label("Länk till digitalt möte").fill("https://meet.example.se/styrgruppen-extra")
    page.locator("textarea[name=invitation_message]").fill("Välkomna! Läs underlaget om prioriteringar före mötet.")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Planera mötet"))
    if page.locator("#overlap-warning").count():
        # Another meeting of the body the same day: the form asks to confirm.
        page.locator("input[name=confirm_overlap]").check()
        click_and_wait(page, page.get_by_role("button", name="Planera mötet"))
    expect(message(page)).to_contain_text("Mötet har planerats")
    expect(heading(page)).to_have_text(title)
    expect(page.locator("#meeting-stage")).to_have_text("Planerat")
    meeting_url = page.url

    # Add an agenda item.
    click_and_wait(page, page.get_by_role("link", name="Lägg till en punkt"))
    expect(heading(page)).to_have_text("Lägg till en punkt")
    page.get_by_label("Titel").fill("Prioriteringar för 2027")
    page.get_by_label("Slag").select_option(label="Beslut")
    page.get_by_label("Föredragande").fill("Pekka Eriksson")
    page.get_by_label("Längd (minuter)").fill("30")
    click_and_wait(page, page.get_by_role("button", name="Spara", exact=True))
    expect(message(page)).to_contain_text("Punkten har lagts till")
    expect(page.locator("main")).to_contain_text("Prioriteringar för 2027")

    # Edit the meeting: the form opens with the stored values.
    click_and_wait(page, page.get_by_role("link", name="Ändra mötet"))
    expect(page.get_by_label("Titel")).to_have_value(title)
    expect(page.get_by_label("Datum")).to_have_value(today.isoformat())
    expect(page.get_by_label("Börjar kl.")).to_have_value(re.compile(r"^00:00"))
    expect(page.get_by_label("Slutar kl.")).to_have_value(re.compile(r"^23:59"))
    expect(page.get_by_label("Länk till digitalt möte")).to_have_value("https://meet.example.se/styrgruppen-extra")
    expect(page.locator("textarea[name=invitation_message]")).to_have_value(
        "Välkomna! Läs underlaget om prioriteringar före mötet."
    )
    expect(page.locator("input[name=place]")).to_have_value("Myndigheten för yrkeshögskolan, Stockholm")
    assert_accessible(page)
    page.locator("input[name=place]").fill("Myndigheten för yrkeshögskolan, Stockholm, sal Bryggan")
    click_and_wait(page, page.locator("main form button[type=submit]").last)
    expect(message(page)).to_contain_text("Ändringarna")
    expect(page.locator("main")).to_contain_text("sal Bryggan")
    expect(page.locator("main")).to_contain_text("Välkomna! Läs underlaget om prioriteringar före mötet.")

    # Send the invitation.
    click_and_wait(page, page.get_by_role("link", name="Skicka kallelsen").first)
    expect(heading(page)).to_have_text("Skicka kallelsen")
    expect(page.locator("main")).to_contain_text("medlemmar i Styrgruppen")
    click_and_wait(page, page.get_by_role("button", name="Skicka kallelsen"))
    expect(message(page)).to_contain_text(re.compile(r"Kallelsen skickas till \d+ personer"))
    expect(page.locator("#meeting-stage")).to_have_text("Kallelse skickad")

    # After the meeting: the minutes, with the chair and the adjuster named where they are written.
    page.goto(meeting_url)
    click_and_wait(page, page.get_by_role("link", name=re.compile("Skriv protokollet")).first)
    expect(heading(page)).to_have_text(f"Protokoll från {title}")
    page.locator("select[name=chair]").select_option(label=f"{CHAIR}, Tillväxtverket")
    page.locator("select[name=adjuster]").select_option(label=f"{ADJUSTER}, Arbetsförmedlingen")
    click_and_wait(page, page.get_by_role("button", name="Spara ordförande och justerare"))
    expect(message(page)).to_contain_text("Ordförande och justerare sparades")
    expect(page.locator("select[name=chair] option:checked")).to_have_text(f"{CHAIR}, Tillväxtverket")
    minutes_text = "Styrgruppen fastställde prioriteringarna för 2027 enligt sekretariatets förslag."
    page.get_by_label(re.compile("Prioriteringar för 2027")).fill(minutes_text)
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Spara protokollet"))
    expect(message(page)).to_contain_text("Protokollet har sparats")
    expect(page.get_by_label(re.compile("Prioriteringar för 2027"))).to_have_value(minutes_text)
    click_and_wait(page, page.get_by_role("button", name="Skicka till ordföranden och justeraren för justering"))
    expect(message(page)).to_be_visible()

    # The chair and the adjuster approve from their own page (the adjuster on a phone).
    for email, phone in ((CHAIR_EMAIL, False), (ADJUSTER_EMAIL, True)):
        give_password(email)
        signer = new_page(browser, base_url, phone=phone)
        log_in(signer, email)
        signer.goto("/my/")
        expect(heading(signer)).to_have_text("Min sida")
        click_and_wait(signer, task(signer, "Protokoll att justera", title))
        expect(heading(signer)).to_have_text(f"Justera protokollet från {title}")
        if phone:
            assert_accessible(signer)
        click_and_wait(signer, signer.get_by_role("button", name="Jag justerar protokollet"))
        expect(message(signer)).to_contain_text("Du har justerat protokollet")
        signer.context.close()

    # The approved minutes as PDF.
    page.goto(meeting_url)
    expect(page.locator("#meeting-stage")).to_have_text("Protokoll justerat")
    click_and_wait(page, page.get_by_role("link", name="Läs protokollet"))
    expect(heading(page)).to_have_text(f"Protokoll från {title}")
    expect(page.locator("main")).to_contain_text(minutes_text)
    assert_accessible(page)
    href = page.get_by_role("link", name="Protokollet som PDF").get_attribute("href")
    content_type, body = fetch_file(page, href)
    assert content_type.startswith("application/pdf")
    text = pdf_text(body)
    assert title in text
    assert "prioriteringarna för 2027" in text
    assert CHAIR in text and ADJUSTER in text

    # A status round, then the steering overview.
    page.goto(f"/s/{MSV}/status/")
    expect(heading(page)).to_have_text("Lägesbedömningar")
    click_and_wait(page, page.get_by_role("link", name="Öppna en ny omgång"))
    expect(heading(page)).to_have_text("Öppna en ny omgång")
    page.get_by_label("Namn").fill("Extra avstämning")
    page.get_by_label("Sista dag").fill((today + timedelta(days=30)).isoformat())
    click_and_wait(page, page.get_by_role("button", name="Öppna omgången"))
    expect(message(page)).to_be_visible()
    expect(heading(page)).to_contain_text("Extra avstämning")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    click_and_wait(page, page.get_by_role("link", name=re.compile("Översikt|Styrgruppsöversikt")).first)
    expect(heading(page)).to_contain_text("Extra avstämning")
    expect(page.locator("main")).to_contain_text("Arbetsgrupp STEM")
    assert_accessible(page)
    page.context.close()


# --- 2. the coordinator ---------------------------------------------------------------------------------------


def organisation_page(page: Any, name: str) -> str:
    """Open an organisation of Sörmland's register by its name; returns its URL."""
    page.goto(f"/organisations/?space={SORMLAND_SLUG}&q={name}")
    click_and_wait(page, page.locator("main").get_by_role("link", name=name, exact=True).first)
    expect(heading(page)).to_have_text(name)
    return page.url


def coordinator_journey(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url)
    log_in_role(page, "coordinator")
    page.goto(f"/s/{SORMLAND_SLUG}/landscape/")
    expect(heading(page)).to_have_text("Landskapskarta för Kompetensplattform Sörmland")
    published = int(re.search(r"Besökare ser revision (\d+)", page.locator("main").inner_text()).group(1))
    assert_accessible(page)

    # Maintain the register: the edit form opens with the stored values; the change is saved.
    renamed = organisation_page(page, "Mälarbygg Sörmland AB")
    click_and_wait(page, page.locator("main").get_by_role("link", name="Ändra", exact=True).first)
    expect(page.get_by_label("Namn")).to_have_value("Mälarbygg Sörmland AB")
    expect(page.locator("select[name=type] option:checked")).to_have_text("Arbetsgivare")
    assert_accessible(page)
    page.get_by_label("Namn").fill("Mälarbygg i Sörmland AB")
    page.get_by_label("Webbplats").fill("https://www.malarbygg.example/")
    click_and_wait(page, page.locator("main form[method=post] button[type=submit]").last)
    expect(heading(page)).to_have_text("Mälarbygg i Sörmland AB")
    expect(page.locator("main")).to_contain_text("https://www.malarbygg.example/")

    # Accept a correction: the pre-filled form, the change made and the suggestion recorded as accepted.
    page.goto(f"/s/{SORMLAND_SLUG}/landscape/suggestions/")
    expect(heading(page)).to_have_text("Rättelseförslag")
    suggestion = page.locator("main article, main section, main li, main div").filter(
        has_text="Öknaskolan naturbruksgymnasium"
    )
    expect(suggestion.first).to_contain_text("har fokus på vissa grupper")
    click_and_wait(
        page,
        page.locator("main a").filter(has_text="Godta och gör ändringen").filter(has_text="förslag 1"),
    )
    expect(heading(page)).to_have_text("Godta förslag 1")
    expect(page.get_by_label("Namn")).to_have_value("Öknaskolan naturbruksgymnasium")
    focus = page.get_by_label("Fokuserar på vissa grupper")
    expect(focus).not_to_be_checked()
    focus.check()
    page.locator("textarea[name=response]").fill("Tack! Öknaskolan har nu rollen i registret.")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Spara ändringen och godta"))
    expect(message(page)).to_be_visible()
    page.goto(f"/s/{SORMLAND_SLUG}/landscape/suggestions/")
    expect(page.locator("main")).to_contain_text("Godtagen (1)")
    oknaskolan = organisation_page(page, "Öknaskolan naturbruksgymnasium")
    expect(page.locator("main")).to_contain_text("Fokuserar på vissa grupper")

    # Publish the map: the two changes are listed; a new revision is made.
    page.goto(f"/s/{SORMLAND_SLUG}/landscape/publish/")
    expect(heading(page)).to_have_text("Publicera landskapskartan")
    expect(page.locator("main")).to_contain_text(f"Ändringar sedan revision {published}")
    expect(page.locator("main")).to_contain_text("Öknaskolan naturbruksgymnasium")
    expect(page.locator("main")).to_contain_text("Mälarbygg i Sörmland AB")
    expect(page.locator("main")).to_contain_text("2 organisationer har ändrats")
    page.get_by_label("Sammanfattning av ändringarna").fill(
        "Öknaskolan fokuserar på vissa grupper; Mälarbygg har bytt namn."
    )
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Publicera revisionen"))
    expect(message(page)).to_contain_text(f"Revision {published + 1} av landskapskartan publicerades")
    expect(heading(page)).to_contain_text(f"revision {published + 1}")
    expect(page.locator("main")).to_contain_text("Mälarbygg i Sörmland AB")

    # A change made after publishing stays in the register until the next publication.
    flen = organisation_page(page, "Flens kommun")
    click_and_wait(page, page.locator("main").get_by_role("link", name="Ändra", exact=True).first)
    page.get_by_label("Webbplats").fill("https://opublicerad.flen.example/")
    click_and_wait(page, page.locator("main form[method=post] button[type=submit]").last)
    expect(page.locator("main")).to_contain_text("https://opublicerad.flen.example/")
    page.context.close()

    # The public view, as an anonymous visitor on a phone.
    visitor = new_page(browser, base_url, phone=True)
    visitor.goto(f"/s/{SORMLAND_SLUG}/landscape/")
    expect(heading(visitor)).to_have_text("Landskapskarta för Kompetensplattform Sörmland")
    expect(visitor.locator("main")).to_contain_text(f"Publicerad revision {published + 1}")
    assert_accessible(visitor)
    visitor.goto(oknaskolan)
    expect(visitor.locator("main")).to_contain_text("Fokuserar på vissa grupper")
    visitor.goto(renamed)
    expect(heading(visitor)).to_have_text("Mälarbygg i Sörmland AB")
    expect(visitor.locator("main")).to_contain_text("https://www.malarbygg.example/")
    visitor.goto(flen)
    expect(heading(visitor)).to_have_text("Flens kommun")
    expect(visitor.locator("main")).not_to_contain_text("opublicerad.flen.example")
    visitor.goto(f"/s/{SORMLAND_SLUG}/landscape/revisions/")
    expect(visitor.locator("main")).to_contain_text(f"Revision {published + 1}")
    expect(visitor.locator("main")).to_contain_text("Öknaskolan fokuserar på vissa grupper")
    visitor.context.close()


# --- 6. the guest and an anonymous visitor -----------------------------------------------------------------------

OTHER_COUNCIL = "Programråd Fordons- och transportprogrammet, Katrineholm"
GUEST_COUNCIL = "Programråd Industritekniska programmet, Eskilstuna"


def first_upcoming_meeting(page: Any, body: str) -> str:
    """From the space's bodies to the body's next meeting, as a visitor clicks there; returns its URL."""
    page.goto(f"/s/{SORMLAND_SLUG}/bodies/")
    click_and_wait(page, page.locator("main").get_by_role("link", name=body, exact=True).first)
    expect(heading(page)).to_have_text(body)
    click_and_wait(page, page.locator("main").get_by_role("link", name="Möten", exact=True))
    expect(heading(page)).to_have_text(f"Möten i {body}")
    click_and_wait(page, page.locator("main table").first.get_by_role("link").first)
    expect(heading(page)).to_have_text(f"{body}: möte")
    return page.url


def internal_details(meeting_url: str) -> tuple[str, str, str]:
    """The meeting's online link, its invitation message and the address of one of its internal agenda documents
    (read from the database: what must not show)."""
    from samverka.collaboration.meetings.models import AgendaDocument, Meeting

    meeting = Meeting.objects.get(pk=int(re.search(r"/meetings/(\d+)/", meeting_url).group(1)))
    assert not meeting.details_public and meeting.online_url and meeting.invitation_message
    document = AgendaDocument.objects.filter(agenda_item__meeting=meeting, is_public=False).first()
    assert document is not None
    return meeting.online_url, meeting.invitation_message.split(".")[0], f"{meeting_url}documents/{document.pk}/"


def assert_no_internal_details(page: Any, online_url: str, message_start: str) -> None:
    main = page.locator("main")
    expect(main).to_contain_text("Ja – länken skickas med kallelsen.")
    expect(main).not_to_contain_text(online_url)
    expect(main).not_to_contain_text(message_start)
    expect(main.get_by_role("link", name="Lägesbild.pdf")).to_have_count(1)  # marked public
    expect(main).not_to_contain_text("Underlag inför mötet.pdf")  # internal
    assert page.locator(f"a[href='{online_url}']").count() == 0


def assert_branded_error(page: Any, code: int) -> None:
    """The platform's own Swedish error page with ways on."""
    expect(page.locator("main .error-code")).to_have_text(f"Fel {code}")
    title = {403: "Du har inte behörighet att göra detta", 404: "Sidan kunde inte hittas"}[code]
    expect(heading(page)).to_have_text(title)
    expect(page.locator("main h2")).to_have_text("Vägar vidare")
    expect(page.locator("main").get_by_role("link", name="Till Samverkas startsida")).to_have_count(1)
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def guest_and_visitor_journey(browser: Any, base_url: str) -> None:
    # An anonymous visitor on a phone: the public side.
    visitor = new_page(browser, base_url, phone=True)
    visitor.goto("/")
    assert_accessible(visitor)
    visitor.goto(f"/s/{SORMLAND_SLUG}/")
    expect(heading(visitor)).to_have_text("Kompetensplattform Sörmland")
    assert_accessible(visitor)
    meeting_url = first_upcoming_meeting(visitor, OTHER_COUNCIL)
    online_url, message_start, internal_document = internal_details(meeting_url)
    assert_no_internal_details(visitor, online_url, message_start)
    assert_accessible(visitor)
    public_document = visitor.locator("main").get_by_role("link", name="Lägesbild.pdf").get_attribute("href")
    content_type, body = fetch_file(visitor, public_document)
    assert body.startswith(b"%PDF-"), content_type
    # The internal document: no file, the login page instead.
    answer = visitor.request.get(internal_document, max_redirects=0)
    assert answer.status in (302, 403, 404), answer.status
    assert not answer.body().startswith(b"%PDF-")
    # The body's calendar feed and the meeting's invitation PDF carry neither the link nor the message.
    visitor.goto(meeting_url)
    back = visitor.locator("main").get_by_role("link", name=f"Möten i {OTHER_COUNCIL}").get_attribute("href")
    feed_href = back.replace("/meetings/", "/calendar.ics")
    _content_type, feed = fetch_file(visitor, feed_href)
    feed_text = re.sub(r"\r?\n[ \t]", "", feed.decode())
    assert "BEGIN:VCALENDAR" in feed_text
    assert online_url not in feed_text and message_start not in feed_text
    pdf_href = visitor.locator("main").get_by_role("link", name="Kallelse (PDF)").get_attribute("href")
    _content_type, body = fetch_file(visitor, pdf_href)
    invitation_text = pdf_text(body)
    assert online_url not in invitation_text and message_start not in invitation_text
    # A private address: the login page; an unknown one: the branded 404 with a way back.
    visitor.goto(f"/s/{SORMLAND_SLUG}/registry/")
    expect(heading(visitor)).to_have_text("Logga in")
    answer = visitor.goto(f"/s/{SORMLAND_SLUG}/meetings/987654/")
    assert answer is not None and answer.status == 404
    assert_branded_error(visitor, 404)
    assert_accessible(visitor)
    click_and_wait(visitor, visitor.locator("main").get_by_role("link", name="Till Samverkas startsida"))
    assert visitor.url.rstrip("/") == base_url.rstrip("/")
    visitor.context.close()

    # The guest: sees the own council's meeting in full, another council's without its internal details.
    page = new_page(browser, base_url)
    log_in_role(page, "guest")
    page.goto("/my/")
    expect(heading(page)).to_have_text("Min sida")
    own = task(page, "Kallelse att svara på", GUEST_COUNCIL)
    expect(own).to_be_visible()
    assert_accessible(page)
    own_meeting = first_upcoming_meeting(page, GUEST_COUNCIL)
    own_online_url, own_message, _document = internal_details(own_meeting)
    expect(page.locator("main").get_by_role("link", name=own_online_url)).to_have_count(1)
    expect(page.locator("main")).to_contain_text(own_message)

    page.goto(meeting_url)
    assert_no_internal_details(page, online_url, message_start)
    assert_accessible(page)
    answer = page.goto(internal_document)
    assert answer is not None and answer.status in (403, 404), answer and answer.status
    assert_branded_error(page, answer.status)
    expect(page.locator("main").get_by_role("link", name="Till Min sida")).to_have_count(1)
    # The registry is not for guests: the branded 403, in Swedish, with ways on (on a phone).
    page.set_viewport_size(PHONE)
    answer = page.goto(f"/s/{SORMLAND_SLUG}/registry/")
    assert answer is not None and answer.status == 403, answer and answer.status
    assert_branded_error(page, 403)
    assert_accessible(page)
    click_and_wait(page, page.locator("main").get_by_role("link", name="Till Min sida"))
    expect(heading(page)).to_have_text("Min sida")
    page.context.close()


# --- 5. the process leader -------------------------------------------------------------------------------------


def process_leader_journey(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url, phone=True)
    log_in_role(page, "process_leader")
    page.goto("/my/")
    expect(heading(page)).to_have_text("Min sida")
    todo = page.locator("main")
    expect(todo).to_contain_text("Kallelse att svara på")
    expect(todo).to_contain_text("Lägesrapport att lämna")
    assert_accessible(page)

    # Answer an invitation.
    click_and_wait(page, task(page, "Kallelse att svara på", "Arbetsgrupp STEM: möte"))
    expect(heading(page)).to_have_text("Svara på kallelsen")
    expect(page.locator("main")).to_contain_text("Inte svarat")
    page.get_by_label("Kommer", exact=True).check()
    page.get_by_label("Kommentar").fill("Jag tar med underlaget om STEM.")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Spara mitt svar"))
    expect(message(page)).to_contain_text("Tack, ditt svar har sparats")

    # Back on Min sida the invitation no longer waits; the status report does.
    page.goto("/my/")
    expect(
        page.locator("li.task").filter(has_text="Kallelse att svara på").filter(has_text="Arbetsgrupp STEM")
    ).to_have_count(0)
    report = task(page, "Lägesrapport att lämna", "Arbetsgrupp STEM")
    report_title = report.inner_text().strip()  # e.g. "Hösten 2026: Arbetsgrupp STEM"
    click_and_wait(page, report)
    expect(heading(page)).to_contain_text("Lägesbedömning Arbetsgrupp STEM")
    assert_accessible(page)
    radios = page.locator("input[type=radio][value=green]")
    for index in range(radios.count()):
        radios.nth(index).check()
    page.locator("textarea").first.fill("Kartläggningen går enligt plan.")
    page.get_by_label("Fördjupad beskrivning").fill("Underlaget till styrgruppen är klart i februari.")
    click_and_wait(page, page.get_by_role("button", name="Spara och lämna in"))
    expect(message(page)).to_contain_text("Lägesbedömningen lämnades in")
    expect(page.locator("main")).to_contain_text("Kartläggningen går enligt plan.")
    page.goto("/my/")
    expect(
        page.locator("li.task").filter(has_text="Lägesrapport att lämna").filter(has_text=report_title)
    ).to_have_count(0)
    page.context.close()


# --- the tests ---------------------------------------------------------------------------------------------------


def test_secretariat_prepares_holds_and_follows_up_a_steering_group_meeting(browser: Any, demo_server: str) -> None:
    secretariat_journey(browser, demo_server)


def test_coordinator_maintains_the_register_accepts_a_correction_and_publishes_the_map(
    browser: Any, demo_server: str
) -> None:
    coordinator_journey(browser, demo_server)


def test_guest_and_anonymous_visitor_see_exactly_what_they_should(browser: Any, demo_server: str) -> None:
    guest_and_visitor_journey(browser, demo_server)


def test_process_leader_answers_an_invitation_and_submits_a_status_report(browser: Any, demo_server: str) -> None:
    process_leader_journey(browser, demo_server)
