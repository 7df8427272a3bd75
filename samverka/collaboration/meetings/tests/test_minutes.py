"""Minutes: writing, attendance, approval (justering), locking, corrections and publication."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import Approval, Attendance, Decision, Minutes, MinutesVersion
from samverka.collaboration.meetings.services import AttendanceEntry
from samverka.collaboration.meetings.tests.follow_up_helpers import items, make_world
from samverka.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(space):
    return make_world(space)


def write(world, text="Gruppen gick igenom läget."):
    item = items(world.meeting)[1]
    return services.minutes_save(actor=world.secretary, meeting=world.meeting, texts={item.pk: text})


def approve_both(world):
    services.minutes_approve(actor=world.chair, meeting=world.meeting)
    return services.minutes_approve(actor=world.adjuster, meeting=world.meeting)


def test_secretary_writes_minutes_as_version_one(world):
    version = write(world)
    assert version.number == 1
    assert Minutes.objects.get(version=version).text == "<p>Gruppen gick igenom läget.</p>"


def test_xss_in_minutes_text_is_sanitised(world):
    payload = (
        '<p onclick="alert(1)">Hej<script>alert(2)</script></p><img src=x onerror=alert(3)>'
        '<a href="javascript:alert(4)">länk</a><iframe src="https://evil.example"></iframe>'
    )
    version = write(world, payload)
    stored = Minutes.objects.get(version=version).text
    for bad in ("<script", "onclick", "onerror", "javascript:", "<iframe", "<img", "alert(2)"):
        assert bad not in stored
    assert "Hej" in stored and "länk" in stored


def test_version_locked_only_when_chair_and_adjuster_have_approved(world):
    write(world)
    services.minutes_approve(actor=world.chair, meeting=world.meeting)
    version = MinutesVersion.objects.get(meeting=world.meeting)
    assert not version.is_locked
    approval = services.minutes_approve(actor=world.adjuster, meeting=world.meeting)
    version.refresh_from_db()
    assert version.is_locked
    assert approval.name == "Bo Justerare"
    assert set(version.approvals.values_list("role", "name")) == {
        ("chair", "Anna Ordförande"),
        ("adjuster", "Bo Justerare"),
    }


def test_approving_twice_is_refused(world):
    write(world)
    services.minutes_approve(actor=world.chair, meeting=world.meeting)
    with pytest.raises(ValidationError, match="already approved"):
        services.minutes_approve(actor=world.chair, meeting=world.meeting)
    assert Approval.objects.count() == 1


def test_edit_after_partial_approval_withdraws_it(world):
    write(world)
    services.minutes_approve(actor=world.chair, meeting=world.meeting)
    write(world, "Ändrad text")
    assert Approval.objects.count() == 0


def test_edit_after_lock_is_refused_and_changes_nothing(world):
    write(world, "Original")
    approve_both(world)
    item = items(world.meeting)[1]
    with pytest.raises(ValidationError, match="approved and locked"):
        services.minutes_save(actor=world.secretary, meeting=world.meeting, texts={item.pk: "Ändrat i efterhand"})
    assert list(Minutes.objects.values_list("text", flat=True)) == ["<p>Original</p>"]
    with pytest.raises(ValidationError, match="locked"):
        services.decision_create(actor=world.secretary, meeting=world.meeting, text="Sent beslut")
    with pytest.raises(ValidationError, match="locked"):
        services.attendance_record(actor=world.secretary, meeting=world.meeting, entries=[AttendanceEntry(name="X")])
    assert not Decision.objects.exists() and not Attendance.objects.exists()
    assert MinutesVersion.objects.get().approvals.count() == 2


def test_correction_creates_version_two_with_reason_and_needs_new_approval(world):
    write(world, "Original")
    approve_both(world)
    with pytest.raises(ValidationError, match="reason"):
        services.minutes_correct(actor=world.secretary, meeting=world.meeting, reason="  ")
    assert MinutesVersion.objects.count() == 1
    v2 = services.minutes_correct(actor=world.secretary, meeting=world.meeting, reason="Fel belopp i § 3")
    assert (v2.number, v2.reason, v2.is_locked) == (2, "Fel belopp i § 3", False)
    write(world, "Rättad")
    v1 = MinutesVersion.objects.get(meeting=world.meeting, number=1)
    assert v1.is_locked and v1.entries.get().text == "<p>Original</p>"
    assert v2.entries.get().text == "<p>Rättad</p>"
    services.minutes_approve(actor=world.chair, meeting=world.meeting)
    v2.refresh_from_db()
    assert not v2.is_locked
    services.minutes_approve(actor=world.adjuster, meeting=world.meeting)
    v2.refresh_from_db()
    assert v2.is_locked


def test_correction_of_unapproved_minutes_is_refused(world):
    write(world)
    with pytest.raises(ValidationError, match="not approved yet"):
        services.minutes_correct(actor=world.secretary, meeting=world.meeting, reason="x")


@pytest.mark.parametrize("who", ["secretary", "space_admin", "superuser", "member"])
def test_approval_without_the_role_is_refused_and_changes_nothing(world, who, make_role_user, superuser):
    write(world)
    actor = {
        "secretary": world.secretary,
        "space_admin": make_role_user(world.space, "admin"),
        "superuser": superuser,
        "member": make_role_user(world.space, "member"),
    }[who]
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=actor, meeting=world.meeting)
    assert not Approval.objects.exists()
    assert MinutesVersion.objects.get().approved_at is None


def test_approval_view_without_the_role_answers_403_and_changes_nothing(world, client):
    write(world)
    client.force_login(world.secretary)
    url = reverse("meetings:minutes-approve", kwargs={"space": world.space.slug, "pk": world.meeting.pk})
    assert client.post(url).status_code == 403
    assert not Approval.objects.exists()
    client.force_login(world.chair)
    assert client.post(url).status_code == 302
    assert Approval.objects.get().role == "chair"


def test_approval_needs_an_adjuster_other_than_the_chair(world):
    write(world)
    with pytest.raises(ValidationError, match="someone other than the chair"):
        services.adjuster_appoint(actor=world.secretary, meeting=world.meeting, adjuster=world.chair.contact)
    other = factories.make_contact(name="Doris")
    services.adjuster_appoint(actor=world.secretary, meeting=world.meeting, adjuster=other)
    world.meeting.refresh_from_db()
    assert world.meeting.adjuster == other
    # Bo is no longer the adjuster: he may not sign any more
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=world.adjuster, meeting=world.meeting)


def test_attendance_with_substitute(world):
    entries = [
        AttendanceEntry(name="Anna Ordförande", contact=world.chair.contact),
        AttendanceEntry(
            name="Bo Justerare", contact=world.adjuster.contact, status="substitute", substitute_name="Eva"
        ),
        AttendanceEntry(name="Frida", status="absent"),
    ]
    services.attendance_record(actor=world.secretary, meeting=world.meeting, entries=entries)
    rows = {a.name: (a.present, a.substitute_for) for a in Attendance.objects.all()}
    assert rows == {
        "Anna Ordförande": (True, ""),
        "Bo Justerare": (False, ""),
        "Eva": (True, "Bo Justerare"),
        "Frida": (False, ""),
    }
    with pytest.raises(ValidationError, match="substitute"):
        services.attendance_record(
            actor=world.secretary, meeting=world.meeting, entries=[AttendanceEntry(name="Gun", status="substitute")]
        )
    assert Attendance.objects.count() == 4


def test_writing_minutes_needs_the_right_to_run_the_body(world, make_role_user):
    member = make_role_user(world.space, "member")
    item = items(world.meeting)[1]
    with pytest.raises(PermissionDenied):
        services.minutes_save(actor=member, meeting=world.meeting, texts={item.pk: "x"})
    assert not MinutesVersion.objects.exists()


def test_an_item_of_another_meeting_is_refused(world, space):
    other = make_world(space)
    foreign = items(other.meeting)[1]
    with pytest.raises(ValidationError, match="not on this meeting"):
        services.minutes_save(actor=None, meeting=world.meeting, texts={foreign.pk: "x"})
    assert not Minutes.objects.exists()


def test_sending_for_approval_mails_each_signatory_once(world):
    from samverka.platform.notifications.models import OutboxMessage

    with pytest.raises(ValidationError, match="No minutes"):
        services.minutes_submit(actor=world.secretary, meeting=world.meeting)
    write(world)
    assert services.minutes_submit(actor=world.secretary, meeting=world.meeting) == 2
    assert services.minutes_submit(actor=world.secretary, meeting=world.meeting) == 0
    recipients = set(OutboxMessage.objects.filter(key__startswith="minutes-approval:").values_list("to", flat=True))
    assert recipients == {world.chair.email, world.adjuster.email}
    assert MinutesVersion.objects.get().submitted_at is not None
