"""Triage registers an incoming item and marks it secret in one step (``registry.services.
document_register_and_mark``): a document triaged with a marking is never shown unmasked — not in the
public diary, its search, nor the API — and a bad marking is refused beside its field with nothing written."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from lxml import html

from conftest import give_totp
from samverka.platform.spaces.models import SpaceRole
from samverka.records.intake import services
from samverka.records.intake.models import IncomingItem, ItemStatus
from samverka.records.registry.models import DocumentFile, RegisteredDocument, SecrecyMarking
from samverka.records.registry.secrecy import MASK
from samverka.records.registry.testing import make_case, pdf_upload

pytestmark = pytest.mark.django_db

SENDER = "Hemliga Hilda Hansson"
SUBJECT = "Uppgifter om Hildas hälsa"
MUST_CITE = (
    "Cite the provision the document is secret under, e.g. OSL 21 kap. 7 §, or untick "
    "“Mask the subject as well” to register the document unmarked."
)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def swedish(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def logged_in(user: Any) -> Client:
    client = Client()
    if user.space_memberships.filter(role__in=[SpaceRole.ADMIN, SpaceRole.REGISTRAR]).exists():
        give_totp(user)
    client.force_login(user)
    return client


def incoming(space: Any) -> IncomingItem:
    """A message from a private person, with an attachment, waiting for triage."""
    return services.contact_receive(
        space=space,
        name=SENDER,
        email="hilda@example.se",
        subject=SUBJECT,
        text="Här är mitt läkarintyg.",
        uploads=[pdf_upload("Läkarintyg.pdf")],
    )


def assign_url(space: Any, item: IncomingItem) -> str:
    return reverse("intake:item-assign-case", kwargs={"space": space.slug, "pk": item.pk})


def field_errors(page: str, name: str) -> str:
    """The text of the field block (label, input, errors) of the form field ``name``."""
    tree = html.fromstring(page)
    [block] = tree.xpath(f'//div[contains(@class, "field")][.//*[@name="{name}"]]')
    assert "has-error" in block.get("class")
    return " ".join(block.text_content().split())


def test_the_triage_form_offers_the_marking_empty(space: Any, make_role_user: Any) -> None:
    registrar = make_role_user(space, SpaceRole.REGISTRAR)
    item = incoming(space)
    page = logged_in(registrar).get(item.get_absolute_url()).content.decode()
    tree = html.fromstring(page)
    [provision] = tree.xpath('//input[@name="case-secrecy_provision"]')
    [masks_subject] = tree.xpath('//input[@name="case-masks_subject"]')
    assert provision.get("value") in (None, "") and masks_subject.get("checked") is None
    # Labelled, and in the order a registrar fills them in: the case, then the marking.
    names = [e.get("name") for e in tree.xpath('//form[contains(@action, "/case/")]//input[@name]')]
    assert names.index("case-reference") < names.index("case-secrecy_provision") < names.index("case-masks_subject")
    assert tree.xpath('//label[@for="id_case-secrecy_provision"]')


def test_a_document_triaged_with_a_marking_is_never_shown_unmasked(space: Any, make_role_user: Any) -> None:
    registrar = make_role_user(space, SpaceRole.REGISTRAR)
    member = make_role_user(space, SpaceRole.MEMBER)
    case = make_case(space=space, title="Ärende om stöd till en enskild")
    item = incoming(space)
    response = logged_in(registrar).post(
        assign_url(space, item),
        {"case-reference": case.reference, "case-secrecy_provision": "OSL 21 kap. 1 §", "case-masks_subject": "on"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    document = item.document
    assert document is not None and document.files.count() == 1
    marking = SecrecyMarking.objects.get(document=document)
    assert marking.masks_counterpart and marking.masks_subject and marking.marked_by == registrar

    anonymous = Client()
    diary = reverse("intake:diary", kwargs={"space": space.slug})
    public = {
        "public diary": anonymous.get(diary),
        "public diary, searched by the sender": anonymous.get(diary, {"q": "Hilda"}),
        "public diary, searched by its number": anonymous.get(diary, {"q": document.reference}),
        "api diary": anonymous.get("/api/v1/diary/", {"space": space.slug}),
        "api diary, searched": anonymous.get("/api/v1/diary/", {"space": space.slug, "q": document.reference}),
    }
    for name, page in public.items():
        text = page.content.decode()
        assert page.status_code == 200, name
        assert SENDER not in text and SUBJECT not in text and "Hildas" not in text, name
    assert document.reference in public["public diary"].content.decode()
    assert MASK in public["public diary"].content.decode()
    assert document.reference not in public["public diary, searched by the sender"].content.decode()  # no match

    rows = json.loads(public["api diary, searched"].content)
    [row] = rows.get("results", rows)
    assert (row["counterpart"], row["subject"], row["is_marked"]) == (MASK, MASK, True)

    # Inside the space: a member without the grant sees it masked, without its file; the registrar sees it all.
    for user, masked in ((member, True), (registrar, False)):
        data = json.loads(logged_in(user).get("/api/v1/documents/", {"case": case.pk}).content)
        [api_row] = [r for r in data.get("results", data) if r["id"] == document.pk]
        if masked:
            assert (api_row["counterpart"], api_row["subject"], api_row["files"]) == (MASK, MASK, [])
        else:
            assert api_row["counterpart"].startswith(SENDER) and api_row["subject"] == SUBJECT
            assert [f["name"] for f in api_row["files"]] == ["Läkarintyg.pdf"]


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"case-masks_subject": "on"}, "case-secrecy_provision", swedish(MUST_CITE)),
        ({"case-secrecy_provision": "OSL " + "21 kap. 7 § " * 12}, "case-secrecy_provision", "som mest 120 tecken"),
    ],
    ids=["subject masked without a provision", "provision too long"],
)
def test_a_bad_marking_is_refused_beside_its_field_and_nothing_is_written(
    space: Any, make_role_user: Any, media: Path, posted: dict[str, str], field: str, message: str
) -> None:
    registrar = make_role_user(space, SpaceRole.REGISTRAR)
    case = make_case(space=space)
    item = incoming(space)
    files_before = sorted(p for p in media.rglob("*") if p.is_file())

    client = logged_in(registrar)
    client.cookies["django_language"] = "sv"
    refused = client.post(assign_url(space, item), {"case-reference": case.reference, **posted})

    assert refused.status_code == 400
    page = refused.content.decode()
    assert message != MUST_CITE  # in Swedish
    assert message in field_errors(page, field)
    # What was typed stays.
    assert f'value="{case.reference}"' in page
    # Nothing was written: the item still waits, no document, marking or file, no file on disk.
    item.refresh_from_db()
    assert item.status == ItemStatus.TRIAGE and item.document is None
    assert not RegisteredDocument.objects.filter(case=case).exists()
    assert not SecrecyMarking.objects.exists() and not DocumentFile.objects.exists()
    assert sorted(p for p in media.rglob("*") if p.is_file()) == files_before


def test_once_registered_marked_the_item_follows_the_rule_in_the_triage_queue(space: Any, make_role_user: Any) -> None:
    """The secretariat triages (reads what came in) but has no secrecy grant: once the item is registered as a
    marked document, the queue and the item's page show it as the document is shown to them — masked."""
    registrar = make_role_user(space, SpaceRole.REGISTRAR)
    secretariat = make_role_user(space, SpaceRole.SECRETARIAT)
    case = make_case(space=space)
    item = incoming(space)
    attachment = item.attachments.get()
    download = reverse(
        "intake:attachment-download", kwargs={"space": space.slug, "pk": item.pk, "attachment": attachment.pk}
    )
    queue = reverse("intake:triage-list", kwargs={"space": space.slug})
    before = logged_in(secretariat)
    assert SENDER in before.get(item.get_absolute_url()).content.decode()  # to triage, it must be read
    assert before.get(download).status_code == 200

    logged_in(registrar).post(
        assign_url(space, item),
        {"case-reference": case.reference, "case-secrecy_provision": "OSL 21 kap. 1 §", "case-masks_subject": "on"},
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.ASSIGNED

    client = logged_in(secretariat)
    for page in (client.get(item.get_absolute_url()), client.get(queue, {"status": ItemStatus.ASSIGNED})):
        text = page.content.decode()
        assert page.status_code == 200 and MASK in text
        assert SENDER not in text and SUBJECT not in text and "läkarintyg" not in text.lower()
        assert "hilda@example.se" not in text
    assert client.get(download).status_code == 404
    # The registrar has the grant: everything, as on the document's page.
    granted = logged_in(registrar)
    assert SENDER in granted.get(item.get_absolute_url()).content.decode()
    assert granted.get(download).status_code == 200
