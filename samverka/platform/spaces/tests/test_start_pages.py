"""The space's start page shows the cards the apps above spaces add (spaces.dashboard), and the profile the
person's spaces (accounts.profile): spaces and accounts know no domain app, the pages read as before."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.collaboration.actors.models import LandscapeRevision
from samverka.collaboration.bodies.models import BodyKind
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db


def test_start_page_counts_the_bodies_the_visitor_may_see_by_kind(client, space):
    make_body(space=space, name="Branschråd vård", kind=BodyKind.INDUSTRY_FORUM, is_public=True)
    make_body(space=space, name="Arbetsgrupp A", kind=BodyKind.WORKING_GROUP, is_public=True)
    make_body(space=space, name="Arbetsgrupp B", kind=BodyKind.WORKING_GROUP, is_public=True)
    make_body(space=space, name="Intern grupp", kind=BodyKind.WORKING_GROUP, is_public=False)
    url = reverse("spaces:detail", kwargs={"space": space.slug})

    with translation.override("sv"):
        group, forum = str(BodyKind.WORKING_GROUP.label), str(BodyKind.INDUSTRY_FORUM.label)

    page = client.get(url).content.decode()
    assert '<h2 id="bodies-h">Forum och grupper</h2>' in page
    assert "<p>3 forum</p>" in page
    assert f"<ul><li>{group}: 2</li><li>{forum}: 1</li></ul>" in page, "most first"
    assert page.index('id="bodies-h"') < page.index('id="map-h"'), "the bodies card comes first"

    client.force_login(make_user(role_in=space, role="member"))
    page = client.get(url).content.decode()
    assert "<p>4 forum</p>" in page and f"<li>{group}: 3</li>" in page


def test_start_page_shows_the_latest_published_revision_of_the_landscape_map(client, space):
    url = reverse("spaces:detail", kwargs={"space": space.slug})
    assert "Inte publicerad ännu." in client.get(url).content.decode()
    publisher = make_user(role_in=space, role="secretariat")
    for number in (1, 2):
        LandscapeRevision.objects.create(
            space=space, number=number, published_by=publisher, snapshot={}, organisation_count=0
        )
    page = client.get(url).content.decode()
    assert "Revision 2, publicerad " in page
    assert reverse("actors:landscape", kwargs={"space": space.slug}) in page


def test_profile_lists_the_person_s_spaces_with_the_role_s_name(client, space, other_space):
    user = make_user(role_in=space, role="analyst")
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "<h2>Mina samverkansytor</h2>" in page
    assert f'<a href="{space.get_absolute_url()}">{space.name}</a> (Analytiker)' in page
    assert other_space.name not in page
