"""Busy times out of an iCalendar file: what a free/busy source contributes.

Only when someone is busy is kept, never what they do. Events marked
TRANSP:TRANSPARENT ("show as free") and cancelled events are not busy.
Recurring events (RRULE, RDATE, EXDATE and moved occurrences with
RECURRENCE-ID) are expanded with dateutil within the horizon, with a cap on
the number of occurrences so a hostile file cannot make the server work for ever.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from dateutil.rrule import rruleset, rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from icalendar import Calendar, Component

from samverka.platform.core.ics import STOCKHOLM

#: At most this many busy periods are kept from one source.
MAX_PERIODS = 5000
#: At most this many occurrences of one recurring event are generated (from its first one), in or before the window.
MAX_RULE_STEPS = 20000
#: A single event longer than this is treated as a mistake (or "out of office" spanning months) and skipped.
MAX_EVENT_LENGTH = timedelta(days=31)


def parse_calendar(data: bytes) -> Calendar:
    """The parsed calendar, or a ValidationError with a message for the member."""
    head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    if not head.upper().startswith(b"BEGIN:VCALENDAR"):
        raise ValidationError(
            _("The file is not a calendar file (iCalendar, .ics). Export your calendar as .ics and try again."),
            code="not_calendar",
        )
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise ValidationError(
            _("The calendar file could not be read (it is damaged or not in iCalendar format)."), code="invalid_ics"
        ) from error
    if isinstance(calendar, list):  # several VCALENDARs in one file: icalendar returns a list
        calendar = calendar[0] if calendar else Calendar()
    return calendar


def _aware(value: date | datetime) -> datetime:
    """Dates are whole Stockholm days; floating times are Stockholm wall-clock time."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time.min).replace(tzinfo=STOCKHOLM)  # noqa: DTZ001
    if value.tzinfo is None:
        return value.replace(tzinfo=STOCKHOLM)
    return value


def _value(component: Component, name: str) -> object:
    prop = component.get(name)  # type: ignore[attr-defined]
    return getattr(prop, "dt", None) if prop is not None else None


def _dates(component: Component, name: str) -> list[date | datetime]:
    """All values of a multi-valued date property (EXDATE, RDATE)."""
    prop = component.get(name)  # type: ignore[attr-defined]
    if prop is None:
        return []
    props = prop if isinstance(prop, list) else [prop]
    found: list[date | datetime] = []
    for item in props:
        for entry in getattr(item, "dts", []):
            found.append(entry.dt)
    return found


def _key(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def busy_periods(calendar: Calendar, *, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """Busy (start, end) pairs overlapping [start, end), sorted, at most MAX_PERIODS."""
    masters: list[Component] = []
    overrides: dict[str, dict[datetime, Component]] = {}
    for component in calendar.walk("VEVENT"):
        if component.get("RECURRENCE-ID") is not None:
            recurrence = _value(component, "RECURRENCE-ID")
            if isinstance(recurrence, date):
                overrides.setdefault(str(component.get("UID", "")), {})[_key(_aware(recurrence))] = component
        else:
            masters.append(component)
    periods: list[tuple[datetime, datetime]] = []
    for component in masters:
        moved = overrides.get(str(component.get("UID", "")), {})  # type: ignore[attr-defined]
        for first, last in _occurrences(component, start=start, end=end, skip=set(moved)):
            periods.append((first, last))
            if len(periods) >= MAX_PERIODS:
                break
    for moved_events in overrides.values():
        for component in moved_events.values():
            periods.extend(_occurrences(component, start=start, end=end, skip=set(), recurring=False))
    periods = [p for p in periods if p[0] < end and p[1] > start]
    periods.sort()
    return periods[:MAX_PERIODS]


def _is_busy(component: Component) -> bool:
    transparency = str(component.get("TRANSP", "OPAQUE")).upper()  # type: ignore[attr-defined]
    status = str(component.get("STATUS", "CONFIRMED")).upper()  # type: ignore[attr-defined]
    return transparency != "TRANSPARENT" and status != "CANCELLED"


def _occurrences(
    component: Component, *, start: datetime, end: datetime, skip: set[datetime], recurring: bool = True
) -> Iterable[tuple[datetime, datetime]]:
    if not _is_busy(component):
        return []
    raw_start = _value(component, "DTSTART")
    if not isinstance(raw_start, date):
        return []
    raw_end = _value(component, "DTEND")
    duration = _value(component, "DURATION")
    first = _aware(raw_start)
    if isinstance(raw_end, date):
        length = _aware(raw_end) - first
    elif isinstance(duration, timedelta):
        length = duration
    else:
        length = timedelta(days=1) if not isinstance(raw_start, datetime) else timedelta(0)
    if length <= timedelta(0) or length > MAX_EVENT_LENGTH:
        return []
    rule = component.get("RRULE") if recurring else None  # type: ignore[attr-defined]
    rdates = _dates(component, "RDATE") if recurring else []
    if rule is None and not rdates:
        return [(first, first + length)] if _key(first) not in skip else []
    starts: list[datetime] = []
    try:
        rules = rruleset()
        if rule is not None:
            text = _rule_text(rule, first)
            parsed = rrulestr(text, dtstart=first, ignoretz=False, forceset=False, unfold=True)
            rules.rrule(parsed)  # type: ignore[arg-type]
        for extra in rdates:
            rules.rdate(_aware(extra))
        for excluded in _dates(component, "EXDATE"):
            rules.exdate(_aware(excluded))
        # Walked from the series' start with a hard cap on steps: a rule such as FREQ=SECONDLY from 1970
        # must not keep the server busy. Occurrences before the window are stepped over, not kept.
        for steps, occurrence in enumerate(rules):
            if steps >= MAX_RULE_STEPS or occurrence >= end or len(starts) >= MAX_PERIODS:
                break
            if occurrence + length > start and _key(occurrence) not in skip:
                starts.append(occurrence)
    except (ValueError, TypeError, OverflowError):
        # A rule dateutil cannot read: keep at least the first occurrence rather than fail the source.
        return [(first, first + length)]
    return [(_wall_clock(moment), _wall_clock(moment) + length) for moment in starts]


def _rule_text(rule: Any, first: datetime) -> str:
    """The RRULE as text for dateutil, with UNTIL made aware (dateutil refuses a naive UNTIL
    with an aware DTSTART, and all-day rules give UNTIL as a date)."""
    parts = dict(rule)
    until = parts.pop("UNTIL", None)
    text = type(rule)(parts).to_ical().decode()
    if until:
        value = until[0] if isinstance(until, list) else until
        if not isinstance(value, datetime):
            value = datetime.combine(value, time.max).replace(tzinfo=first.tzinfo)  # noqa: DTZ001
        elif value.tzinfo is None:
            value = value.replace(tzinfo=first.tzinfo)
        text += ";UNTIL=" + value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return "RRULE:" + text


def _wall_clock(moment: datetime) -> datetime:
    """Occurrences keep their wall-clock time across DST (09:00 stays 09:00 in summer)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=STOCKHOLM)
    return moment
