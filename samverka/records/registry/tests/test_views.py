import re
from datetime import date
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from conftest import give_totp
from samverka.platform.spaces.models import SpaceRole
from samverka.records.registry import services
from samverka.records.registry.models import (
    Case,
    CaseStatus,
    DocumentAccessLog,
    EventKind,
    SecrecyGrant,
    SecrecyGrantChange,
)
from samverka.records.registry.selectors import MASK
from samverka.records.registry.testing import make_case, make_document, make_series, pdf_upload


def client_for(user: Any) -> Client:
    if user.space_memberships.filter(role__in=[SpaceRole.ADMIN, SpaceRole.REGISTRAR]).exists():
        give_totp(user)
    client = Client()
    client.force_login(user)
    return client


def sv(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def url(name: str, space: Any, **kwargs: Any) -> str:
    return reverse(f"registry:{name}", kwargs={"space": space.slug, **kwargs})


def test_register_case_from_form(space: Any, registrar: Any) -> None:
    series = make_series(space=space)
    client = client_for(registrar)
    response = client.post(
        url("case-create", space),
        {"series": series.pk, "title": "Uppdrag om validering", "case_type": "government_assignment"},
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.responsible == registrar
    page = client.get(case.get_absolute_url())
    assert case.reference in page.content.decode()


def test_malformed_date_and_missing_title_get_swedish_messages(space: Any, registrar: Any) -> None:
    series = make_series(space=space)
    response = client_for(registrar).post(
        url("case-create", space), {"series": series.pk, "title": "", "case_type": "other", "opened_on": "2026-13-45"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert sv("Enter a valid date.") in body and sv("This field is required.") in body
    assert 'class="error-summary"' in body
    assert not Case.objects.exists()


def test_duplicate_case_warning_then_register_anyway(space: Any, registrar: Any) -> None:
    series = make_series(space=space)
    existing = make_case(space=space, series=series, title="Remiss om yrkesutbildning")
    client = client_for(registrar)
    data = {"series": series.pk, "title": "remiss om yrkesutbildning", "case_type": "consultation_response"}
    response = client.post(url("case-create", space), data)
    assert response.status_code == 200 and existing.reference in response.content.decode()
    assert Case.objects.count() == 1
    response = client.post(url("case-create", space), {**data, "register_anyway": "on"})
    assert response.status_code == 302 and Case.objects.count() == 2


def test_register_document_with_file_and_duplicate_warning(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    client = client_for(registrar)
    data = {
        "direction": "incoming",
        "subject": "Ansökan",
        "counterpart": "Region Sörmland",
        "received_on": "2026-03-04",
    }
    response = client.post(
        url("document-create", space, pk=case.pk), {**data, "attachments": pdf_upload("ansokan.pdf")}
    )
    assert response.status_code == 302
    document = case.documents.get()
    assert document.files.count() == 1
    response = client.post(url("document-create", space, pk=case.pk), data)
    assert response.status_code == 200 and f"{case.reference}-1" in response.content.decode()
    response = client.post(url("document-create", space, pk=case.pk), {**data, "received_on": "4 mars"})
    assert sv("Enter a valid date.") in response.content.decode()
    response = client.post(url("document-create", space, pk=case.pk), {**data, "counterpart": " ", "subject": "Ny"})
    assert sv("Name the sender. For an anonymous letter write “Anonym”.") in response.content.decode()
    assert case.documents.count() == 1


def test_members_see_cases_guests_and_outsiders_do_not(
    space: Any, other_space: Any, make_role_user: Any, client: Client
) -> None:
    case = make_case(space=space)
    member = client_for(make_role_user(space, SpaceRole.MEMBER))
    assert member.get(url("case-list", space)).status_code == 200
    assert member.get(case.get_absolute_url()).status_code == 200
    assert member.get(url("case-create", space)).status_code == 403
    guest = client_for(make_role_user(space, SpaceRole.GUEST))
    assert guest.get(url("case-list", space)).status_code == 403
    outsider = client_for(make_role_user(other_space, SpaceRole.ADMIN))
    assert outsider.get(case.get_absolute_url()).status_code in (403, 404)
    assert client.get(url("case-list", space)).status_code == 302


def test_workflow_buttons_and_refused_jump(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    client = client_for(registrar)
    response = client.post(url("case-status", space, pk=case.pk), {"status": CaseStatus.PREPARATION})
    assert response.status_code == 302
    response = client.post(url("case-status", space, pk=case.pk), {"status": CaseStatus.CLOSED})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    response = client.post(url("case-status", space, pk=case.pk), {"status": CaseStatus.DISPATCHED})
    assert response.status_code == 400
    with translation.override("sv"):
        expected = gettext("A case that is “%(current)s” cannot be moved to “%(target)s”. Next steps: %(allowed)s.") % {
            "current": CaseStatus.CLOSED.label,
            "target": CaseStatus.DISPATCHED.label,
            "allowed": CaseStatus.PREPARATION.label,
        }
    assert expected in response.content.decode()


def test_dispatch_form_records_dispatch(space: Any, registrar: Any) -> None:
    case = make_case(space=space, opened_on=date(2026, 1, 10))
    response = client_for(registrar).post(
        url("case-dispatch", space, pk=case.pk),
        {"dispatch-recipient": "Regeringskansliet", "dispatch-sent_on": "2026-02-01", "dispatch-method": "email"},
    )
    assert response.status_code == 302
    assert case.dispatches.get().recipient == "Regeringskansliet"
    response = client_for(registrar).post(
        url("case-dispatch", space, pk=case.pk),
        {"dispatch-recipient": "", "dispatch-sent_on": "igår", "dispatch-method": "email"},
    )
    assert response.status_code == 400 and sv("Enter a valid date.") in response.content.decode()


def test_void_and_correct_from_pages(space: Any, registrar: Any) -> None:
    case = make_case(space=space, title="Fel")
    client = client_for(registrar)
    response = client.post(
        url("case-correct", space, pk=case.pk),
        {"title": "Rätt", "case_type": case.case_type, "reason": "Stavfel"},
    )
    assert response.status_code == 302
    page = client.get(case.get_absolute_url()).content.decode()
    assert "“Fel” → “Rätt”" in page
    client.post(url("case-void", space, pk=case.pk), {"void-reason": "Dubbelregistrering"})
    case.refresh_from_db()
    assert case.is_voided and case.voided_reason == "Dubbelregistrering"


def test_series_admin(space: Any, make_role_user: Any) -> None:
    admin = client_for(make_role_user(space, SpaceRole.ADMIN))
    response = admin.post(url("series-list", space), {"code": "rs-kv", "name": "Regionala serien"})
    assert response.status_code == 302
    series = space.registration_series.get()
    assert series.code == "RS-KV"
    response = admin.post(url("series-list", space), {"code": "RS-KV", "name": "Igen"})
    assert response.status_code == 400
    admin.post(url("series-toggle", space, series=series.pk))
    series.refresh_from_db()
    assert not series.is_active
    member = client_for(make_role_user(space, SpaceRole.MEMBER))
    assert member.get(url("series-list", space)).status_code == 403


@pytest.fixture
def marked(space: Any, registrar: Any) -> Any:
    case = make_case(space=space, title="Ärende om stöd till individ")
    document = make_document(
        case=case, counterpart="Karin Hemlig", subject="Läkarintyg Karin", files=[pdf_upload("intyg.pdf")]
    )
    services.secrecy_mark(
        actor=registrar, document=document, provision="OSL 21 kap. 1 §", authority="MSV", masks_subject=True
    )
    services.document_add_file(actor=registrar, document=document, upload=pdf_upload("intyg2.pdf"))
    return document


def test_marked_document_never_leaks_to_roles_without_grant(space: Any, marked: Any, make_role_user: Any) -> None:
    case = marked.case
    for role in (SpaceRole.MEMBER, SpaceRole.ANALYST, SpaceRole.SECRETARIAT):
        client = client_for(make_role_user(space, role))
        listing = client.get(url("case-list", space)).content.decode()
        detail = client.get(case.get_absolute_url()).content.decode()
        searched = client.get(url("case-list", space), {"q": "Karin"}).content.decode()
        for page in (listing, detail, searched):
            assert "Hemlig" not in page and "intyg" not in page
        assert "Karin" not in listing and "Karin" not in detail
        assert MASK in detail and case.reference not in searched
        document_url = url("document-detail", space, pk=case.pk, number=marked.number)
        assert client.get(document_url).status_code == 403
        assert client.get(url("document-correct", space, pk=case.pk, number=marked.number)).status_code == 403
        for stored in marked.files.all():
            file_url = url("file-download", space, pk=case.pk, number=marked.number, file=stored.pk)
            assert client.get(file_url).status_code == 403
    assert not DocumentAccessLog.objects.exists()


def test_granted_roles_see_and_every_opening_is_logged(space: Any, marked: Any, registrar: Any) -> None:
    case = marked.case
    client = client_for(registrar)
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "Karin Hemlig" in detail
    page = client.get(url("document-detail", space, pk=case.pk, number=marked.number))
    assert page.status_code == 200 and "OSL 21 kap. 1 §" in page.content.decode()
    stored = marked.files.first()
    response = client.get(url("file-download", space, pk=case.pk, number=marked.number, file=stored.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert list(DocumentAccessLog.objects.values_list("action", "user")) == [
        ("download", registrar.pk),
        ("view", registrar.pk),
    ]


def test_space_grant_changes_who_sees(space: Any, marked: Any, make_role_user: Any) -> None:
    analyst = make_role_user(space, SpaceRole.ANALYST)
    SecrecyGrant.objects.create(space=space, role=SpaceRole.ANALYST)
    client = client_for(analyst)
    assert client.get(url("document-detail", space, pk=marked.case.pk, number=marked.number)).status_code == 200
    registrar = make_role_user(space, SpaceRole.REGISTRAR)  # no longer granted: the space chose analysts only
    assert (
        client_for(registrar).get(url("document-detail", space, pk=marked.case.pk, number=marked.number)).status_code
        == 403
    )


def test_correction_of_marked_document_not_shown_to_ungranted(
    space: Any, marked: Any, registrar: Any, make_role_user: Any
) -> None:
    from samverka.records.registry import workflow

    workflow.document_correct(
        actor=registrar, document=marked, changes={"counterpart": "Karin Hemligsson"}, reason="Fel namn"
    )
    assert marked.case.events.filter(kind=EventKind.CORRECTION).exists()
    member_page = client_for(make_role_user(space, SpaceRole.MEMBER)).get(marked.case.get_absolute_url())
    assert "Karin" not in member_page.content.decode()
    assert "Karin Hemligsson" in client_for(registrar).get(marked.case.get_absolute_url()).content.decode()


def test_upload_of_wrong_file_shows_message(space: Any, registrar: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = make_document(case=make_case(space=space))
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    response = client_for(registrar).post(
        url("file-upload", space, pk=document.case.pk, number=document.number), {"file-file": fake}
    )
    assert response.status_code == 400
    assert document.files.count() == 0


def test_space_admin_chooses_granted_roles(space: Any, marked: Any, make_role_user: Any) -> None:
    admin = client_for(make_role_user(space, SpaceRole.ADMIN))
    analyst = client_for(make_role_user(space, SpaceRole.ANALYST))
    document_url = url("document-detail", space, pk=marked.case.pk, number=marked.number)
    assert analyst.get(document_url).status_code == 403
    assert admin.post(url("secrecy-grants", space), {"grant-roles": ["pope"]}).status_code == 400
    response = admin.post(url("secrecy-grants", space), {"grant-roles": ["analyst"]})
    assert response.status_code == 302
    assert analyst.get(document_url).status_code == 200
    assert set(SecrecyGrant.objects.filter(space=space).values_list("role", flat=True)) == {"admin", "analyst"}
    assert admin.get(document_url).status_code == 200
    registrar = client_for(make_role_user(space, SpaceRole.REGISTRAR))
    assert registrar.get(document_url).status_code == 403
    member = client_for(make_role_user(space, SpaceRole.MEMBER))
    assert member.post(url("secrecy-grants", space), {"grant-roles": ["member"]}).status_code == 403


def test_a_registrar_cannot_give_itself_back_the_secrecy_grant(
    space: Any, marked: Any, registrar: Any, make_role_user: Any
) -> None:
    admin_user = make_role_user(space, SpaceRole.ADMIN, full_name="Astrid Admin")
    admin = client_for(admin_user)
    document_url = url("document-detail", space, pk=marked.case.pk, number=marked.number)
    # The administrator takes the grant away from registrars.
    assert admin.post(url("secrecy-grants", space), {"grant-roles": ["analyst"]}).status_code == 302
    registrar_client = client_for(registrar)
    assert registrar_client.get(document_url).status_code == 403
    grants = set(SecrecyGrant.objects.values_list("space_id", "role"))
    changes = SecrecyGrantChange.objects.count()
    # The registrar may not give it back: 403, and nothing changed.
    for roles in (["registrar"], ["registrar", "analyst"], []):
        response = registrar_client.post(url("secrecy-grants", space), {"grant-roles": roles})
        assert response.status_code == 403
    assert set(SecrecyGrant.objects.values_list("space_id", "role")) == grants
    assert SecrecyGrantChange.objects.count() == changes
    assert registrar_client.get(document_url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.secrecy_grants_set(actor=registrar, space=space, roles=["registrar"])
    # The registrar's series page shows who may see them, but no form to change it.
    page = registrar_client.get(url("series-list", space)).content.decode()
    assert 'name="grant-roles"' not in page
    assert sv("Only a space administrator can change who may see secrecy-marked documents.") in page
    # The administrator may, and the change shows in the series page's history with who made it.
    assert admin.post(url("secrecy-grants", space), {"grant-roles": ["registrar"]}).status_code == 302
    assert registrar_client.get(document_url).status_code == 200
    history = page_section(registrar_client.get(url("series-list", space)).content.decode(), "grant-history")
    with translation.override("sv"):
        admin_label, analyst, registrar_label = (
            str(SpaceRole.ADMIN.label),
            str(SpaceRole.ANALYST.label),
            str(SpaceRole.REGISTRAR.label),
        )
    assert history.count("Astrid Admin") == 2
    assert f"{admin_label}, {analyst}" in history  # before the second change (and after the first)
    assert f"{admin_label}, {registrar_label}" in history  # after it
    assert f"Borttagna: {analyst}" in history and f"Tillagda: {registrar_label}" in history
    # … and in the audit trail, with the administrator as the actor.
    entries = LogEntry.objects.get_for_model(SecrecyGrant)
    assert entries.filter(actor=admin_user, action=LogEntry.Action.CREATE, object_repr__endswith="registrar").exists()
    assert entries.filter(actor=admin_user, action=LogEntry.Action.DELETE).exists()
    assert not entries.filter(actor=registrar).exists()


def test_saving_the_same_grants_records_no_change(space: Any, make_role_user: Any) -> None:
    admin_user = make_role_user(space, SpaceRole.ADMIN)
    assert services.secrecy_grants_set(actor=admin_user, space=space, roles=["registrar"]) is None  # the default
    change = services.secrecy_grants_set(actor=admin_user, space=space, roles=["secretariat"])
    assert change is not None and change.roles_before == ["admin", "registrar"]
    assert change.roles_after == ["admin", "secretariat"] and change.changed_by == admin_user
    assert services.secrecy_grants_set(actor=admin_user, space=space, roles=["secretariat"]) is None
    assert SecrecyGrantChange.objects.count() == 1


def page_section(html: str, heading_id: str) -> str:
    """The page from the heading with ``heading_id`` to the next heading."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start : end if end != -1 else None]


def test_document_correction_page(space: Any, registrar: Any) -> None:
    document = make_document(case=make_case(space=space), subject="Fel ämne")
    client = client_for(registrar)
    correct_url = url("document-correct", space, pk=document.case.pk, number=document.number)
    page = client.get(correct_url)
    assert page.status_code == 200 and "Fel ämne" in page.content.decode()
    data = {
        "direction": "incoming",
        "subject": "Rätt ämne",
        "counterpart": document.counterpart,
        "received_on": "2026-03-02",
        "reason": "Skrivfel",
    }
    assert client.post(correct_url, data).status_code == 302
    document.refresh_from_db()
    assert document.subject == "Rätt ämne" and document.number == 1
    history = client.get(document.case.get_absolute_url()).content.decode()
    assert "“Fel ämne” → “Rätt ämne”" in history
    response = client.post(correct_url, {**data, "received_on": "2026-02-30"})
    assert sv("Enter a valid date.") in response.content.decode()


def test_document_marked_as_it_is_registered(space: Any, registrar: Any, make_role_user: Any) -> None:
    case = make_case(space=space)
    response = client_for(registrar).post(
        url("document-create", space, pk=case.pk),
        {
            "direction": "incoming",
            "subject": "Uppgifter om hälsa",
            "counterpart": "Eva Ek",
            "received_on": "2026-03-04",
            "secrecy_provision": "OSL 21 kap. 1 §",
            "masks_subject": "on",
        },
    )
    assert response.status_code == 302
    marking = case.documents.get().secrecy
    assert marking.provision == "OSL 21 kap. 1 §" and marking.masks_subject and marking.marked_by == registrar
    assert marking.authority == space.name
    page = client_for(make_role_user(space, SpaceRole.MEMBER)).get(case.get_absolute_url()).content.decode()
    assert "Eva Ek" not in page and "hälsa" not in page
    # The secretariat registers but is not granted: a masked subject is not matched as a duplicate.
    secretariat = client_for(make_role_user(space, SpaceRole.SECRETARIAT))
    response = secretariat.post(
        url("document-create", space, pk=case.pk),
        {
            "direction": "incoming",
            "subject": "Uppgifter om hälsa",
            "counterpart": "Anonym",
            "received_on": "2026-03-04",
        },
    )
    assert response.status_code == 302 and case.documents.count() == 2


def test_dispatch_form_masks_marked_subject_for_ungranted_officer(
    space: Any, registrar: Any, make_role_user: Any
) -> None:
    from samverka.records.registry.models import Direction

    case = make_case(space=space)
    letter = make_document(
        case=case, direction=Direction.OUTGOING, subject="Beslut om Eva Eks stöd", counterpart="Eva Ek"
    )
    services.secrecy_mark(
        actor=registrar, document=letter, provision="OSL 21 kap. 1 §", authority="MSV", masks_subject=True
    )
    from samverka.records.registry import workflow

    workflow.dispatch_record(actor=registrar, case=case, recipient="Eva Ek", method="post", document=letter)
    secretariat = client_for(make_role_user(space, SpaceRole.SECRETARIAT))
    page = secretariat.get(case.get_absolute_url()).content.decode()
    assert 'name="dispatch-document"' in page  # the officer may dispatch…
    assert "Eva Ek" not in page  # …but sees neither the masked subject nor the recipient


def test_overdue_cases_are_marked_in_the_list(space: Any, registrar: Any) -> None:
    late = make_case(space=space, title="Sen", opened_on=date(2026, 1, 5), deadline=date(2026, 2, 1))
    make_case(space=space, title="I tid", opened_on=date(2026, 1, 5), deadline=date(2099, 1, 1))
    assert late.is_overdue
    with translation.override("sv"):
        expected = gettext("Overdue (deadline %(day)s)") % {"day": "2026-02-01"}
    page = client_for(registrar).get(url("case-list", space)).content.decode()
    assert page.count(expected) == 1


def test_space_menu_links_the_registry_for_insiders_only(space: Any, make_role_user: Any) -> None:
    link = f'href="{url("case-list", space)}"'
    assert link in client_for(make_role_user(space, SpaceRole.MEMBER)).get(space.get_absolute_url()).content.decode()
    assert link not in client_for(make_role_user(space, SpaceRole.GUEST)).get(space.get_absolute_url()).content.decode()


def test_document_type_is_chosen_from_the_retention_schedule(space: Any, registrar: Any) -> None:
    from samverka.records.retention.models import RetentionRule

    RetentionRule.objects.create(
        space=space, code="kallelse", name="Kallelser", action="dispose", years=0, disposal_decision="RA-FS 1991:6"
    )
    RetentionRule.objects.create(space=space, code="beslut", name="Beslut", action="preserve")
    case = make_case(space=space)
    client = client_for(registrar)
    create_url = url("document-create", space, pk=case.pk)
    form = client.get(create_url).content.decode()
    assert '<select name="document_type"' in form
    assert '<option value="kallelse">Kallelser (kallelse)</option>' in form
    assert '<option value="beslut">Beslut (beslut)</option>' in form
    data = {"direction": "incoming", "subject": "Kallelse", "counterpart": "Eva Ek", "received_on": "2026-03-04"}
    # A type outside the schedule is refused beside the field, and nothing is registered; what was typed stays.
    refused = client.post(create_url, {**data, "document_type": "påhittad"})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert 'class="field has-error"' in body and "påhittad" in body
    assert 'value="Kallelse"' in body
    assert not case.documents.exists()
    assert client.post(create_url, {**data, "document_type": "kallelse"}).status_code == 302
    document = case.documents.get()
    assert document.document_type == "kallelse"
    page = client.get(url("document-detail", space, pk=case.pk, number=document.number)).content.decode()
    assert "Kallelser (kallelse)" in page
    # The services refuse it too, whoever calls them.
    with pytest.raises(ValidationError) as error:
        services.document_register(actor=registrar, case=case, direction="internal", subject="X", document_type="x")
    assert "document_type" in error.value.message_dict
    assert case.documents.count() == 1


def test_a_correction_keeps_a_type_no_longer_in_the_schedule_but_refuses_other_unknown_ones(
    space: Any, registrar: Any
) -> None:
    from samverka.records.registry.models import RegisteredDocument
    from samverka.records.retention.models import RetentionRule

    RetentionRule.objects.create(space=space, code="beslut", name="Beslut", action="preserve")
    document = make_document(case=make_case(space=space), subject="Gammal typ")
    RegisteredDocument.objects.filter(pk=document.pk).update(document_type="gammal-kod")  # the rule was removed
    client = client_for(registrar)
    correct_url = url("document-correct", space, pk=document.case.pk, number=document.number)
    page = client.get(correct_url).content.decode()
    assert '<option value="gammal-kod" selected>' in page
    data = {
        "direction": "incoming",
        "subject": "Gammal typ",
        "counterpart": document.counterpart,
        "received_on": "2026-03-02",
        "document_type": "gammal-kod",
        "reason": "Rättat ämne",
    }
    assert client.post(correct_url, {**data, "subject": "Ny rubrik"}).status_code == 302
    document.refresh_from_db()
    assert (document.subject, document.document_type) == ("Ny rubrik", "gammal-kod")
    refused = client.post(correct_url, {**data, "document_type": "annan-kod"})
    assert refused.status_code == 200 and 'class="field has-error"' in refused.content.decode()
    assert client.post(correct_url, {**data, "document_type": "beslut"}).status_code == 302
    document.refresh_from_db()
    assert document.document_type == "beslut"


def _decision(body: Any, year: int, number: int, text: str, decided_on: date) -> Any:
    from django.utils import timezone

    from samverka.collaboration.meetings.models import Decision

    return Decision.objects.create(
        body=body, year=year, number=number, text=text, decided_on=decided_on, opened_at=timezone.now()
    )


def test_decision_picker_lists_the_spaces_decisions_newest_first_and_searches(
    space: Any, other_space: Any, registrar: Any, monkeypatch: Any
) -> None:
    from samverka.records.registry import selectors
    from samverka.testing.factories import make_body

    steering = make_body(space=space, name="Styrgruppen")
    council = make_body(space=space, name="Branschrådet vård")
    old = _decision(steering, 2025, 7, "Styrgruppen fastställer verksamhetsplanen.", date(2025, 11, 3))
    new = _decision(steering, 2026, 3, "Styrgruppen beslutar att lämna rapporten.", date(2026, 3, 10))
    care = _decision(council, 2026, 3, "Rådet antar yttrandet om undersköterskor.", date(2026, 2, 1))
    foreign = _decision(
        make_body(space=other_space, name="Styrgruppen Örebro"), 2026, 1, "Annat rum.", date(2026, 3, 20)
    )
    case = make_case(space=space)
    client = client_for(registrar)

    def options(**params: str) -> list[str]:
        html = client.get(case.get_absolute_url(), params).content.decode()
        select = html[
            html.index('name="decision-decision"') : html.index("</select>", html.index('name="decision-decision"'))
        ]
        return list(re.findall(r'<option value="(\d+)"', select))

    # The space's decisions only, newest first.
    assert options() == [str(new.pk), str(care.pk), str(old.pk)]
    assert str(foreign.pk) not in options()
    # Searchable by number, by number and body, by year, by body and by words of the text.
    assert options(decision_q="2026:3") == [str(new.pk), str(care.pk)]
    assert options(decision_q="Styrgruppen 2026:3") == [str(new.pk)]
    assert options(decision_q="2025") == [str(old.pk)]
    assert options(decision_q="branschrådet") == [str(care.pk)]
    assert options(decision_q="undersköterskor") == [str(care.pk)]
    assert options(decision_q="Örebro") == []
    page = client.get(case.get_absolute_url(), {"decision_q": "Örebro"}).content.decode()
    assert sv("No decision of the space's bodies matches “%(query)s”.") % {"query": "Örebro"} in page
    assert 'value="Örebro"' in page  # the search stays in its box
    from samverka.records.registry import workflow

    for step in (CaseStatus.PREPARATION, CaseStatus.READY):
        workflow.case_set_status(actor=registrar, case=case, status=step)
    # Any decision of the space may be linked (the search only narrows the list); another space's is refused.
    response = client.post(url("case-decide", space, pk=case.pk), {"decision-decision": foreign.pk, "decision-q": ""})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.decision is None
    response = client.post(
        url("case-decide", space, pk=case.pk), {"decision-decision": old.pk, "decision-q": "undersköterskor"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.decision == old
    assert "Styrgruppen 2025:7" in client.get(case.get_absolute_url()).content.decode()
    # The list is capped: the newest, with a word that there are more.
    monkeypatch.setattr(selectors, "MAX_DECISION_CHOICES", 2)
    assert options() == [str(new.pk), str(care.pk)]
    page = client.get(case.get_absolute_url()).content.decode()
    assert "De 2 nyaste matchande besluten visas; sök för att avgränsa." in page
