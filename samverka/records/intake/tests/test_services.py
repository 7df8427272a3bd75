"""The public way in: contact messages, copy requests and triage, through the services."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.platform.notifications.models import OutboxMessage
from samverka.platform.notifications.services import send_pending
from samverka.records.intake import services
from samverka.records.intake.models import CopyRequest, IncomingAttachment, IncomingItem, ItemStatus
from samverka.records.intake.tests.factories import SECRET_COUNTERPART, SECRET_SUBJECT, make_item, make_marked_document
from samverka.records.registry.models import CaseType, Direction
from samverka.records.registry.testing import PDF_BYTES, make_case, make_document, pdf_upload
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db

SENDER = {"name": "Karin Karlsson", "email": "karin@example.se", "organisation": "Eskilstuna kommun"}


def contact(space, uploads=(), **data):
    return services.contact_receive(
        space=space, **{**SENDER, "subject": "Fråga om validering", "text": "Hur gör vi?", **data}, uploads=uploads
    )


def test_contact_message_goes_to_triage_and_the_receipt_arrives(space, smtp_server):
    item = contact(space, uploads=[pdf_upload("Ansökan.pdf")])

    assert item.status == ItemStatus.TRIAGE and item.channel == "contact_form"
    attachment = item.attachments.get()
    assert attachment.name == "Ansökan.pdf" and attachment.size == len(PDF_BYTES) and len(attachment.sha256) == 64
    assert item.receipt_sent_at is not None
    assert send_pending() == 1
    (message,) = smtp_server.messages
    assert message["To"] == "karin@example.se"
    assert f"IN-{item.pk}" in message.get_content()
    assert "Fråga om validering" in message.get_content()


def test_a_refused_upload_keeps_nothing(space):
    fake = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        contact(space, uploads=[pdf_upload("ok.pdf"), fake])
    assert "attachments" in error.value.message_dict
    assert not IncomingItem.objects.exists()
    assert not IncomingAttachment.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_path_in_the_file_name_is_stripped(space):
    item = contact(space, uploads=[pdf_upload("../../etc/passwd.pdf")])
    assert item.attachments.get().name == "passwd.pdf"


def test_a_failure_after_storing_a_file_removes_the_file(space, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "enqueue_email", broken)
    before = set(default_storage.listdir("intake")[0]) if default_storage.exists("intake") else set()
    with pytest.raises(RuntimeError):
        contact(space, uploads=[pdf_upload()])
    assert not IncomingItem.objects.exists()
    after = set(default_storage.listdir("intake")[0]) if default_storage.exists("intake") else set()
    for folder in after - before:
        assert default_storage.listdir(f"intake/{folder}")[1] == []


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("name", {"name": "  "}),
        ("email", {"email": "inte-en-adress"}),
        ("subject", {"subject": ""}),
        ("text", {"text": "   "}),
    ],
)
def test_missing_or_bad_fields_are_named(space, field, data):
    with pytest.raises(ValidationError) as error:
        contact(space, **data)
    assert field in error.value.message_dict
    assert not IncomingItem.objects.exists()


def test_too_many_attachments_are_refused(space):
    with pytest.raises(ValidationError) as error:
        contact(space, uploads=[pdf_upload(f"{i}.pdf") for i in range(6)])
    assert "attachments" in error.value.message_dict


def test_rate_limit_per_address(settings):
    settings.INTAKE_PUBLIC_LIMIT_PER_HOUR = 2
    services.rate_limit_hit("198.51.100.7")
    services.rate_limit_hit("198.51.100.7")
    with pytest.raises(services.RateLimited):
        services.rate_limit_hit("198.51.100.7")
    services.rate_limit_hit("198.51.100.8")  # another address still gets through


def test_copy_request_registers_a_case_and_mails_the_case_number(space, smtp_server):
    document = make_marked_document(space)

    request = services.copy_request_register(space=space, document=document, **SENDER, message="Gärna som PDF.")

    case = request.case
    assert case.case_type == CaseType.DOCUMENT_REQUEST
    assert case.series_id == document.case.series_id
    registered = case.documents.get()
    assert registered.direction == Direction.INCOMING
    assert registered.counterpart == "Karin Karlsson, Eskilstuna kommun"
    assert document.reference in registered.subject
    assert send_pending() == 1
    (message,) = smtp_server.messages
    body = message.get_content()
    assert case.reference in body and case.reference in message["Subject"]
    # The receipt names the requested registration, never its masked details.
    assert SECRET_COUNTERPART not in body and SECRET_SUBJECT not in body


def test_copy_request_for_another_space_or_a_bad_email_is_refused(space, other_space):
    document = make_document(case=make_case(space=other_space))
    with pytest.raises(ValidationError):
        services.copy_request_register(space=space, document=document, **SENDER)
    mine = make_document(case=make_case(space=space))
    with pytest.raises(ValidationError) as error:
        services.copy_request_register(space=space, document=mine, **{**SENDER, "email": "nej"})
    assert "email" in error.value.message_dict
    assert not CopyRequest.objects.exists()
    assert mine.case.series.cases.count() == 1  # no half-registered request case


def test_triage_to_a_case_registers_an_incoming_document_with_the_files(space):
    registrar = make_user(role_in=space, role="registrar")
    item = contact(space, uploads=[pdf_upload("Bilaga.pdf")])
    case = make_case(space=space)

    services.item_assign_case(actor=registrar, item=item, case=case)

    item.refresh_from_db()
    assert item.status == ItemStatus.ASSIGNED and item.triaged_by == registrar
    document = item.document
    assert document.case == case and document.direction == Direction.INCOMING
    assert document.subject == "Fråga om validering"
    assert document.counterpart == "Karin Karlsson, Eskilstuna kommun"
    assert [f.name for f in document.files.all()] == ["Bilaga.pdf"]
    changes = LogEntry.objects.get_for_object(item)
    assert any("status" in (entry.changes_dict or {}) for entry in changes)


def test_triage_to_a_body_and_rejection(space, other_space):
    secretariat = make_user(role_in=space, role="secretariat")
    first, second = make_item(space), make_item(space)
    with pytest.raises(ValidationError):
        services.item_assign_body(actor=secretariat, item=first, body=make_body(space=other_space))
    services.item_assign_body(actor=secretariat, item=first, body=make_body(space=space, name="Branschråd vård"))
    assert IncomingItem.objects.get(pk=first.pk).body.name == "Branschråd vård"

    with pytest.raises(ValidationError) as error:
        services.item_reject(actor=secretariat, item=second, reason=" ")
    assert "reason" in error.value.message_dict
    services.item_reject(actor=secretariat, item=second, reason="Reklam")
    second.refresh_from_db()
    assert second.status == ItemStatus.REJECTED and second.rejection_reason == "Reklam"
    # A triaged item is not triaged again.
    with pytest.raises(ValidationError):
        services.item_reject(actor=secretariat, item=second, reason="Igen")


def test_only_registry_staff_triage(space, other_space):
    item = make_item(space)
    for user in (make_user(role_in=space, role="member"), make_user(role_in=other_space, role="registrar")):
        with pytest.raises(PermissionDenied):
            services.item_reject(actor=user, item=item, reason="Nej")
    assert IncomingItem.objects.get(pk=item.pk).status == ItemStatus.TRIAGE


def test_a_case_of_another_space_is_refused(space, other_space):
    registrar = make_user(role_in=space, role="registrar")
    item = make_item(space)
    with pytest.raises(ValidationError):
        services.item_assign_case(actor=registrar, item=item, case=make_case(space=other_space))
    assert IncomingItem.objects.get(pk=item.pk).document is None


def test_a_too_large_file_is_refused(space, settings):
    settings.MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError) as error:
        contact(space, uploads=[pdf_upload("stor.pdf")])
    assert "stor.pdf" in error.value.message_dict["attachments"][0]
    assert not IncomingItem.objects.exists()
