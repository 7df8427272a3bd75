"""The actor register through the API: search and filters, create with the similar-name check,
updates, and contacts for insiders."""

import pytest

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.collaboration.actors.services import landscape_publish
from samverka.platform.api.tests.conftest import client_for
from samverka.testing.factories import make_contact, make_organisation, make_space, make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations/"


def names(response):
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


@pytest.fixture
def register(db):
    make_organisation(
        name="Eskilstuna kommun", type="municipality", level="local", county_id="04", municipality_id="0484"
    )
    make_organisation(
        name="Mälardalens högskola", type="education_provider", level="regional", county_id="19", municipality_id="1980"
    )
    make_organisation(
        name="Arbetsförmedlingen",
        type="agency",
        level="national",
        county_id=None,
        municipality_id=None,
        org_number="202100-2114",
    )
    make_organisation(name="Nedlagd förening", type="civil_society", level="local", is_active=False)


def test_anyone_can_search_and_filter_the_register(api, register, space, national_space):
    # Without an editor role the register is what the published landscape maps show.
    mdh_space = make_space(slug="vastmanland", name="Västmanland", county_id="19")
    for published in (space, national_space, mdh_space):
        landscape_publish(space=published, actor=make_user(is_superuser=True), summary="x")
    assert names(api.get(URL)) == ["Arbetsförmedlingen", "Eskilstuna kommun", "Mälardalens högskola"]
    assert names(api.get(URL, {"type": "agency"})) == ["Arbetsförmedlingen"]
    assert names(api.get(URL, {"level": "regional"})) == ["Mälardalens högskola"]
    assert names(api.get(URL, {"county": "04"})) == ["Eskilstuna kommun"]
    assert names(api.get(URL, {"municipality": "1980"})) == ["Mälardalens högskola"]
    assert names(api.get(URL, {"q": "MÄLARDAL"})) == ["Mälardalens högskola"]
    assert names(api.get(URL, {"q": "202100-2114"})) == ["Arbetsförmedlingen"]
    assert "Nedlagd förening" not in names(api.get(URL, {"include_inactive": "true"}))  # on no published map


def test_invalid_filter_values_answer_400_naming_the_filter(api, register):
    response = api.get(URL, {"type": "spaceship", "county": "99"})
    assert response.status_code == 400
    assert set(response.json()) == {"type", "county"}


def test_create_warns_about_similar_names_and_accepts_confirmation(people, register):
    client = client_for(people.secretariat)
    data = {"name": "Eskilstuna Kommun AB", "type": "municipality", "level": "local", "municipality": "0484"}
    refused = client.post(URL, data, format="json")
    assert refused.status_code == 400
    body = refused.json()
    assert [org["name"] for org in body["similar"]] == ["Eskilstuna kommun"]
    assert "Eskilstuna kommun" in body["non_field_errors"][0]
    assert Organisation.objects.filter(name="Eskilstuna Kommun AB").count() == 0

    created = client.post(URL, {**data, "confirm_similar": True}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["county"] == "04"  # filled in from the municipality by the service
    assert "confirm_similar" not in created.json()
    assert Organisation.objects.filter(name="Eskilstuna Kommun AB").count() == 1


def test_organisation_number_is_stored_in_the_standard_form(people):
    response = client_for(people.secretariat).post(
        URL,
        {"name": "Region Sörmland", "type": "region", "level": "regional", "org_number": "2321000164"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["org_number"] == "232100-0164"


def test_confirm_similar_is_also_accepted_in_the_query_string(people, register):
    client = client_for(people.admin)
    data = {"name": "Eskilstuna kommun", "type": "municipality", "level": "local"}
    assert client.post(f"{URL}?confirm_similar=true", data, format="json").status_code == 201


def test_service_validation_errors_answer_400_by_field_and_write_nothing(people, register):
    client = client_for(people.secretariat)
    response = client.post(
        URL,
        {"name": "Ny arbetsgivare", "type": "employer", "level": "local", "org_number": "202100-2114"},
        format="json",
    )
    assert response.status_code == 400
    assert "Arbetsförmedlingen" in response.json()["org_number"][0]
    assert not Organisation.objects.filter(name="Ny arbetsgivare").exists()

    mismatch = client.post(
        URL,
        {"name": "Ny arbetsgivare", "type": "employer", "level": "local", "county": "18", "municipality": "0484"},
        format="json",
    )
    assert mismatch.status_code == 400
    assert set(mismatch.json()) == {"municipality"}


def test_put_needs_every_required_field_and_patch_changes_only_what_is_given(people, register):
    client = client_for(people.secretariat)
    org = Organisation.objects.get(name="Mälardalens högskola")
    assert client.put(f"{URL}{org.pk}/", {"name": "MDU"}, format="json").status_code == 400
    put = client.put(
        f"{URL}{org.pk}/",
        {"name": "Mälardalens universitet", "type": "education_provider", "level": "regional", "municipality": "1980"},
        format="json",
    )
    assert put.status_code == 200, put.content
    patched = client.patch(f"{URL}{org.pk}/", {"website": "https://www.mdu.se"}, format="json")
    assert patched.status_code == 200
    org.refresh_from_db()
    assert (org.name, org.website, org.municipality_id) == ("Mälardalens universitet", "https://www.mdu.se", "1980")


def test_unknown_organisation_is_404(api):
    assert api.get(f"{URL}999999/").status_code == 404


def test_only_api_json_is_accepted(people):
    response = client_for(people.secretariat).post(URL, "name=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert not Organisation.objects.filter(name="x").exists()


# --- contacts -----------------------------------------------------------------------------------------


def test_contacts_are_for_insiders_and_filter_by_organisation(space, make_role_user):
    org = make_organisation(name="Eskilstuna kommun")
    make_contact(organisation=org, name="Karin Kontakt", email="karin@example.se", gender="woman")
    make_contact(name="Olle Annan")
    member = client_for(make_role_user(space, "member"))
    rows = member.get("/api/v1/contacts/", {"organisation": org.pk}).json()["results"]
    assert [(r["name"], r["email"], r["organisation"]) for r in rows] == [("Karin Kontakt", "karin@example.se", org.pk)]
    guest = client_for(make_role_user(space, "guest"))
    assert guest.get("/api/v1/contacts/").status_code == 403
    assert client_for().get("/api/v1/contacts/").status_code == 401


def test_register_keeper_adds_and_changes_a_contact(people):
    org = make_organisation(name="Eskilstuna kommun")
    client = client_for(people.secretariat)
    created = client.post(
        "/api/v1/contacts/",
        {"organisation": org.pk, "name": "  Karin   Kontakt ", "email": "Karin@Example.se"},
        format="json",
    )
    assert created.status_code == 201, created.content
    contact = Contact.objects.get(pk=created.json()["id"])
    assert (contact.name, contact.email, contact.organisation) == ("Karin Kontakt", "karin@example.se", org)
    moved = client.patch(f"/api/v1/contacts/{contact.pk}/", {"organisation": 999, "function": "Rektor"}, format="json")
    assert moved.status_code == 200
    contact.refresh_from_db()
    assert (contact.function, contact.organisation) == ("Rektor", org)  # the organisation is fixed


def test_contact_for_unknown_organisation_is_400_for_a_signed_in_client(people):
    response = client_for(people.secretariat).post(
        "/api/v1/contacts/", {"organisation": 424242, "name": "Nils"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"organisation"}
    assert client_for().post("/api/v1/contacts/", {"organisation": 424242}, format="json").status_code == 401
    assert not Contact.objects.exists()
