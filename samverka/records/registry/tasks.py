"""Background tasks of the registry (django-tasks), each a thin call of a service."""

from django_tasks import task


@task()
def read_file_text(file_id: int) -> str:
    """Read a registered file's text for search (enqueued when the registering transaction commits)."""
    from samverka.records.registry.services import file_text_read

    return file_text_read(file_id=file_id)
