"""Scheduling polls: create, answer (logged in and by signed link), conflicts, choose the time."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samverka.collaboration.calendars import selectors, services
from samverka.collaboration.calendars.models import PollAnswer, PollInvitee, PollStatus, SchedulingPoll
from samverka.collaboration.meetings.models import Meeting
from samverka.platform.core.ics import STOCKHOLM
from samverka.platform.notifications.models import OutboxMessage

from .conftest import at

pytestmark = pytest.mark.django_db


def naive(moment: datetime) -> datetime:
    return moment.astimezone(STOCKHOLM).replace(tzinfo=None)


def make_poll(world: dict[str, Any], **extra: Any) -> SchedulingPoll:
    return services.poll_create(
        actor=world["secretariat"],
        body=world["body"],
        title="Styrgruppsmöte våren",
        duration_minutes=120,
        starts=[naive(at(30, 9)), naive(at(31, 13))],
        place="Eskilstuna",
        **extra,
    )


def ics_busy(start: datetime, end: datetime) -> bytes:
    fmt = "%Y%m%dT%H%M%SZ"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:x@t\r\n"
        f"DTSTAMP:20260101T000000Z\r\nDTSTART:{start.astimezone(UTC):{fmt}}\r\n"
        f"DTEND:{end.astimezone(UTC):{fmt}}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_create_poll_invites_the_members_by_email(world: dict[str, Any]) -> None:
    poll = make_poll(world)
    assert [o.start for o in poll.options.all()] == [at(30, 9), at(31, 13)]
    assert all(o.end - o.start == timedelta(minutes=120) for o in poll.options.all())
    invitees = {i.name: i for i in poll.invitees.all()}
    assert set(invitees) == {"Eva Ek", "Per Persson"}
    assert invitees["Eva Ek"].user == world["eva"]
    mail = OutboxMessage.objects.get(to=world["eva"].email, key__startswith="poll-invitation:")
    assert "Styrgruppsmöte våren" in mail.subject
    assert "/poll/answer/" in mail.body


def test_dst_gap_time_is_refused(world: dict[str, Any]) -> None:
    year = timezone.localdate().year + 1
    gap = datetime(year, 3, 31, 2, 30)  # noqa: DTZ001
    while gap.weekday() != 6:  # the last Sunday of March
        gap -= timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.poll_create(
            actor=world["secretariat"], body=world["body"], title="X", duration_minutes=60, starts=[gap]
        )
    assert "does not exist in Sweden" in " ".join(error.value.messages)
    assert not SchedulingPoll.objects.exists()


def test_member_without_the_role_cannot_create(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.poll_create(
            actor=world["eva"], body=world["body"], title="X", duration_minutes=60, starts=[naive(at(30))]
        )


def test_poll_form_shows_dst_and_format_errors(client: Any, world: dict[str, Any], settings: Any) -> None:
    client.force_login(world["secretariat"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # a user who chose English reads English messages
    url = reverse("calendars:poll-create", kwargs={"space": world["space"].slug, "pk": world["body"].pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Möte", "duration_minutes": 60, "options": "nästa tisdag"})
    assert response.status_code == 200 and "is not a date and time" in response.content.decode()
    year = timezone.localdate().year + 1
    sunday = datetime(year, 3, 31)  # noqa: DTZ001
    while sunday.weekday() != 6:
        sunday -= timedelta(days=1)
    response = client.post(
        url, {"title": "Möte", "duration_minutes": 60, "options": f"{sunday:%Y-%m-%d} 02:30\n{sunday:%Y-%m-%d} 10:00"}
    )
    assert "does not exist in Sweden" in response.content.decode()
    assert not SchedulingPoll.objects.exists()
    start = f"{naive(at(40)):%Y-%m-%d %H:%M}"
    response = client.post(
        url, {"title": "Möte", "duration_minutes": 60, "options": start, "extra_emails": "inte en adress"}
    )
    assert "is not an e-mail address" in response.content.decode()
    response = client.post(
        url, {"title": "Möte", "duration_minutes": 60, "options": start, "extra_emails": "extern@foretag.example"}
    )
    assert response.status_code == 302
    poll = SchedulingPoll.objects.get()
    assert poll.invitees.count() == 3
    assert OutboxMessage.objects.filter(to="extern@foretag.example", key__startswith="poll-invitation:").exists()
    client.force_login(world["eva"])
    assert client.get(url).status_code == 403


def detail_url(world: dict[str, Any], poll: SchedulingPoll) -> str:
    return reverse("calendars:poll-detail", kwargs={"space": world["space"].slug, "pk": poll.pk})


def test_invitee_answers_on_the_site(client: Any, world: dict[str, Any]) -> None:
    poll = make_poll(world)
    first, second = poll.options.all()
    client.force_login(world["eva"])
    response = client.post(
        reverse("calendars:poll-answer", kwargs={"space": world["space"].slug, "pk": poll.pk}),
        {f"option_{first.pk}": "yes", f"option_{second.pk}": "maybe"},
    )
    assert response.status_code == 302
    answers = dict(PollAnswer.objects.filter(invitee__user=world["eva"]).values_list("option_id", "answer"))
    assert answers == {first.pk: "yes", second.pk: "maybe"}
    page = client.get(detail_url(world, poll)).content.decode()
    assert "Maybe" in page or "Kanske" in page


def test_answer_by_signed_link_without_login(client: Any, world: dict[str, Any]) -> None:
    poll = make_poll(world)
    invitee = PollInvitee.objects.get(poll=poll, user=world["per"])
    first, second = poll.options.all()
    url = reverse("calendars:poll-answer-link", kwargs={"token": services.answer_token(invitee)})
    assert client.get(url).status_code == 200
    response = client.post(url, {f"option_{first.pk}": "no", f"option_{second.pk}": "yes"})
    assert response.status_code == 200
    assert PollAnswer.objects.filter(invitee=invitee).count() == 2
    forged = url.replace("/poll/answer/", "/poll/answer/x")
    assert client.get(forged).status_code == 404
    # An answer that is not yes/maybe/no is refused and changes nothing.
    response = client.post(url, {f"option_{first.pk}": "perhaps", f"option_{second.pk}": "no"})
    assert response.status_code == 400
    assert dict(PollAnswer.objects.filter(invitee=invitee).values_list("option_id", "answer")) == {
        first.pk: "no",
        second.pk: "yes",
    }


def test_outsider_gets_404_and_non_invited_member_is_refused(client: Any, world: dict[str, Any]) -> None:
    poll = make_poll(world)
    client.force_login(world["stranger"])
    assert client.get(detail_url(world, poll)).status_code == 404
    client.force_login(world["secretariat"])
    assert client.get(detail_url(world, poll)).status_code == 200


def test_grid_shows_a_conflict_from_the_invitees_calendar(client: Any, world: dict[str, Any]) -> None:
    poll = make_poll(world)
    first, second = poll.options.all()
    busy = ics_busy(first.start + timedelta(minutes=30), first.start + timedelta(minutes=90))
    services.source_upload(actor=world["per"], uploaded_file=SimpleUploadedFile("per.ics", busy), label="Per")
    grid = selectors.poll_grid(poll)
    cells = {row.invitee.name: [cell.conflict for cell in row.cells] for row in grid.rows}
    assert cells == {"Eva Ek": [False, False], "Per Persson": [True, False]}
    assert grid.totals[0]["conflict"] == 1
    client.force_login(world["secretariat"])
    page = client.get(detail_url(world, poll)).content.decode()
    assert page.count('class="conflict-marker"') == 1


def test_choosing_a_time_creates_the_meeting_and_queues_invitations(client: Any, world: dict[str, Any]) -> None:
    poll = make_poll(world)
    second = poll.options.all()[1]
    client.force_login(world["secretariat"])
    response = client.post(
        reverse("calendars:poll-choose", kwargs={"space": world["space"].slug, "pk": poll.pk}),
        {"option": second.pk, "send_invitations": "on"},
    )
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.status == PollStatus.CLOSED and poll.chosen_option == second
    meeting = Meeting.objects.get(pk=poll.meeting_id)
    assert (meeting.start, meeting.end, meeting.title, meeting.place) == (
        second.start,
        second.end,
        "Styrgruppsmöte våren",
        "Eskilstuna",
    )
    assert response["Location"] == meeting.get_absolute_url()
    for user in (world["eva"], world["per"]):
        assert OutboxMessage.objects.filter(to=user.email, key__startswith="meeting-invitation:").count() == 1
    # Closed: no more answers, no second choice.
    invitee = PollInvitee.objects.get(poll=poll, user=world["eva"])
    with pytest.raises(ValidationError):
        services.poll_answer(poll=poll, invitee=invitee, answers={second.pk: "yes"})
    with pytest.raises(PermissionDenied):
        services.poll_choose(actor=world["secretariat"], poll=poll, option=second)
    assert Meeting.objects.filter(title="Styrgruppsmöte våren").count() == 1


def test_member_cannot_choose(client: Any, world: dict[str, Any]) -> None:
    poll = make_poll(world)
    client.force_login(world["eva"])
    response = client.post(
        reverse("calendars:poll-choose", kwargs={"space": world["space"].slug, "pk": poll.pk}),
        {"option": poll.options.first().pk},
    )
    assert response.status_code == 403
    assert not Meeting.objects.filter(title="Styrgruppsmöte våren").exists()


def test_poll_and_source_changes_are_audited(world: dict[str, Any]) -> None:
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    poll = make_poll(world)
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(SchedulingPoll), object_pk=str(poll.pk))
    assert entry.additional_data == {"space_id": world["space"].pk}
    source = services.source_upload(
        actor=world["eva"], uploaded_file=SimpleUploadedFile("k.ics", ics_busy(at(3), at(3, 11))), label="Min"
    )
    logged = LogEntry.objects.get(object_pk=str(source.pk), content_type__model="freebusysource")
    assert "content" not in (logged.changes or {}) and "url" not in (logged.changes or {})


def test_another_samverka_meeting_of_the_invitee_is_a_conflict_too(world: dict[str, Any]) -> None:
    from samverka.collaboration.actors.models import Contact
    from samverka.collaboration.meetings.services import meeting_create
    from samverka.testing.factories import make_body, make_membership

    poll = make_poll(world)
    first, second = poll.options.all()
    council = make_body(space=world["space"], name="Samverkansrådet")
    make_membership(body=council, contact=Contact.objects.get(user=world["eva"]))
    meeting_create(
        actor=world["secretariat"],
        body=council,
        title="Rådsmöte",
        start=second.start,
        end=second.start + timedelta(hours=1),
    )
    grid = selectors.poll_grid(poll)
    cells = {row.invitee.name: [cell.conflict for cell in row.cells] for row in grid.rows}
    assert cells == {"Eva Ek": [False, True], "Per Persson": [False, False]}
