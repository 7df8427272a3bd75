"""The document types of a space's retention schedule, as the registry needs them — told by ``retention``.

A registered document's type is chosen from the space's retention schedule (the type decides how long
it is kept). The schedule is kept by ``retention``, which builds on the registry (disposal, archive
export), so the registry must not import it: ``RetentionConfig.ready()`` provides the read with
``provide(retention.selectors.document_types)``.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_source: Callable[[int], dict[str, str]] | None = None


def provide(source: Callable[[int], dict[str, str]]) -> None:
    """Called once by the retention app at start-up."""
    global _source
    _source = source


def document_types(space_id: int) -> dict[str, str]:
    """The codes of the space's retention schedule, code → name."""
    if _source is None:
        raise ImproperlyConfigured("No retention schedule: the retention app provides it in RetentionConfig.ready().")
    return _source(space_id)
