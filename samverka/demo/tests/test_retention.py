"""The retention demo: MSV KLL's schedule and one executed disposal run with a disposal log."""

import pytest

from samverka.demo.accounts import NATIONAL_SLUG
from samverka.demo.retention import OWN_DECISION, load_retention
from samverka.records.registry.models import RegisteredDocument, RegistrationSeries
from samverka.records.retention.models import DisposalLogEntry, DisposalRun, RetentionRule, RunStatus
from samverka.testing.factories import make_space, make_user

pytestmark = pytest.mark.django_db


def test_demo_schedule_and_one_executed_run():
    national = make_space(slug=NATIONAL_SLUG, name="MSV KLL", kind="national", county_id=None)
    make_user(email="registrator@msv.example", role_in=national, role="registrar")
    make_user(email="admin@samverka.example", is_superuser=True, is_staff=True)
    RegistrationSeries.objects.create(space=national, code="MSV", name="Myndighetssamverkan")

    load_retention()
    load_retention()  # loading again adds nothing

    assert RetentionRule.objects.filter(space=national, action="preserve").count() == 5
    run = DisposalRun.objects.get(space=national)
    assert run.status == RunStatus.EXECUTED and run.created_by != run.approved_by
    assert DisposalLogEntry.objects.filter(run=run).count() == 3
    assert DisposalLogEntry.objects.filter(disposal_decision=OWN_DECISION).count() == 2
    registrations = RegisteredDocument.objects.filter(document_type="anmalan")
    assert all(d.counterpart == "" and d.personal_data_removed_at for d in registrations)


def test_demo_skips_without_the_registry():
    national = make_space(slug=NATIONAL_SLUG, name="MSV KLL", kind="national", county_id=None)
    make_user(email="registrator@msv.example", role_in=national, role="registrar")
    make_user(email="admin@samverka.example", is_superuser=True, is_staff=True)
    load_retention()  # no series: the schedule only
    assert RetentionRule.objects.filter(space=national).count() == 8
    assert not DisposalRun.objects.exists()


def test_demo_disposes_of_the_registry_demos_documents_of_temporary_importance():
    from samverka.demo.registry import load_registry

    national = make_space(slug=NATIONAL_SLUG, name="MSV KLL", kind="national", county_id=None)
    make_user(email="registrator@msv.example", role_in=national, role="registrar")
    make_user(email="admin@samverka.example", is_superuser=True, is_staff=True)
    load_registry()
    due = {
        d.pk
        for d in RegisteredDocument.objects.filter(document_type__in=["kallelse", "anmalan"], case__status="closed")
    }
    assert due

    load_retention()

    run = DisposalRun.objects.get(space=national, status=RunStatus.EXECUTED)
    assert {entry.document_id for entry in run.log_entries.all()} == due
    assert (
        RegisteredDocument.objects.filter(document_type="beslut", personal_data_removed_at__isnull=False).count() == 0
    )
