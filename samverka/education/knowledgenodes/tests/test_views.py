"""The knowledge node pages: the public page (no login, no JS) with its map and table, the space's list,
a node's page, the forms and the areas no node covers — what each kind of visitor sees."""

from datetime import date

import pytest
from django.urls import reverse

from samverka.collaboration.actors.services import landscape_publish
from samverka.education.knowledgenodes.models import KnowledgeNode, YhArea
from samverka.education.knowledgenodes.tests.factories import make_node
from samverka.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def nodes(space):
    contact = factories.make_contact(name="Olof Rektorsson", email="olof@komvux.example")
    actor = factories.make_organisation(name="Teknikföretagen Mälardalen", type="industry_organisation")
    found = {
        "industry": make_node(
            space,
            area_kind="industry",
            area_code="C",
            name="Industri och teknik",
            offers="Validering mot branschmodellen.",
            contact_text="validering@komvux.example",
            contacts=[contact],
            industry_actors=[actor],
        ),
        "draft": make_node(space, municipality="0480", area_code="72", name="Vård (utkast)", is_published=False),
        "ended": make_node(
            space,
            municipality="0483",
            area_kind="yh_area",
            area_code="transport",
            name="Transport (avslutad)",
            valid_from=date(2020, 1, 1),
            valid_to=date(2021, 12, 31),
        ),
    }
    # The register shows an organisation to the public once it is on a published landscape map.
    landscape_publish(space=space, actor=factories.make_user(is_superuser=True), summary="Kunskapsnoder")
    later = factories.make_organisation(name="Ännu ej publicerad AB")
    found["industry"].industry_actors.add(later)
    return found


def _url(name, space, **kwargs):
    return reverse(f"knowledgenodes:{name}", kwargs={"space": space.slug, **kwargs})


def test_public_page_without_login_shows_current_published_nodes_with_map_and_table(client, space, nodes):
    from samverka.education.glossary.loading import load_platform_terms

    load_platform_terms()  # a transactional test elsewhere may have flushed what the migration shipped
    response = client.get(_url("public-nodes", space))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Industri och teknik" in html and "Validering mot branschmodellen." in html
    assert "validering@komvux.example" in html  # the public contact text
    assert "Vård (utkast)" not in html and "Transport (avslutad)" not in html
    assert "<svg" in html and 'id="node-map-table-caption"' in html  # the map and its table
    assert "Eskilstuna" in html.split('id="node-map-table-caption"')[1]
    assert "Olof Rektorsson" not in html  # contact persons are personal data: insiders only
    assert 'class="glossary-box"' in html


def test_public_page_without_nodes_says_so(client, space):
    response = client.get(_url("public-nodes", space))
    assert response.status_code == 200 and "<svg" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [(None, 302), ("guest", 403), ("member", 200), ("analyst", 200), ("secretariat", 200)]
)
def test_the_space_list_and_coverage_are_for_insiders(client, space, nodes, make_role_user, role, status):
    if role:
        client.force_login(make_role_user(space, role))
    for name in ("node-list", "coverage"):
        response = client.get(_url(name, space))
        assert response.status_code == status, name
    if status == 200:
        html = client.get(_url("node-list", space)).content.decode()
        assert "Vård (utkast)" in html and "Transport (avslutad)" in html


def test_an_unpublished_node_is_404_outside_the_space_and_shown_inside(
    client, space, other_space, nodes, make_role_user
):
    draft = _url("node-detail", space, pk=nodes["draft"].pk)
    assert client.get(draft).status_code == 404
    client.force_login(make_role_user(other_space, "member"))
    assert client.get(draft).status_code == 404
    client.force_login(make_role_user(space, "member"))
    assert client.get(draft).status_code == 200


def test_a_published_node_page_shows_contact_persons_only_to_insiders(client, space, nodes, make_role_user):
    url = _url("node-detail", space, pk=nodes["industry"].pk)
    public = client.get(url)
    assert public.status_code == 200
    assert "Olof Rektorsson" not in public.content.decode()
    assert "Teknikföretagen Mälardalen" in public.content.decode()
    assert "Ännu ej publicerad AB" not in public.content.decode()  # not yet on a published map
    client.force_login(make_role_user(space, "member"))
    inside = client.get(url).content.decode()
    assert "Olof Rektorsson" in inside and "Teknikföretagen Mälardalen" in inside
    assert _url("node-edit", space, pk=nodes["industry"].pk) not in inside  # a member does not edit


def _form(space, **fields):
    from samverka.platform.core.models import Municipality

    data = {
        "area": "sun_field:84",
        "municipality": Municipality.objects.get(code="0482").pk,
        "name": "Transporttjänster Flen",
        "valid_from": "2026-01-01",
        "valid_to": "",
        "offers": "Truckutbildning och validering.",
        "contact_text": "",
        "url": "",
        "is_published": "on",
    }
    data.update(fields)
    return data


def test_the_secretariat_adds_a_node_through_the_form(client, space, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    form = client.get(_url("node-create", space) + "?kind=yh_area&code=teknik")
    assert form.status_code == 200
    assert 'value="yh_area:teknik" selected' in form.content.decode()  # pre-filled from the coverage page
    response = client.post(_url("node-create", space), _form(space))
    node = KnowledgeNode.objects.get()
    assert response.status_code == 302 and response["Location"] == node.get_absolute_url()
    assert (node.area_kind, node.area_code, node.municipality_id) == ("sun_field", "84", "0482")


def test_bad_input_is_shown_beside_the_field_and_kept(client, space, make_role_user):
    from samverka.platform.core.models import Municipality

    client.force_login(make_role_user(space, "secretariat"))
    outside = Municipality.objects.get(code="0180")
    response = client.post(_url("node-create", space), _form(space, municipality=outside.pk, valid_to="2020-01-01"))
    assert response.status_code == 200
    assert not KnowledgeNode.objects.exists()
    html = response.content.decode()
    assert "error-summary" in html and "Truckutbildning och validering." in html  # nothing typed is lost
    make_node(space, municipality="0482", area_code="84", valid_from=date(2025, 1, 1))
    response = client.post(_url("node-create", space), _form(space))
    assert response.status_code == 200 and KnowledgeNode.objects.count() == 1
    assert "already holds a node" in response.content.decode() or "redan" in response.content.decode()


def test_the_edit_form_is_pre_filled_and_saves(client, space, nodes, make_role_user):
    node = nodes["industry"]
    client.force_login(make_role_user(space, "secretariat"))
    html = client.get(_url("node-edit", space, pk=node.pk)).content.decode()
    assert 'value="industry:C" selected' in html and "Validering mot branschmodellen." in html
    response = client.post(
        _url("node-edit", space, pk=node.pk),
        _form(space, area="industry:C", municipality="0484", name="Industri", offers="Nytt erbjudande."),
    )
    assert response.status_code == 302
    node.refresh_from_db()
    assert node.offers == "Nytt erbjudande." and node.name == "Industri"
    assert not node.contacts.exists()  # the form sent none


def test_a_member_may_not_open_the_forms_or_remove_and_nothing_changes(client, space, nodes, make_role_user):
    node = nodes["industry"]
    client.force_login(make_role_user(space, "member"))
    assert client.get(_url("node-create", space)).status_code == 403
    assert client.post(_url("node-edit", space, pk=node.pk), _form(space)).status_code == 403
    assert client.post(_url("node-delete", space, pk=node.pk)).status_code == 403
    node.refresh_from_db()
    assert node.name == "Industri och teknik"


def test_the_secretariat_removes_a_node(client, space, nodes, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    response = client.post(_url("node-delete", space, pk=nodes["draft"].pk))
    assert response.status_code == 302
    assert not KnowledgeNode.objects.filter(pk=nodes["draft"].pk).exists()


def test_coverage_names_the_areas_no_current_node_covers(client, space, nodes, make_role_user):
    make_node(space, municipality="0486", area_code="5", name="Teknik brett")  # covers 52, 54 and 58
    client.force_login(make_role_user(space, "analyst"))
    html = client.get(_url("coverage", space)).content.decode()
    # each section: <h3> areas without a node, their list, <h3> areas with a node, their list
    _heading, uncovered, covered = html.split('id="gaps-sun_field"')[1].split('id="gaps-yh_area"')[0].split("<h3>")
    assert "84 Transporttjänster" in uncovered
    assert "52 Teknik och teknisk industri" not in uncovered and "52 Teknik och teknisk industri" in covered
    assert "72 Hälso- och sjukvård" in covered  # the unpublished draft is in force: the region counts it
    yh = html.split('id="gaps-yh_area"')[1]
    # the transport node (Katrineholm) has ended: every YH area is uncovered, none names a holder
    assert yh.split("<h3>")[1].startswith(f"{len(YhArea.choices)} ") and "Katrineholm" not in yh
