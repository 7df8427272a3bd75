"""The public sees the published landscape map exactly; the live register is for its editors.

After a revision is published, an organisation is added and another renamed and moved. Every
channel that shows the register to someone who does not edit it — the map page, the lists, the
CSV export, the detail pages, the lookup of the suggestion form, the API — must show exactly the
revision's organisations with the revision's values, for an anonymous visitor, a member, a guest
and an API client without a role; the register's editors see the live state.
"""

import csv
import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import give_totp
from samverka.collaboration.actors import selectors, services
from samverka.collaboration.actors.models import LandscapeRevision
from samverka.platform.core.models import Municipality
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(space, make_role_user):
    """Revision 1 with three organisations; then one added, one renamed and moved, one made inactive."""
    secretary = make_role_user(space, "secretariat")
    kept = make_organisation(name="Eskilstuna kommun", type="municipality")
    renamed = make_organisation(name="Mälardalens högskola", type="education_provider", educates=True)
    retired = make_organisation(name="Lärcentrum Flen", type="education_provider", municipality_id="0482")
    forum = make_body(space=space, name="Branschforum Industri", is_public=True)
    for org in (kept, renamed):
        make_membership(body=forum, contact=make_contact(organisation=org))
    revision = services.landscape_publish(space=space, actor=secretary, summary="Första")
    added = services.organisation_create(
        actor=secretary,
        data=services.OrganisationData(
            name="Trosa Hantverk AB",
            type="employer",
            level="local",
            employs=True,
            municipality=Municipality.objects.get(code="0488"),
        ),
        confirm_similar=True,
    )
    make_membership(body=forum, contact=make_contact(organisation=added))
    services.organisation_update(
        actor=secretary,
        organisation=renamed,
        data=services.OrganisationData(
            name="Mälardalens universitet", municipality=Municipality.objects.get(code="0480")
        ),
    )
    services.organisation_update(actor=secretary, organisation=retired, data=services.OrganisationData(is_active=False))
    return {
        "space": space,
        "secretary": secretary,
        "revision": revision,
        "published": {"Eskilstuna kommun", "Mälardalens högskola", "Lärcentrum Flen"},
        "live": {"Eskilstuna kommun", "Mälardalens universitet", "Trosa Hantverk AB"},
        "added": added,
        "renamed": renamed,
        "retired": retired,
    }


def viewers(space, make_role_user):
    """Everyone who is not an editor of the register, as (label, logged-in user or None)."""
    return [
        ("anonymous", None),
        ("member", make_role_user(space, "member")),
        ("guest", make_role_user(space, "guest")),
    ]


def html_names(client, path, params=None):
    """The organisation names of a list page (from what the page renders)."""
    response = client.get(path, params or {})
    assert response.status_code == 200, path
    return {row["name"] for row in response.context["rows"]}


def csv_names(client, params=None):
    response = client.get(reverse("actors:organisation-export"), params or {})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    return {row[1] for row in rows[1:]}, rows


def api_names(client, params=None):
    response = client.get("/api/v1/organisations/", params or {})
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}, response.json()["results"]


def test_everyone_but_editors_sees_exactly_the_published_revision_in_every_channel(client, world, make_role_user):
    space, revision = world["space"], world["revision"]
    added, renamed, retired = world["added"], world["renamed"], world["retired"]
    landscape = reverse("actors:landscape", kwargs={"space": space.slug})
    for label, user in viewers(space, make_role_user):
        client.logout()
        if user is not None:
            client.force_login(user)
        # The map page: the counts are the revision's, and it says so.
        page = client.get(landscape)
        assert page.context["grid"]["total"] == revision.organisation_count == 3, label
        assert page.context["areas"]["total"] == 3, label
        assert {row["organisation"].name for row in page.context["matrix"]["rows"]} == {
            "Eskilstuna kommun",
            "Mälardalens högskola",
        }, label
        html = page.content.decode()
        assert "Trosa Hantverk" not in html and "Mälardalens universitet" not in html, label
        areas = {row["code"]: row["count"] for row in page.context["areas"]["rows"]}
        assert (areas["0484"], areas["0482"], areas["0488"], areas["0480"]) == (2, 1, 0, 0), label
        # The lists: the whole register and the drill-down from the map, and the CSV of each.
        assert html_names(client, reverse("actors:organisation-list")) == world["published"], label
        assert html_names(client, reverse("actors:organisation-list"), {"space": space.slug}) == world["published"]
        assert html_names(client, reverse("actors:organisation-list"), {"q": "Mälardalens"}) == {"Mälardalens högskola"}
        assert html_names(client, reverse("actors:organisation-list"), {"q": "universitet"}) == set(), label
        assert html_names(client, reverse("actors:organisation-list"), {"municipality": "0480"}) == set(), label
        names, rows = csv_names(client)
        assert names == world["published"], label
        assert csv_names(client, {"space": space.slug})[0] == world["published"], label
        assert [row[9] for row in rows if row[1] == "Mälardalens högskola"] == ["Eskilstuna"], label
        # The detail pages: the published values; what is not published does not exist.
        detail = client.get(renamed.get_absolute_url())
        assert detail.status_code == 200
        assert detail.context["organisation"].name == "Mälardalens högskola", label
        assert detail.context["organisation"].municipality_id == "0484", label
        assert client.get(added.get_absolute_url()).status_code == 404, label
        assert client.get(retired.get_absolute_url()).status_code == 200, label  # still on the published map
        # The suggestion form's lookup and its pre-filled organisation.
        lookup = client.get(reverse("actors:organisation-lookup"), {"q": "Trosa"}).content.decode()
        assert f'value="{added.pk}"' not in lookup, label
        suggest = reverse("actors:suggestion-create", kwargs={"space": space.slug})
        assert "Trosa Hantverk" not in client.get(suggest, {"organisation": added.pk}).content.decode()
        assert "Mälardalens universitet" not in client.get(suggest, {"organisation": renamed.pk}).content.decode()


def test_the_api_without_an_editor_role_answers_with_the_published_revision(world, make_role_user):
    space, added, renamed = world["space"], world["added"], world["renamed"]
    anonymous = APIClient()
    member = APIClient()
    member.force_authenticate(make_role_user(space, "member"))
    for client in (anonymous, member):
        names, rows = api_names(client)
        assert names == world["published"]
        assert api_names(client, {"q": "universitet"})[0] == set()
        row = next(r for r in rows if r["id"] == renamed.pk)
        assert (row["name"], row["municipality"], row["municipality_name"]) == (
            "Mälardalens högskola",
            "0484",
            "Eskilstuna",
        )
        assert client.get(f"/api/v1/organisations/{added.pk}/").status_code == 404
        one = client.get(f"/api/v1/organisations/{renamed.pk}/")
        assert one.status_code == 200 and one.json()["name"] == "Mälardalens högskola"


def test_editors_see_the_live_register_and_what_visitors_see(client, world, make_role_user):
    space, revision = world["space"], world["revision"]
    admin = make_user(is_superuser=True, is_staff=True)
    give_totp(admin)
    for editor in (world["secretary"], make_role_user(space, "admin")):
        if editor.space_memberships.filter(role="admin").exists():
            give_totp(editor)
        client.force_login(editor)
        landscape = reverse("actors:landscape", kwargs={"space": space.slug})
        page = client.get(landscape)
        assert page.context["live"] is True
        assert page.context["grid"]["total"] == 3  # Trosa in, Flen inactive
        html = page.content.decode()
        assert "Trosa Hantverk AB" in html and "?view=published" in html
        published = client.get(landscape, {"view": "published"})
        assert published.context["grid"]["total"] == revision.organisation_count
        assert "&amp;view=published" in published.content.decode()
        assert html_names(client, reverse("actors:organisation-list")) == world["live"]
        assert html_names(client, reverse("actors:organisation-list"), {"view": "published"}) == world["published"]
        assert csv_names(client)[0] == world["live"]
        detail = client.get(world["added"].get_absolute_url())
        assert detail.status_code == 200 and detail.context["publication"]["published"] is False
        renamed = client.get(world["renamed"].get_absolute_url())
        assert renamed.context["organisation"].name == "Mälardalens universitet"
        assert [row.space for row in renamed.context["publication"]["stale"]] == [space]
    api = APIClient()
    api.force_authenticate(world["secretary"])
    assert api_names(api)[0] == world["live"]


def test_publishing_again_shows_the_changes_to_everyone(client, world):
    space = world["space"]
    revision = services.landscape_publish(space=space, actor=world["secretary"], summary="Andra")
    page = client.get(reverse("actors:landscape", kwargs={"space": space.slug}))
    assert page.context["grid"]["total"] == revision.organisation_count == 3
    assert html_names(client, reverse("actors:organisation-list")) == world["live"]
    assert client.get(world["added"].get_absolute_url()).status_code == 200
    assert client.get(world["retired"].get_absolute_url()).status_code == 404
    assert LandscapeRevision.objects.filter(space=space).count() == 2


def test_an_organisation_on_two_maps_shows_its_latest_publication_once(space, other_space, make_role_user):
    secretary = make_role_user(space, "secretariat")
    shared = make_organisation(name="Skolverket", level="national", county_id=None, municipality_id=None)
    make_membership(body=make_body(space=space), contact=make_contact(organisation=shared))
    make_membership(body=make_body(space=other_space), contact=make_contact(organisation=shared))
    services.landscape_publish(space=space, actor=make_user(is_superuser=True), summary="1")
    services.organisation_update(
        actor=secretary, organisation=shared, data=services.OrganisationData(description="Ny text")
    )
    services.landscape_publish(space=other_space, actor=make_user(is_superuser=True), summary="1")
    rows = list(selectors.organisation_list(user=None))
    assert [(org.pk, org.description) for org in rows] == [(shared.pk, "Ny text")]
    # Each map keeps its own revision's values.
    assert selectors.published_map(space).get().description == ""
