"""Retention schedule and disposal runs: candidates, legal hold, approval by another person, an
all-or-nothing execution through the registry, and a disposal log that is kept."""

import os
from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.records.registry.models import CaseStatus, DocumentFile, EventKind, RegisteredDocument
from samverka.records.retention import selectors, services
from samverka.records.retention.models import DisposalLogEntry, RetentionAction, RunStatus
from samverka.records.retention.tests.factories import make_case, make_document, make_rule
from samverka.testing.factories import make_space, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    registrar = make_user(role_in=space, role="registrar")
    admin = make_user(role_in=space, role="admin")
    make_rule(space, "kallelse", years=2)
    make_rule(space, "beslut", years=None)  # preserve
    return space, registrar, admin


def test_rule_validation_needs_years_and_a_decision_for_disposal(setup):
    space, registrar, _ = setup
    with pytest.raises(ValidationError) as raised:
        services.rule_create(
            actor=registrar,
            space=space,
            code="protokoll",
            name="Protokoll",
            action=RetentionAction.DISPOSE,
            years=None,
        )
    assert set(raised.value.message_dict) == {"years", "disposal_decision"}
    rule = services.rule_create(
        actor=registrar,
        space=space,
        code="protokoll",
        name="Protokoll",
        action=RetentionAction.PRESERVE,
        years=5,
    )
    assert rule.years is None  # preserved documents have no disposal time
    with pytest.raises(ValidationError):  # one rule per code and space
        services.rule_create(actor=registrar, space=space, code="protokoll", name="Igen", action="preserve")


def test_only_registrars_and_admins_manage_the_schedule(setup):
    space, *_ = setup
    for role in ("secretariat", "member"):
        with pytest.raises(PermissionDenied):
            services.rule_create(
                actor=make_user(role_in=space, role=role),
                space=space,
                code="x",
                name="X",
                action="preserve",
            )


def test_candidates_are_due_documents_of_closed_cases_only(setup):
    space, registrar, _ = setup
    today = date(2024, 1, 1)
    due = make_document(make_case(space, registrar, closed_on=date(2021, 12, 31)), registrar)
    make_document(make_case(space, registrar, closed_on=date(2022, 1, 2)), registrar)  # not yet two years
    make_document(make_case(space, registrar, closed_on=None), registrar)  # open case
    make_document(make_case(space, registrar, legal_hold=True), registrar)  # legal hold
    make_document(make_case(space, registrar), registrar, document_type="beslut")  # preserved
    make_document(make_case(space, registrar), registrar, document_type="okand")  # no rule: preserved
    other = make_space()
    make_rule(other, "kallelse", years=2)
    make_document(make_case(other, registrar), registrar)  # another space
    disposed = make_document(make_case(space, registrar), registrar)
    RegisteredDocument.objects.filter(pk=disposed.pk).update(personal_data_removed_at="2023-01-01T00:00Z")

    found = selectors.disposal_candidates(space, today=today)

    assert [(document.pk, rule.code) for document, rule in found] == [(due.pk, "kallelse")]


def test_propose_approve_execute_disposes_and_logs(setup, django_capture_on_commit_callbacks):
    space, registrar, admin = setup
    case = make_case(space, registrar)
    document = make_document(case, registrar, counterpart="Anna Andersson")
    stored = document.files.get()
    path = stored.file.path

    run = services.run_propose(actor=registrar, space=space)
    assert [item.document_id for item in run.items.all()] == [document.pk]
    with pytest.raises(ValidationError, match="someone other"):
        services.run_approve(actor=registrar, run=run)
    with pytest.raises(ValidationError):  # not yet approved
        services.run_execute(actor=admin, run=run)
    services.run_approve(actor=admin, run=run)
    assert os.path.exists(path)
    with django_capture_on_commit_callbacks(execute=True):  # the files go when the transaction commits
        services.run_execute(actor=registrar, run=run)

    assert not os.path.exists(path)

    run.refresh_from_db()
    document.refresh_from_db()
    stored.refresh_from_db()
    assert run.status == RunStatus.EXECUTED and run.executed_by == registrar
    assert document.counterpart == "" and document.personal_data_removed_at is not None
    assert stored.disposed_at is not None and stored.sha256  # the checksum and name stay
    assert case.events.filter(kind=EventKind.DISPOSAL).count() == 1
    entry = DisposalLogEntry.objects.get()
    assert (entry.document_reference, entry.case_reference) == (document.reference, case.reference)
    assert entry.disposal_decision == "RA-MS 2021:3" and "kallelse.pdf" in entry.what
    assert selectors.disposal_candidates(space) == []  # never disposed twice


def test_a_case_put_under_legal_hold_after_proposal_stops_the_whole_run(setup):
    space, registrar, admin = setup
    free = make_document(make_case(space, registrar), registrar)
    held_case = make_case(space, registrar)
    make_document(held_case, registrar)
    run = services.run_propose(actor=registrar, space=space)
    services.run_approve(actor=admin, run=run)
    held_case.legal_hold = True
    held_case.save()

    with pytest.raises(ValidationError, match="legal hold"):
        services.run_execute(actor=admin, run=run)

    free.refresh_from_db()
    run.refresh_from_db()
    assert free.personal_data_removed_at is None and free.counterpart == "Anna Andersson"
    assert run.status == RunStatus.APPROVED
    assert not DisposalLogEntry.objects.exists()


def test_a_failure_in_the_middle_disposes_of_nothing(setup):
    space, registrar, admin = setup
    first = make_document(make_case(space, registrar), registrar)
    make_document(make_case(space, registrar), registrar)
    run = services.run_propose(actor=registrar, space=space)
    services.run_approve(actor=admin, run=run)
    from samverka.records.registry import services as registry_services

    real = registry_services.document_dispose
    calls = []

    def fail_second(**kwargs):
        calls.append(kwargs["document"].pk)
        if len(calls) == 2:
            raise ValidationError("Disken är full.")
        return real(**kwargs)

    with (
        mock.patch.object(registry_services, "document_dispose", side_effect=fail_second),
        pytest.raises(ValidationError),
    ):
        services.run_execute(actor=admin, run=run)

    assert len(calls) == 2
    first.refresh_from_db()
    assert first.personal_data_removed_at is None
    assert DocumentFile.objects.filter(disposed_at__isnull=False).count() == 0
    assert not DisposalLogEntry.objects.exists()
    assert run.__class__.objects.get(pk=run.pk).status == RunStatus.APPROVED


def test_pending_runs_do_not_overlap_and_cancelled_runs_release_their_documents(setup):
    space, registrar, admin = setup
    make_document(make_case(space, registrar), registrar)
    run = services.run_propose(actor=registrar, space=space)
    with pytest.raises(ValidationError, match="No documents"):
        services.run_propose(actor=admin, space=space)
    services.run_cancel(actor=admin, run=run)
    with pytest.raises(ValidationError):
        services.run_approve(actor=admin, run=run)
    assert services.run_propose(actor=admin, space=space).items.count() == 1


def test_the_disposal_log_cannot_be_changed_or_deleted(setup):
    space, registrar, admin = setup
    make_document(make_case(space, registrar), registrar)
    run = services.run_propose(actor=registrar, space=space)
    services.run_approve(actor=admin, run=run)
    services.run_execute(actor=admin, run=run)
    entry = DisposalLogEntry.objects.get()
    entry.what = "ingenting"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert DisposalLogEntry.objects.get().what != "ingenting"


def test_a_reopened_case_is_not_disposed_of(setup):
    space, registrar, admin = setup
    case = make_case(space, registrar)
    make_document(case, registrar)
    run = services.run_propose(actor=registrar, space=space)
    services.run_approve(actor=admin, run=run)
    case.status = CaseStatus.PREPARATION
    case.save()
    with pytest.raises(ValidationError, match="no longer closed"):
        services.run_execute(actor=admin, run=run)


def test_legal_hold_is_set_with_a_reason_logged_and_stops_candidates(setup):
    space, registrar, admin = setup
    case = make_case(space, registrar)
    make_document(case, registrar)
    with pytest.raises(ValidationError):
        services.legal_hold_set(actor=registrar, case=case, on=True, reason="  ")
    with pytest.raises(PermissionDenied):
        services.legal_hold_set(actor=make_user(role_in=space, role="member"), case=case, on=True, reason="Tvist")
    services.legal_hold_set(actor=registrar, case=case, on=True, reason="Begäran om allmän handling")
    case.refresh_from_db()
    assert case.legal_hold
    assert "Begäran om allmän handling" in case.events.get(kind=EventKind.CORRECTION).text
    assert selectors.disposal_candidates(space) == []
    with pytest.raises(ValidationError, match="already"):
        services.legal_hold_set(actor=admin, case=case, on=True, reason="Igen")
    services.legal_hold_set(actor=admin, case=case, on=False, reason="Tvisten avgjord")
    assert len(selectors.disposal_candidates(space)) == 1


def test_the_log_names_no_files_of_a_marked_document(setup):
    from samverka.records.retention.tests.factories import mark_secret

    space, registrar, admin = setup
    open_doc = make_document(make_case(space, registrar), registrar, name="inbjudan.pdf")
    secret = make_document(make_case(space, registrar), registrar, name="Anmälan Karin Lund skyddad adress.pdf")
    mark_secret(secret, registrar)
    run = services.run_propose(actor=registrar, space=space)
    services.run_approve(actor=admin, run=run)
    services.run_execute(actor=admin, run=run)
    log = {entry.document_id: entry.what for entry in DisposalLogEntry.objects.all()}
    assert "inbjudan.pdf" in log[open_doc.pk]
    assert "Karin" not in log[secret.pk] and "1 file" in log[secret.pk]
