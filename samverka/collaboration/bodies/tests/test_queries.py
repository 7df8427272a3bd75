"""The body pages make a bounded number of queries, the same at N and 10N bodies and memberships."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.collaboration.bodies.models import Area, BodyKind
from samverka.collaboration.bodies.tests.helpers import seat
from samverka.testing.factories import (
    make_body,
    make_contact,
    make_membership,
    make_organisation,
    make_space,
    make_user,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
AREAS = [Area.EDUCATION_MATCHING, Area.TRANSITION_GUIDANCE, Area.PREPARATORY]


def build(n: int, slug: str) -> dict:
    """A space with a reporting chain n deep, n children under its deepest body, n members in each
    body (n organisations), some private bodies, industry forums, and a guest who sits in one."""
    space = make_space(slug=slug, name=slug)
    organisations = [make_organisation() for _ in range(n)]
    parent = None
    chain = []
    for i in range(n):
        parent = make_body(
            space=space,
            name=f"Kedja {i}",
            parent=parent,
            area=AREAS[i % 3],
            kind=BodyKind.INDUSTRY_FORUM if i % 3 == 0 else BodyKind.WORKING_GROUP,
            is_public=i % 4 != 1,
        )
        chain.append(parent)
    target = chain[-1]
    for i in range(n):
        make_body(space=space, name=f"Barn {i}", parent=target, area=AREAS[i % 3])
    for body in chain:
        for organisation in organisations:
            make_membership(body=body, contact=make_contact(organisation=organisation, gender="woman"))
    guest = make_user(role_in=space, role="guest")
    seat(guest, chain[1])
    return {
        "space": space,
        "target": target,
        "anonymous": None,
        "secretariat": make_user(role_in=space, role="secretariat"),
        "guest": guest,
    }


def count_queries(client, user, url: str) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def pages(world: dict) -> dict[str, str]:
    space, target = world["space"], world["target"]
    return {
        "list": reverse("bodies:body-list", kwargs={"space": space.slug}),
        "detail": reverse("bodies:body-detail", kwargs={"space": space.slug, "pk": target.pk}),
        "overview": reverse("bodies:system-overview", kwargs={"space": space.slug}),
        "edit": reverse("bodies:body-update", kwargs={"space": space.slug, "pk": target.pk}),
        "add-member": reverse("bodies:membership-create", kwargs={"space": space.slug, "pk": target.pk}),
        "close": reverse("bodies:body-close", kwargs={"space": space.slug, "pk": target.pk}),
    }


@pytest.mark.parametrize("who", ["anonymous", "secretariat", "guest"])
@pytest.mark.parametrize("page", ["list", "detail", "overview"])
def test_read_pages_are_bounded_and_do_not_grow(client, who, page):
    small, large = build(3, "liten"), build(30, "stor")
    if page == "detail" and who != "secretariat":
        # the deepest body may be private; use a public one for the public
        for world in (small, large):
            world["target"].is_public = True
            world["target"].save()
    n_small = count_queries(client, small[who], pages(small)[page])
    n_large = count_queries(client, large[who], pages(large)[page])
    assert n_small <= MAX_QUERIES, n_small
    assert n_small == n_large


@pytest.mark.parametrize("page", ["edit", "add-member", "close"])
def test_form_pages_are_bounded_and_do_not_grow(client, page):
    small, large = build(3, "liten"), build(30, "stor")
    n_small = count_queries(client, small["secretariat"], pages(small)[page])
    n_large = count_queries(client, large["secretariat"], pages(large)[page])
    assert n_small <= MAX_QUERIES, n_small
    assert n_small == n_large
