"""The public pages (anonymous, masked) and the triage pages, through the test client."""

import base64
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from conftest import give_totp
from samverka.platform.notifications.models import OutboxMessage
from samverka.records.intake.models import CopyRequest, IncomingItem, ItemStatus
from samverka.records.intake.tests.factories import SECRET_COUNTERPART, SECRET_SUBJECT, make_item, make_marked_document
from samverka.records.intake.views import public
from samverka.records.registry.models import CaseType
from samverka.records.registry.testing import make_case, make_document, pdf_upload
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db

FORM = {"name": "Karin Karlsson", "email": "karin@example.se", "organisation": "", "website": ""}


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def registrar(space):
    user = make_user(role_in=space, role="registrar")
    give_totp(user)
    return user


def url(name, space, **kwargs):
    return reverse(f"intake:{name}", kwargs={"space": space.slug, **kwargs})


def test_anonymous_diary_lists_registrations_and_masks_marked_ones(client, space):
    open_document = make_document(
        case=make_case(space=space, title="Regeringsuppdrag om validering"), counterpart="Skolverket"
    )
    marked = make_marked_document(space)

    response = client.get(url("diary", space))

    assert response.status_code == 200
    html = response.content.decode()
    assert open_document.reference in html and "Skolverket" in html and "Regeringsuppdrag om validering" in html
    assert marked.reference in html and "[sekretessmarkerad]" in html
    assert SECRET_COUNTERPART not in html and SECRET_SUBJECT not in html


def test_searching_a_masked_field_finds_nothing(client, space):
    make_marked_document(space)
    make_document(case=make_case(space=space, title="Kompetensförsörjning i vården"), subject="Inbjudan till möte")

    found = client.get(url("diary", space), {"q": "vården"}).content.decode()
    assert "Kompetensförsörjning i vården" in found
    hidden = client.get(url("diary", space), {"q": "Hemliga"}).content.decode()
    assert SECRET_COUNTERPART not in hidden and sv("No registrations match.") in hidden
    bad_year = client.get(url("diary", space), {"year": "abc"})
    assert bad_year.status_code == 200


def _next_link(html: str) -> str | None:
    match = re.search(r'<a href="([^"]+)" rel="next">', html)
    return unescape(match[1]) if match else None


def test_the_diary_is_paged_by_a_cursor_and_a_bad_cursor_is_a_clear_400(client, space, monkeypatch):
    monkeypatch.setattr(public, "PAGE_SIZE", 3)
    case = make_case(space=space, title="Ärende om validering")
    documents = [make_document(case=case, subject=f"Handling {i}") for i in range(8)]
    seen, link = [], url("diary", space) + "?q=validering"
    while link:
        response = client.get(link)
        assert response.status_code == 200
        html = response.content.decode()
        seen += [d.reference for d in documents if f">{d.reference}</th>" in html]
        link = _next_link(html)
    assert sorted(seen) == sorted(d.reference for d in documents) and len(seen) == 8
    # Tampered or garbled: a 400 page in Swedish with a link to the first page, never a 500.
    for cursor in ("nonsense!", "cD1hYmM=", "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ=="):
        response = client.get(url("diary", space), {"cursor": cursor})
        assert response.status_code == 400
        assert (
            sv("The page link is invalid or out of date. Start again from the first page.") in response.content.decode()
        )
    # Past the end: the last page (the oldest registrations).
    past_end = base64.b64encode(b"p=%5B0%2C+0%5D").decode()  # p=[0, 0]: older than every registration
    html = client.get(url("diary", space), {"cursor": past_end}).content.decode()
    assert f">{documents[0].reference}</th>" in html and f">{documents[-1].reference}</th>" not in html


def test_every_row_of_the_diary_links_its_copy_request(client, space):
    documents = [make_document(case=make_case(space=space, title=f"Ärende {i}")) for i in range(3)]
    html = client.get(url("diary", space)).content.decode()
    links = re.findall(r'<a href="([^"]+)">' + re.escape(sv("Request a copy")), html)
    assert sorted(links) == sorted(url("copy-request", space, pk=d.pk) for d in documents)
    assert all(client.get(link).status_code == 200 for link in links)


def test_copy_request_page_is_masked_and_registers_a_case(client, space):
    marked = make_marked_document(space)

    page = client.get(url("copy-request", space, pk=marked.pk))
    assert page.status_code == 200
    assert SECRET_COUNTERPART not in page.content.decode() and SECRET_SUBJECT not in page.content.decode()

    response = client.post(url("copy-request", space, pk=marked.pk), {**FORM, "message": "Som PDF, tack."}, follow=True)
    request = CopyRequest.objects.get()
    assert request.case.case_type == CaseType.DOCUMENT_REQUEST
    assert request.case.reference in response.content.decode()
    assert OutboxMessage.objects.filter(to="karin@example.se").count() == 1


def test_copy_request_for_a_document_of_another_space_is_404(client, space, other_space):
    document = make_document(case=make_case(space=other_space))
    assert client.get(url("copy-request", space, pk=document.pk)).status_code == 404


def test_copy_request_with_a_bad_email_shows_a_swedish_message(client, space):
    document = make_document(case=make_case(space=space))
    response = client.post(url("copy-request", space, pk=document.pk), {**FORM, "email": "karin"})
    assert response.status_code == 200
    assert sv("Enter a valid email address.") in response.content.decode()
    assert not CopyRequest.objects.exists()


def test_contact_form_puts_the_message_in_triage(client, space):
    response = client.post(
        url("contact", space),
        {**FORM, "subject": "Fråga om medel", "text": "Hej!", "attachments": [pdf_upload("Bilaga.pdf")]},
    )
    assert response.status_code == 302 and response["Location"] == url("contact-done", space)
    item = IncomingItem.objects.get()
    assert item.subject == "Fråga om medel" and item.attachments.count() == 1
    assert OutboxMessage.objects.filter(to="karin@example.se", key=f"intake-receipt:{item.pk}").exists()


def test_contact_form_refuses_a_disguised_file_in_swedish(client, space):
    fake = SimpleUploadedFile("faktura.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(
        url("contact", space), {**FORM, "subject": "Faktura", "text": "Se bilaga", "attachments": [fake]}
    )
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert "faktura.pdf" in response.content.decode()
    assert not IncomingItem.objects.exists()


def test_the_honeypot_is_thanked_and_dropped(client, space):
    response = client.post(
        url("contact", space), {**FORM, "subject": "Köp", "text": "Billigt", "website": "spam.example"}
    )
    assert response.status_code == 302
    assert not IncomingItem.objects.exists() and not OutboxMessage.objects.exists()


def test_too_many_messages_from_one_address_get_429(client, space, settings):
    settings.INTAKE_PUBLIC_LIMIT_PER_HOUR = 1
    data = {**FORM, "subject": "Fråga", "text": "Hej"}
    assert client.post(url("contact", space), data, REMOTE_ADDR="203.0.113.9").status_code == 302
    response = client.post(url("contact", space), data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    expected = sv("We have received many messages from your address in the last hour. Please try again later.")
    assert expected in response.content.decode()
    assert IncomingItem.objects.count() == 1


def test_triage_pages_are_for_registry_staff_only(client, space):
    item = make_item(space)
    assert client.get(url("triage-list", space)).status_code == 302  # to the login page
    client.force_login(make_user(role_in=space, role="member"))
    assert client.get(url("triage-list", space)).status_code == 403
    assert client.get(url("item-detail", space, pk=item.pk)).status_code == 404
    client.force_login(registrar(space))
    response = client.get(url("triage-list", space))
    assert response.status_code == 200 and "Fråga om validering" in response.content.decode()


def test_triage_assigns_by_case_number_and_explains_a_wrong_one(client, space):
    client.force_login(registrar(space))
    item = make_item(space)
    case = make_case(space=space)

    wrong = client.post(url("item-assign-case", space, pk=item.pk), {"case-reference": "MSV 1999/0001"})
    assert wrong.status_code == 400
    assert sv("There is no case with that number in this space.") in wrong.content.decode()
    malformed = client.post(url("item-assign-case", space, pk=item.pk), {"case-reference": "hej"})
    assert sv("Write the case number as series year/number, e.g. MSV 2027/0042.") in malformed.content.decode()

    reference = case.reference.lower()
    response = client.post(url("item-assign-case", space, pk=item.pk), {"case-reference": reference})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.ASSIGNED and item.document.case == case


def test_triage_to_a_body_and_reject_through_the_page(client, space):
    client.force_login(make_user(role_in=space, role="secretariat"))
    first, second = make_item(space), make_item(space)
    body = make_body(space=space, name="Branschråd vård och omsorg")
    assert client.post(url("item-assign-body", space, pk=first.pk), {"body-body": body.pk}).status_code == 302
    assert IncomingItem.objects.get(pk=first.pk).body == body
    empty = client.post(url("item-reject", space, pk=second.pk), {"reject-reason": ""})
    assert empty.status_code == 400
    assert client.post(url("item-reject", space, pk=second.pk), {"reject-reason": "Reklam"}).status_code == 302
    assert IncomingItem.objects.get(pk=second.pk).status == ItemStatus.REJECTED


def test_copy_request_honeypot_and_limit(client, space, settings):
    settings.INTAKE_PUBLIC_LIMIT_PER_HOUR = 1
    document = make_document(case=make_case(space=space))
    target = url("copy-request", space, pk=document.pk)
    assert client.post(target, {**FORM, "website": "x"}).status_code == 302
    assert not CopyRequest.objects.exists()
    assert client.post(target, FORM, REMOTE_ADDR="203.0.113.5").status_code == 302
    assert client.post(target, FORM, REMOTE_ADDR="203.0.113.5").status_code == 429
    assert CopyRequest.objects.count() == 1
