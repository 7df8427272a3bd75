"""Calendar files parse back, keep their UIDs and carry Stockholm's time zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from samverka.platform.core.ics import Attendee, IcsEvent, build_calendar, uid_for

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _event(**overrides):
    values = {
        "uid": uid_for("meeting", 7),
        "start": datetime(2026, 3, 29, 10, 0, tzinfo=STOCKHOLM),  # the day summer time begins
        "end": datetime(2026, 3, 29, 12, 0, tzinfo=STOCKHOLM),
        "summary": "Styrgruppsmöte",
        "location": "Arbetsförmedlingen, Stockholm",
        "attendees": (Attendee("anna@example.se", "Anna Ek", "ACCEPTED"),),
        "organizer_email": "sekretariat@example.se",
    }
    values.update(overrides)
    return IcsEvent(**values)


def test_calendar_parses_back_with_vtimezone_and_local_times():
    raw = build_calendar([_event()], name="Styrgruppen", method="REQUEST")
    calendar = Calendar.from_ical(raw)
    assert calendar["method"] == "REQUEST"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    (event,) = calendar.walk("VEVENT")
    assert event["uid"] == "meeting-7@samverka.local"
    assert event.decoded("dtstart") == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert b"TZID=Europe/Stockholm" in raw
    assert "dtstamp" in event
    assert (
        "PARTSTAT=ACCEPTED" in event["attendee"].to_ical().decode()
        or event["attendee"].params["partstat"] == "ACCEPTED"
    )


def test_fixed_stamp_makes_the_feed_byte_identical():
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    assert build_calendar([_event()], stamp=stamp) == build_calendar([_event()], stamp=stamp)


def test_naive_times_are_refused():
    import pytest

    with pytest.raises(ValueError):
        build_calendar([_event(start=datetime(2026, 1, 1, 10, 0))])
