"""The demo's bodies run their year on the annual wheels."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samverka.bodies.models import Body, BodyKind, BodyStatus
from samverka.core.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.meetings.models import Meeting
from samverka.wheels.models import Adoption, GeneratedMeeting

pytestmark = pytest.mark.django_db


def test_demo_industry_forums_and_the_national_cycle_are_on_their_wheels():
    call_command("load_demo", stdout=StringIO())
    year = timezone.localdate().year
    forums = Body.objects.filter(kind=BodyKind.INDUSTRY_FORUM, status=BodyStatus.ACTIVE)
    assert forums.count() >= 2
    for forum in forums:
        assert Adoption.objects.filter(body=forum, template__key="industry_forum", year=year).exists()
        assert GeneratedMeeting.objects.filter(adoption__body=forum, shared=False).count() >= 4
    seminars = GeneratedMeeting.objects.filter(
        slot__space_wide=True, shared=False, adoption__body__space__slug=SORMLAND_SLUG
    )
    assert seminars.count() == 1  # one future seminar for all of Sörmland's forums
    cycle = Adoption.objects.get(body__space__slug=NATIONAL_SLUG, template__key="national_cycle")
    assert Meeting.objects.filter(wheel_links__adoption=cycle).count() == 6
