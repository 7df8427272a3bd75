"""Imports as background tasks (django-tasks) with progress the import page can follow.

Uploaded files wait in the default storage under ``statistics/uploads/`` between the upload and
the import (the analyst maps the columns in between); the import deletes the file when it ends,
and a file whose mapping was never finished is deleted with the next upload once it is a day
old (``STATISTICS_UPLOAD_MAX_AGE_HOURS``).
With the embedded default backend the task runs in-process right after the request's
transaction commits, so the progress page finds it finished; with the database backend a
worker runs it and the page polls.
"""

import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.insight.statistics import services
from samverka.insight.statistics.models import Dataset, ImportJob, ImportStatus
from samverka.insight.statistics.pxweb import PxWebClient, client_from_settings
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure

UPLOAD_DIR = "statistics/uploads"
DEFAULT_UPLOAD_MAX_AGE_HOURS = 24


def keep_upload(content: bytes) -> str:
    """Store an uploaded file until it is imported; returns its token."""
    forget_stale_uploads()
    token = uuid.uuid4().hex
    default_storage.save(f"{UPLOAD_DIR}/{token}", ContentFile(content))
    return token


def read_upload(token: str) -> bytes:
    if not (len(token) == 32 and all(c in "0123456789abcdef" for c in token)):
        raise ValidationError(_("The uploaded file is no longer available; upload it again."))
    path = f"{UPLOAD_DIR}/{token}"
    if not default_storage.exists(path):
        raise ValidationError(_("The uploaded file is no longer available; upload it again."))
    with default_storage.open(path, "rb") as handle:
        return bytes(handle.read())


def forget_upload(token: str) -> None:
    path = f"{UPLOAD_DIR}/{token}"
    if len(token) == 32 and default_storage.exists(path):
        default_storage.delete(path)


def forget_stale_uploads() -> int:
    """Delete the uploads left waiting longer than the allowed age (never mapped); returns how many."""
    hours = int(getattr(settings, "STATISTICS_UPLOAD_MAX_AGE_HOURS", DEFAULT_UPLOAD_MAX_AGE_HOURS))
    oldest = timezone.now() - timedelta(hours=hours)
    try:
        _dirs, names = default_storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:
        return 0
    deleted = 0
    for name in names:
        path = f"{UPLOAD_DIR}/{name}"
        if default_storage.get_modified_time(path) < oldest:
            default_storage.delete(path)
            deleted += 1
    return deleted


def start_import(*, actor: User | None, dataset: Dataset, kind: str, params: dict[str, Any]) -> ImportJob:
    """Queue an import of ``kind`` (``pxweb`` or ``upload``); the task runs after the commit."""
    if actor is not None:
        ensure(actor.has_perm("statistics.import_statistics", dataset))
    from samverka.insight.statistics.tasks import run_import_task

    # The task reports problems in the language of the page that started it.
    params = {**params, "language": translation.get_language() or settings.LANGUAGE_CODE}
    with transaction.atomic():
        job = ImportJob.objects.create(dataset=dataset, kind=kind, params=params, created_by=actor)
        transaction.on_commit(lambda: run_import_task.enqueue(job.pk))
    return job


def run_import(job_id: int, *, client: PxWebClient | None = None) -> ImportJob:
    """Run a queued import and record how it went on the job."""
    job = ImportJob.objects.select_related("dataset", "created_by").get(pk=job_id)
    if job.status != ImportStatus.QUEUED:
        return job
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        return _run(job, client)


def _run(job: ImportJob, client: PxWebClient | None) -> ImportJob:
    job.status = ImportStatus.RUNNING
    job.save(update_fields=["status"])
    params = job.params

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        if job.kind == "pxweb":
            version = services.import_pxweb(
                actor=job.created_by,
                dataset=job.dataset,
                client=client or client_from_settings(),
                table_id=params["table_id"],
                selection=params.get("selection") or [],
                roles=params.get("roles"),
                progress=progress,
            )
        else:
            version = _import_upload(job, params)
        job.version = version
        job.status = ImportStatus.DONE
    except (ValidationError, PermissionDenied) as error:
        job.status = ImportStatus.FAILED
        job.error = "\n".join(getattr(error, "messages", None) or [_("You may not import into this dataset.")])
    finally:
        if job.kind == "upload":
            forget_upload(params.get("token", ""))
    job.refresh_from_db(fields=["done", "total"])
    job.done = max(job.done, job.total)
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "version", "done", "total", "finished_at"])
    return job


def _import_upload(job: ImportJob, params: dict[str, Any]) -> Any:
    content = read_upload(params.get("token", ""))
    common = {"actor": job.created_by, "dataset": job.dataset, "content": content, "file_name": params["file_name"]}
    if params["file_kind"] == "jsonstat":
        return services.import_jsonstat(**common, roles=params.get("roles"))
    reader = services.import_csv if params["file_kind"] == "csv" else services.import_excel
    return reader(
        **common,
        mapping=params["mapping"],
        value_column=params["value_column"],
        status_column=params.get("status_column", ""),
    )
