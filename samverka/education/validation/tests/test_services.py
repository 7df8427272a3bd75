"""The validation services: what they accept, what they refuse (with the message beside the field), and that a
refusal writes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samverka.education.validation import services
from samverka.education.validation.models import ValidationOffer, ValidationOutcome, ValidationParticipant
from samverka.education.validation.tests.conftest import COUNTS, make_outcome
from samverka.platform.core.models import Municipality

pytestmark = pytest.mark.django_db


def test_an_offer_keeps_its_occupations_and_is_found_by_their_names(world):
    offer = ValidationOffer.objects.get(pk=world.published.pk)
    assert offer.ssyk_codes == ["5321"]
    assert "undersköterskor" in offer.search_text  # SSYK's name of 5321


def test_unknown_ssyk_and_sun_codes_are_refused_beside_their_fields(world):
    with pytest.raises(ValidationError) as caught:
        services.offer_create(
            space=world.space,
            actor=world.admin,
            data=services.OfferData(title="X", kind="other", ssyk_codes=["5321", "9999"], sun_field="zzz"),
        )
    assert "9999" in str(caught.value.message_dict["ssyk_codes"])
    assert "sun_field" in caught.value.message_dict
    assert not ValidationOffer.objects.filter(title="X").exists()


def test_a_municipality_outside_the_county_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.offer_update(
            offer=world.published,
            actor=world.admin,
            data=services.OfferData(municipality=Municipality.objects.get(code="1880")),
        )
    assert "municipality" in caught.value.message_dict
    world.published.refresh_from_db()
    assert world.published.municipality_id == "0484"


def test_a_municipal_editor_changes_offers_of_their_municipality_only(world):
    services.offer_update(offer=world.published, actor=world.editor, data=services.OfferData(cost="Gratis"))
    assert ValidationOffer.objects.get(pk=world.published.pk).cost == "Gratis"
    with pytest.raises(PermissionDenied):
        services.offer_update(offer=world.katrineholm, actor=world.editor, data=services.OfferData(cost="Gratis"))
    assert ValidationOffer.objects.get(pk=world.katrineholm.pk).cost == ""
    # Nor may they move their own offer to another municipality, or add one there.
    with pytest.raises(ValidationError):
        services.offer_update(
            offer=world.published,
            actor=world.editor,
            data=services.OfferData(municipality=Municipality.objects.get(code="0483")),
        )
    with pytest.raises(ValidationError):
        services.offer_create(
            space=world.space,
            actor=world.editor,
            data=services.OfferData(title="Ny", kind="other", municipality=Municipality.objects.get(code="0483")),
        )
    assert ValidationOffer.objects.get(pk=world.published.pk).municipality_id == "0484"
    assert not ValidationOffer.objects.filter(title="Ny").exists()


def test_members_without_a_role_for_it_cannot_write(world):
    for person in (world.member, world.guest, world.outsider):
        with pytest.raises(PermissionDenied):
            services.offer_create(space=world.space, actor=person, data=services.OfferData(title="Y", kind="other"))
    for person in (world.member, world.editor, world.outsider):
        with pytest.raises(PermissionDenied):
            services.outcome_create(space=world.space, actor=person, data=services.OutcomeData(year=2024))
    assert not ValidationOffer.objects.filter(title="Y").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"started_women": -1}, "started_women"),
        ({"completed_men": 4}, "completed_men"),  # 3 started
        ({"reached_mapping": 20}, "reached_mapping"),  # steps add up to more than the 15 who started
        ({"followup_other": 9}, "followup_work"),
        ({"ssyk_code": "532"}, "ssyk_code"),
        ({"ssyk_code": "", "industry_model": ""}, "ssyk_code"),
        ({"municipality": "1880"}, "municipality"),
    ],
)
def test_outcome_rows_that_do_not_add_up_are_refused_beside_the_field(world, changes, field):
    if "municipality" in changes:
        changes = {"municipality": Municipality.objects.get(code=changes["municipality"])}
    before = ValidationOutcome.objects.count()
    with pytest.raises(ValidationError) as caught:
        make_outcome(world.space, year=2024, **changes)
    assert field in caught.value.message_dict
    assert ValidationOutcome.objects.count() == before


def test_the_same_key_twice_is_refused_and_the_analyst_can_record(world):
    with pytest.raises(ValidationError):
        make_outcome(world.space)
    row = services.outcome_create(
        space=world.space,
        actor=world.analyst,
        data=services.OutcomeData(year=2024, industry_model="Teknikcollege", started_men=6, completed_men=5),
    )
    assert row.created_by == world.analyst and row.completed == 5
    services.outcome_update(outcome=row, actor=world.analyst, data=services.OutcomeData(completed_men=6))
    assert ValidationOutcome.objects.get(pk=row.pk).completed_men == 6


def test_person_level_records_only_where_the_space_keeps_them_and_only_until_retention(world):
    data = services.ParticipantData(year=2025, sex="woman", step_reached="assessment")
    with pytest.raises(ValidationError):
        services.participant_create(space=world.space, actor=world.analyst, data=data)
    with pytest.raises(PermissionDenied):
        services.settings_update(
            space=world.space, actor=world.analyst, data=services.SettingsData(person_records_enabled=True)
        )
    services.settings_update(
        space=world.space,
        actor=world.admin,
        data=services.SettingsData(person_records_enabled=True, retention_months=6),
    )
    with pytest.raises(PermissionDenied):
        services.participant_create(space=world.space, actor=world.member, data=data)
    record = services.participant_create(space=world.space, actor=world.analyst, data=data)
    assert record.pseudonym.startswith("VP-") and len(record.pseudonym) == 11
    assert (
        timezone.localdate() + timedelta(days=180) <= record.delete_after <= timezone.localdate() + timedelta(days=184)
    )
    # Who may see them: those who run the space and its analysts, not its members.
    assert list(ValidationParticipant.objects.restrict(world.analyst)) == [record]
    assert list(ValidationParticipant.objects.restrict(world.member)) == []
    assert services.participants_purge_expired(today=record.delete_after) == 0
    assert services.participants_purge_expired(today=record.delete_after + timedelta(days=1)) == 1
    assert not ValidationParticipant.objects.exists()


def test_retention_adds_calendar_months():
    assert services._add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert services._add_months(date(2025, 11, 15), 24) == date(2027, 11, 15)


def test_outcome_errors_is_the_one_check(world):
    assert services.outcome_errors({**COUNTS, "ssyk_code": "5321"}) == {}
    assert set(services.outcome_errors({**COUNTS, "completed_women": 13, "ssyk_code": "5321"})) == {"completed_women"}


def test_the_daily_command_deletes_expired_records(world):
    from io import StringIO

    from django.core.management import call_command

    services.settings_update(space=world.space, actor=None, data=services.SettingsData(person_records_enabled=True))
    record = services.participant_create(
        space=world.space,
        actor=None,
        data=services.ParticipantData(year=2025, sex="man", step_reached="mapping"),
    )
    out = StringIO()
    call_command("purge_validation_records", date=str(record.delete_after), stdout=out)
    assert out.getvalue().strip() == "0 records deleted"
    call_command("purge_validation_records", date=str(record.delete_after + timedelta(days=1)), stdout=out)
    assert not ValidationParticipant.objects.exists()
