"""Every write records who made it, whichever way it came in; the correlation id is the server's."""

from datetime import date
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from conftest import give_totp
from samverka.collaboration.bodies import services as body_services
from samverka.collaboration.bodies.models import Body
from samverka.platform.api.tests.conftest import client_for
from samverka.platform.core.audit import acting_as
from samverka.platform.spaces.models import SpaceRole
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db

BODIES = "/api/v1/bodies/"


def entries_for(obj: Any, action: int) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(obj).filter(action=action))


def test_token_writes_through_the_api_are_audited_with_the_token_s_person(space: Any) -> None:
    secretariat = make_user(role_in=space, role=SpaceRole.SECRETARIAT, full_name="Sara Sekreterare")
    api = client_for(secretariat)  # Authorization: Token …, no session
    created = api.post(
        BODIES,
        {"space": space.slug, "name": "Arbetsgrupp validering", "kind": "working_group", "area": "preparatory"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = Body.objects.get(name="Arbetsgrupp validering")
    [create] = entries_for(body, LogEntry.Action.CREATE)
    assert create.actor == secretariat and create.actor_email == secretariat.email

    changed = api.patch(f"{BODIES}{body.pk}/", {"name": "Arbetsgrupp validering och matchning"}, format="json")
    assert changed.status_code == 200, changed.content
    [update] = entries_for(body, LogEntry.Action.UPDATE)
    assert update.actor == secretariat
    assert update.changes_dict["name"] == ["Arbetsgrupp validering", "Arbetsgrupp validering och matchning"]
    assert update.cid == changed["X-Request-ID"]


def test_the_space_log_names_the_token_s_person_not_the_system(space: Any) -> None:
    secretariat = make_user(role_in=space, role=SpaceRole.SECRETARIAT, full_name="Sara Sekreterare")
    body = make_body(space=space, name="Styrgrupp")
    assert (
        client_for(secretariat).patch(f"{BODIES}{body.pk}/", {"name": "Styrgruppen"}, format="json").status_code == 200
    )
    admin = make_user(role_in=space, role=SpaceRole.ADMIN)
    give_totp(admin)
    browser = Client()
    browser.force_login(admin)
    page = browser.get(reverse("spaces:audit", kwargs={"space": space.slug}))
    row = next(line for line in page.content.decode().split("<tr") if "Styrgruppen" in line)
    assert "Sara Sekreterare" in row


def test_a_session_write_is_audited_with_the_signed_in_person(space: Any) -> None:
    secretariat = make_user(role_in=space, role=SpaceRole.SECRETARIAT)
    body = make_body(space=space, name="Styrgrupp")
    api = client_for(None)
    api.force_login(secretariat)
    assert api.patch(f"{BODIES}{body.pk}/", {"name": "Styrgruppen"}, format="json").status_code == 200
    [update] = entries_for(body, LogEntry.Action.UPDATE)
    assert update.actor == secretariat


def test_the_client_s_request_id_is_kept_apart_from_the_correlation_id(space: Any) -> None:
    secretariat = make_user(role_in=space, role=SpaceRole.SECRETARIAT)
    body = make_body(space=space, name="Styrgrupp")
    response = client_for(secretariat).patch(
        f"{BODIES}{body.pk}/", {"name": "Styrgruppen"}, format="json", HTTP_X_REQUEST_ID="chosen-by-client-1"
    )
    assert response.status_code == 200
    assert response["X-Request-ID"] != "chosen-by-client-1" and len(response["X-Request-ID"]) == 32
    [update] = entries_for(body, LogEntry.Action.UPDATE)
    assert update.cid == response["X-Request-ID"]
    assert update.additional_data["client_request_id"] == "chosen-by-client-1"
    assert update.additional_data["space_id"] == space.pk
    # Two requests sending the same id still get two correlation ids.
    again = client_for(secretariat).patch(
        f"{BODIES}{body.pk}/", {"name": "Styrgrupp"}, format="json", HTTP_X_REQUEST_ID="chosen-by-client-1"
    )
    assert again["X-Request-ID"] != response["X-Request-ID"]
    # A malformed client id is not stored at all.
    client_for(secretariat).patch(
        f"{BODIES}{body.pk}/", {"name": "Styrgruppen"}, format="json", HTTP_X_REQUEST_ID="<script>alert(1)</script>"
    )
    latest = LogEntry.objects.get_for_object(body).order_by("-pk").first()
    assert "client_request_id" not in latest.additional_data


def test_commands_and_tasks_name_their_person_with_acting_as(space: Any) -> None:
    admin = make_user(role_in=space, role=SpaceRole.ADMIN)
    body = make_body(space=space, name="Styrgrupp")
    with acting_as(admin):
        body_services.body_close(body=body, actor=admin, closed_at=date.today(), closing_note="Uppdraget är slutfört.")
    [update] = entries_for(body, LogEntry.Action.UPDATE)
    assert update.actor == admin
    # Outside a request and without a named person the change is the system's.
    body.name = "Styrgruppen"
    body.save()
    assert LogEntry.objects.get_for_object(body).order_by("-pk").first().actor is None


def test_an_import_run_by_the_task_worker_is_audited_with_the_person_who_started_it(space: Any) -> None:
    from samverka.insight.statistics import jobs
    from samverka.insight.statistics.models import DatasetVersion, ImportJob, ImportStatus
    from samverka.insight.statistics.tasks import run_import_task
    from samverka.insight.statistics.tests.factories import make_dataset

    analyst = make_user(role_in=space, role=SpaceRole.ANALYST, full_name="Ali Analytiker")
    dataset = make_dataset(space=space, source="csv")
    params = {
        "token": jobs.keep_upload(b"Region;Antal\n04;5\n"),
        "file_name": "a.csv",
        "file_kind": "csv",
        "mapping": {"Region": "region"},
        "value_column": "Antal",
    }
    job = ImportJob.objects.create(dataset=dataset, kind="upload", params=params, created_by=analyst)
    assert run_import_task.call(job.pk) == ImportStatus.DONE  # as a worker runs it: no request
    version = DatasetVersion.objects.get(dataset=dataset)
    [create] = entries_for(version, LogEntry.Action.CREATE)
    assert create.actor == analyst


# --- what each app registers (AppConfig.ready(), core.audit.register) ----------------------------------

#: The audit trail as it was when core listed the models itself: model → fields never logged.
REGISTERED_BEFORE_THE_APPS_DID_IT: dict[str, tuple[str, ...]] = {
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
    "statistics.dataset": (),
    "statistics.datasetversion": ("quality", "query"),
    "indicators.scenario": (),
    "analyses.chartdefinition": (),
    "analyses.analysis": (),
    "analyses.analysisblock": (),
    "analyses.bodycoverage": (),
    "analyses.datapack": (),
    "calendars.freebusysource": ("url", "content", "last_fetched_at", "busy_count", "last_error"),
    "calendars.schedulingpoll": (),
    "calendars.polloption": (),
    "calendars.pollinvitee": ("token_nonce",),
}
#: What the education apps registered when they came (issue 14): derived search columns are not logged.
REGISTERED_BY_THE_EDUCATION_APPS: dict[str, tuple[str, ...]] = {
    "glossary.term": (),
    "glossary.definition": (),
    "glossary.topic": (),
    "catalogue.provider": (),
    "catalogue.education": (),
    "catalogue.offering": ("county_code", "hidden_after", "search_text"),
    "catalogue.educationoccupation": (),
    "catalogue.offeringoccupation": (),
    "catalogue.municipaleditor": (),
    "validation.validationoffer": ("search_text",),
    "validation.validationofferoccupation": (),
    "validation.validationoutcome": (),
    "validation.validationsettings": (),
    "validation.validationparticipant": (),
    "knowledgenodes.knowledgenode": (),
    # The yearly report to MYH (issue 15); its figures are a snapshot written in bulk, not logged row by row.
    "myhreports.reporttemplate": (),
    "myhreports.myhreport": ("submitted_snapshot",),
    "myhreports.needentry": (),
    "myhreports.reportcomment": (),
    "myhreports.reportcorrection": (),
    "orders.educationorder": (),
    "orders.orderoccupation": (),
    "orders.orderaddressee": (),
    "orders.orderconsultation": (),
    "orders.orderagendaitem": (),
    "cohorts.cohort": (),
    "cohorts.cohortbreakdown": (),
    "cohorts.cohortoutcome": (),
    "cohorts.cohortoutcomefigure": (),
}
AUDITED = {**REGISTERED_BEFORE_THE_APPS_DID_IT, **REGISTERED_BY_THE_EDUCATION_APPS}


def test_each_app_registers_the_audited_models_and_exclusions_listed_here() -> None:
    from auditlog.registry import auditlog
    from django.apps import apps

    from samverka.platform.core.audit import AUDITED_MODELS

    assert AUDITED_MODELS == AUDITED
    for label, excluded in AUDITED.items():
        model = apps.get_model(label)
        assert auditlog.contains(model), label
        logged = auditlog.get_model_fields(model)["include_fields"]
        assert logged == [f.name for f in model._meta.concrete_fields if f.name not in excluded], label


def test_history_pages_are_offered_for_the_same_models_as_before(client: Client, space: Any) -> None:
    from samverka.platform.core.audit import HISTORY_MODELS

    offered_before = {
        "actors.organisation",
        "actors.contact",
        "bodies.body",
        "bodies.membership",
        "spaces.space",
        "meetings.meeting",
        "meetings.decision",
        "events.event",
        "goals.goal",
    }
    education = {
        "catalogue.provider",
        "catalogue.education",
        "catalogue.offering",
        "glossary.term",
        "validation.validationoffer",
        "validation.validationoutcome",
        "knowledgenodes.knowledgenode",
        "myhreports.myhreport",
        "orders.educationorder",
        "cohorts.cohort",
    }
    assert set(HISTORY_MODELS) == offered_before | education
    client.force_login(make_user(role_in=space, role=SpaceRole.MEMBER))
    assert client.get(reverse("core:history", kwargs={"model": "registry.case", "pk": 1})).status_code == 404
