from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samverka.collaboration.meetings.models import Decision
from samverka.platform.spaces.models import SpaceRole
from samverka.records.registry import workflow
from samverka.records.registry.models import CaseEvent, CaseStatus, Direction, Dispatch, DispatchMethod, EventKind
from samverka.records.registry.testing import make_case, make_document
from samverka.testing import factories


def make_decision(space: Any) -> Decision:
    body = factories.make_body(space=space, name="Styrgruppen")
    return Decision.objects.create(
        body=body,
        year=2026,
        number=4,
        text="Styrgruppen beslutar att lämna rapporten.",
        decided_on=date(2026, 5, 1),
        opened_at=timezone.now(),
    )


def test_case_walks_its_workflow_and_refuses_jumps(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    with pytest.raises(ValidationError) as error:
        workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.DECIDED)
    message = error.value.message_dict["status"][0]
    assert "Initiated" in message and "Decided" in message and "In preparation" in message
    workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.PREPARATION)
    workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.READY)
    workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.DECIDED)
    with pytest.raises(ValidationError):  # dispatched needs a dispatch record
        workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.DISPATCHED)
    workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.CLOSED)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_on == timezone.localdate()
    workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.PREPARATION, note="Nytt underlag")
    case.refresh_from_db()
    assert case.closed_on is None
    steps = list(CaseEvent.objects.filter(case=case, kind=EventKind.STATUS).values_list("data__to", flat=True))
    assert steps == ["preparation", "ready_for_decision", "decided", "closed", "preparation"]


def test_members_cannot_move_cases(space: Any, make_role_user: Any) -> None:
    case = make_case(space=space)
    with pytest.raises(PermissionDenied):
        workflow.case_set_status(
            actor=make_role_user(space, SpaceRole.MEMBER), case=case, status=CaseStatus.PREPARATION
        )


def test_decision_decides_case_and_dispatch_to_government(space: Any, registrar: Any) -> None:
    case = make_case(space=space, opened_on=date(2026, 4, 1))
    decision = make_decision(space)
    workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.PREPARATION)
    workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.READY)
    workflow.case_decide(actor=registrar, case=case, decision=decision)
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.decision == decision
    letter = make_document(case=case, direction=Direction.OUTGOING, subject="Rapport", created_on=date(2026, 5, 2))
    dispatch = workflow.dispatch_record(
        actor=registrar,
        case=case,
        recipient="Regeringskansliet",
        method=DispatchMethod.EMAIL,
        sent_on=date(2026, 5, 3),
        document=letter,
    )
    case.refresh_from_db()
    letter.refresh_from_db()
    assert case.status == CaseStatus.DISPATCHED
    assert letter.dispatched_on == date(2026, 5, 3)
    assert Dispatch.objects.get(case=case) == dispatch and dispatch.by == registrar


def test_decision_of_another_space_refused(space: Any, other_space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.PREPARATION)
    workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.READY)
    with pytest.raises(ValidationError):
        workflow.case_decide(actor=registrar, case=case, decision=make_decision(other_space))


def test_dispatch_needs_recipient_and_method(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    with pytest.raises(ValidationError) as error:
        workflow.dispatch_record(actor=registrar, case=case, recipient=" ", method="email")
    assert "recipient" in error.value.message_dict
    with pytest.raises(ValidationError):
        workflow.dispatch_record(actor=registrar, case=case, recipient="RK", method="pigeon")


def test_void_keeps_the_row_with_reason(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    document = make_document(case=case)
    with pytest.raises(ValidationError):
        workflow.document_void(actor=registrar, document=document, reason="")
    workflow.document_void(actor=registrar, document=document, reason="Registrerad två gånger")
    document.refresh_from_db()
    assert document.is_voided and document.voided_reason == "Registrerad två gånger"
    workflow.case_void(actor=registrar, case=case, reason="Fel serie")
    case.refresh_from_db()
    assert case.is_voided and case.number == 1
    with pytest.raises(ValidationError):
        workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.PREPARATION)


def test_corrections_are_logged_not_erased(space: Any, registrar: Any) -> None:
    case = make_case(space=space, title="Fel titel")
    with pytest.raises(ValidationError):
        workflow.case_correct(actor=registrar, case=case, changes={"title": "Rätt titel"}, reason="")
    workflow.case_correct(actor=registrar, case=case, changes={"title": "Rätt titel"}, reason="Stavfel")
    case.refresh_from_db()
    assert case.title == "Rätt titel"
    event = CaseEvent.objects.get(case=case, kind=EventKind.CORRECTION)
    assert event.data["changes"] == {"title": ["Fel titel", "Rätt titel"]} and event.text == "Stavfel"
    with pytest.raises(ValidationError):
        workflow.case_correct(actor=registrar, case=case, changes={"number": 7}, reason="x")
    document = make_document(case=case, subject="Gammalt")
    workflow.document_correct(actor=registrar, document=document, changes={"subject": "Nytt"}, reason="Fel ämne")
    assert CaseEvent.objects.filter(case=case, kind=EventKind.CORRECTION).count() == 2
