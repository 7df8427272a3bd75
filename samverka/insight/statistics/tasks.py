"""The background task that runs a statistics import (django-tasks)."""

from django_tasks import task


@task()
def run_import_task(job_id: int) -> str:
    from samverka.insight.statistics.jobs import run_import
    from samverka.insight.statistics.models import ImportJob
    from samverka.platform.core.audit import acting_as

    # In a worker there is no request: the audit trail names the person who started the import.
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    with acting_as(job.created_by if job is not None else None):
        return str(run_import(job_id).status)
