"""The ICS feeds: personal (secret, revocable), per body, per space and public."""

from typing import Any

import pytest
from django.urls import reverse
from icalendar import Calendar

from samverka.collaboration.calendars import services
from samverka.collaboration.calendars.models import FeedToken
from samverka.platform.core.ics import uid_for

pytestmark = pytest.mark.django_db


def parse(response: Any) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, Any]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def assert_well_formed(calendar: Calendar) -> None:
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Stockholm"]
    for event in calendar.walk("VEVENT"):
        assert event.get("DTSTAMP") is not None
        assert str(event["DTSTART"].params.get("TZID")) == "Europe/Stockholm"


def test_personal_feed_has_my_bodies_meetings_with_stable_uids(client, world):
    token = services.feed_token_create(actor=world["eva"])
    url = reverse("calendars:personal-feed", kwargs={"token": token})
    first = parse(client.get(url))
    second = parse(client.get(url))
    assert_well_formed(first)
    found = events(first)
    planned, cancelled = world["planned"], world["cancelled"]
    assert set(found) == {uid_for("meeting", planned.pk), uid_for("meeting", cancelled.pk)}
    assert set(events(second)) == set(found)  # stable across requests
    assert str(found[uid_for("meeting", cancelled.pk)]["STATUS"]) == "CANCELLED"
    assert int(found[uid_for("meeting", cancelled.pk)]["SEQUENCE"]) == 1
    assert str(found[uid_for("meeting", planned.pk)]["STATUS"]) == "CONFIRMED"
    assert "Styrgruppsmöte" in str(found[uid_for("meeting", planned.pk)]["SUMMARY"])
    # The old meeting (500 days ago) is outside the window; the forum is not Eva's body.
    assert uid_for("meeting", world["old"].pk) not in found
    assert FeedToken.objects.get(user=world["eva"]).last_used_at is not None


def test_only_the_hash_of_the_token_is_stored(world):
    token = services.feed_token_create(actor=world["eva"])
    stored = FeedToken.objects.get(user=world["eva"])
    assert token not in stored.token_hash and len(stored.token_hash) == 64


def test_revoked_or_replaced_token_answers_404(client, world):
    old = services.feed_token_create(actor=world["eva"])
    new = services.feed_token_create(actor=world["eva"])
    assert client.get(reverse("calendars:personal-feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("calendars:personal-feed", kwargs={"token": new})).status_code == 200
    services.feed_token_revoke(actor=world["eva"])
    assert client.get(reverse("calendars:personal-feed", kwargs={"token": new})).status_code == 404
    assert client.get(reverse("calendars:personal-feed", kwargs={"token": "made-up"})).status_code == 404


def test_feeds_page_shows_the_address_once_and_revokes(client, world):
    client.force_login(world["eva"])
    page = reverse("calendars:feeds")
    response = client.post(page, {"action": "create"}, follow=True)
    token_url = response.context["new_feed_url"]
    html = response.content.decode()
    assert token_url in html
    assert client.get(token_url).status_code == 200
    # The body's address carries the same secret, so a calendar app can subscribe to it.
    body_url = dict(response.context["body_feeds"])[world["body"]]
    assert "?token=" in body_url and body_url in html
    client.logout()
    assert client.get(body_url).status_code == 200
    client.force_login(world["eva"])
    again = client.get(page).content.decode()
    assert token_url not in again and "?token=" not in again  # shown only once
    client.post(page, {"action": "revoke"})
    assert client.get(token_url).status_code == 404
    assert client.get(body_url).status_code == 404


def test_feeds_page_requires_login(client):
    response = client.get(reverse("calendars:feeds"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def body_feed_url(world: dict[str, Any], body: Any = None) -> str:
    body = body or world["body"]
    return reverse("calendars:body-feed", kwargs={"space": world["space"].slug, "pk": body.pk})


def test_body_feed_for_members_and_404_for_others(client, world):
    url = body_feed_url(world)
    assert client.get(url).status_code == 404  # anonymous, private body
    client.force_login(world["stranger"])
    assert client.get(url).status_code == 404
    client.force_login(world["per"])
    calendar = parse(client.get(url))
    assert_well_formed(calendar)
    assert uid_for("meeting", world["planned"].pk) in events(calendar)


def test_body_feed_with_token_for_calendar_apps(client, world):
    url = body_feed_url(world)
    token = services.feed_token_create(actor=world["per"])
    calendar = parse(client.get(url, {"token": token}))
    assert uid_for("meeting", world["planned"].pk) in events(calendar)
    stranger_token = services.feed_token_create(actor=world["stranger"])
    assert client.get(url, {"token": stranger_token}).status_code == 404
    assert client.get(url, {"token": "wrong"}).status_code == 404
    services.feed_token_revoke(actor=world["per"])
    assert client.get(url, {"token": token}).status_code == 404


def test_public_body_feed_for_anyone(client, world):
    calendar = parse(client.get(body_feed_url(world, world["other"])))
    assert set(events(calendar)) == {uid_for("meeting", world["forum_meeting"].pk)}


def test_space_feed_shows_only_visible_bodies(client, world):
    url = reverse("calendars:space-feed", kwargs={"space": world["space"].slug})
    anonymous = events(parse(client.get(url)))
    assert set(anonymous) == {uid_for("meeting", world["forum_meeting"].pk)}
    client.force_login(world["eva"])
    calendar = parse(client.get(url))
    assert_well_formed(calendar)
    assert uid_for("meeting", world["planned"].pk) in events(calendar)
    assert client.get(reverse("calendars:space-feed", kwargs={"space": "nowhere"})).status_code == 404
    client.logout()
    token = services.feed_token_create(actor=world["per"])
    assert uid_for("meeting", world["planned"].pk) in events(parse(client.get(url, {"token": token})))


def test_public_feed_parses_and_holds_only_public_things(client, world):
    from samverka.collaboration.meetings.services import meeting_create

    from .conftest import at

    public = meeting_create(
        actor=world["secretariat"], body=world["other"], title="Öppet möte", start=at(8), end=at(8, 12), is_public=True
    )
    hidden = meeting_create(
        actor=world["secretariat"],
        body=world["body"],
        title="Öppet men i privat grupp",
        start=at(8),
        end=at(8, 12),
        is_public=True,
    )
    from samverka.collaboration.events.services import EventData, event_create, event_publish

    kickoff = event_create(
        actor=world["secretariat"],
        space=world["space"],
        data=EventData(
            kind="kickoff", title="Kickoff", place="Nyköping", start=at(15, 9), end=at(15, 16), is_public=True
        ),
    )
    event_publish(actor=world["secretariat"], event=kickoff)
    draft = event_create(
        actor=world["secretariat"],
        space=world["space"],
        data=EventData(kind="kickoff", title="Utkast", place="Flen", start=at(16, 9), end=at(16, 16), is_public=True),
    )
    url = reverse("calendars:public-events-feed")
    calendar = parse(client.get(url))
    assert_well_formed(calendar)
    uids = set(events(calendar))
    assert uid_for("event", kickoff.pk) in uids
    assert str(events(calendar)[uid_for("event", kickoff.pk)]["LOCATION"]) == "Nyköping"
    assert uid_for("event", draft.pk) not in uids
    assert uid_for("meeting", public.pk) in uids
    assert uid_for("meeting", hidden.pk) not in uids
    assert uid_for("meeting", world["planned"].pk) not in uids
    assert uid_for("meeting", world["forum_meeting"].pk) not in uids  # not marked public
    assert set(events(parse(client.get(url)))) == uids


def test_feed_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    from samverka.collaboration.meetings.services import meeting_create

    from .conftest import at

    token = services.feed_token_create(actor=world["eva"])
    url = reverse("calendars:personal-feed", kwargs={"token": token})
    with django_assert_max_num_queries(4):
        client.get(url)
    for day in range(30, 60):
        meeting_create(actor=world["secretariat"], body=world["body"], title=f"M {day}", start=at(day), end=at(day, 11))
    with django_assert_max_num_queries(4):
        response = client.get(url)
    assert len(events(parse(response))) == 32
