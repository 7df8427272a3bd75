"""The background task that makes a data pack (django-tasks)."""

from django_tasks import task


@task()
def build_data_pack_task(job_id: int) -> str:
    from samverka.insight.analyses.services import run_pack_job

    return str(run_pack_job(job_id).status)
