"""Which models the audit trail records, and who it says made each change.

django-auditlog writes a LogEntry (who, when, action, before/after, request id)
for every create, update and delete of these models. Only concrete fields are
tracked: reverse relations would only add noise. Each app registers its own models
in its ``AppConfig.ready()`` with ``register()`` (core knows no app). Models that belong to a space
define ``get_additional_data()`` returning their ``space_id``, which the
space-wide log filters on.

The actor is filled in as each entry is written (``_fill_in_actor``):

- in a request, the person the request is signed in as *at that moment* — a
  session, or an API token that DRF authenticated inside the view;
- in a management command, task or script, the person named with
  ``acting_as(user)`` around the writes (e.g. the person who started an import);
- otherwise nobody: the change is shown as made by the system.

The correlation id (``cid``) is the server's request id; an ``X-Request-ID``
the client sent is kept as ``additional_data["client_request_id"]``.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.db.models import Model

#: model label → fields never written to the log; filled by each app's ``AppConfig.ready()`` through
#: ``register()``, so core names no app (e.g. ``audit.register("accounts.user", exclude=("password",))``).
AUDITED_MODELS: dict[str, tuple[str, ...]] = {}
#: Models whose history page (``/history/<app.model>/<pk>/``) is offered: ``register(..., history=True)``.
HISTORY_MODELS: set[str] = set()


def register(model: str | type[Model], *, exclude: Iterable[str] = (), history: bool = False) -> None:
    """Record every create, update and delete of ``model`` (a label or the class) in the audit trail.

    ``exclude`` names fields never written to the log (secrets, large documents, values that change on every
    read); ``history=True`` offers the object's history page. Called from the owning app's
    ``AppConfig.ready()``; registering a model twice keeps the latest call.
    """
    from auditlog.registry import auditlog

    model_class = apps.get_model(model) if isinstance(model, str) else model
    label = model_class._meta.label_lower
    excluded = tuple(exclude)
    unknown = set(excluded) - {f.name for f in model_class._meta.concrete_fields}
    if unknown:
        raise ValueError(f"audit.register({label!r}): no such fields {sorted(unknown)}")
    if auditlog.contains(model_class):
        auditlog.unregister(model_class)
    fields = [f.name for f in model_class._meta.concrete_fields if f.name not in excluded]
    auditlog.register(model_class, include_fields=fields)
    AUDITED_MODELS[label] = excluded
    if history:
        HISTORY_MODELS.add(label)


_explicit_actor: ContextVar[Any] = ContextVar("samverka_audit_actor", default=None)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Record ``user`` as the actor of every audited change made inside the block (commands, tasks)."""
    token = _explicit_actor.set(user)
    try:
        yield
    finally:
        _explicit_actor.reset(token)


def _signed_in_user(request: Any) -> Any:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "_wrapped", user)  # the User itself, not the session's lazy wrapper


def _fill_in_actor(sender: Any, instance: Any, **kwargs: Any) -> None:
    """pre_save of every LogEntry: the actor and the client's own request id (see the module docstring)."""
    from samverka.platform.core.middleware import get_current_request

    request = get_current_request()
    if instance.actor_id is None:
        actor = _explicit_actor.get() or (_signed_in_user(request) if request is not None else None)
        if actor is not None:
            instance.actor = actor
            instance.actor_email = getattr(actor, "email", None)
    client_request_id = getattr(request, "client_request_id", None)
    if client_request_id:
        instance.additional_data = {**(instance.additional_data or {}), "client_request_id": client_request_id}


def connect_actor() -> None:
    """Fill in the actor of every LogEntry as it is written (called once by ``CoreConfig.ready()``)."""
    from auditlog.models import LogEntry
    from django.db.models.signals import pre_save

    pre_save.connect(_fill_in_actor, sender=LogEntry, dispatch_uid="samverka.platform.core.audit.fill_in_actor")
