"""Adopting and regenerating annual wheels: the meetings a body gets, and what is never touched."""

from datetime import UTC, date, datetime, time

import holidays
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from samverka.collaboration.bodies.models import BodyKind
from samverka.collaboration.bodies.services import body_close
from samverka.collaboration.meetings.models import AgendaItem, Meeting
from samverka.collaboration.meetings.services import MeetingData, meeting_update
from samverka.collaboration.wheels import selectors
from samverka.collaboration.wheels.models import Adoption, GeneratedMeeting, MoveReason
from samverka.collaboration.wheels.registry import INDUSTRY_FORUM
from samverka.collaboration.wheels.services import sync_wheel_templates, wheel_adopt, wheel_regenerate
from samverka.collaboration.wheels.tests.conftest import START_OF_2026
from samverka.platform.core.times import local
from samverka.testing.factories import make_body, make_space

pytestmark = pytest.mark.django_db

SE_HOLIDAYS = holidays.country_holidays("SE", years=2026, categories=("public", "de_facto"))


def sv(text: str) -> str:
    """Generated meetings are written in the site's language (Swedish)."""
    with translation.override("sv"):
        return translation.gettext(text)


def _assert_good_day(meeting: Meeting) -> None:
    day = local(meeting.start).date()
    assert day.weekday() < 5, meeting
    assert day not in SE_HOLIDAYS, (meeting, SE_HOLIDAYS.get(day))
    assert not (date(2026, 6, 15) <= day <= date(2026, 8, 15)), meeting


def test_templates_are_synced_idempotently():
    sync_wheel_templates()
    sync_wheel_templates()
    from samverka.collaboration.wheels.models import WheelSlot, WheelTemplate

    assert set(WheelTemplate.objects.values_list("key", flat=True)) == {
        "industry_forum",
        "national_cycle",
        "process_leaders",
        "status_reports",
    }
    assert WheelSlot.objects.filter(template__key="national_cycle").count() == 6


def test_national_cycle_2026_generates_six_themed_meetings_on_working_days(national_space, make_role_user):
    actor = make_role_user(national_space, "secretariat")
    body = make_body(space=national_space, name="Styrgruppen", kind=BodyKind.STEERING_GROUP)
    result = wheel_adopt(actor=actor, body=body, template_key="national_cycle", year=2026, now=START_OF_2026)
    meetings = list(Meeting.objects.filter(body=body).order_by("start"))
    assert len(meetings) == len(result.created) == 6
    assert [local(m.start).month for m in meetings] == [1, 2, 3, 4, 5, 12]
    for meeting in meetings:
        _assert_good_day(meeting)
    gd = meetings[2]
    assert local(gd.start).time() == time(13, 0)
    agenda = list(AgendaItem.objects.filter(meeting=gd).order_by("position").values_list("title", "kind"))
    assert agenda[0][0] == sv("Follow-up of decisions and action items")  # the meetings app's standing item
    assert (sv("Goals and priorities for the coming year"), "decision") in agenda
    feedback = GeneratedMeeting.objects.get(meeting=meetings[3])
    assert feedback.original_date == date(2026, 4, 6)
    assert feedback.move_reason == MoveReason.HOLIDAY
    assert local(meetings[3].start).date() == date(2026, 4, 7)


def test_six_week_series_over_2026(space, secretariat):
    body = make_body(space=space, name="Processledarmöten")
    wheel_adopt(actor=secretariat, body=body, template_key="process_leaders", year=2026, now=START_OF_2026)
    meetings = list(Meeting.objects.filter(body=body).order_by("start"))
    assert len(meetings) == 8
    for meeting in meetings:
        _assert_good_day(meeting)
    assert len({local(m.start).date() for m in meetings}) == 8


def test_industry_forum_gets_four_themed_meetings_and_one_future_seminar_per_space(space, secretariat, forum):
    second = make_body(space=space, name="Branschforum Vård och omsorg", kind=BodyKind.INDUSTRY_FORUM)
    wheel_adopt(actor=secretariat, body=forum, template_key="industry_forum", year=2026, now=START_OF_2026)
    wheel_adopt(actor=secretariat, body=second, template_key="industry_forum", year=2026, now=START_OF_2026)

    themes = [sv(s.title) for s in INDUSTRY_FORUM.slots if not s.space_wide]
    seminar_title = sv(next(s.title for s in INDUSTRY_FORUM.slots if s.space_wide))
    for body in (forum, second):
        own = Meeting.objects.filter(body=body).exclude(title=seminar_title)
        assert sorted(own.values_list("title", flat=True)) == sorted(themes)
        q3 = own.get(title=themes[2])
        q3_items = set(q3.agenda_items.values_list("title", flat=True))
        assert {sv("Labour-market training"), sv("Validations"), sv("Discussion of education quality")} <= q3_items

    seminars = Meeting.objects.filter(body__space=space, title=seminar_title)
    assert seminars.count() == 1
    seminar = seminars.get()
    assert seminar.body == forum  # the first adopter hosts it
    links = GeneratedMeeting.objects.filter(meeting=seminar)
    assert sorted(links.values_list("shared", flat=True)) == [False, True]
    assert local(seminar.start).date() == date(2026, 5, 15)  # moved off Ascension Day

    # adopting again changes nothing
    again = wheel_adopt(actor=secretariat, body=second, template_key="industry_forum", year=2026, now=START_OF_2026)
    assert again.created == [] and again.linked == []
    assert Meeting.objects.filter(body__space=space).count() == 9

    # another space has its own seminar
    other = make_space(slug="vast", name="Väst")
    other_forum = make_body(space=other, kind=BodyKind.INDUSTRY_FORUM)
    wheel_adopt(actor=None, body=other_forum, template_key="industry_forum", year=2026, now=START_OF_2026)
    assert Meeting.objects.filter(title=seminar_title).count() == 2


def test_regenerate_after_the_year_started_keeps_held_and_edited_meetings(space, secretariat):
    body = make_body(space=space, name="Processledarmöten")
    adopted = wheel_adopt(actor=secretariat, body=body, template_key="process_leaders", year=2026, now=START_OF_2026)
    assert len(adopted.created) == 8
    midsummer = datetime(2026, 6, 1, tzinfo=UTC)
    before = {m.pk: (m.start, m.title) for m in Meeting.objects.filter(body=body)}
    held = [pk for pk, (start, _title) in before.items() if start < midsummer]
    future = sorted((start, pk) for pk, (start, _title) in before.items() if start >= midsummer)
    assert len(held) == 4 and len(future) == 4
    edited_pk = future[0][1]
    meeting_update(
        actor=secretariat, meeting=Meeting.objects.get(pk=edited_pk), data=MeetingData(title="Extra PL-möte")
    )

    adoption = Adoption.objects.get(body=body)
    plan = selectors.adoption_plan(
        body=body, template=adoption.template, year=2026, time_of_day=time(14, 0), now=midsummer
    )
    assert sorted(row.action for row in plan) == ["keep"] * 5 + ["move"] * 3
    assert Meeting.objects.get(pk=future[1][1]).start == before[future[1][1]][0]  # the preview wrote nothing

    result = wheel_regenerate(actor=secretariat, adoption=adoption, time_of_day=time(14, 0), now=midsummer)
    assert (len(result.created), len(result.moved), result.kept) == (0, 3, 5)
    after = {m.pk: m for m in Meeting.objects.filter(body=body)}
    assert set(after) == set(before)  # nothing duplicated, nothing removed
    for pk in held:
        assert (after[pk].start, after[pk].title) == before[pk]
    assert after[edited_pk].start == before[edited_pk][0]
    assert after[edited_pk].title == "Extra PL-möte"
    for _start, pk in future[1:]:
        assert local(after[pk].start).time() == time(14, 0)
        assert local(after[pk].start).date() == local(before[pk][0]).date()

    # the moved meetings are the wheel's own again: a second run moves them back, and nothing else
    second = wheel_regenerate(actor=secretariat, adoption=adoption, time_of_day=None, now=midsummer)
    assert (len(second.created), len(second.moved)) == (0, 3)
    assert Meeting.objects.filter(body=body).count() == 8


def test_adopting_mid_year_creates_only_the_future_meetings(space, secretariat):
    body = make_body(space=space)
    result = wheel_adopt(
        actor=secretariat, body=body, template_key="status_reports", year=2026, now=datetime(2026, 6, 1, tzinfo=UTC)
    )
    assert [local(m.start).month for m in result.created] == [10]
    result = wheel_adopt(
        actor=secretariat,
        body=body,
        template_key="status_reports",
        year=2026,
        now=datetime(2026, 6, 1, tzinfo=UTC),
        include_past=True,
    )
    assert [local(m.start).month for m in result.created] == [4]
    assert Meeting.objects.filter(body=body).count() == 2


def test_a_plain_member_may_not_adopt_and_nothing_is_written(space, make_role_user, forum):
    member = make_role_user(space, "member")
    with pytest.raises(PermissionDenied):
        wheel_adopt(actor=member, body=forum, template_key="industry_forum", year=2026)
    assert not Adoption.objects.exists()
    assert not Meeting.objects.exists()


def test_bad_input_is_refused_with_a_message(space, secretariat, forum):
    with pytest.raises(ValidationError) as error:
        wheel_adopt(actor=secretariat, body=forum, template_key="no-such-template", year=2026)
    assert "no-such-template" in str(error.value)
    with pytest.raises(ValidationError):
        wheel_adopt(actor=secretariat, body=forum, template_key="industry_forum", year=1066)
    assert not Adoption.objects.exists()


def test_a_closed_body_adopts_nothing(space, forum):
    body_close(body=forum, actor=None, closed_at=date(2025, 12, 31), closing_note="Uppdraget är slutfört.")
    with pytest.raises(ValidationError) as error:
        wheel_adopt(actor=None, body=forum, template_key="industry_forum", year=2026, now=START_OF_2026)
    assert "closed" in str(error.value)
    assert not Meeting.objects.exists() and not Adoption.objects.exists()


def test_a_template_of_another_space_is_not_offered(space, other_space, secretariat, forum):
    from samverka.collaboration.wheels.models import WheelTemplate

    WheelTemplate.objects.create(key="orebro-special", name="Örebros hjul", space=other_space)
    with pytest.raises(ValidationError):
        wheel_adopt(actor=secretariat, body=forum, template_key="orebro-special", year=2026)
    assert "orebro-special" not in [t.key for t in selectors.templates_for(space)]
