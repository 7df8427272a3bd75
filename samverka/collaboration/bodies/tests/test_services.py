"""The write rules of bodies and memberships: loops, closing, overlaps, participation models."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samverka.collaboration.bodies import services
from samverka.collaboration.bodies.models import Area, Body, BodyKind, BodyStatus, Membership
from samverka.collaboration.bodies.tests.helpers import seat
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n: int):
    return TODAY + timedelta(days=n)


def messages_of(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


# --- creating and editing bodies ----------------------------------------------------------------


def test_secretariat_creates_a_body_with_parent_and_owner(space, secretariat):
    forum = make_body(space=space, name="Branschforum Industri", kind=BodyKind.INDUSTRY_FORUM)
    owner = make_organisation(name="Region Sörmland")
    body = services.body_create(
        space=space,
        actor=secretariat,
        data=services.BodyData(
            name="Programråd El och energi",
            kind=BodyKind.PROGRAMME_COUNCIL,
            area=Area.EDUCATION_MATCHING,
            parent=forum,
            owner_organisation=owner,
        ),
    )
    body.refresh_from_db()
    assert (body.space, body.parent, body.owner_organisation, body.status) == (space, forum, owner, BodyStatus.ACTIVE)
    assert LogEntry.objects.get_for_object(body).count() == 1


def test_a_plain_member_may_not_create_a_body_and_nothing_is_saved(space, insider):
    with pytest.raises(PermissionDenied):
        services.body_create(
            space=space, actor=insider, data=services.BodyData(name="X", kind="network", area="preparatory")
        )
    assert not Body.objects.exists()


def test_create_refuses_invalid_data_with_field_messages(space):
    with pytest.raises(ValidationError) as error:
        services.body_create(
            space=space,
            actor=None,
            data=services.BodyData(
                name="", kind="nonsense", area=Area.PREPARATORY, start_date=days(5), end_date=days(1)
            ),
        )
    assert "end_date" in error.value.message_dict
    assert not Body.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.body_create(
            space=space, actor=None, data=services.BodyData(name="", kind="nonsense", area=Area.PREPARATORY)
        )
    assert {"name", "kind"} <= set(error.value.message_dict)
    with pytest.raises(TypeError, match="colour"):  # an unknown field is refused by the dataclass
        services.BodyData(**{"name": "X", "colour": "red"})


def test_parent_must_be_in_the_same_space(space, other_space):
    foreign = make_body(space=other_space, name="Främmande råd")
    with pytest.raises(ValidationError) as error:
        services.body_create(
            space=space,
            actor=None,
            data=services.BodyData(name="X", kind="network", area="preparatory", parent=foreign),
        )
    assert "same space" in messages_of(error)
    body = make_body(space=space)
    with pytest.raises(ValidationError):
        services.body_update(body=body, actor=None, data=services.BodyData(parent=foreign))
    body.refresh_from_db()
    assert body.parent is None


def test_a_body_cannot_report_to_itself(space):
    body = make_body(space=space, name="Samverkansråd")
    with pytest.raises(ValidationError) as error:
        services.body_update(body=body, actor=None, data=services.BodyData(parent=body))
    assert "Samverkansråd cannot report to itself" in messages_of(error)
    body.refresh_from_db()
    assert body.parent_id is None


def test_two_long_loop_is_refused(space):
    upper = make_body(space=space, name="Övre")
    lower = make_body(space=space, name="Undre", parent=upper)
    with pytest.raises(ValidationError) as error:
        services.body_update(body=upper, actor=None, data=services.BodyData(parent=lower))
    assert "Övre → Undre → Övre" in messages_of(error)


def test_three_long_loop_is_refused_naming_the_chain_and_nothing_changes(space):
    a = make_body(space=space, name="A-forum")
    b = make_body(space=space, name="B-råd", parent=a)
    c = make_body(space=space, name="C-grupp", parent=b)
    with pytest.raises(ValidationError) as error:
        services.body_update(body=a, actor=None, data=services.BodyData(parent=c, name="A-forum nytt namn"))
    assert "would make a loop" in messages_of(error)
    assert "A-forum nytt namn → C-grupp → B-råd → A-forum nytt namn" in messages_of(error)
    a.refresh_from_db()
    assert (a.parent_id, a.name) == (None, "A-forum")


def test_refused_update_leaves_the_callers_object_untouched(space):
    a = make_body(space=space, name="A")
    b = make_body(space=space, name="B", parent=a)
    with pytest.raises(ValidationError):
        services.body_update(body=a, actor=None, data=services.BodyData(parent=b, name="Changed"))
    assert (a.name, a.parent_id) == ("A", None)


def test_moving_a_body_within_the_tree_is_allowed(space):
    a = make_body(space=space, name="A")
    b = make_body(space=space, name="B", parent=a)
    c = make_body(space=space, name="C", parent=b)
    services.body_update(body=c, actor=None, data=services.BodyData(parent=a))
    c.refresh_from_db()
    assert c.parent == a


def test_closed_parent_and_closing_by_update_are_refused(space):
    closed = make_body(space=space, name="Nedlagd", status=BodyStatus.CLOSED, closed_at=TODAY)
    body = make_body(space=space)
    with pytest.raises(ValidationError, match="closed"):
        services.body_update(body=body, actor=None, data=services.BodyData(parent=closed))
    with pytest.raises(ValidationError) as error:
        services.body_update(body=body, actor=None, data=services.BodyData(status=BodyStatus.CLOSED))
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.body_update(body=closed, actor=None, data=services.BodyData(status=BodyStatus.ACTIVE))
    body.refresh_from_db()
    assert body.status == BodyStatus.ACTIVE


def test_kind_cannot_leave_project_while_members_have_a_participation_model(space):
    project = make_body(space=space, kind=BodyKind.PROJECT)
    make_membership(body=project, participation_model="reference_group")
    with pytest.raises(ValidationError) as error:
        services.body_update(body=project, actor=None, data=services.BodyData(kind=BodyKind.WORKING_GROUP))
    assert "participation model" in messages_of(error)
    project.refresh_from_db()
    assert project.kind == BodyKind.PROJECT


# --- closing ----------------------------------------------------------------------------------


def test_closing_records_note_date_and_who_and_ends_current_memberships(space, secretariat):
    body = make_body(space=space, name="Arbetsgrupp Validering", start_date=days(-400))
    running = make_membership(body=body, start_date=days(-300))
    ending_later = make_membership(body=body, start_date=days(-300), end_date=days(60))
    already_ended = make_membership(body=body, start_date=days(-300), end_date=days(-100))
    not_started = make_membership(body=body, start_date=days(30))
    services.body_close(body=body, actor=secretariat, closed_at=days(-1), closing_note="  Uppdraget är slutfört.  ")
    assert body.status == BodyStatus.CLOSED  # the caller's object is updated too
    body.refresh_from_db()
    assert (body.status, body.closed_at, body.closed_by, body.closing_note) == (
        BodyStatus.CLOSED,
        days(-1),
        secretariat,
        "Uppdraget är slutfört.",
    )
    assert body.end_date == days(-1)
    running.refresh_from_db()
    ending_later.refresh_from_db()
    already_ended.refresh_from_db()
    assert running.end_date == ending_later.end_date == days(-1)
    assert already_ended.end_date == days(-100)
    assert not Membership.objects.filter(pk=not_started.pk).exists()
    # every ended membership is in the audit log
    assert LogEntry.objects.get_for_object(running).count() == 2


def test_closing_twice_is_refused_with_a_clear_message(space, secretariat):
    body = make_body(space=space, name="Projekt Kompetenslyft")
    services.body_close(body=body, actor=secretariat, closed_at=TODAY, closing_note="Klart.")
    with pytest.raises(ValidationError) as error:
        services.body_close(body=body, actor=secretariat, closed_at=TODAY, closing_note="Igen.")
    text = messages_of(error)
    assert "Projekt Kompetenslyft was already closed on" in text
    assert TODAY.isoformat() in text
    body.refresh_from_db()
    assert body.closing_note == "Klart."


def test_closing_needs_a_note_and_a_date_not_in_the_future(space):
    body = make_body(space=space, start_date=days(-10))
    with pytest.raises(ValidationError) as error:
        services.body_close(body=body, actor=None, closed_at=days(3), closing_note="   ")
    assert set(error.value.message_dict) == {"closing_note", "closed_at"}
    with pytest.raises(ValidationError) as error:
        services.body_close(body=body, actor=None, closed_at=days(-20), closing_note="Note")
    assert "before the body started" in messages_of(error)
    body.refresh_from_db()
    assert body.status == BodyStatus.ACTIVE


def test_closing_is_refused_while_active_bodies_report_to_it(space):
    forum = make_body(space=space, name="Branschforum Vård")
    make_body(space=space, name="Programråd Vård och omsorg", parent=forum)
    make_body(space=space, name="Gammal grupp", parent=forum, status=BodyStatus.CLOSED, closed_at=TODAY)
    member = make_membership(body=forum)
    with pytest.raises(ValidationError) as error:
        services.body_close(body=forum, actor=None, closed_at=TODAY, closing_note="Slut.")
    text = messages_of(error)
    assert "Programråd Vård och omsorg" in text and "Gammal grupp" not in text
    forum.refresh_from_db()
    member.refresh_from_db()
    assert forum.status == BodyStatus.ACTIVE and member.end_date is None


def test_a_member_may_not_close_but_the_bodys_chair_may(space, insider):
    body = make_body(space=space)
    with pytest.raises(PermissionDenied):
        services.body_close(body=body, actor=insider, closed_at=TODAY, closing_note="x")
    seat(insider, body, role="chair")
    services.body_close(body=body, actor=insider, closed_at=TODAY, closing_note="Avslutad av ordföranden.")
    assert Body.objects.get(pk=body.pk).status == BodyStatus.CLOSED


# --- memberships ------------------------------------------------------------------------------


def test_membership_organisation_defaults_to_the_persons_own(space, secretariat):
    body = make_body(space=space)
    contact = make_contact(name="Anna Andersson")
    membership = services.membership_create(
        body=body, actor=secretariat, data=services.MembershipData(contact=contact, role="chair", start_date=TODAY)
    )
    assert membership.organisation == contact.organisation
    other = make_organisation(name="Almi Mälardalen")
    second = services.membership_create(
        body=make_body(space=space), actor=None, data=services.MembershipData(contact=contact, organisation=other)
    )
    assert second.organisation == other


def test_overlapping_periods_of_the_same_person_are_refused(space):
    body = make_body(space=space, name="Samverkansråd Vägledning")
    contact = make_contact(name="Bo Berg")
    make_membership(body=body, contact=contact, start_date=days(-100), end_date=days(100))
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            body=body,
            actor=None,
            data=services.MembershipData(contact=contact, start_date=days(50), end_date=days(200)),
        )
    text = messages_of(error)
    assert "Bo Berg is already in Samverkansråd Vägledning" in text
    assert days(-100).isoformat() in text and "overlaps" in text
    assert Membership.objects.filter(contact=contact).count() == 1


def test_adjacent_periods_are_allowed_but_sharing_a_day_is_not(space):
    body = make_body(space=space)
    contact = make_contact()
    make_membership(body=body, contact=contact, start_date=days(-100), end_date=days(-1))
    with pytest.raises(ValidationError):
        services.membership_create(
            body=body, actor=None, data=services.MembershipData(contact=contact, start_date=days(-1))
        )
    services.membership_create(
        body=body, actor=None, data=services.MembershipData(contact=contact, start_date=TODAY, role="chair")
    )
    assert Membership.objects.filter(contact=contact).count() == 2


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        ((-100, None), (100, 200)),  # an open end runs forever
        ((None, 10), (-500, -400)),  # an open start reaches back forever
        ((None, None), (1, 2)),  # fully open
        ((0, 10), (None, None)),  # the new one is fully open
        ((0, 10), (5, None)),
    ],
)
def test_open_ends_count_as_unbounded(space, existing, new):
    body = make_body(space=space)
    contact = make_contact()
    to_date = lambda n: None if n is None else days(n)  # noqa: E731
    make_membership(body=body, contact=contact, start_date=to_date(existing[0]), end_date=to_date(existing[1]))
    with pytest.raises(ValidationError, match="overlaps"):
        services.membership_create(
            body=body,
            actor=None,
            data=services.MembershipData(contact=contact, start_date=to_date(new[0]), end_date=to_date(new[1])),
        )
    assert Membership.objects.filter(contact=contact).count() == 1


def test_the_same_person_may_sit_in_two_bodies_and_two_people_in_one(space):
    first, second = make_body(space=space), make_body(space=space)
    contact = make_contact()
    services.membership_create(body=first, actor=None, data=services.MembershipData(contact=contact))
    services.membership_create(body=second, actor=None, data=services.MembershipData(contact=contact))
    services.membership_create(body=first, actor=None, data=services.MembershipData(contact=make_contact()))
    assert Membership.objects.count() == 3


def test_update_refuses_an_overlap_with_the_persons_other_membership(space):
    body = make_body(space=space)
    contact = make_contact()
    make_membership(body=body, contact=contact, start_date=days(-300), end_date=days(-200))
    later = make_membership(body=body, contact=contact, start_date=days(-100))
    with pytest.raises(ValidationError, match="overlaps"):
        services.membership_update(membership=later, actor=None, data=services.MembershipData(start_date=days(-250)))
    later.refresh_from_db()
    assert later.start_date == days(-100)
    services.membership_update(
        membership=later, actor=None, data=services.MembershipData(start_date=days(-150), role="secretary")
    )
    later.refresh_from_db()
    assert (later.start_date, later.role) == (days(-150), "secretary")


def test_participation_model_only_for_projects(space):
    group = make_body(space=space, kind=BodyKind.WORKING_GROUP)
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            body=group,
            actor=None,
            data=services.MembershipData(contact=make_contact(), participation_model="continuous"),
        )
    assert "participation_model" in error.value.message_dict
    assert "only be given for members of a project" in messages_of(error)
    project = make_body(space=space, kind=BodyKind.PROJECT)
    membership = services.membership_create(
        body=project, actor=None, data=services.MembershipData(contact=make_contact(), participation_model="on_demand")
    )
    assert membership.participation_model == "on_demand"
    assert not Membership.objects.filter(body=group).exists()


def test_a_closed_body_takes_no_new_members_and_keeps_its_memberships(space):
    body = make_body(space=space, name="Avslutat projekt")
    membership = make_membership(body=body)
    services.body_close(body=body, actor=None, closed_at=TODAY, closing_note="Klart")
    with pytest.raises(ValidationError, match="Avslutat projekt is closed and takes no new members"):
        services.membership_create(body=body, actor=None, data=services.MembershipData(contact=make_contact()))
    with pytest.raises(ValidationError, match="closed"):
        services.membership_update(membership=membership, actor=None, data=services.MembershipData(note="x"))
    assert Membership.objects.filter(body=body).count() == 1


def test_end_a_membership(space, secretariat):
    body = make_body(space=space)
    membership = make_membership(body=body, start_date=days(-30))
    services.membership_end(membership=membership, actor=secretariat, end_date=TODAY)
    membership.refresh_from_db()
    assert membership.end_date == TODAY
    with pytest.raises(ValidationError, match="already ends on"):
        services.membership_end(membership=membership, actor=secretariat, end_date=days(5))
    other = make_membership(body=body, start_date=days(-30))
    with pytest.raises(ValidationError, match="before the membership started"):
        services.membership_end(membership=other, actor=secretariat, end_date=days(-40))
    other.refresh_from_db()
    assert other.end_date is None


def test_membership_writes_are_checked_against_the_body(space, other_space, insider, other_admin):
    body = make_body(space=space)
    membership = make_membership(body=body)
    for actor in (insider, other_admin):
        with pytest.raises(PermissionDenied):
            services.membership_create(body=body, actor=actor, data=services.MembershipData(contact=make_contact()))
        with pytest.raises(PermissionDenied):
            services.membership_end(membership=membership, actor=actor, end_date=TODAY)
    assert Membership.objects.filter(body=body).count() == 1


def test_a_process_leader_runs_the_memberships_of_their_own_body_only(space, guest):
    own, other = make_body(space=space, is_public=False), make_body(space=space)
    seat(guest, own, role="process_leader", start_date=days(-10))
    membership = services.membership_create(body=own, actor=guest, data=services.MembershipData(contact=make_contact()))
    assert membership.pk
    with pytest.raises(PermissionDenied):
        services.membership_create(body=other, actor=guest, data=services.MembershipData(contact=make_contact()))


def test_a_failure_late_in_closing_rolls_back_the_ended_memberships(space, monkeypatch):
    body = make_body(space=space)
    membership = make_membership(body=body)

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Body, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.body_close(body=body, actor=None, closed_at=TODAY, closing_note="Klart")
    monkeypatch.undo()
    membership.refresh_from_db()
    assert membership.end_date is None
    assert Body.objects.get(pk=body.pk).status == BodyStatus.ACTIVE
