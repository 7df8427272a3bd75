"""The background task that builds a published version's roll-ups (django-tasks)."""

from django_tasks import task


@task()
def build_rollups_task(version_id: int) -> bool:
    from samverka.insight.indicators import rollups
    from samverka.insight.statistics.models import DatasetVersion

    version = DatasetVersion.objects.filter(pk=version_id).first()
    return version is not None and rollups.build(version)
