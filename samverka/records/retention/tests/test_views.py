"""Retention pages: registrars and admins only (others 403, other spaces' objects 404), the rule forms,
the run workflow through the pages, and the archive download."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from conftest import give_totp
from samverka.records.registry.models import EventKind
from samverka.records.retention import services
from samverka.records.retention.models import ArchiveDelivery, DisposalLogEntry, RetentionRule, RunStatus
from samverka.records.retention.tests.factories import make_case, make_document, make_rule
from samverka.testing.factories import make_space, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    registrar = make_user(role_in=space, role="registrar")
    admin = make_user(role_in=space, role="admin")
    give_totp(registrar)
    give_totp(admin)
    rule = make_rule(space, "kallelse", years=2)
    case = make_case(space, registrar)
    make_document(case, registrar)
    return {"space": space, "registrar": registrar, "admin": admin, "rule": rule, "case": case}


def sv(text):
    with translation.override("sv"):
        return gettext(text)


def url(name, space, **kwargs):
    return reverse(f"retention:{name}", kwargs={"space": space.slug, **kwargs})


@pytest.mark.parametrize("role", ["secretariat", "member", "analyst", "guest"])
def test_other_roles_are_refused(client, world, role):
    space = world["space"]
    run = services.run_propose(actor=world["registrar"], space=space)
    client.force_login(make_user(role_in=space, role=role))
    for name, kwargs in (
        ("home", {}),
        ("log", {}),
        ("export", {}),
        ("deliveries", {}),
        ("rule-create", {}),
        ("run-propose", {}),
        ("run-detail", {"pk": run.pk}),
        ("rule-update", {"pk": world["rule"].pk}),
    ):
        assert client.get(url(name, space, **kwargs)).status_code == 403, name
    assert client.post(url("run-cancel", space, pk=run.pk)).status_code == 403
    assert client.post(url("export", space), {"cases": [world["case"].pk]}).status_code == 403


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(url("home", world["space"]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_registrar_of_another_space_gets_404_for_its_runs_and_403_for_its_pages(client, world):
    run = services.run_propose(actor=world["registrar"], space=world["space"])
    other = make_space()
    outsider = make_user(role_in=other, role="registrar")
    give_totp(outsider)
    client.force_login(outsider)
    assert client.get(url("run-detail", other, pk=run.pk)).status_code == 404
    assert client.get(url("rule-update", other, pk=world["rule"].pk)).status_code == 404
    assert client.get(url("home", world["space"])).status_code == 403


def test_registrar_adds_a_rule_and_sees_errors_for_a_disposal_without_decision(client, world):
    space = world["space"]
    client.force_login(world["registrar"])
    response = client.post(
        url("rule-create", space), {"code": "protokoll", "name": "Protokoll", "action": "dispose", "years": "10"}
    )
    assert response.status_code == 200
    with translation.override("sv"):
        expected = gettext("Disposal needs a disposal decision to cite.")
    assert expected in response.content.decode()
    response = client.post(
        url("rule-create", space),
        {
            "code": "protokoll",
            "name": "Protokoll",
            "action": "dispose",
            "years": "10",
            "disposal_decision": "Eget 2024:1",
        },
    )
    assert response.status_code == 302
    assert RetentionRule.objects.get(space=space, code="protokoll").disposal_decision == "Eget 2024:1"
    page = client.get(url("home", space)).content.decode()
    assert "Eget 2024:1" in page and "RA-MS 2021:3" in page


def test_the_whole_run_through_the_pages(client, world):
    space, registrar, admin = world["space"], world["registrar"], world["admin"]
    client.force_login(registrar)
    page = client.get(url("run-propose", space)).content.decode()
    assert world["case"].documents.get().reference in page
    response = client.post(url("run-propose", space), {"note": "Årlig gallring"})
    run = space.disposal_runs.get()
    assert response["Location"] == run.get_absolute_url()

    client.post(url("run-approve", space, pk=run.pk), follow=True)  # the proposer cannot approve
    run.refresh_from_db()
    assert run.status == RunStatus.PROPOSED

    client.force_login(admin)
    client.post(url("run-approve", space, pk=run.pk))
    response = client.post(url("run-execute", space, pk=run.pk), follow=True)
    run.refresh_from_db()
    assert run.status == RunStatus.EXECUTED
    entry = DisposalLogEntry.objects.get()
    assert entry.document_reference in response.content.decode()
    assert entry.document_reference in client.get(url("log", space)).content.decode()
    assert entry.document_reference in client.get(url("log", space) + f"?run={run.pk}").content.decode()
    assert entry.document_reference not in client.get(url("log", space) + f"?run={run.pk + 1}").content.decode()


def test_the_export_page_downloads_a_zip_and_refuses_an_open_case(client, world):
    space, registrar = world["space"], world["registrar"]
    open_case = make_case(space, registrar, closed_on=None)
    client.force_login(registrar)
    page = client.get(url("export", space)).content.decode()
    assert world["case"].reference in page and open_case.reference not in page

    response = client.post(url("export", space), {"cases": [world["case"].pk]})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "arkiv.xml" in archive.namelist()

    response = client.post(url("export", space), {"cases": [open_case.pk]})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert open_case.reference in response.content.decode()
    assert client.post(url("export", space), {"cases": ["x"]}).status_code == 400


def test_an_exported_package_is_a_delivery_with_its_checksum_in_the_log(client, world):
    space, registrar = world["space"], world["registrar"]
    first, second = world["case"], make_case(space, registrar, title="Remiss om validering")
    never = make_case(space, registrar, title="Ännu inte levererat")
    client.force_login(registrar)
    client.cookies["django_language"] = "sv"
    page = client.get(url("export", space)).content.decode()
    assert page.count(sv("Not yet")) == 3

    response = client.post(url("export", space), {"cases": [first.pk, second.pk]})
    assert response.status_code == 200
    package = b"".join(response.streaming_content)
    delivery = ArchiveDelivery.objects.get()
    # Who, when, which cases and the package's checksum, which is the checksum of what was downloaded.
    assert delivery.delivered_by == registrar and delivery.space == space
    assert delivery.sha256 == hashlib.sha256(package).hexdigest() and delivery.size == len(package)
    assert delivery.filename in response["Content-Disposition"]
    assert set(delivery.cases.values_list("case_reference", flat=True)) == {first.reference, second.reference}
    assert delivery.case_count == 2

    # The export page tells what was delivered, marks the two cases delivered with a link to the delivery, and
    # not the third.
    page = client.get(url("export", space)).content.decode()
    message = sv("%(count)d cases were delivered to the archive in %(file)s (SHA-256 %(sha256)s).") % {
        "count": 2,
        "file": delivery.filename,
        "sha256": delivery.sha256,
    }
    assert message in page
    assert page.count(sv("Not yet")) == 1
    assert page.count(url("delivery-detail", space, pk=delivery.pk)) == 2
    # The log and the delivery's page.
    log = client.get(url("deliveries", space)).content.decode()
    assert delivery.sha256 in log and delivery.filename in log and str(registrar) in log
    detail = client.get(url("delivery-detail", space, pk=delivery.pk)).content.decode()
    assert first.reference in detail and second.reference in detail and never.reference not in detail
    assert delivery.sha256 in detail
    # Each case's history says it went to the archive, in which package.
    for case in (first, second):
        event = case.events.get(kind=EventKind.ARCHIVED)
        assert event.by == registrar and delivery.filename in event.text and delivery.sha256 in event.text
    assert not never.events.filter(kind=EventKind.ARCHIVED).exists()
    # The log is never changed nor deleted.
    with pytest.raises(ValidationError):
        delivery.save()
    with pytest.raises(ValidationError):
        delivery.delete()


def test_a_refused_export_records_no_delivery(client, world):
    space, registrar = world["space"], world["registrar"]
    open_case = make_case(space, registrar, closed_on=None)
    client.force_login(registrar)
    assert client.post(url("export", space), {"cases": [world["case"].pk, open_case.pk]}).status_code == 400
    assert not ArchiveDelivery.objects.exists()
    assert not world["case"].events.filter(kind=EventKind.ARCHIVED).exists()
    other = make_space(slug="orebro", name="Region Örebro")
    make_user(role_in=other, role="registrar")
    assert client.get(url("delivery-detail", space, pk=999)).status_code == 404


def test_legal_hold_pages(client, world):
    space, case = world["space"], world["case"]
    client.force_login(make_user(role_in=space, role="secretariat"))
    assert client.get(url("legal-holds", space)).status_code == 403
    assert client.post(url("legal-hold-lift", space, pk=case.pk), {"reason": "x"}).status_code == 403

    client.force_login(world["registrar"])
    response = client.post(url("legal-holds", space), {"reference": "MSV 1999/0001", "reason": "Revision"})
    with translation.override("sv"):
        expected = gettext("There is no case with that number in this space.")
    assert expected in response.content.decode()
    response = client.post(url("legal-holds", space), {"reference": case.reference.lower(), "reason": "Revision"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.legal_hold
    assert f'id="hold-{case.pk}"' in client.get(url("legal-holds", space)).content.decode()

    client.post(url("legal-hold-lift", space, pk=case.pk), {"reason": ""})  # a reason is needed
    case.refresh_from_db()
    assert case.legal_hold
    client.post(url("legal-hold-lift", space, pk=case.pk), {"reason": "Revisionen klar"})
    case.refresh_from_db()
    assert not case.legal_hold

    other = make_space()
    outsider = make_user(role_in=other, role="registrar")
    give_totp(outsider)
    client.force_login(outsider)
    assert client.post(url("legal-hold-lift", other, pk=case.pk), {"reason": "x"}).status_code == 404
