"""The demo's bodies run their years on the annual wheels, around the day the demo is loaded."""

from datetime import date

import pytest
from django.utils import timezone

from samverka.collaboration.bodies.models import Body, BodyKind, BodyStatus
from samverka.collaboration.meetings.models import Meeting
from samverka.collaboration.wheels.models import Adoption, GeneratedMeeting
from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.demo.loader import DemoLoader
from samverka.demo.wheels import load_wheels, wheel_years
from samverka.platform.core.times import local

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "years"),
    [(date(2026, 12, 6), [2026, 2027]), (date(2026, 2, 1), [2025, 2026]), (date(2026, 7, 2), [2026])],
)
def test_the_wheels_cover_every_year_the_rolling_half_years_touch(today, years):
    assert wheel_years(today) == years


def test_demo_industry_forums_and_the_national_cycle_are_on_their_wheels():
    DemoLoader().load()
    load_wheels()
    years = wheel_years()
    today = timezone.localdate()
    forums = Body.objects.filter(kind=BodyKind.INDUSTRY_FORUM, status=BodyStatus.ACTIVE)
    assert forums.count() >= 2
    for forum in forums:
        for year in years:
            assert Adoption.objects.filter(body=forum, template__key="industry_forum", year=year).exists()
        assert GeneratedMeeting.objects.filter(adoption__body=forum, shared=False).count() >= 4 * len(years)
        days = [local(start).date() for start in Meeting.objects.filter(body=forum).values_list("start", flat=True)]
        assert any(day < today for day in days) and any(day > today for day in days), forum
        assert all(m.place for m in Meeting.objects.filter(body=forum)), "wheel meetings have the space's place"
    for year in years:
        seminars = GeneratedMeeting.objects.filter(
            slot__space_wide=True, shared=False, adoption__year=year, adoption__body__space__slug=SORMLAND_SLUG
        )
        assert seminars.count() == 1  # one future seminar a year for all of Sörmland's forums
        cycle = Adoption.objects.get(body__space__slug=NATIONAL_SLUG, template__key="national_cycle", year=year)
        assert Meeting.objects.filter(wheel_links__adoption=cycle).count() == 6
