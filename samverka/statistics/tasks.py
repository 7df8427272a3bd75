"""The background task that runs a statistics import (django-tasks)."""

from django_tasks import task


@task()
def run_import_task(job_id: int) -> str:
    from samverka.statistics.jobs import run_import

    return str(run_import(job_id).status)
