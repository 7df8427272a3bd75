import pytest

from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.demo.registry import load_registry
from samverka.records.registry.models import Case, CaseStatus, Direction, Dispatch, RegisteredDocument, SecrecyMarking
from samverka.testing import factories

pytestmark = pytest.mark.django_db


def test_demo_gives_both_spaces_a_year_of_cases() -> None:
    national = factories.make_space(slug=NATIONAL_SLUG, kind="national", county_id=None)
    sormland = factories.make_space(slug=SORMLAND_SLUG, county_id="04")
    factories.make_user(email="registrator@msv.example", role_in=national, role="registrar")
    factories.make_user(email="samordnare@sormland.example", role_in=sormland, role="admin")
    made = load_registry()
    assert made == Case.objects.count() and made > 15
    for space in (national, sormland):
        documents = RegisteredDocument.objects.filter(case__space=space)
        assert documents.filter(direction=Direction.INCOMING).exists()
        assert documents.filter(direction=Direction.OUTGOING).exists()
        assert SecrecyMarking.objects.filter(document__case__space=space).exists()
        assert Case.objects.filter(space=space, status=CaseStatus.CLOSED).exists()
    dispatch = Dispatch.objects.get(case__space=national)
    assert dispatch.recipient.startswith("Regeringskansliet") and dispatch.case.status == CaseStatus.DISPATCHED
    assert load_registry() == 0  # a space that has cases is left alone


def test_demo_skips_without_spaces() -> None:
    assert load_registry() == 0
