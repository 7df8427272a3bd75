"""The dates of the shipped wheels: never a weekend, a Swedish public holiday or the summer break."""

from datetime import date, timedelta

import holidays
import pytest

from samverka.collaboration.wheels.models import MoveReason
from samverka.collaboration.wheels.planning import next_suitable_day, slot_dates
from samverka.collaboration.wheels.registry import NATIONAL_CYCLE, PROCESS_LEADERS, SHIPPED, SlotSpec


def _swedish_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("SE", years=year, categories=("public", "de_facto")).items())


def _check_suitable(day: date) -> None:
    assert day.weekday() < 5, f"{day} is a weekend"
    assert day not in _swedish_holidays(day.year), f"{day} is {_swedish_holidays(day.year)[day]}"
    assert not (date(day.year, 6, 15) <= day <= date(day.year, 8, 15)), f"{day} is in the summer break"


@pytest.mark.parametrize("year", [2026, 2027, 2028])
@pytest.mark.parametrize("key", list(SHIPPED))
def test_every_shipped_date_is_a_working_day_outside_the_summer_break(key, year):
    days = [p.day for slot in SHIPPED[key].slots for p in slot_dates(slot, year)]
    assert days
    for day in days:
        assert day.year == year
        _check_suitable(day)


def test_national_cycle_2026_follows_the_months_and_moves_off_easter_monday():
    planned = {slot.key: slot_dates(slot, 2026) for slot in NATIONAL_CYCLE.slots}
    assert {key: [p.day.month for p in dates] for key, dates in planned.items()} == {
        "jan_preliminary": [1],
        "feb_final": [2],
        "mar_gd": [3],
        "apr_feedback": [4],
        "may_follow_up": [5],
        "dec_input": [12],
    }
    feedback = planned["apr_feedback"][0]
    assert feedback.original_day == date(2026, 4, 6)  # Easter Monday (annandag påsk)
    assert feedback.day == date(2026, 4, 7)
    assert feedback.reason == MoveReason.HOLIDAY


def test_future_seminar_2026_moves_off_ascension_day():
    seminar = next(s for s in SHIPPED["industry_forum"].slots if s.space_wide)
    [planned] = slot_dates(seminar, 2026)
    assert planned.original_day == date(2026, 5, 14)  # Kristi himmelsfärdsdag
    assert planned.day == date(2026, 5, 15)
    assert planned.reason == MoveReason.HOLIDAY


def test_six_week_series_2026_pauses_over_the_summer_and_keeps_its_weekday():
    planned = slot_dates(PROCESS_LEADERS.slots[0], 2026)
    days = [p.day for p in planned]
    assert days[0] == date(2026, 1, 13)
    assert all(day.weekday() == 1 for day in days)  # always a Tuesday
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    assert gaps[:3] + gaps[4:] == [42] * 6, gaps  # six weeks apart ...
    assert gaps[3] == 91  # ... except across the summer break
    summer = planned[4]
    assert summer.original_day == date(2026, 6, 30) and summer.reason == MoveReason.SUMMER_BREAK
    assert summer.day == date(2026, 8, 18)  # the first Tuesday after 15 August
    assert days[5] == summer.day + timedelta(weeks=6)  # the series continues from there
    assert len(days) == len(set(days)) == 8


def test_midsummer_and_christmas_are_avoided_with_a_shorter_summer_break(settings):
    settings.WHEELS_SUMMER_BREAK = ((7, 1), (8, 15))
    midsummer = SlotSpec(key="x", title="x", months=(6,), week_of_month=3, weekday=4)  # 3rd Friday of June
    [planned] = slot_dates(midsummer, 2026)
    assert planned.original_day == date(2026, 6, 19)  # Midsommarafton
    assert planned.day == date(2026, 6, 22)  # past Midsommardagen and the Sunday
    christmas = SlotSpec(key="y", title="y", months=(12,), week_of_month=4, weekday=3)  # 4th Thursday of December
    [planned] = slot_dates(christmas, 2026)
    assert planned.original_day == date(2026, 12, 24)
    assert planned.day == date(2026, 12, 28)


def test_a_custom_summer_break_is_respected(settings):
    settings.WHEELS_SUMMER_BREAK = ((6, 1), (8, 31))
    day, reason = next_suitable_day(date(2026, 6, 2), weekday=2)
    assert (day, reason) == (date(2026, 9, 2), MoveReason.SUMMER_BREAK)
    days = [p.day for p in slot_dates(PROCESS_LEADERS.slots[0], 2026)]
    assert not [d for d in days if date(2026, 6, 1) <= d <= date(2026, 8, 31)]
