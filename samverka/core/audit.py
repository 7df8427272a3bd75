"""Which models the audit trail records, and how.

django-auditlog writes a LogEntry (who, when, action, before/after, request id)
for every create, update and delete of these models. Only concrete fields are
tracked: reverse relations would only add noise. Models that belong to a space
define ``get_additional_data()`` returning their ``space_id``, which the
space-wide log filters on.
"""

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


def register_audited_models() -> None:
    from auditlog.registry import auditlog

    for label, excluded in AUDITED_MODELS.items():
        model = apps.get_model(label)
        fields = [f.name for f in model._meta.concrete_fields if f.name not in excluded]
        auditlog.register(model, include_fields=fields)
