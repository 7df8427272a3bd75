"""The life of a round and its reports: opening, filling in, submitting (refused while lights are
missing), reopening with a logged reason, review, closing, approval and logged corrections; every
permission refusal leaves the data unchanged."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.utils import timezone

from samverka.steering.statusreports import services
from samverka.steering.statusreports.models import (
    ActivityStatus,
    EventKind,
    Feedback,
    ReportEvent,
    ReportState,
    RoundState,
    StatusRound,
)
from samverka.steering.statusreports.services import StatusInput
from samverka.steering.statusreports.tests.helpers import YEAR, fill, make_group, open_round, world
from samverka.steering.workplans.models import Activity, WorkPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(space, make_role_user):
    return world(space, make_role_user)


def stem_report(status_round, w):
    return status_round.reports.get(work_plan=w["stem_plan"])


def test_opening_a_round_creates_a_draft_per_adopted_plan_of_groups_and_projects(w):
    space = w["space"]
    WorkPlan.objects.filter(body=make_group(space, "Nästa år", 1)[0]).update(year=YEAR + 1)
    WorkPlan.objects.filter(body=make_group(space, "Ej antagen", 1)[0]).update(status="draft")
    make_group(space, "Ett forum", 1, kind="industry_forum")  # not a reporting kind
    status_round = services.round_open(
        actor=w["secretariat"],
        space=space,
        name="  Våren 2027 ",
        year=YEAR,
        opens_on=timezone.localdate(),
        deadline=timezone.localdate() + timedelta(days=20),
    )
    assert status_round.name == "Våren 2027"
    assert {r.work_plan.body.name for r in status_round.reports.all()} == {"Arbetsgrupp STEM", "Arbetsgrupp SYV"}
    assert ActivityStatus.objects.filter(report__round=status_round).count() == 4
    assert set(status_round.reports.values_list("state", flat=True)) == {ReportState.DRAFT}


def test_opening_refuses_bad_input_and_outsiders(w):
    space, today = w["space"], timezone.localdate()
    open_round(space)
    with pytest.raises(ValidationError) as error:
        services.round_open(
            actor=w["secretariat"], space=space, name="Våren 2027", year=YEAR, opens_on=today, deadline=today
        )
    assert "already a round" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.round_open(
            actor=w["secretariat"], space=space, name="Hösten", year=YEAR, opens_on=today, deadline=today - timedelta(1)
        )
    assert "deadline" in error.value.message_dict
    for actor in (w["leader"], w["member"], w["steering_member"], w["outsider"]):
        with pytest.raises(PermissionDenied):
            services.round_open(actor=actor, space=space, name="Hösten", year=YEAR, opens_on=today, deadline=today)
    assert StatusRound.objects.count() == 1


def test_submitting_lists_exactly_what_is_missing(w):
    report = stem_report(open_round(w["space"]), w)
    first, second = w["stem_activities"]
    services.report_save(
        actor=w["leader"],
        report=report,
        statuses={first.pk: StatusInput("green", "yellow", "Går bra", ""), second.pk: StatusInput("", "red")},
    )
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=w["leader"], report=report)
    messages = error.value.messages
    assert messages[1:] == [f"{second.title}: no light for the activity"]
    assert first.title not in " ".join(messages)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert not ReportEvent.objects.exists()


def test_an_activity_added_after_opening_must_also_get_a_light(w):
    report = stem_report(open_round(w["space"]), w)
    fill(report)
    Activity.objects.create(work_plan=w["stem_plan"], position=9, title="Sen aktivitet")
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=w["leader"], report=report)
    assert error.value.messages[1:] == ["Sen aktivitet: no light for the activity and the expected result"]


def test_a_light_outside_green_yellow_red_is_refused(w):
    report = stem_report(open_round(w["space"]), w)
    activity = w["stem_activities"][0]
    with pytest.raises(ValidationError):
        services.report_save(actor=w["leader"], report=report, statuses={activity.pk: StatusInput("blue", "green")})
    assert report.statuses.get(activity=activity).light_result == ""


def test_only_the_groups_leaders_fill_in_their_report(w):
    report = stem_report(open_round(w["space"]), w)
    activity = w["stem_activities"][0]
    for actor in (w["other_leader"], w["member"], w["steering_member"], w["guest"], w["outsider"]):
        with pytest.raises(PermissionDenied):
            services.report_save(actor=actor, report=report, statuses={activity.pk: StatusInput("red", "red")})
        with pytest.raises(PermissionDenied):
            services.report_submit(actor=actor, report=report)
    assert report.statuses.get(activity=activity).light_activity == ""


def test_an_activity_of_another_plan_is_refused(w):
    status_round = open_round(w["space"])
    other = w["syv_plan"].activities.first()
    with pytest.raises(ValidationError):
        services.report_save(
            actor=w["leader"], report=stem_report(status_round, w), statuses={other.pk: StatusInput("red", "red")}
        )


def test_editing_after_submission_needs_a_logged_reopening(w):
    report = stem_report(open_round(w["space"]), w)
    fill(report, "green")
    report = services.report_submit(actor=w["leader"], report=report)
    activity = w["stem_activities"][0]
    with pytest.raises(ValidationError) as error:
        services.report_save(actor=w["leader"], report=report, statuses={activity.pk: StatusInput("red", "red")})
    assert "Reopen" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        services.report_reopen(actor=w["leader"], report=report, reason="  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.report_reopen(actor=w["other_leader"], report=report, reason="Fel")
    services.report_reopen(actor=w["leader"], report=report, reason="Fel ljus på första aktiviteten")
    event = ReportEvent.objects.get(kind=EventKind.REOPEN)
    assert (event.reason, event.by, event.details) == (
        "Fel ljus på första aktiviteten",
        w["leader"],
        {"from": "submitted"},
    )
    services.report_save(actor=w["leader"], report=report, statuses={activity.pk: StatusInput("red", "red")})
    report.refresh_from_db()
    assert (report.state, report.reopened_count) == (ReportState.DRAFT, 1)
    assert report.statuses.get(activity=activity).light_activity == "red"


def test_review_close_approve_and_a_logged_correction(w):
    status_round = open_round(w["space"])
    report = stem_report(status_round, w)
    fill(report, "yellow")
    services.report_submit(actor=w["leader"], report=report)
    with pytest.raises(PermissionDenied):
        services.report_review(actor=w["leader"], report=report)
    services.report_review(actor=w["secretariat"], report=report)
    with pytest.raises(PermissionDenied):
        services.round_close(actor=w["leader"], status_round=status_round)
    with pytest.raises(ValidationError):
        services.round_approve(actor=w["secretariat"], status_round=status_round)  # still open
    services.round_close(actor=w["secretariat"], status_round=status_round)
    services.round_approve(actor=w["secretariat"], status_round=status_round)
    status_round.refresh_from_db()
    assert status_round.state == RoundState.APPROVED and status_round.approved_by == w["secretariat"]

    # An approved round never changes except through a logged correction.
    status = report.statuses.get(activity=w["stem_activities"][0])
    with pytest.raises(ValidationError):
        services.report_save(actor=w["leader"], report=report, statuses={status.activity_id: StatusInput("red", "red")})
    with pytest.raises(ValidationError):
        services.report_reopen(actor=w["secretariat"], report=report, reason="Ändra")
    with pytest.raises(ValidationError):
        services.report_review(actor=w["secretariat"], report=report)
    with pytest.raises(PermissionDenied):
        services.report_correct(actor=w["leader"], status=status, data=StatusInput("red", "red"), reason="Fel")
    with pytest.raises(ValidationError):
        services.report_correct(actor=w["secretariat"], status=status, data=StatusInput("red", "red"), reason="")
    with pytest.raises(ValidationError):
        services.report_correct(
            actor=w["secretariat"], status=status, data=StatusInput("yellow", "yellow"), reason="Ingen ändring"
        )
    status.refresh_from_db()
    assert status.light_activity == "yellow"
    services.report_correct(
        actor=w["secretariat"], status=status, data=StatusInput("red", "yellow", "Försenad"), reason="Rättat efter möte"
    )
    status.refresh_from_db()
    assert (status.light_activity, status.comment_activity) == ("red", "Försenad")
    event = ReportEvent.objects.get(kind=EventKind.CORRECTION)
    assert event.reason == "Rättat efter möte"
    assert event.details["before"]["light_activity"] == "yellow"
    assert event.details["after"]["light_activity"] == "red"


def test_a_correction_is_only_for_approved_rounds(w):
    report = stem_report(open_round(w["space"]), w)
    status = report.statuses.first()
    with pytest.raises(ValidationError):
        services.report_correct(actor=w["secretariat"], status=status, data=StatusInput("red", "red"), reason="x")
    assert not ReportEvent.objects.exists()


def test_a_closed_round_refuses_the_groups_changes(w):
    status_round = open_round(w["space"])
    report = stem_report(status_round, w)
    services.round_close(actor=w["secretariat"], status_round=status_round)
    with pytest.raises(ValidationError):
        fill(report)
    with pytest.raises(ValidationError):
        services.round_close(actor=w["secretariat"], status_round=status_round)


def test_feedback_from_the_steering_group_only(w):
    report = stem_report(open_round(w["space"]), w)
    feedback = services.feedback_give(actor=w["steering_member"], report=report, text=" Bra jobbat! ")
    assert feedback.text == "Bra jobbat!"
    services.feedback_give(actor=w["secretariat"], report=report, text="Tack")
    with pytest.raises(ValidationError):
        services.feedback_give(actor=w["steering_member"], report=report, text=" ")
    for actor in (w["leader"], w["member"], w["outsider"]):
        with pytest.raises(PermissionDenied):
            services.feedback_give(actor=actor, report=report, text="Nej")
    assert Feedback.objects.count() == 2


def test_an_assessed_activity_cannot_be_deleted_under_an_approved_round(w):
    status_round = open_round(w["space"])
    fill(stem_report(status_round, w), "green")
    services.round_close(actor=None, status_round=status_round)
    services.round_approve(actor=None, status_round=status_round)
    with pytest.raises(ProtectedError):
        w["stem_activities"][0].delete()
    assert ActivityStatus.objects.filter(report__round=status_round, light_activity="green").count() == 2
