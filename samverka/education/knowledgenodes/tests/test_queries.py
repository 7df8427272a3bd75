"""The knowledge node pages, the API list and the glossary make the same number of queries with few and with
many nodes (each with industry actors and a contact person)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.education.glossary.loading import load_platform_terms
from samverka.education.knowledgenodes.tests.factories import make_node
from samverka.platform.api.tests.conftest import client_for
from samverka.platform.core.models import Municipality
from samverka.testing.factories import make_contact, make_organisation, make_space, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
AREAS = ("52", "54", "58", "62", "72", "76", "81", "84", "85", "86", "48", "34")


def build(n: int, slug: str) -> dict:
    space = make_space(slug=slug, name=slug)
    municipalities = list(Municipality.objects.filter(county_id="04").order_by("code"))
    nodes = []
    for i in range(n):
        actors = [make_organisation(name=f"Branschaktör {slug} {i}.{j}") for j in range(2)]
        nodes.append(
            make_node(
                space,
                municipality=municipalities[i % len(municipalities)].code,
                area_code=AREAS[i % len(AREAS)],
                name=f"Nod {i}",
                is_published=i % 3 != 2,
                industry_actors=actors,
                contacts=[make_contact(organisation=actors[0])],
            )
        )
    return {
        "space": space,
        "node": nodes[0],
        "member": make_user(role_in=space, role="member"),
        "secretariat": make_user(role_in=space, role="secretariat"),
    }


def count(client, user, url: str) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def count_api(user, url: str) -> int:
    api = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, url
    return len(queries)


def measure(client, world: dict) -> dict[str, int]:
    space, node = world["space"], world["node"]
    slug = {"space": space.slug}
    return {
        "public page": count(client, None, reverse("knowledgenodes:public-nodes", kwargs=slug)),
        "list": count(client, world["member"], reverse("knowledgenodes:node-list", kwargs=slug)),
        "coverage": count(client, world["member"], reverse("knowledgenodes:coverage", kwargs=slug)),
        "public detail": count(client, None, node.get_absolute_url()),
        "member detail": count(client, world["member"], node.get_absolute_url()),
        "edit form": count(
            client, world["secretariat"], reverse("knowledgenodes:node-edit", kwargs={**slug, "pk": node.pk})
        ),
        "api public": count_api(None, f"/api/v1/knowledge-nodes/?space={space.slug}"),
        "api member": count_api(world["member"], f"/api/v1/knowledge-nodes/?space={space.slug}"),
        "glossary": count(client, None, reverse("glossary:term-list")),
    }


def test_pages_make_a_constant_number_of_queries(client):
    load_platform_terms()
    small = measure(client, build(2, "liten"))
    large = measure(client, build(12, "stor"))
    assert small == large, (small, large)
    assert max(large.values()) <= MAX_QUERIES, large
