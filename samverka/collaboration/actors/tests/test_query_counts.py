"""List, detail and landscape pages make a bounded number of queries, the same at size N and 10N."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.collaboration.actors import services
from samverka.collaboration.actors.models import Organisation
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def count_queries(client, path, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    assert response.status_code == 200, path
    return len(ctx.captured_queries), ctx


def publish(space):
    """Visitors read the published map: publish what was added (the secretariat reads the live register)."""
    services.landscape_publish(space=space, actor=make_user(is_superuser=True), summary="x")


def add_organisations(n, start=0, **extra):
    fields = {"type": "employer", "level": "local", "county_id": "04", "municipality_id": "0484", "employs": True}
    fields.update(extra)
    Organisation.objects.bulk_create(
        [Organisation(name=f"Org {i:05d}", normalised_name=f"org {i:05d}", **fields) for i in range(start, start + n)]
    )


def grow_space(space, *, organisations, bodies, start):
    """Organisations in the space's county, bodies, and memberships tying them together."""
    add_organisations(organisations, start=start)
    created = [make_body(space=space, name=f"Body {start + i:04d}") for i in range(bodies)]
    orgs = list(Organisation.objects.order_by("-pk")[:organisations])
    for i, org in enumerate(orgs[: bodies * 2]):
        make_membership(body=created[i % len(created)], contact=make_contact(organisation=org))


@pytest.fixture(params=["anonymous", "secretariat"])
def viewer(request, client, space, make_role_user):
    if request.param == "secretariat":
        client.force_login(make_role_user(space, "secretariat"))
    return client


def test_organisation_list(viewer, space):
    add_organisations(8)
    publish(space)
    viewer.get("/organisations/")  # the county and municipality options are cached from the first request on
    small, _ = count_queries(viewer, "/organisations/", {"q": "org", "county": "04", "roles": ["employs"]})
    add_organisations(80, start=100)
    publish(space)
    large, ctx = count_queries(viewer, "/organisations/", {"q": "org", "county": "04", "roles": ["employs"]})
    assert small == large <= MAX_QUERIES, [q["sql"] for q in ctx.captured_queries]
    small_space, _ = count_queries(viewer, "/organisations/", {"space": space.slug, "type": "employer"})
    add_organisations(80, start=500)
    publish(space)
    assert count_queries(viewer, "/organisations/", {"space": space.slug, "type": "employer"})[0] == small_space


def test_organisation_detail(viewer, space):
    def build(n, start):
        org = make_organisation(name=f"Detail {start}")
        for i in range(n):
            contact = make_contact(organisation=org)
            make_membership(body=make_body(space=space, name=f"B{start}-{i}"), contact=contact)
        publish(space)
        return org

    small, _ = count_queries(viewer, build(2, 1).get_absolute_url())
    large, ctx = count_queries(viewer, build(20, 2).get_absolute_url())
    assert small == large <= MAX_QUERIES, [q["sql"] for q in ctx.captured_queries]


def test_landscape_page(viewer, space):
    grow_space(space, organisations=10, bodies=3, start=0)
    publish(space)
    small, _ = count_queries(viewer, f"/s/{space.slug}/landscape/")
    grow_space(space, organisations=100, bodies=30, start=1000)
    publish(space)
    large, ctx = count_queries(viewer, f"/s/{space.slug}/landscape/")
    assert small == large <= MAX_QUERIES, [q["sql"] for q in ctx.captured_queries]


def test_national_landscape_page(client, national_space):
    add_organisations(5, level="national")
    publish(national_space)
    small, _ = count_queries(client, f"/s/{national_space.slug}/landscape/")
    add_organisations(50, start=100, level="national")
    publish(national_space)
    assert count_queries(client, f"/s/{national_space.slug}/landscape/")[0] == small <= MAX_QUERIES


def test_revision_pages(client, space, superuser):
    from samverka.collaboration.actors import services

    def publish(times):
        for _ in range(times):
            services.landscape_publish(space=space, actor=superuser, summary="x")

    add_organisations(10)
    publish(2)
    paths = ("", "revisions/", "revisions/1/", "revisions/2/", "compare/")
    small = [count_queries(client, f"/s/{space.slug}/landscape/{path}")[0] for path in paths]
    add_organisations(200, start=100)
    publish(20)
    large = [count_queries(client, f"/s/{space.slug}/landscape/{path}")[0] for path in paths]
    assert small == large
    assert max(large) <= MAX_QUERIES


def test_suggestion_queue(client, space, make_role_user):
    from samverka.collaboration.actors import services

    client.force_login(make_role_user(space, "secretariat"))

    def submit(n):
        for i in range(n):
            services.suggestion_submit(space=space, message=f"Förslag {i}", organisation=make_organisation())

    submit(2)
    small, _ = count_queries(client, f"/s/{space.slug}/landscape/suggestions/")
    submit(20)
    large, ctx = count_queries(client, f"/s/{space.slug}/landscape/suggestions/")
    assert small == large <= MAX_QUERIES, [q["sql"] for q in ctx.captured_queries]
