"""Local editing of the catalogue: municipal editors limited to their municipality, imported rows whose feed
fields are read-only, local additions that are kept, managers, the editors' appointment, and bad input."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict

from samverka.education.catalogue.models import (
    Education,
    EducationOccupation,
    MunicipalEditor,
    Offering,
    OfferingOccupation,
    Provider,
)
from samverka.education.catalogue.services import editing
from samverka.education.catalogue.services.editing import EducationData, OfferingData, ProviderData
from samverka.education.catalogue.tests.editing_factories import (
    ESKILSTUNA,
    NYKOPING,
    make_editor,
    make_education,
    make_offering,
    make_provider,
)
from samverka.platform.core.models import Municipality
from samverka.testing.factories import make_space, make_user

pytestmark = pytest.mark.django_db


def snapshot(offering: Offering) -> dict[str, Any]:
    """Everything stored about an offering: its row, its local occupations and its audit entries."""
    row = Offering.objects.get(pk=offering.pk)
    return {
        **model_to_dict(row),
        "updated_at": row.updated_at,
        "occupations": sorted(OfferingOccupation.objects.filter(offering=row).values_list("ssyk_code", flat=True)),
        "log": LogEntry.objects.get_for_object(row).count(),
    }


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(pk=code)


# --- a municipal editor is limited to their municipality --------------------------------------------------


def test_an_eskilstuna_editor_is_refused_on_a_nykoping_offering_and_nothing_changes(space):
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    offering = make_offering(space=space, municipality=NYKOPING, local_note="")
    before = snapshot(offering)

    refused: list[Any] = [
        lambda: editing.offering_update(offering=offering, actor=editor, data=OfferingData(locality="Eskilstuna")),
        lambda: editing.offering_update(offering=offering, actor=editor, data=OfferingData(local_note="Min")),
        lambda: editing.offering_update(offering=offering, actor=editor, data=OfferingData(occupations=("5321",))),
        lambda: editing.offering_unpublish(offering=offering, actor=editor),
        lambda: editing.offering_cancel(offering=offering, actor=editor),
        lambda: editing.provider_update(provider=offering.provider, actor=editor, data=ProviderData(name="X")),
        lambda: editing.education_update(education=offering.education, actor=editor, data=EducationData(title="X")),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied):
            attempt()
    assert snapshot(offering) == before
    assert Provider.objects.get(pk=offering.provider_id).name == offering.provider.name


def test_an_editor_cannot_add_in_or_move_to_another_municipality(space):
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    own = make_offering(space=space, municipality=ESKILSTUNA)
    before = snapshot(own)
    with pytest.raises(ValidationError) as moved:
        editing.offering_update(offering=own, actor=editor, data=OfferingData(municipality=municipality(NYKOPING)))
    assert "municipality" in moved.value.error_dict
    assert snapshot(own) == before

    count = Offering.objects.count()
    with pytest.raises(ValidationError) as added:
        editing.offering_create(
            space=space,
            actor=editor,
            data=OfferingData(education=own.education, municipality=municipality(NYKOPING)),
        )
    assert "municipality" in added.value.error_dict
    with pytest.raises(ValidationError) as nowhere:
        editing.offering_create(space=space, actor=editor, data=OfferingData(education=own.education))
    assert "municipality" in nowhere.value.error_dict
    assert Offering.objects.count() == count

    nykoping_provider = make_provider(space=space, municipality=NYKOPING)
    with pytest.raises(ValidationError) as education:
        editing.education_create(
            space=space, actor=editor, data=EducationData(provider=nykoping_provider, title="Svets", school_type="VUX")
        )
    assert "provider" in education.value.error_dict
    with pytest.raises(ValidationError) as provider:
        editing.provider_create(
            space=space, actor=editor, data=ProviderData(name="Anordnare", municipality=municipality(NYKOPING))
        )
    assert "municipality" in provider.value.error_dict
    assert not Education.objects.filter(title="Svets").exists()
    assert not Provider.objects.filter(name="Anordnare").exists()


def test_an_editor_of_another_space_or_a_member_without_editorship_may_add_nothing(space, other_space):
    elsewhere = make_editor(space=other_space, municipality=ESKILSTUNA)
    member = make_user(role_in=space, role="member")
    education = make_education(provider=make_provider(space=space))
    for actor in (elsewhere, member):
        with pytest.raises(PermissionDenied):
            editing.offering_create(
                space=space, actor=actor, data=OfferingData(education=education, municipality=municipality(ESKILSTUNA))
            )
    assert not Offering.objects.exists()


# --- what an editor may do ------------------------------------------------------------------------------


def test_an_editor_adds_a_provider_an_education_and_an_offering_in_their_municipality(space):
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    provider = editing.provider_create(
        space=space,
        actor=editor,
        data=ProviderData(
            name="Eskilstuna kommun, Vuxenutbildningen",
            org_number="212000 2643",
            responsible_body_type="municipal",
            municipality=municipality(ESKILSTUNA),
        ),
    )
    assert provider.org_number == "212000-2643"
    education = editing.education_create(
        space=space,
        actor=editor,
        data=EducationData(
            provider=provider,
            title="Industriteknik – uppdragsutbildning",
            school_type="contract",
            sun_field="521",
            sun_level="310",
            credit_system="weeks",
            credits=Decimal("12"),
            primary_occupations=("7223",),
            related_occupations=("8121",),
        ),
    )
    offering = editing.offering_create(
        space=space,
        actor=editor,
        data=OfferingData(
            education=education,
            municipality=municipality(ESKILSTUNA),
            locality="Munktell Science Park",
            start_date=date(2027, 2, 1),
            end_date=date(2027, 4, 30),
            pace_percent=100,
            places=16,
            occupations=("7223", "7223 ", ""),
        ),
    )
    offering.refresh_from_db()
    assert offering.source == "local" and offering.provider == provider
    assert offering.county_code == "04"
    assert offering.hidden_after == date(2027, 4, 30)
    assert offering.search_text == (
        "industriteknik – uppdragsutbildning eskilstuna kommun, vuxenutbildningen munktell science park eskilstuna"
    )
    assert offering.source_updated_at is not None and offering.last_updated == offering.source_updated_at
    assert list(offering.local_occupations.values_list("ssyk_code", "added_by")) == [("7223", editor.pk)]
    assert list(education.occupations.values_list("ssyk_code", "is_primary", "is_local")) == [
        ("7223", True, True),
        ("8121", False, True),
    ]
    assert LogEntry.objects.get_for_object(offering).count() == 1


def test_related_occupations_may_not_repeat_the_primary_ones(space):
    provider = make_provider(space=space)
    with pytest.raises(ValidationError) as error:
        editing.education_create(
            space=space,
            actor=None,
            data=EducationData(
                provider=provider,
                title="Svets",
                school_type="VUX",
                primary_occupations=("7212",),
                related_occupations=("7212",),
            ),
        )
    assert "related_occupations" in error.value.error_dict
    assert not Education.objects.filter(title="Svets").exists()


def test_on_an_imported_offering_the_feed_fields_are_refused_and_the_local_ones_change(space):
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    offering = make_offering(space=space, municipality=ESKILSTUNA, imported=True, places=30)
    before = snapshot(offering)
    for data in (
        OfferingData(places=40),
        OfferingData(locality="Torshälla", local_note="Vår anteckning"),
        OfferingData(start_date=date(2027, 3, 1)),
        OfferingData(is_cancelled=True),
        OfferingData(municipality=municipality(NYKOPING)),
    ):
        with pytest.raises(ValidationError) as refused:
            editing.offering_update(offering=offering, actor=editor, data=data)
        assert set(refused.value.error_dict) <= set(data.given()) - {"local_note"}
    with pytest.raises(ValidationError):
        editing.offering_cancel(offering=offering, actor=editor)
    assert snapshot(offering) == before

    # The feed's values given unchanged (as a form posts them) pass; the local fields change.
    editing.offering_update(
        offering=offering,
        actor=editor,
        data=OfferingData(places=30, locality=offering.locality, local_note="Samläses med SFI.", occupations=("5321",)),
    )
    editing.offering_unpublish(offering=offering, actor=editor)
    offering.refresh_from_db()
    assert (offering.local_note, offering.is_published, offering.places) == ("Samläses med SFI.", False, 30)
    assert offering.source_updated_at == before["source_updated_at"]  # still the source's own date
    assert list(offering.local_occupations.values_list("ssyk_code", flat=True)) == ["5321"]


def test_a_local_change_never_overwrites_what_an_import_wrote_meanwhile(space):
    """The service saves an imported row's local fields only: an import between read and save is kept."""
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    offering = make_offering(space=space, municipality=ESKILSTUNA, imported=True, places=30)
    Offering.objects.filter(pk=offering.pk).update(places=25, locality="Torshälla")  # the importer, meanwhile
    editing.offering_update(offering=offering, actor=editor, data=OfferingData(local_note="Ring SYV först."))
    offering.refresh_from_db()
    assert (offering.places, offering.locality, offering.local_note) == (25, "Torshälla", "Ring SYV först.")


def test_on_an_imported_education_the_feed_occupations_stay_and_local_ones_are_added(space):
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    education = make_education(provider=make_provider(space=space, imported=True), imported=True)
    EducationOccupation.objects.create(education=education, ssyk_code="5321", is_primary=True, is_local=False)
    with pytest.raises(ValidationError) as refused:
        editing.education_update(education=education, actor=editor, data=EducationData(title="Nytt namn"))
    assert set(refused.value.error_dict) == {"title"}
    editing.education_update(
        education=education,
        actor=editor,
        data=EducationData(primary_occupations=("5321", "5322"), related_occupations=("5330",), local_note="Bra"),
    )
    assert list(education.occupations.order_by("ssyk_code").values_list("ssyk_code", "is_primary", "is_local")) == [
        ("5321", True, False),
        ("5322", True, True),
        ("5330", False, True),
    ]
    editing.education_update(education=education, actor=editor, data=EducationData(related_occupations=()))
    assert list(education.occupations.values_list("ssyk_code", flat=True)) == ["5321", "5322"]


# --- those who run the space --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "secretariat"])
def test_managers_change_offerings_of_every_municipality(space, make_role_user, role):
    manager = make_role_user(space, role)
    offering = make_offering(space=space, municipality=NYKOPING)
    editing.offering_update(
        offering=offering,
        actor=manager,
        data=OfferingData(municipality=municipality(ESKILSTUNA), locality="Torshälla", places=12),
    )
    editing.offering_cancel(offering=offering, actor=manager)
    offering.refresh_from_db()
    assert (offering.municipality_id, offering.places, offering.is_cancelled) == (ESKILSTUNA, 12, True)
    assert "torshälla eskilstuna" in offering.search_text


def test_an_analyst_may_read_but_not_edit(space, make_role_user):
    analyst = make_role_user(space, "analyst")
    offering = make_offering(space=space)
    with pytest.raises(PermissionDenied):
        editing.offering_update(offering=offering, actor=analyst, data=OfferingData(places=3))


def test_renaming_an_education_renews_its_offerings_search_text(space):
    offering = make_offering(space=space)
    editing.education_update(education=offering.education, actor=None, data=EducationData(title="Svetsare"))
    offering.refresh_from_db()
    assert offering.search_text.startswith("svetsare ")


# --- bad input ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (OfferingData(start_date=date(2027, 6, 1), end_date=date(2027, 5, 1)), "end_date"),
        (OfferingData(application_opens=date(2027, 3, 1), application_closes=date(2027, 2, 1)), "application_closes"),
        (OfferingData(occupations=("9999",)), "occupations"),
        (OfferingData(occupations=("53",)), "occupations"),
        (OfferingData(onsite_sessions=3, is_distance=False), "onsite_sessions"),
        (OfferingData(pace_percent=150), "pace_percent"),
        (OfferingData(url="inte en adress"), "url"),
        (OfferingData(municipality=Municipality(code="1880", name="Örebro", county_id="18")), "municipality"),
    ],
)
def test_bad_offering_input_is_named_by_field_and_nothing_is_saved(space, data, field):
    offering = make_offering(space=space)
    before = snapshot(offering)
    with pytest.raises(ValidationError) as error:
        editing.offering_update(offering=offering, actor=None, data=data)
    assert field in error.value.error_dict
    assert snapshot(offering) == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (EducationData(sun_field="999x"), "sun_field"),
        (EducationData(sun_level="77"), "sun_level"),
        (EducationData(credits=Decimal("30")), "credit_system"),
        (EducationData(seqf_level=9), "seqf_level"),
        (EducationData(title=" "), "title"),
        (EducationData(primary_occupations=("12345",)), "primary_occupations"),
    ],
)
def test_bad_education_input_is_named_by_field(space, data, field):
    education = make_education(provider=make_provider(space=space))
    with pytest.raises(ValidationError) as error:
        editing.education_update(education=education, actor=None, data=data)
    assert field in error.value.error_dict
    assert not education.occupations.exists()


def test_a_bad_organisation_number_is_named(space):
    with pytest.raises(ValidationError) as error:
        editing.provider_create(space=space, actor=None, data=ProviderData(name="X", org_number="123"))
    assert "org_number" in error.value.error_dict
    assert not Provider.objects.exists()


def test_an_education_of_another_space_is_refused(space, other_space):
    elsewhere = make_education(provider=make_provider(space=other_space))
    with pytest.raises(ValidationError) as error:
        editing.offering_create(
            space=space, actor=None, data=OfferingData(education=elsewhere, municipality=municipality(ESKILSTUNA))
        )
    assert "education" in error.value.error_dict


# --- municipal editors --------------------------------------------------------------------------------------


def test_a_manager_appoints_and_removes_an_editor_who_then_edits_and_then_does_not(space, make_role_user):
    manager = make_role_user(space, "secretariat")
    person = make_user(role_in=space, role="member")
    offering = make_offering(space=space, municipality=ESKILSTUNA)
    with pytest.raises(PermissionDenied):
        editing.offering_update(offering=offering, actor=person, data=OfferingData(places=5))

    editor = editing.editor_appoint(space=space, actor=manager, user=person, municipality=municipality(ESKILSTUNA))
    editing.offering_update(offering=offering, actor=person, data=OfferingData(places=5))
    with pytest.raises(ValidationError) as twice:
        editing.editor_appoint(space=space, actor=manager, user=person, municipality=municipality(ESKILSTUNA))
    assert "municipality" in twice.value.error_dict

    editing.editor_remove(editor=editor, actor=manager)
    with pytest.raises(PermissionDenied):
        editing.offering_update(offering=offering, actor=person, data=OfferingData(places=6))
    assert Offering.objects.get(pk=offering.pk).places == 5


def test_only_an_insider_of_the_space_in_its_county_can_be_appointed(space, other_space, make_role_user):
    manager = make_role_user(space, "admin")
    outsider = make_user(role_in=other_space)
    guest = make_user(role_in=space, role="guest")
    member = make_user(role_in=space)
    for user, municipality_code, field in (
        (outsider, ESKILSTUNA, "user"),
        (guest, ESKILSTUNA, "user"),
        (member, "1880", "municipality"),
    ):
        with pytest.raises(ValidationError) as error:
            editing.editor_appoint(space=space, actor=manager, user=user, municipality=municipality(municipality_code))
        assert field in error.value.error_dict
    assert not MunicipalEditor.objects.exists()


def test_an_editor_cannot_appoint_editors(space):
    editor = make_editor(space=space)
    other = make_user(role_in=space)
    with pytest.raises(PermissionDenied):
        editing.editor_appoint(space=space, actor=editor, user=other, municipality=municipality(ESKILSTUNA))
    assert MunicipalEditor.objects.count() == 1


def test_the_municipality_choice_of_an_editor_is_theirs_and_of_a_manager_the_county(space, make_role_user):
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    assert [m.code for m in editing.municipalities_editable_by(editor, space)] == [ESKILSTUNA]
    manager = make_role_user(space, "admin")
    choices = editing.municipalities_editable_by(manager, space)
    assert len(choices) == 9 and {m.county_id for m in choices} == {"04"}
    assert editing.municipalities_editable_by(make_user(role_in=make_space()), space) == []


# --- the demo's local edits ---------------------------------------------------------------------------------


@pytest.mark.parametrize("with_import", [True, False])
def test_the_demo_editor_appointed_adds_local_offerings_and_local_additions_to_an_imported_one(with_import):
    from samverka.demo.accounts import SORMLAND_SLUG
    from samverka.demo.catalogue_edits import EDITOR_EMAIL, IMPORTED_OFFERING, load_catalogue_edits

    space = make_space(slug=SORMLAND_SLUG)
    make_user(email="samordnare@sormland.example", role_in=space, role="admin")
    editor = make_user(email=EDITOR_EMAIL, role_in=space, role="member")
    imported = (
        make_offering(space=space, municipality=ESKILSTUNA, imported=True, source_id=IMPORTED_OFFERING)
        if with_import
        else None
    )
    done = load_catalogue_edits()

    assert list(MunicipalEditor.objects.values_list("user", "municipality")) == [(editor.pk, ESKILSTUNA)]
    assert len(done.offerings) == 3
    assert {o.education.school_type for o in done.offerings} == {"contract", "industry"}
    for offering in done.offerings:
        assert offering.source == "local" and offering.municipality_id == ESKILSTUNA and offering.county_code == "04"
        assert {entry.actor for entry in LogEntry.objects.get_for_object(offering)} == {editor}
    if imported is not None:
        imported.refresh_from_db()
        assert sorted(imported.local_occupations.values_list("ssyk_code", flat=True)) == ["5321", "5323"]
        assert "SFI" in imported.local_note
    else:
        assert done.imported is None


def test_what_an_editor_adds_to_imported_rows_survives_a_re_import(space):
    """The real importer over the shipped (synthetic) Sörmland pages: the editor's local note, local SSYK
    links and unpublishing stay; a local offering stays; the feed's fields are as the feed has them."""
    from samverka.education.catalogue.emil3 import SORMLAND_FULL
    from samverka.education.catalogue.services.emil3 import DirectorySource, import_emil3

    import_emil3(space=space, source=DirectorySource(SORMLAND_FULL))
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    imported = Offering.objects.filter(space=space, municipality_id=ESKILSTUNA).exclude(source="local").first()
    assert imported is not None
    education = imported.education
    editing.offering_update(
        offering=imported, actor=editor, data=OfferingData(local_note="Ring SYV.", occupations=("5321",))
    )
    editing.offering_unpublish(offering=imported, actor=editor)
    editing.education_update(education=education, actor=editor, data=EducationData(related_occupations=("5330",)))
    local = editing.offering_create(
        space=space, actor=editor, data=OfferingData(education=education, municipality=municipality(ESKILSTUNA))
    )
    feed_values = (imported.places, imported.locality, imported.start_date)

    run = import_emil3(space=space, source=DirectorySource(SORMLAND_FULL))
    assert run.status == "done", run.message
    imported.refresh_from_db()
    assert (imported.local_note, imported.is_published) == ("Ring SYV.", False)
    assert list(imported.local_occupations.values_list("ssyk_code", flat=True)) == ["5321"]
    assert education.occupations.filter(ssyk_code="5330", is_local=True).exists()
    assert (imported.places, imported.locality, imported.start_date) == feed_values
    assert Offering.objects.filter(pk=local.pk, source="local", removed_at__isnull=True).exists()
