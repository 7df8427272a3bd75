"""Background task that drains the outbox (django-tasks).

With the embedded default (``ImmediateBackend``) it runs in-process right after
the queueing transaction commits; in production ``TASKS_BACKEND`` selects
``django_tasks_db.DatabaseBackend`` and ``manage.py db_worker`` runs it.

After a full batch the task queues itself again to send the rest. When a
message failed and the backend can defer tasks (the database backend can), it
also queues a run for the time of the next attempt, so retries need no cron.
With the immediate backend, retries are picked up by the next queued e-mail or
by ``manage.py send_outbox`` (``--watch`` keeps it running).
"""

import logging

from django_tasks import task

from samverka.platform.notifications.services import send_batch

logger = logging.getLogger(__name__)


@task()
def send_outbox_task(limit: int = 100) -> int:
    """Send due outbox messages; returns how many were sent in this run."""
    result = send_batch(limit=limit)
    try:
        if result.claimed >= limit:
            send_outbox_task.enqueue(limit=limit)
        elif result.retry_at is not None and send_outbox_task.get_backend().supports_defer:
            send_outbox_task.using(run_after=result.retry_at).enqueue(limit=limit)
    except Exception:  # the rows are safe; the next run or the worker command sends them
        logger.exception("Could not queue the next outbox run")
    return result.sent
