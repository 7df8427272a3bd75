"""Which models the audit trail records, and who it says made each change.

django-auditlog writes a LogEntry (who, when, action, before/after, request id)
for every create, update and delete of these models. Only concrete fields are
tracked: reverse relations would only add noise. Models that belong to a space
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

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.apps import apps

#: model label → fields never written to the log
AUDITED_MODELS: dict[str, tuple[str, ...]] = {
    "accounts.user": ("password", "last_login"),
    "spaces.space": (),
    "spaces.spacemembership": (),
    "actors.organisation": ("normalised_name",),
    "actors.contact": (),
    "actors.landscaperevision": ("snapshot",),
    "actors.correctionsuggestion": (),
    "bodies.body": (),
    "bodies.membership": (),
    "events.event": (),
    "events.session": (),
    "events.registration": ("cancel_token",),
    "wheels.adoption": (),
    "meetings.meeting": (),
    "meetings.agendaitem": (),
    "meetings.agendadocument": (),
    "meetings.invitation": ("token_nonce",),
    "meetings.attendance": (),
    "meetings.minutesversion": (),
    "meetings.minutes": (),
    "meetings.approval": (),
    "meetings.decision": (),
    "meetings.actionitem": (),
    "goals.goal": (),
    "goals.metric": (),
    "goals.metricvalue": (),
    "workplans.workplan": (),
    "workplans.activity": (),
    "workplans.perspectiveassessment": (),
    "statusreports.statusround": (),
    "statusreports.statusreport": (),
    "statusreports.activitystatus": (),
    "statusreports.feedback": (),
    "statusreports.reportevent": (),
    "inputs.input": (),
    "inputs.inputattachment": (),
    "inputs.consideration": (),
    "inputs.feedbackreport": ("content",),
    "inputs.evaluation": (),
    "questions.question": (),
    "registry.registrationseries": (),
    "registry.case": (),
    "registry.caseevent": (),
    "registry.registereddocument": (),
    "registry.documentfile": (),
    "registry.secrecymarking": (),
    "registry.secrecygrant": (),
    "registry.dispatch": (),
    "intake.incomingitem": (),
    "intake.incomingattachment": (),
    "intake.copyrequest": (),
    "retention.retentionrule": (),
    "retention.disposalrun": (),
    "retention.disposallogentry": (),
    # The quality report and the query are large JSON documents kept on the version itself.
    "statistics.dataset": (),
    "statistics.datasetversion": ("quality", "query"),
    "indicators.scenario": (),
    "analyses.chartdefinition": (),
    "analyses.analysis": (),
    "analyses.analysisblock": (),
    "analyses.bodycoverage": (),
    "analyses.datapack": (),
    # The calendar address is itself a secret, the file is large, and the read times change on every refresh.
    "calendars.freebusysource": ("url", "content", "last_fetched_at", "busy_count", "last_error"),
    "calendars.schedulingpoll": (),
    "calendars.polloption": (),
    "calendars.pollinvitee": ("token_nonce",),
}


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


def register_audited_models() -> None:
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog
    from django.db.models.signals import pre_save

    for label, excluded in AUDITED_MODELS.items():
        model = apps.get_model(label)
        fields = [f.name for f in model._meta.concrete_fields if f.name not in excluded]
        auditlog.register(model, include_fields=fields)
    pre_save.connect(_fill_in_actor, sender=LogEntry, dispatch_uid="samverka.platform.core.audit.fill_in_actor")
