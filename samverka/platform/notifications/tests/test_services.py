"""The outbox: idempotent queueing, real SMTP delivery, retries, crash recovery, exclusive claims."""

import socket
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from samverka.platform.notifications import services
from samverka.platform.notifications.models import OutboxMessage, OutboxStatus, message_id_for
from samverka.platform.notifications.services import EmailSpec, enqueue_email, enqueue_emails, send_pending

pytestmark = pytest.mark.django_db

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Samverka//test//SV\r\nMETHOD:REQUEST\r\n"
    b"BEGIN:VEVENT\r\nUID:meeting-1@samverka.test\r\nDTSTAMP:20261123T100000Z\r\n"
    b"DTSTART:20261201T090000Z\r\nDTEND:20261201T100000Z\r\nSUMMARY:M\xc3\xb6te\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def spec(n: int = 1, **extra) -> EmailSpec:
    values = {
        "to": f"person{n}@example.se",
        "subject": f"Kallelse {n}",
        "body": f"Välkommen till mötet {n}.",
        "key": f"test:{n}",
    }
    values.update(extra)
    return EmailSpec(**values)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nobody listens once the socket is closed


def test_same_key_twice_gives_one_message(space):
    first = enqueue_email(spec(1), space=space)
    second = enqueue_email(spec(1, subject="Another subject"), space=space)
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert second.subject == "Kallelse 1"
    assert first.message_id == message_id_for("test:1")
    assert first.message_id.startswith("<") and first.message_id.endswith("@samverka.local>")


def test_enqueue_emails_skips_known_and_repeated_keys(space):
    enqueue_email(spec(1), space=space)
    created = enqueue_emails([spec(1), spec(2), spec(2), spec(3)], space=space)
    assert created == 2
    assert sorted(OutboxMessage.objects.values_list("key", flat=True)) == ["test:1", "test:2", "test:3"]
    assert enqueue_emails([spec(2), spec(3)], space=space) == 0


def test_subject_newlines_cannot_inject_headers():
    message = enqueue_email(spec(1, subject="Hej\r\nBcc: evil@example.com"))
    assert "\n" not in message.subject and "\r" not in message.subject


def test_queueing_200_takes_few_queries(space, django_assert_max_num_queries):
    specs = [spec(n, attachments=(("kallelse.ics", ICS, "text/calendar; method=REQUEST"),)) for n in range(200)]
    with django_assert_max_num_queries(10):  # SQLite splits the INSERT into batches of ~66 rows
        assert enqueue_emails(specs, space=space) == 200
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 200


def test_sending_is_scheduled_after_commit_only(space, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue_email(spec(1), space=space)
        assert len(mail.outbox) == 0  # nothing is sent inside the caller's transaction
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1  # the immediate task backend ran send_pending after commit
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_delivery_through_real_smtp_keeps_message_id_and_ics(space, smtp_server):
    message = enqueue_email(
        spec(
            1,
            html_body="<p>Välkommen</p>",
            reply_to="sekretariat@example.se",
            attachments=(("kallelse.ics", ICS, "text/calendar; method=REQUEST"),),
        ),
        space=space,
    )
    assert send_pending() == 1
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["Message-ID"] == message.message_id
    assert received["To"] == "person1@example.se"
    assert received["Reply-To"] == "sekretariat@example.se"
    assert received["Subject"] == "Kallelse 1"
    parts = {part.get_content_type(): part for part in received.walk()}
    assert "Välkommen till mötet 1." in parts["text/plain"].get_content()
    assert "<p>Välkommen</p>" in parts["text/html"].get_content()
    ics = parts["text/calendar"]
    assert ics.get_filename() == "kallelse.ics"
    assert ics.get_param("method") == "REQUEST"
    payload = ics.get_payload(decode=True)
    assert b"UID:meeting-1@samverka.test" in payload and "Möte".encode() in payload
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.sent_at is not None and message.attempts == 1
    assert send_pending() == 0  # a sent message is never sent again
    assert len(smtp_server.messages) == 1


def test_smtp_failure_is_retried_with_backoff_then_delivered(space, smtp_server, settings):
    good_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_TIMEOUT = 5
    message = enqueue_email(spec(1), space=space)
    before = timezone.now()
    assert send_pending() == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert "ConnectionRefused" in message.last_error
    assert message.next_attempt_at >= before + timedelta(seconds=59)
    assert send_pending() == 0  # not due yet: the back-off is respected
    settings.EMAIL_PORT = good_port
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert send_pending() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 2 and message.last_error == ""
    assert [m["Message-ID"] for m in smtp_server.messages] == [message.message_id]


def test_backoff_grows_exponentially():
    assert [services._backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_failed_after_max_attempts(space, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = enqueue_email(spec(1), space=space)
    for _ in range(3):
        OutboxMessage.objects.update(next_attempt_at=None)
        send_pending()
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == 3
    assert message.last_error
    OutboxMessage.objects.update(next_attempt_at=None)
    assert send_pending() == 0
    message.refresh_from_db()
    assert message.attempts == 3  # a failed message is left alone until someone retries it


def test_retry_puts_a_failed_message_back(space, smtp_server):
    message = enqueue_email(spec(1), space=space)
    OutboxMessage.objects.update(status=OutboxStatus.FAILED, attempts=5, last_error="boom")
    message.refresh_from_db()
    services.outbox_retry(actor=None, message=message)
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.attempts == 0
    assert send_pending() == 1
    assert len(smtp_server.messages) == 1


def test_retry_of_a_sent_message_is_refused(space):
    from django.core.exceptions import ValidationError

    message = enqueue_email(spec(1), space=space)
    OutboxMessage.objects.update(status=OutboxStatus.SENT)
    with pytest.raises(ValidationError):
        services.outbox_retry(actor=None, message=message)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT


def test_crashed_worker_message_is_recovered_and_sent_once(space, smtp_server, settings):
    enqueue_emails([spec(1), spec(2)], space=space)
    # A worker claims both messages, then dies before sending anything.
    claimed = services.claim_due(limit=10)
    assert len(claimed) == 2
    assert send_pending() == 0  # still within the grace period: nobody else touches them
    assert len(smtp_server.messages) == 0
    OutboxMessage.objects.update(claimed_at=timezone.now() - timedelta(minutes=settings.OUTBOX_STUCK_MINUTES + 1))
    assert send_pending() == 2
    assert send_pending() == 0
    assert sorted(m["To"] for m in smtp_server.messages) == ["person1@example.se", "person2@example.se"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    # The crashed worker's late bookkeeping cannot flip the state of a message it no longer owns.
    services._mark_failed_attempt(claimed[0], "late")  # noqa: SLF001
    claimed[0].refresh_from_db()
    assert claimed[0].status == OutboxStatus.SENT


def test_a_row_is_claimed_by_one_worker_only(space):
    enqueue_emails([spec(n) for n in range(3)], space=space)
    ids = list(OutboxMessage.objects.values_list("pk", flat=True))
    # Both workers saw the same due rows before either claimed them (the race window).
    first = services.claim_ids(ids)
    second = services.claim_ids(ids)
    assert len(first) == 3
    assert second == []
    assert len({m.claim_token for m in first}) == 1


def test_two_workers_never_send_the_same_message(space, smtp_server):
    enqueue_emails([spec(n) for n in range(6)], space=space)
    # Both workers read the same due rows; only one UPDATE can win each row.
    first = services.claim_due(limit=4)
    second = services.claim_due(limit=10)
    assert len(first) == 4 and len(second) == 2
    assert not {m.pk for m in first} & {m.pk for m in second}

    sent_in_between = []
    original = services._send_claimed

    def second_worker_runs_meanwhile(messages):
        if not sent_in_between:  # the other worker runs once, while this one holds its claim
            sent_in_between.append(original(services.claim_due(limit=100)).sent)
        return original(messages)

    OutboxMessage.objects.update(status=OutboxStatus.PENDING, claim_token="", claimed_at=None)
    with mock.patch.object(services, "_send_claimed", side_effect=second_worker_runs_meanwhile):
        assert services.send_pending(limit=3) == 3
    assert sent_in_between == [3]
    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == 6 and len(set(ids)) == 6
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT, attempts=1).count() == 6
