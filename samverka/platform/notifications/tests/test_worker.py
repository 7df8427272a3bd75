"""The ways the outbox is drained: the django-tasks task and the management command."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus

from samverka.platform.notifications.models import OutboxMessage, OutboxStatus
from samverka.platform.notifications.services import EmailSpec, enqueue_emails
from samverka.platform.notifications.tasks import send_outbox_task

pytestmark = pytest.mark.django_db


def queue(n: int) -> None:
    enqueue_emails([EmailSpec(to=f"p{i}@example.se", subject=f"S {i}", body="B", key=f"w:{i}") for i in range(n)])


def test_task_sends_through_the_configured_backend(smtp_server):
    queue(3)
    result = send_outbox_task.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 3
    assert len(smtp_server.messages) == 3


def test_command_drains_the_outbox_in_batches(smtp_server):
    queue(5)
    out = StringIO()
    call_command("send_outbox", "--limit", "2", stdout=out)
    assert "Sent 5 message(s)." in out.getvalue()
    assert sorted(m["To"] for m in smtp_server.messages) == [f"p{i}@example.se" for i in range(5)]
    assert not OutboxMessage.objects.exclude(status=OutboxStatus.SENT).exists()


def test_queueing_200_then_the_worker_sends_them_all(smtp_server):
    specs = [EmailSpec(to=f"member{i}@example.se", subject="Kallelse", body="B", key=f"inv:{i}") for i in range(200)]
    assert enqueue_emails(specs) == 200
    call_command("send_outbox", stdout=StringIO())
    assert len(smtp_server.messages) == 200
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 200


def test_task_continues_after_a_full_batch(smtp_server):
    queue(5)
    result = send_outbox_task.enqueue(limit=2)  # the immediate backend runs the follow-up runs inline
    assert result.return_value == 2
    assert len(smtp_server.messages) == 5


def test_failed_attempt_schedules_a_deferred_run_on_the_database_backend(settings):
    import socket

    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", probe.getsockname()[1]
    queue(1)
    assert send_outbox_task.call() == 0
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    deferred = DBTaskResult.objects.get()
    assert deferred.task_path == "samverka.platform.notifications.tasks.send_outbox_task"
    assert deferred.run_after == message.next_attempt_at
