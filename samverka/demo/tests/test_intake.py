"""The intake demo: messages in the triage queue, two triaged, one copy request; skips what is missing."""

import pytest

from samverka.demo.accounts import NATIONAL_SLUG
from samverka.demo.intake import MESSAGES, REGISTRAR_EMAIL, load_intake
from samverka.records.intake.models import CopyRequest, IncomingItem, ItemStatus
from samverka.records.registry.testing import make_case, make_document
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = pytest.mark.django_db


def national():
    return make_space(slug=NATIONAL_SLUG, name="MSV KLL", kind="national", county_id=None)


def test_without_the_national_space_the_demo_does_nothing():
    assert load_intake() == 0
    assert not IncomingItem.objects.exists()


def test_without_the_registry_demo_the_messages_wait_in_the_queue():
    national()
    assert load_intake() == len(MESSAGES)
    assert set(IncomingItem.objects.values_list("status", flat=True)) == {ItemStatus.TRIAGE}
    assert not CopyRequest.objects.exists()


def test_with_cases_one_item_is_registered_one_handed_over_and_one_copy_requested():
    space = national()
    make_user(email=REGISTRAR_EMAIL, role_in=space, role="registrar")
    case = make_case(space=space, title="Regeringsuppdrag om kompetensförsörjning")
    make_document(case=case)
    make_body(space=space, name="Branschråd vård och omsorg")

    load_intake()

    assert IncomingItem.objects.filter(status=ItemStatus.ASSIGNED, case=case, document__isnull=False).count() == 1
    assert IncomingItem.objects.filter(status=ItemStatus.ASSIGNED, body__isnull=False).count() == 1
    assert IncomingItem.objects.filter(status=ItemStatus.TRIAGE).count() == len(MESSAGES) - 2
    request = CopyRequest.objects.get()
    assert request.case.case_type == "document_request"
    assert load_intake() == 0  # not loaded twice
