"""The register's and the landscape map's pages, by role: who sees what, who may change what."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from conftest import give_totp
from samverka.collaboration.actors import selectors, services
from samverka.collaboration.actors.models import Contact, CorrectionSuggestion, LandscapeRevision, Organisation
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"actors:{name}", kwargs=kwargs)


def publish(*spaces):
    """Publish the spaces' landscape maps: what visitors, members and guests see of the register."""
    admin = make_user(is_superuser=True)
    for space in spaces:
        services.landscape_publish(space=space, actor=admin, summary="Publicerad")


@pytest.fixture
def secretary(space, make_role_user):
    return make_role_user(space, "secretariat", full_name="Sara Sekreterare")


@pytest.fixture
def member(space, make_role_user):
    return make_role_user(space, "member")


@pytest.fixture
def outsider(other_space, make_role_user):
    """A manager, but of another space."""
    return make_role_user(other_space, "secretariat")


@pytest.fixture
def guest(space, make_role_user):
    return make_role_user(space, "guest")


# --- the register -----------------------------------------------------------------------------------


def test_anyone_can_search_the_register(client, space):
    make_organisation(name="Eskilstuna kommun", type="municipality")
    make_organisation(name="Volvo Construction Equipment")
    publish(space)
    response = client.get(url("organisation-list"), {"q": "volvo"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Volvo Construction Equipment" in body and "Eskilstuna kommun" not in body
    assert url("organisation-create") not in body


def test_list_filters_come_from_the_get_form_and_bad_values_are_ignored_clearly(client, space):
    make_organisation(name="Skola", type="education_provider", educates=True)
    make_organisation(name="Firma")
    publish(space)
    response = client.get(url("organisation-list"), {"type": "education_provider", "roles": ["educates"]})
    assert [row["name"] for row in response.context["rows"]] == ["Skola"]
    response = client.get(url("organisation-list"), {"type": "no-such-type"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_list_is_paged_by_fifty_with_a_cursor(client, space):
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Org {n:03d}", normalised_name=f"org {n:03d}", type="employer", level="local", county_id="04"
            )
            for n in range(120)
        ]
    )
    publish(space)
    seen, link, pages = [], url("organisation-list") + "?type=employer", 0
    while link:
        response = client.get(link)
        assert response.context["found"] == 120 and not response.context["more_found"]
        seen += [row["name"] for row in response.context["rows"]]
        pages += 1
        link = response.context["page"].next_url
        assert link is None or QueryDict(link.partition("?")[2])["type"] == "employer"  # the filters are kept
    assert pages == 3 and len(response.context["rows"]) == 20
    assert seen == [f"Org {n:03d}" for n in range(120)]
    back = client.get(response.context["page"].previous_url)
    assert [row["name"] for row in back.context["rows"]] == [f"Org {n:03d}" for n in range(50, 100)]
    assert back.context["page"].first_url == url("organisation-list") + "?type=employer"
    html = back.content.decode()
    assert 'rel="next"' in html and 'rel="prev"' in html


@pytest.mark.parametrize("cursor", ["nonsense", "eyJkIjoibmV4dCJ9:1abc:forged", "cD0lNUIlMjJBJTIyJTVE"])
def test_a_tampered_cursor_is_a_bad_request(client, cursor):
    assert client.get(url("organisation-list"), {"cursor": cursor}).status_code == 400


def test_the_count_stops_at_a_bound(client, space, monkeypatch):
    monkeypatch.setattr(selectors, "ORGANISATION_COUNT_LIMIT", 3)
    for n in range(5):
        make_organisation(name=f"Org {n}")
    publish(space)
    response = client.get(url("organisation-list"))
    assert response.context["found"] == 3 and response.context["more_found"]
    assert "Fler än 3 organisationer" in response.content.decode() or "More than 3" in response.content.decode()


def test_the_filter_keeps_the_chosen_county_and_municipality_selected(client):
    for _ in range(2):  # the second answer reads the option lists from the cache
        page = client.get(url("organisation-list"), {"county": "04", "municipality": "0484"}).content.decode()
        assert '<option value="04" selected>' in page and '<option value="0484" selected>' in page
        assert page.count('" selected>') == 4  # with the empty choices of type and level, as forms.Select marks them
    page = client.get(url("organisation-list")).content.decode()
    assert '<option value="04" selected>' not in page and '<option value="" selected>' in page


def test_drill_down_from_the_map_limits_the_list_to_the_space(client, space, other_space):
    make_organisation(name="In Sörmland")
    make_organisation(name="In Örebro", county_id="18", municipality_id="1880")
    publish(space, other_space)
    response = client.get(url("organisation-list"), {"space": space.slug, "type": "employer", "level": "local"})
    assert [row["name"] for row in response.context["rows"]] == ["In Sörmland"]
    assert space.name in response.content.decode()


def test_csv_export_of_the_filtered_list(client, space):
    make_organisation(name="=HYPERLINK(evil)", org_number="556036-0793")
    make_organisation(name="Annan", county_id="18", municipality_id="1880")
    publish(space)
    response = client.get(url("organisation-export"), {"municipality": "0484"})
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    lines = content.strip().splitlines()
    assert lines[0].startswith("\ufeff")
    assert len(lines) == 2
    assert "'=HYPERLINK(evil)" in lines[1] and "556036-0793" in lines[1] and "Eskilstuna" in lines[1]
    assert lines[0].count(";") == lines[1].count(";") >= 10  # semicolons, as Swedish Excel reads them


def test_detail_shows_contacts_only_to_insiders(client, member, guest):
    org = make_organisation(name="Mälardalens universitet")
    make_contact(organisation=org, name="Karin Kontakt", email="karin@example.se")
    body = make_body(space=member.space_memberships.get().space, name="Programråd El")
    make_membership(body=body, contact=make_contact(organisation=org))
    publish(body.space)
    page = client.get(org.get_absolute_url()).content.decode()
    assert "Programråd El" in page and "Karin Kontakt" not in page
    client.force_login(guest)
    assert "Karin Kontakt" not in client.get(org.get_absolute_url()).content.decode()
    client.force_login(member)
    page = client.get(org.get_absolute_url()).content.decode()
    assert "Karin Kontakt" in page
    assert url("organisation-update", pk=org.pk) not in page


def test_unknown_organisation_is_404(client):
    assert client.get(url("organisation-detail", pk=999999)).status_code == 404


def test_secretariat_registers_an_organisation(client, secretary):
    client.force_login(secretary)
    assert client.get(url("organisation-create")).status_code == 200
    response = client.post(
        url("organisation-create"),
        {
            "name": "Nyköpings kommun",
            "org_number": "2120000142",
            "type": "municipality",
            "level": "local",
            "municipality": "0480",
            "is_active": "on",
        },
    )
    org = Organisation.objects.get(name="Nyköpings kommun")
    assert response["Location"] == org.get_absolute_url()
    assert (org.org_number, org.county_id) == ("212000-0142", "04")


def test_near_duplicate_shows_the_similar_ones_and_can_be_confirmed(client, secretary):
    existing = make_organisation(name="Nyköpings kommun")
    client.force_login(secretary)
    data = {"name": "Nyköpings kommun", "type": "municipality", "level": "local", "municipality": "0480"}
    response = client.post(url("organisation-create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert existing.get_absolute_url() in page
    assert 'name="confirm_similar"' in page
    assert Organisation.objects.count() == 1
    response = client.post(url("organisation-create"), {**data, "confirm_similar": "on"})
    assert response.status_code == 302
    assert Organisation.objects.count() == 2


def test_bad_organisation_number_is_explained_on_the_form(client, secretary):
    client.force_login(secretary)
    response = client.post(
        url("organisation-create"), {"name": "X", "org_number": "811218-9876", "type": "employer", "level": "local"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["org_number"]
    assert not Organisation.objects.exists()


def test_register_writes_are_refused_to_members_and_anonymous(client, member, space):
    org = make_organisation(name="Original")
    publish(space)
    create = url("organisation-create")
    edit = url("organisation-update", pk=org.pk)
    data = {"name": "Ändrat", "type": "employer", "level": "local"}
    anonymous = client.post(edit, data)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(member)
    assert client.get(create).status_code == 403
    assert client.post(create, data).status_code == 403
    assert client.post(edit, data).status_code == 403
    assert client.post(url("contact-create", pk=org.pk), {"name": "Ny"}).status_code == 403
    org.refresh_from_db()
    assert org.name == "Original" and Organisation.objects.count() == 1 and not Contact.objects.exists()


def test_manager_of_any_space_edits_an_organisation_and_its_contacts(client, outsider):
    org = make_organisation(name="Original")
    client.force_login(outsider)
    response = client.post(
        url("organisation-update", pk=org.pk),
        {"name": "Nytt namn", "type": "employer", "level": "local", "municipality": "0484", "is_active": "on"},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Nytt namn"
    assert (
        client.post(url("contact-create", pk=org.pk), {"name": "Per Person", "email": "per@example.se"}).status_code
        == 302
    )
    contact = Contact.objects.get(organisation=org)
    response = client.post(url("contact-update", pk=org.pk, contact=contact.pk), {"name": "Per Persson", "email": "x"})
    assert response.status_code == 200 and response.context["form"].errors["email"]
    assert client.post(url("contact-update", pk=org.pk, contact=contact.pk), {"name": "Per Persson"}).status_code == 302
    assert Contact.objects.get(pk=contact.pk).name == "Per Persson"
    page = client.get(org.get_absolute_url()).content.decode()
    assert reverse("core:history", kwargs={"model": "actors.organisation", "pk": org.pk}) in page


def test_contact_of_another_organisation_is_404(client, secretary):
    contact = make_contact()
    other = make_organisation()
    client.force_login(secretary)
    assert client.get(url("contact-update", pk=other.pk, contact=contact.pk)).status_code == 404


def test_geojson_is_served_and_filtered_by_county(client):
    response = client.get(url("geojson", level="municipalities"), {"county": "04"})
    assert response.status_code == 200
    data = response.json()
    assert len(data["features"]) == 9
    assert {f["properties"]["code"][:2] for f in data["features"]} == {"04"}
    assert "max-age" in response["Cache-Control"] and response["ETag"]
    assert len(client.get(url("geojson", level="counties")).json()["features"]) == 21
    assert client.get(url("geojson", level="planets")).status_code == 404
    assert client.get(url("geojson", level="counties"), {"county": "x'"}).status_code == 404


def test_lookup_returns_matching_organisations_as_choices(client, space):
    org = make_organisation(name="Almi Företagspartner Mälardalen")
    publish(space)
    response = client.get(url("organisation-lookup"), {"organisation_search": "almi"})
    assert f'value="{org.pk}"' in response.content.decode()
    nothing = client.get(url("organisation-lookup"), {"q": "zzz"}).content.decode()
    assert "value=" not in nothing and "zzz" in nothing


# --- the landscape map ----------------------------------------------------------------------------------


def test_landscape_is_public_with_grid_map_table_and_matrix(client, space):
    org = make_organisation(name="Volvo CE")
    make_membership(body=make_body(space=space, name="Branschforum Industri"), contact=make_contact(organisation=org))
    publish(space)
    response = client.get(url("landscape", space=space.slug))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"?space={space.slug}&amp;type=employer&amp;level=local" in page
    assert "Eskilstuna" in page and "Branschforum Industri" in page and "Volvo CE" in page
    assert 'id="landscape-map-data"' in page and "leaflet/leaflet.js" in page
    assert url("landscape-publish", space=space.slug) not in page


def test_landscape_matrix_is_paged_and_downloadable_in_full(client, space):
    forum = make_body(space=space, name="Branschforum Industri")
    hidden = make_body(space=space, name="Intern grupp", is_public=False)
    for n in range(55):
        make_membership(body=forum, contact=make_contact(organisation=make_organisation(name=f"Org {n:02d}")))
    make_membership(body=hidden, contact=make_contact(organisation=make_organisation(name="Hemlig AB")))
    publish(space)
    response = client.get(url("landscape", space=space.slug))
    assert len(response.context["matrix"]["rows"]) == 50
    next_link = response.context["matrix"]["page"].next_url
    assert next_link.startswith("?cursor=") and f'href="{next_link}#matrix" rel="next"' in response.content.decode()
    second = client.get(url("landscape", space=space.slug) + next_link)
    assert [row["organisation"].name for row in second.context["matrix"]["rows"]] == [f"Org {n}" for n in range(50, 55)]
    assert client.get(url("landscape", space=space.slug), {"cursor": "forged"}).status_code == 400
    export = client.get(url("landscape-memberships-export", space=space.slug))
    text = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and text.count("Branschforum Industri") == 55
    assert "Intern grupp" not in text and "Hemlig AB" not in text


def test_landscape_of_unknown_space_is_404(client):
    assert client.get(url("landscape", space="finns-inte")).status_code == 404


@pytest.mark.parametrize("name", ["landscape-publish", "suggestion-list"])
def test_manager_pages_by_role(client, space, name, member, secretary, outsider, make_role_user):
    target = url(name, space=space.slug)
    assert "/accounts/login/" in client.get(target)["Location"]
    client.force_login(member)
    assert client.get(target).status_code == 403
    client.force_login(outsider)
    assert client.get(target).status_code == 403
    client.force_login(secretary)
    assert client.get(target).status_code == 200
    admin = make_role_user(space, "admin")
    give_totp(admin)
    client.force_login(admin)
    assert client.get(target).status_code == 200


def test_publish_shows_changes_then_publishes(client, space, secretary):
    make_organisation(name="Ny aktör")
    client.force_login(secretary)
    page = client.get(url("landscape-publish", space=space.slug)).content.decode()
    assert "Ny aktör" in page
    response = client.post(url("landscape-publish", space=space.slug), {"summary": "Första"})
    revision = LandscapeRevision.objects.get(space=space)
    assert response["Location"] == revision.get_absolute_url()
    assert client.post(url("landscape-publish", space=space.slug), {"summary": ""}).status_code == 200
    assert LandscapeRevision.objects.count() == 1


def test_denied_publish_changes_nothing(client, space, member, outsider):
    for user in (member, outsider):
        client.force_login(user)
        assert client.post(url("landscape-publish", space=space.slug), {"summary": "x"}).status_code == 403
    assert not LandscapeRevision.objects.exists()


def test_revisions_and_compare_are_public(client, space):
    admin = make_user(is_superuser=True)
    org = make_organisation(name="Alfa")
    services.landscape_publish(space=space, actor=admin, summary="Första")
    services.organisation_update(
        actor=None, organisation=org, data=services.OrganisationData(name="Alfa Omega", level="regional")
    )
    make_organisation(name="Beta")
    services.landscape_publish(space=space, actor=admin, summary="Andra")
    assert "Första" in client.get(url("revision-list", space=space.slug)).content.decode()
    detail = client.get(url("revision-detail", space=space.slug, number=1))
    assert detail.status_code == 200 and "Alfa" in detail.content.decode()
    assert client.get(url("revision-detail", space=space.slug, number=9)).status_code == 404
    compare = client.get(url("revision-compare", space=space.slug), {"from": 1, "to": 2})
    assert compare.status_code == 200
    diff = compare.context["diff"]
    assert [r["name"] for r in diff.added] == ["Beta"]
    assert diff.changed[0].fields == ["name", "level"]
    page = compare.content.decode()
    assert "<del>Alfa</del>" in page and "<ins>Alfa Omega</ins>" in page
    default = client.get(url("revision-compare", space=space.slug))
    assert default.context["new"].number == 2 and default.context["old"].number == 1
    bad = client.get(url("revision-compare", space=space.slug), {"from": "7", "to": "x"})
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()


def test_an_organisation_since_removed_from_the_map_is_named_but_not_linked_for_the_public(client, space):
    admin = make_user(is_superuser=True)
    kept, gone = make_organisation(name="Kvar"), make_organisation(name="Borta")
    services.landscape_publish(space=space, actor=admin, summary="Första")
    Organisation.objects.filter(pk=gone.pk).update(is_active=False)  # closed down since
    services.landscape_publish(space=space, actor=admin, summary="Andra")
    gone_link = reverse("actors:organisation-detail", kwargs={"pk": gone.pk})
    kept_link = reverse("actors:organisation-detail", kwargs={"pk": kept.pk})
    assert client.get(gone_link).status_code == 404
    compare = client.get(url("revision-compare", space=space.slug), {"from": 1, "to": 2}).content.decode()
    assert "Borta" in compare and gone_link not in compare
    first = client.get(url("revision-detail", space=space.slug, number=1)).content.decode()
    assert "Borta" in first and gone_link not in first and kept_link in first
    give_totp(admin)
    client.force_login(admin)  # the register's editors open it still
    assert gone_link in client.get(url("revision-compare", space=space.slug), {"from": 1, "to": 2}).content.decode()


# --- suggestions -----------------------------------------------------------------------------------------


def test_anonymous_suggestion_with_organisation_from_the_organisation_page(client, space):
    org = make_organisation(name="Eskilstuna Fabriksförening")
    publish(space)
    form_url = url("suggestion-create", space=space.slug)
    page = client.get(form_url, {"organisation": org.pk}).content.decode()
    assert "Eskilstuna Fabriksförening" in page and f'name="organisation" value="{org.pk}"' in page
    response = client.post(form_url, {"organisation": org.pk, "message": "Ny adress", "website": ""}, follow=True)
    suggestion = CorrectionSuggestion.objects.get()
    assert (suggestion.organisation, suggestion.space, suggestion.submitted_by) == (org, space, None)
    assert str(suggestion.pk) in response.content.decode()


def test_suggestion_resolves_the_typed_name_or_offers_the_matches(client, space):
    make_organisation(name="Almi Företagspartner Mälardalen")
    make_organisation(name="Almi Invest")
    publish(space)
    form_url = url("suggestion-create", space=space.slug)
    response = client.post(form_url, {"organisation_search": "almi", "message": "Fel"})
    assert response.status_code == 200
    assert len(response.context["form"].matches) == 2
    assert not CorrectionSuggestion.objects.exists()
    client.post(form_url, {"organisation_search": "Almi Invest", "message": "Fel"})
    assert CorrectionSuggestion.objects.get().organisation.name == "Almi Invest"


def test_honeypot_filled_in_saves_nothing(client, space):
    response = client.post(url("suggestion-create", space=space.slug), {"message": "spam", "website": "http://x"})
    assert response.status_code == 302
    assert not CorrectionSuggestion.objects.exists()


def test_empty_suggestion_is_explained(client, space):
    response = client.post(url("suggestion-create", space=space.slug), {"message": ""})
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_accepting_opens_the_prefilled_form_and_is_recorded_only_once_saved(client, space, secretary):
    org = make_organisation(name="Öknaskolan", type="education_provider", educates=True, employs=False)
    suggestion = services.suggestion_submit(
        space=space, organisation=org, message="Har även fokus på vissa grupper", submitter_email="s@example.se"
    )
    client.force_login(secretary)
    page = client.get(url("suggestion-list", space=space.slug)).content.decode()
    accept = url("suggestion-accept", space=space.slug, pk=suggestion.pk)
    assert "Har även fokus på vissa grupper" in page and accept in page
    # The old accept button leads to the form instead of accepting.
    response = client.post(url("suggestion-decide", space=space.slug, pk=suggestion.pk), {"decision": "accept"})
    assert response["Location"] == accept
    assert CorrectionSuggestion.objects.get(pk=suggestion.pk).status == "pending"
    form = client.get(accept).context["form"]
    assert form.initial["name"] == "Öknaskolan" and form.initial["educates"] is True
    assert form.initial["municipality"] == "0484"
    data = {
        "target": str(org.pk),
        "name": "Öknaskolan",
        "type": "education_provider",
        "level": "local",
        "educates": "on",
        "municipality": "0484",
        "county": "04",
        "is_active": "on",
        "response": "Tack för tipset",
    }
    unchanged = client.post(accept, data)
    assert unchanged.status_code == 200 and "error-summary" in unchanged.content.decode()
    assert CorrectionSuggestion.objects.get(pk=suggestion.pk).status == "pending"
    saved = client.post(accept, {**data, "focuses_on_groups": "on"})
    assert saved.status_code == 302
    suggestion.refresh_from_db()
    org.refresh_from_db()
    assert org.focuses_on_groups and suggestion.status == "accepted"
    accepted = client.get(url("suggestion-list", space=space.slug), {"status": "accepted"}).content.decode()
    with translation.override("sv"):
        label = str(Organisation._meta.get_field("focuses_on_groups").verbose_name)
    assert "Tack för tipset" in accepted
    assert f'<th scope="row">{label}</th>' in accepted
    # A second decision is refused, naming who decided.
    response = client.post(
        url("suggestion-decide", space=space.slug, pk=suggestion.pk),
        {"decision": "reject", "response": "Nej"},
        follow=True,
    )
    assert "Sara Sekreterare" in response.content.decode()
    assert CorrectionSuggestion.objects.get(pk=suggestion.pk).status == "accepted"


def test_accepting_a_suggestion_about_a_missing_actor_registers_it(client, space, secretary):
    suggestion = services.suggestion_submit(space=space, message="Almi Mälardalen saknas på kartan")
    client.force_login(secretary)
    accept = url("suggestion-accept", space=space.slug, pk=suggestion.pk)
    form = client.get(accept).context["form"]
    assert form.instance.pk is None
    response = client.post(
        accept,
        {
            "target": "new",
            "name": "Almi Mälardalen",
            "type": "other",
            "level": "regional",
            "county": "04",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.organisation.name == "Almi Mälardalen"


def test_rejecting_needs_a_reason(client, space, secretary):
    suggestion = services.suggestion_submit(space=space, message="X")
    client.force_login(secretary)
    decide = url("suggestion-decide", space=space.slug, pk=suggestion.pk)
    client.post(decide, {"decision": "reject", "response": ""})
    assert CorrectionSuggestion.objects.get(pk=suggestion.pk).status == "pending"
    client.post(decide, {"decision": "reject", "response": "Finns redan"})
    assert CorrectionSuggestion.objects.get(pk=suggestion.pk).status == "rejected"


def test_suggestions_of_another_space_cannot_be_decided(client, space, other_space, outsider, member):
    suggestion = services.suggestion_submit(space=space, message="X")
    client.force_login(outsider)
    assert (
        client.post(url("suggestion-decide", space=space.slug, pk=suggestion.pk), {"decision": "accept"}).status_code
        == 403
    )
    assert (
        client.post(
            url("suggestion-decide", space=other_space.slug, pk=suggestion.pk), {"decision": "accept"}
        ).status_code
        == 404
    )
    client.force_login(member)
    assert (
        client.post(url("suggestion-decide", space=space.slug, pk=suggestion.pk), {"decision": "accept"}).status_code
        == 403
    )
    assert CorrectionSuggestion.objects.get(pk=suggestion.pk).status == "pending"
