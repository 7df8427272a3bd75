"""The secrecy rule lives in one place (``registry.secrecy``) and every channel follows it; intake triage
registers and marks a document in one step (issue 12, item 13's point 4)."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from lxml import html

from conftest import give_totp
from samverka.platform.spaces.models import SpaceRole
from samverka.records.intake.tests.factories import make_item
from samverka.records.registry import secrecy, services
from samverka.records.registry.models import (
    DocumentFile,
    RegisteredDocument,
    SearchAudience,
    SearchEntry,
    SecrecyMarking,
)
from samverka.records.registry.testing import make_case, make_document, pdf_upload

SENDER = "Karin Hemlig"
SUBJECT = "Läkarintyg för Karin"


def client_for(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        if user.space_memberships.filter(role__in=[SpaceRole.ADMIN, SpaceRole.REGISTRAR]).exists():
            give_totp(user)
        client.force_login(user)
    return client


def channels(space: Any, document: Any, user: Any) -> dict[str, str]:
    """What ``user`` (None: anonymous) is shown of ``document`` through every channel that lists it."""
    case = document.case
    client = client_for(user)
    pages = {
        "public diary": client.get(reverse("intake:diary", kwargs={"space": space.slug})),
        "public diary search": client.get(reverse("intake:diary", kwargs={"space": space.slug}), {"q": "karin"}),
        "public diary row": client.get(reverse("intake:copy-request", kwargs={"space": space.slug, "pk": document.pk})),
        "global search": client.get(reverse("search:search"), {"q": "karin"}),
        "api diary": client.get("/api/v1/diary/", {"space": space.slug}),
    }
    if user is not None:
        pages.update(
            {
                "case list": client.get(reverse("registry:case-list", kwargs={"space": space.slug})),
                "case list search": client.get(
                    reverse("registry:case-list", kwargs={"space": space.slug}), {"q": "karin"}
                ),
                "case page": client.get(case.get_absolute_url()),
                "registry search": client.get(
                    reverse("registry:search", kwargs={"space": space.slug}), {"q": "karin läkarintyg"}
                ),
                "api documents": client.get("/api/v1/documents/", {"case": case.pk}),
                "api search": client.get("/api/v1/documents/", {"space": space.slug, "q": "Karin"}),
            }
        )
    return {name: response.content.decode() for name, response in pages.items()}


def test_triage_marks_the_document_as_it_is_registered(space: Any, make_role_user: Any) -> None:
    registrar = make_role_user(space, SpaceRole.REGISTRAR)
    case = make_case(space=space, title="Ärende om stöd till individ")
    item = make_item(space, sender_name=SENDER, subject=SUBJECT)
    response = client_for(registrar).post(
        reverse("intake:item-assign-case", kwargs={"space": space.slug, "pk": item.pk}),
        {"case-reference": case.reference, "case-secrecy_provision": "OSL 21 kap. 1 §", "case-masks_subject": "on"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    document = item.document
    marking = SecrecyMarking.objects.get(document=document)
    assert (marking.provision, marking.authority, marking.marked_by) == ("OSL 21 kap. 1 §", space.name, registrar)
    assert marking.masks_counterpart and marking.masks_subject
    # Never searchable unmarked: the document has only the masked and the granted entries.
    audiences = set(SearchEntry.objects.filter(document=document).values_list("audience", flat=True))
    assert audiences == {SearchAudience.MASKED, SearchAudience.GRANTED}
    # Neither the public nor a member without the grant sees the sender or the subject anywhere …
    for user in (None, make_role_user(space, SpaceRole.MEMBER)):
        for name, page in channels(space, document, user).items():
            assert SENDER not in page and SUBJECT not in page, (name, user)
    # … the registrar (granted) does.
    granted = channels(space, document, registrar)
    assert SENDER in granted["case page"] and SUBJECT in granted["registry search"]
    assert SENDER in granted["api documents"]


def test_triage_without_a_provision_registers_unmarked_and_a_bad_case_changes_nothing(
    space: Any, make_role_user: Any
) -> None:
    registrar = make_role_user(space, SpaceRole.REGISTRAR)
    item = make_item(space, sender_name=SENDER, subject=SUBJECT)
    url = reverse("intake:item-assign-case", kwargs={"space": space.slug, "pk": item.pk})
    client = client_for(registrar)
    refused = client.post(url, {"case-reference": "MSV 1999/0001", "case-secrecy_provision": "OSL 21 kap. 1 §"})
    assert refused.status_code == 400
    assert 'value="OSL 21 kap. 1 §"' in refused.content.decode()  # what was typed stays
    assert not SecrecyMarking.objects.exists()
    case = make_case(space=space)
    assert client.post(url, {"case-reference": case.reference}).status_code == 302
    item.refresh_from_db()
    assert not SecrecyMarking.objects.filter(document=item.document).exists()


def test_every_channel_follows_the_one_rule(space: Any, make_role_user: Any, monkeypatch: Any) -> None:
    """Change the rule in registry.secrecy (hide the subject under every marking, even one that does not
    ask for it) and every channel follows: none of them keeps a rule of its own."""
    registrar = make_role_user(space, SpaceRole.REGISTRAR)
    member = make_role_user(space, SpaceRole.MEMBER)
    case = make_case(space=space, title="Ärende om stöd")
    document = make_document(case=case, subject=SUBJECT, counterpart="Anna Andersson")
    services.secrecy_mark(
        actor=registrar, document=document, provision="OSL 21 kap. 1 §", authority="MSV", masks_subject=False
    )
    # As the marking says: the subject is shown, the sender is not.
    for user in (None, member):
        for name, page in channels(space, document, user).items():
            if name == "case list":  # lists cases, not documents
                continue
            if name == "case list search":  # finds the case by the document's subject
                assert case.reference in page, (name, user)
            else:
                assert SUBJECT in page, (name, user)  # every channel lists the document …
            assert "Andersson" not in page, (name, user)  # … without the sender

    monkeypatch.setitem(secrecy._HIDES, secrecy.SUBJECT, None)  # the rule now always hides the subject
    from samverka.records.registry import search

    search.reindex_case(case)
    for user in (None, member):
        for name, page in channels(space, document, user).items():
            assert SUBJECT not in page, (name, user)
    assert case.reference not in channels(space, document, member)["case list search"]  # no match through it
    # The API's document says what the rule says, in both directions.
    data = json.loads(channels(space, document, member)["api documents"])
    row = next(r for r in data.get("results", data) if r["id"] == document.pk)
    assert row["subject"] == secrecy.MASK and row["counterpart"] == secrecy.MASK and row["files"] == []
    assert SUBJECT in channels(space, document, registrar)["api documents"]


@pytest.mark.parametrize(
    ("masks_counterpart", "masks_subject", "lifted", "expected"),
    [
        (True, False, False, {"files", "counterpart"}),
        (True, True, False, {"files", "counterpart", "subject"}),
        (False, False, False, {"files"}),
        (True, True, True, set()),
    ],
)
def test_what_a_marking_hides(
    space: Any,
    registrar: Any,
    masks_counterpart: bool,
    masks_subject: bool,
    lifted: bool,
    expected: set[str],
) -> None:
    document = make_document(case=make_case(space=space), subject=SUBJECT, counterpart=SENDER)
    services.secrecy_mark(
        actor=registrar,
        document=document,
        provision="OSL 21 kap. 1 §",
        authority="MSV",
        masks_counterpart=masks_counterpart,
        masks_subject=masks_subject,
    )
    if lifted:
        services.secrecy_lift(actor=registrar, document=document)
    document.refresh_from_db()
    assert secrecy.hidden_fields(document) == expected
    assert secrecy.hidden_for(document, granted=True) == frozenset()
    subject = secrecy.shown(document, secrecy.SUBJECT, document.subject, granted=False)
    assert subject == (secrecy.MASK if "subject" in expected else SUBJECT)
    assert secrecy.is_marked(document) is not lifted


@pytest.mark.parametrize(
    ("marking", "field"),
    [
        (services.Marking(provision="   ", authority="MSV"), "provision"),
        (services.Marking(provision="OSL 21 kap. 1 §", authority=""), "authority"),
        (services.Marking(provision="OSL 21 kap. 1 §", authority="MSV", marked_on=date(2999, 1, 1)), "marked_on"),
    ],
)
def test_registering_with_a_bad_marking_writes_nothing(
    space: Any, registrar: Any, settings: Any, marking: services.Marking, field: str
) -> None:
    """Register-and-mark is all or nothing: a marking that cannot be made leaves no registration, no number
    taken, no search entry and no stored file."""
    case = make_case(space=space)
    with pytest.raises(ValidationError) as refused:
        services.document_register_and_mark(
            actor=registrar,
            case=case,
            marking=marking,
            direction="incoming",
            subject=SUBJECT,
            counterpart=SENDER,
            files=[pdf_upload("intyg.pdf")],
        )
    assert field in refused.value.message_dict
    assert not RegisteredDocument.objects.exists() and not DocumentFile.objects.exists()
    assert not SecrecyMarking.objects.exists() and not SearchEntry.objects.filter(document__isnull=False).exists()
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    document = services.document_register_and_mark(
        actor=registrar,
        case=case,
        marking=services.Marking(provision="OSL 21 kap. 1 §", authority="MSV"),
        direction="incoming",
        subject=SUBJECT,
        counterpart=SENDER,
    )
    assert document.number == 1 and secrecy.hidden_fields(document) == {secrecy.FILES, secrecy.COUNTERPART}


@pytest.mark.parametrize("masks_counterpart", [True, False])
def test_a_dispatch_recipient_follows_the_rule_like_the_document_row(
    space: Any, make_role_user: Any, masks_counterpart: bool
) -> None:
    """The case page's dispatch list shows the sent document's recipient exactly as the document's row does:
    masked for the ungranted when the marking masks the counterpart, shown when it does not."""
    from samverka.records.registry import workflow

    registrar = make_role_user(space, SpaceRole.REGISTRAR)
    member = make_role_user(space, SpaceRole.MEMBER)
    case = make_case(space=space)
    letter = make_document(case=case, direction="outgoing", subject="Svar", counterpart="Karin Hemlig")
    services.secrecy_mark(
        actor=registrar,
        document=letter,
        provision="OSL 21 kap. 1 §",
        authority="MSV",
        masks_counterpart=masks_counterpart,
    )
    workflow.dispatch_record(actor=registrar, case=case, recipient="Karin Hemlig", method="post", document=letter)

    def dispatches(user: Any) -> str:
        page = html.fromstring(client_for(user).get(case.get_absolute_url()).content)
        [section] = page.xpath('//section[@aria-labelledby="dispatch-heading"]')
        return " ".join(section.text_content().split())

    shown_to_member = dispatches(member)
    assert ("Karin Hemlig" in shown_to_member) is not masks_counterpart
    assert (secrecy.MASK in shown_to_member) is masks_counterpart
    assert "Karin Hemlig" in dispatches(registrar)
