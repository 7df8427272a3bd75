"""The dates of an annual wheel: pure calendar rules, no database.

A meeting is never put on a weekend, a Swedish public holiday (the ``holidays``
package, country SE, with the de facto holidays Midsummer Eve, Christmas Eve
and New Year's Eve) or in the summer break (``settings.WHEELS_SUMMER_BREAK``,
default 15 June–15 August, both days included). Such a date moves forward to
the next suitable working day, and the reason is recorded. A date in the
summer break moves to the first day after the break with the slot's weekday;
a six-week series then continues from there, so it pauses over the summer
instead of piling meetings up in August. A date that would move into the next
year is dropped.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Protocol

import holidays
from django.conf import settings
from django.utils.translation import get_language

from samverka.collaboration.wheels.models import MoveReason

DEFAULT_SUMMER_BREAK = ((6, 15), (8, 15))
#: Languages the holidays package names holidays in, by Django language code.
HOLIDAY_LANGUAGES = {"sv": "sv", "en": "en_US"}


class SlotRule(Protocol):
    months: Any
    week_of_month: int
    weekday: int
    interval_weeks: int | None
    start_month: int
    start_day: int


@dataclass(frozen=True)
class PlannedDate:
    occurrence: int
    day: date
    original_day: date | None = None
    reason: str = MoveReason.NONE

    @property
    def moved(self) -> bool:
        return self.original_day is not None

    @property
    def reason_label(self) -> str:
        return str(MoveReason(self.reason).label) if self.reason else ""


@lru_cache(maxsize=64)
def _holidays(year: int, language: str) -> dict[date, str]:
    found = holidays.country_holidays("SE", years=year, categories=("public", "de_facto"), language=language)
    return dict(found.items())


def holiday_name(day: date) -> str | None:
    """The Swedish public holiday on ``day`` (named in the active language), or None."""
    language = HOLIDAY_LANGUAGES.get((get_language() or "sv")[:2], "sv")
    return _holidays(day.year, language).get(day)


def is_holiday(day: date) -> bool:
    return day in _holidays(day.year, "sv")


def summer_break(year: int) -> tuple[date, date]:
    """First and last day of the summer break of ``year``."""
    (m1, d1), (m2, d2) = getattr(settings, "WHEELS_SUMMER_BREAK", DEFAULT_SUMMER_BREAK)
    return date(year, m1, d1), date(year, m2, d2)


def in_summer_break(day: date) -> bool:
    first, last = summer_break(day.year)
    return first <= day <= last


def why_unsuitable(day: date) -> str:
    """The reason no meeting may be held on ``day``, or "" when it is a suitable working day."""
    if in_summer_break(day):
        return MoveReason.SUMMER_BREAK
    if is_holiday(day):
        return MoveReason.HOLIDAY
    if day.weekday() >= 5:
        return MoveReason.WEEKEND
    return MoveReason.NONE


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def next_suitable_day(day: date, weekday: int | None = None) -> tuple[date, str]:
    """``day`` or the first suitable working day after it, and why it moved ("" if not).

    From the summer break the date goes to the first ``weekday`` after the break."""
    reason = why_unsuitable(day)
    current = day
    for _attempt in range(400):
        problem = why_unsuitable(current)
        if not problem:
            return current, reason
        if problem == MoveReason.SUMMER_BREAK:
            after = summer_break(current.year)[1] + timedelta(days=1)
            current = _on_or_after(after, weekday) if weekday is not None else after
        else:
            current += timedelta(days=1)
    raise ValueError(f"no suitable day after {day}")  # pragma: no cover - the calendar always has one


def nth_weekday(year: int, month: int, week: int, weekday: int) -> date:
    """The ``week``-th ``weekday`` of the month (week -1: the last; 5 falls back to the last)."""
    first = _on_or_after(date(year, month, 1), weekday)
    last_day = date(year, month, monthrange(year, month)[1])
    last = first + timedelta(weeks=(last_day - first).days // 7)
    if week == -1:
        return last
    return min(first + timedelta(weeks=week - 1), last)


def _planned(occurrence: int, day: date, weekday: int) -> PlannedDate:
    moved, reason = next_suitable_day(day, weekday)
    if moved == day:
        return PlannedDate(occurrence, day)
    return PlannedDate(occurrence, moved, original_day=day, reason=reason)


def slot_dates(slot: SlotRule, year: int) -> list[PlannedDate]:
    """The dates of one slot in ``year``, each already moved off weekends, holidays and the summer break."""
    planned: list[PlannedDate] = []
    if slot.interval_weeks:
        day = _on_or_after(date(year, slot.start_month, slot.start_day), slot.weekday)
        step = timedelta(weeks=slot.interval_weeks)
        while day.year == year:
            entry = _planned(len(planned), day, slot.weekday)
            if entry.day.year != year:
                break
            planned.append(entry)
            # After the summer break the series restarts from the moved date.
            day = (entry.day if entry.reason == MoveReason.SUMMER_BREAK else day) + step
        return planned
    for month in sorted(int(m) for m in slot.months or ()):
        entry = _planned(len(planned), nth_weekday(year, month, slot.week_of_month, slot.weekday), slot.weekday)
        if entry.day.year == year:
            planned.append(entry)
    return planned
