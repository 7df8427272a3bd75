"""Bodies and memberships through the API: filters, writes through the services, the close and
end actions, and who may see the people."""

import datetime

import pytest
from django.utils import timezone

from samverka.collaboration.bodies.models import Body, Membership
from samverka.platform.api.tests.conftest import client_for
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation

pytestmark = pytest.mark.django_db

BODIES = "/api/v1/bodies/"
MEMBERSHIPS = "/api/v1/memberships/"


def result_names(response):
    assert response.status_code == 200, response.content
    return sorted(row["name"] for row in response.json()["results"])


def test_body_filters(api, space, other_space):
    make_body(space=space, name="Branschforum vård", kind="industry_forum", area="education_matching")
    make_body(space=space, name="Programråd el", kind="programme_council", area="education_matching", status="planned")
    make_body(space=other_space, name="Samverkansråd", kind="collaboration_council", area="transition_guidance")
    assert result_names(api.get(BODIES, {"space": space.slug})) == ["Branschforum vård", "Programråd el"]
    assert result_names(api.get(BODIES, {"kind": "programme_council"})) == ["Programråd el"]
    assert result_names(api.get(BODIES, {"area": "transition_guidance"})) == ["Samverkansråd"]
    assert result_names(api.get(BODIES, {"status": "planned"})) == ["Programråd el"]
    assert api.get(BODIES, {"kind": "party"}).status_code == 400


def test_secretariat_creates_a_body_in_its_own_space_only(people, space, other_space):
    client = client_for(people.secretariat)
    data = {"name": "Arbetsgrupp validering", "kind": "working_group", "area": "preparatory", "is_public": False}
    created = client.post(BODIES, {**data, "space": space.slug}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["space"] == space.slug and created.json()["is_public"] is False
    refused = client.post(BODIES, {**data, "name": "Inte här", "space": other_space.slug}, format="json")
    assert refused.status_code == 403
    assert not Body.objects.filter(name="Inte här").exists()


def test_body_create_reports_unknown_space_and_invalid_fields(people, space):
    client = client_for(people.secretariat)
    unknown = client.post(
        BODIES, {"space": "atlantis", "name": "X", "kind": "project", "area": "national"}, format="json"
    )
    assert unknown.status_code == 400 and set(unknown.json()) == {"space"}
    closed = client.post(
        BODIES,
        {"space": space.slug, "name": "X", "kind": "project", "area": "national", "status": "closed"},
        format="json",
    )
    assert closed.status_code == 400 and set(closed.json()) == {"status"}
    assert not Body.objects.filter(name="X").exists()


def test_parent_must_be_a_body_the_user_may_see(people, space, other_space):
    hidden = make_body(space=other_space, name="Hemlig", is_public=False)
    client = client_for(people.secretariat)
    response = client.post(
        BODIES,
        {"space": space.slug, "name": "Ny", "kind": "project", "area": "national", "parent": hidden.pk},
        format="json",
    )
    assert response.status_code == 400 and set(response.json()) == {"parent"}


def test_update_of_another_space_s_public_body_is_403_and_private_is_404(people, world):
    client = client_for(people.secretariat)
    assert client.patch(f"{BODIES}{world.b_public.pk}/", {"name": "Kapad"}, format="json").status_code == 403
    assert client.patch(f"{BODIES}{world.b_private.pk}/", {"name": "Kapad"}, format="json").status_code == 404
    assert client.post(f"{BODIES}{world.b_public.pk}/close/", {"closing_note": "x"}, format="json").status_code == 403
    assert client_for(people.admin).delete(f"{BODIES}{world.b_public.pk}/").status_code == 405  # no deletes
    assert not Body.objects.filter(name="Kapad").exists()
    world.b_public.refresh_from_db()
    assert world.b_public.status == "active"


def test_close_needs_a_note_and_ends_the_memberships(people, world):
    client = client_for(people.secretariat)
    url = f"{BODIES}{world.a_public.pk}/close/"
    refused = client.post(url, {}, format="json")
    assert refused.status_code == 400 and set(refused.json()) == {"closing_note"}
    assert Body.objects.get(pk=world.a_public.pk).status == "active"
    closed = client.post(url, {"closing_note": "Uppdraget är slutfört."}, format="json")
    assert closed.status_code == 200, closed.content
    today = timezone.localdate().isoformat()
    assert (closed.json()["status"], closed.json()["closed_at"]) == ("closed", today)
    assert Membership.objects.get(body=world.a_public).end_date.isoformat() == today
    again = client.post(url, {"closing_note": "Igen"}, format="json")
    assert again.status_code == 400 and "non_field_errors" in again.json()


def test_people_are_shown_to_insiders_and_members_of_the_body_only(api, world, make_role_user, space, other_space):
    membership = Membership.objects.select_related("contact").get(body=world.b_public)
    anonymous = api.get(f"{MEMBERSHIPS}{membership.pk}/").json()
    assert anonymous["people_visible"] is False
    assert anonymous["contact"] is None and anonymous["contact_name"] is None and anonymous["note"] is None
    assert (anonymous["organisation_name"], anonymous["role"]) == ("Eskilstuna kommun", "chair")
    insider = client_for(make_role_user(other_space, "analyst")).get(f"{MEMBERSHIPS}{membership.pk}/").json()
    assert (insider["people_visible"], insider["contact_name"]) == (True, membership.contact.name)
    # A person who sits in the body (their contact is linked to their account) sees its members.
    seated = make_role_user(space, "guest")
    make_membership(body=world.b_public, contact=make_contact(name="Gäst Gästsson", user=seated))
    rows = client_for(seated).get(MEMBERSHIPS, {"body": world.b_public.pk}).json()["results"]
    assert {r["contact_name"] for r in rows} == {membership.contact.name, "Gäst Gästsson"}


def test_membership_create_update_and_end(people, world):
    client = client_for(people.secretariat)
    person = make_contact(organisation=make_organisation(name="Region Sörmland"), name="Rut Region")
    created = client.post(
        MEMBERSHIPS,
        {"body": world.a_private.pk, "contact": person.pk, "role": "member", "start_date": "2025-01-01"},
        format="json",
    )
    assert created.status_code == 201, created.content
    row = created.json()
    assert (row["organisation_name"], row["contact_name"], row["people_visible"]) == (
        "Region Sörmland",
        "Rut Region",
        True,
    )
    url = f"{MEMBERSHIPS}{row['id']}/"
    assert client.patch(url, {"role": "vice_chair"}, format="json").json()["role"] == "vice_chair"
    ended = client.post(f"{url}end/", {"end_date": "2025-06-30"}, format="json")
    assert ended.status_code == 200 and ended.json()["end_date"] == "2025-06-30"
    before_start = client.post(f"{url}end/", {"end_date": "2024-06-30"}, format="json")
    assert before_start.status_code == 400 and set(before_start.json()) == {"end_date"}
    assert Membership.objects.get(pk=row["id"]).end_date == datetime.date(2025, 6, 30)


def test_membership_rules_from_the_service_answer_400_and_write_nothing(people, world):
    client = client_for(people.secretariat)
    seat = Membership.objects.get(body=world.a_public)
    overlapping = client.post(
        MEMBERSHIPS, {"body": world.a_public.pk, "contact": seat.contact_id, "role": "member"}, format="json"
    )
    assert overlapping.status_code == 400 and "non_field_errors" in overlapping.json()
    not_a_project = client.post(
        MEMBERSHIPS,
        {"body": world.a_public.pk, "contact": world.contact.pk, "participation_model": "on_demand"},
        format="json",
    )
    assert not_a_project.status_code == 400 and set(not_a_project.json()) == {"participation_model"}
    assert Membership.objects.filter(body=world.a_public).count() == 1


def test_membership_in_a_body_the_user_cannot_see_is_refused_as_unknown(people, world):
    client = client_for(people.secretariat)
    response = client.post(MEMBERSHIPS, {"body": world.b_private.pk, "contact": world.contact.pk}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"body"}
    forbidden = client.post(MEMBERSHIPS, {"body": world.b_public.pk, "contact": world.contact.pk}, format="json")
    assert forbidden.status_code == 403
    assert not Membership.objects.filter(contact=world.contact).exists()


def test_body_leader_manages_memberships_of_their_body_only(world, space, make_role_user):
    chair = make_role_user(space, "guest")
    make_membership(body=world.a_public, contact=make_contact(user=chair), role="chair")
    client = client_for(chair)
    person = make_contact(name="Ny Ledamot")
    assert client.post(MEMBERSHIPS, {"body": world.a_public.pk, "contact": person.pk}, format="json").status_code == 201
    assert client.post(MEMBERSHIPS, {"body": world.b_public.pk, "contact": person.pk}, format="json").status_code == 403
    assert client.patch(f"{BODIES}{world.a_public.pk}/", {"mandate": "Nytt"}, format="json").status_code == 200
