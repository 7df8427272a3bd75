"""The actor register's writes: validation, duplicate warnings, publishing, suggestions."""

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext

from samverka.collaboration.actors import services
from samverka.collaboration.actors.models import (
    Contact,
    CorrectionSuggestion,
    LandscapeRevision,
    Organisation,
    SuggestionStatus,
)
from samverka.platform.core.models import County, Municipality
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db


def org_data(**extra):
    data = {
        "name": "Eskilstuna Energi och Miljö",
        "type": "employer",
        "level": "local",
        "employs": True,
        "municipality": Municipality.objects.get(code="0484"),
    }
    data.update(extra)
    return data


# --- organisations -----------------------------------------------------------------------------


def test_create_normalises_the_number_and_fills_the_county_from_the_municipality(space, make_role_user):
    secretary = make_role_user(space, "secretariat")
    org = services.organisation_create(
        actor=secretary, data=services.OrganisationData(**org_data(org_number="2321000164"))
    )
    org.refresh_from_db()
    assert org.org_number == "232100-0164"
    assert org.county_id == "04"
    assert org.normalised_name == "eskilstuna energi och miljö"
    assert LogEntry.objects.get_for_object(org).count() == 1


def test_create_refuses_a_municipality_outside_the_county():
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            actor=None, data=services.OrganisationData(**org_data(county=County.objects.get(code="18")))
        )
    assert "municipality" in error.value.message_dict
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("number", ["232100-0165", "811218-9876", "ABC"])
def test_create_refuses_a_bad_organisation_number(number):
    with pytest.raises(ValidationError) as error:
        services.organisation_create(actor=None, data=services.OrganisationData(**org_data(org_number=number)))
    assert "org_number" in error.value.message_dict
    assert not Organisation.objects.exists()


def test_create_refuses_a_taken_organisation_number_by_naming_the_holder():
    make_organisation(name="Region Sörmland", org_number="232100-0164", type="region", level="regional")
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            actor=None, data=services.OrganisationData(**org_data(name="Något annat", org_number="2321000164"))
        )
    assert "Region Sörmland" in error.value.message_dict["org_number"][0]
    assert Organisation.objects.count() == 1


def test_create_refuses_unknown_fields():
    with pytest.raises(TypeError, match="colour"):  # an unknown field is refused by the dataclass
        services.OrganisationData(**org_data(colour="blue"))


def test_member_may_not_create_organisations(space, make_role_user):
    member = make_role_user(space, "member")
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=member, data=services.OrganisationData(**org_data()))
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "Eskilstuna Energi och Miljö",
        "Eskilstuna Energi och Miljö AB",
        "eskilstuna energi & miljö",
        "Eskilstuna Energi och Miljo",
    ],
)
def test_similar_name_warns_and_lists_the_existing_organisation(name):
    existing = make_organisation(name="Eskilstuna Energi och Miljö AB")
    with pytest.raises(services.SimilarOrganisationsError) as error:
        services.organisation_create(actor=None, data=services.OrganisationData(**org_data(name=name)))
    assert existing in error.value.similar
    assert "Eskilstuna Energi och Miljö AB" in error.value.messages[0]
    assert Organisation.objects.count() == 1


def test_similar_name_can_be_confirmed():
    make_organisation(name="Eskilstuna Energi och Miljö")
    org = services.organisation_create(actor=None, data=services.OrganisationData(**org_data()), confirm_similar=True)
    assert Organisation.objects.filter(normalised_name=org.normalised_name).count() == 2


def test_different_names_with_the_same_start_do_not_warn():
    make_organisation(name="Eskilstuna kommun")
    make_organisation(name="Eskilstuna Fabriksförening")
    org = services.organisation_create(
        actor=None, data=services.OrganisationData(**org_data(name="Eskilstuna Logistik och Hamn"))
    )
    assert org.pk


def test_similar_check_finds_near_duplicates_among_many_organisations():
    Organisation.objects.bulk_create(
        [
            Organisation(name=f"Företag {n:05d}", normalised_name=f"företag {n:05d}", type="employer", level="local")
            for n in range(500)
        ]
    )
    target = make_organisation(name="Företagarna Sörmland")
    with pytest.raises(services.SimilarOrganisationsError) as error:
        services.organisation_create(
            actor=None, data=services.OrganisationData(**org_data(name="Företagarna i Sörmland"))
        )
    assert target in error.value.similar


def test_update_changes_fields_and_keeps_the_county_in_step(space, make_role_user):
    org = make_organisation(name="Mälardalens universitet", type="education_provider", level="regional")
    admin = make_role_user(space, "admin")
    services.organisation_update(
        actor=admin,
        organisation=org,
        data=services.OrganisationData(municipality=Municipality.objects.get(code="1880")),
    )
    org.refresh_from_db()
    assert (org.municipality_id, org.county_id) == ("1880", "18")


def test_update_by_a_member_is_refused_and_changes_nothing(space, make_role_user):
    org = make_organisation(name="Original")
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            actor=make_role_user(space, "member"), organisation=org, data=services.OrganisationData(name="Ändrat")
        )
    org.refresh_from_db()
    assert org.name == "Original"


# --- contacts ------------------------------------------------------------------------------------


def test_contact_create_and_update(space, make_role_user):
    org = make_organisation()
    secretary = make_role_user(space, "secretariat")
    contact = services.contact_create(
        actor=secretary, organisation=org, data=services.ContactData(name=" Anna  Berg ", email="Anna.Berg@Example.se")
    )
    assert (contact.name, contact.email) == ("Anna Berg", "anna.berg@example.se")
    services.contact_update(actor=secretary, contact=contact, data=services.ContactData(function="HR-chef"))
    assert Contact.objects.get(pk=contact.pk).function == "HR-chef"


def test_contact_with_a_bad_email_is_refused():
    with pytest.raises(ValidationError) as error:
        services.contact_create(
            actor=None, organisation=make_organisation(), data=services.ContactData(name="A", email="inte-en-adress")
        )
    assert "email" in error.value.message_dict
    assert not Contact.objects.exists()


def test_contact_create_by_an_analyst_is_refused(space, make_role_user):
    with pytest.raises(PermissionDenied):
        services.contact_create(
            actor=make_role_user(space, "analyst"),
            organisation=make_organisation(),
            data=services.ContactData(name="A"),
        )


# --- publishing ----------------------------------------------------------------------------------


def test_publish_numbers_revisions_per_space_and_snapshots_the_map(space, other_space, make_role_user):
    in_county = make_organisation(name="Region Sörmland", type="region", level="regional", municipality_id=None)
    make_organisation(name="Region Örebro län", county_id="18", municipality_id="1880")
    secretary = make_role_user(space, "secretariat")
    first = services.landscape_publish(space=space, actor=secretary, summary="Första versionen")
    second = services.landscape_publish(space=space, actor=secretary, summary="Andra")
    other = services.landscape_publish(space=other_space, actor=make_role_user(other_space, "secretariat"), summary="X")
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert first.organisation_count == 1
    row = first.snapshot[0]
    assert row["id"] == in_county.pk
    assert (row["name"], row["type"], row["level"], row["county"], row["municipality"]) == (
        "Region Sörmland",
        "region",
        "regional",
        "04",
        "",
    )
    assert row["roles"] == ["employs"]


def test_publish_needs_a_summary_and_the_right_role(space, make_role_user):
    with pytest.raises(ValidationError) as error:
        services.landscape_publish(space=space, actor=make_role_user(space, "secretariat"), summary="   ")
    assert "summary" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.landscape_publish(space=space, actor=make_role_user(space, "member"), summary="x")
    assert not LandscapeRevision.objects.exists()


def test_manager_of_another_space_may_not_publish(space, other_space, make_role_user):
    with pytest.raises(PermissionDenied):
        services.landscape_publish(space=space, actor=make_role_user(other_space, "secretariat"), summary="x")


def test_snapshot_includes_members_of_the_space_bodies_from_elsewhere(space):
    outsider = make_organisation(name="Skolverket", county_id="01", municipality_id="0180", level="national")
    body = make_body(space=space)
    make_membership(body=body, contact=make_contact(organisation=outsider))
    revision = services.landscape_publish(space=space, actor=make_user(is_superuser=True), summary="x")
    assert [row["name"] for row in revision.snapshot] == ["Skolverket"]


# --- suggestions -----------------------------------------------------------------------------------


def test_anonymous_suggestion_is_recorded_pending(space):
    org = make_organisation()
    suggestion = services.suggestion_submit(space=space, message="  Adressen är fel ", organisation=org)
    assert (suggestion.status, suggestion.message, suggestion.organisation) == ("pending", "Adressen är fel", org)
    assert suggestion.submitted_by is None


def test_empty_suggestion_or_bad_email_is_refused(space):
    with pytest.raises(ValidationError):
        services.suggestion_submit(space=space, message=" ")
    with pytest.raises(ValidationError):
        services.suggestion_submit(space=space, message="x" * 4001)
    with pytest.raises(ValidationError) as error:
        services.suggestion_submit(space=space, message="Saknas", submitter_email="nope")
    assert "submitter_email" in error.value.message_dict
    assert not CorrectionSuggestion.objects.exists()


def test_accepting_applies_the_change_mails_what_was_done_and_refuses_a_second_decision(
    space, make_role_user, django_capture_on_commit_callbacks
):
    secretary = make_role_user(space, "secretariat", full_name="Sara Sekreterare")
    okna = make_organisation(name="Öknaskolan", type="education_provider", educates=True, employs=False)
    services.landscape_publish(space=space, actor=secretary, summary="Första")
    suggestion = services.suggestion_submit(
        space=space, organisation=okna, message="Har fokus på vissa grupper", submitter_email="a@example.se"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_accept(
            suggestion=suggestion,
            actor=secretary,
            data=services.OrganisationData(focuses_on_groups=True),
            response="Tack!",
        )
    suggestion.refresh_from_db()
    okna.refresh_from_db()
    assert okna.focuses_on_groups is True
    assert (suggestion.status, suggestion.response, suggestion.handled_by) == ("accepted", "Tack!", secretary)
    assert suggestion.changes == [{"field": "focuses_on_groups", "before": "false", "after": "true"}]
    # The next publication lists the change.
    diff = services.selectors.landscape_pending_changes(space)
    assert [change.after["name"] for change in diff.changed] == ["Öknaskolan"]
    assert diff.changed[0].fields == ["roles"]
    # The reply says what was changed, and when visitors see it.
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    with translation.override("sv"):  # the reply is written in the platform's language
        label = str(Organisation._meta.get_field("focuses_on_groups").verbose_name)
        expected = f"- {label}: {gettext('no')} → {gettext('yes')}"
        assert gettext("Accepted") in body
        until = gettext(
            "The public landscape map shows the change from its next published revision; "
            "until then it shows revision %(number)s."
        ) % {"number": 1}
    assert expected in body.splitlines()
    assert until in body and "Tack!" in body
    with pytest.raises(ValidationError) as error:
        services.suggestion_reject(suggestion=suggestion, actor=secretary, response="Nej")
    assert "Sara Sekreterare" in error.value.messages[0]
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED


def test_accepting_without_a_change_is_refused_and_records_nothing(space, make_role_user):
    secretary = make_role_user(space, "secretariat")
    org = make_organisation(name="Vingåkers kommun", type="municipality")
    suggestion = services.suggestion_submit(space=space, organisation=org, message="Hänvisa till Viadidakt")
    with pytest.raises(ValidationError) as error:
        services.suggestion_accept(
            suggestion=suggestion, actor=secretary, data=services.OrganisationData(name="Vingåkers kommun")
        )
    assert error.value.code == "no_change"
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.changes, suggestion.handled_by) == ("pending", [], None)


def test_accepting_a_suggestion_about_a_missing_actor_registers_it(space, make_role_user):
    secretary = make_role_user(space, "secretariat")
    suggestion = services.suggestion_submit(space=space, message="Almi Mälardalen saknas")
    data = {"name": "Almi Mälardalen", "type": "other", "level": "regional", "county": County.objects.get(code="04")}
    services.suggestion_accept(suggestion=suggestion, actor=secretary, data=services.OrganisationData(**data))
    suggestion.refresh_from_db()
    almi = Organisation.objects.get(name="Almi Mälardalen")
    assert suggestion.organisation == almi and suggestion.status == "accepted"
    assert suggestion.changes[0] == {"field": "created", "before": "", "after": "Almi Mälardalen"}


def test_an_invalid_change_leaves_both_the_organisation_and_the_suggestion_as_they_were(space, make_role_user):
    secretary = make_role_user(space, "secretariat")
    org = make_organisation(name="Öknaskolan")
    suggestion = services.suggestion_submit(space=space, organisation=org, message="Fel kommun")
    with pytest.raises(ValidationError):
        services.suggestion_accept(
            suggestion=suggestion,
            actor=secretary,
            data=services.OrganisationData(
                county=County.objects.get(code="18"), municipality=Municipality.objects.get(code="0484")
            ),
        )
    org.refresh_from_db()
    assert org.county_id == "04"
    assert CorrectionSuggestion.objects.get(pk=suggestion.pk).status == "pending"


def test_decide_with_a_stale_object_is_still_refused(space, make_role_user):
    secretary = make_role_user(space, "secretariat")
    suggestion = services.suggestion_submit(space=space, message="X", organisation=make_organisation(name="Y"))
    stale = CorrectionSuggestion.objects.get(pk=suggestion.pk)
    services.suggestion_accept(
        suggestion=suggestion, actor=secretary, data=services.OrganisationData(name="Y AB Sörmland")
    )
    with pytest.raises(ValidationError):
        services.suggestion_reject(suggestion=stale, actor=secretary, response="Nej")
    assert CorrectionSuggestion.objects.get(pk=suggestion.pk).status == "accepted"


def test_reject_needs_a_reason_and_a_reviewer_of_this_space(
    space, other_space, make_role_user, django_capture_on_commit_callbacks
):
    suggestion = services.suggestion_submit(space=space, message="X", submitter_email="b@example.se")
    with pytest.raises(ValidationError) as error:
        services.suggestion_reject(suggestion=suggestion, actor=make_role_user(space, "admin"), response="")
    assert "response" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.suggestion_reject(suggestion=suggestion, actor=make_role_user(other_space, "admin"), response="ok")
    with pytest.raises(PermissionDenied):
        services.suggestion_accept(
            suggestion=suggestion, actor=make_role_user(other_space, "admin"), data=services.OrganisationData()
        )
    assert CorrectionSuggestion.objects.get(pk=suggestion.pk).status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_reject(suggestion=suggestion, actor=make_role_user(space, "admin"), response="Finns redan")
    assert len(mail.outbox) == 1 and "Finns redan" in mail.outbox[0].body
    assert "→" not in mail.outbox[0].body
