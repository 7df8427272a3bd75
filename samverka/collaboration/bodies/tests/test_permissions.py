"""Who sees and runs which body: the permission matrix over real pages and the rules themselves."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import give_totp
from samverka.collaboration.bodies.models import Body, Membership
from samverka.collaboration.bodies.tests.helpers import seat
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def bodies(space):
    public = make_body(space=space, name="Branschforum Teknik", is_public=True)
    private = make_body(space=space, name="Beredningsgrupp intern", is_public=False)
    for body in (public, private):
        make_membership(
            body=body,
            contact=make_contact(
                name=f"Hemlig Person {body.pk}", organisation=make_organisation(name=f"Synlig Org {body.pk}")
            ),
        )
    return {"public": public, "private": private}


@pytest.fixture
def people(space, make_role_user, secretariat, insider, guest, other_admin, superuser, bodies):
    """Everyone in the matrix; ``seated`` is a space guest who is a member of the private body,
    ``chair`` a space guest who chairs both bodies."""
    seated = make_role_user(space, "guest")
    seat(seated, bodies["private"])
    chair = make_role_user(space, "guest")
    seat(chair, bodies["private"], role="chair")
    seat(chair, bodies["public"], role="chair")
    give_totp(superuser)
    return {
        "anonymous": None,
        "guest": guest,
        "seated": seated,
        "chair": chair,
        "insider": insider,
        "secretariat": secretariat,
        "other_admin": other_admin,
        "superuser": superuser,
    }


def status_for(client, user, url, method="get", data=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    return response.status_code


def url(name, body, **extra):
    return reverse(f"bodies:{name}", kwargs={"space": body.space.slug, "pk": body.pk, **extra})


VIEW_PRIVATE = {
    "anonymous": 404,
    "guest": 404,
    "seated": 200,
    "chair": 200,
    "insider": 200,
    "secretariat": 200,
    "other_admin": 404,
    "superuser": 200,
}
# editing a body someone can see: anonymous → login, others without the right → 403
EDIT_PUBLIC = {
    "anonymous": 302,
    "guest": 403,
    "seated": 403,
    "chair": 200,
    "insider": 403,
    "secretariat": 200,
    "other_admin": 403,
    "superuser": 200,
}


@pytest.mark.parametrize("who", list(VIEW_PRIVATE))
def test_view_public_and_private_body(client, people, bodies, who):
    user = people[who]
    assert status_for(client, user, url("body-detail", bodies["public"])) == 200
    assert status_for(client, user, url("body-detail", bodies["private"])) == VIEW_PRIVATE[who]


@pytest.mark.parametrize("who", list(EDIT_PUBLIC))
def test_edit_close_and_membership_pages(client, people, bodies, who):
    user, body = people[who], bodies["public"]
    membership = Membership.objects.filter(body=body, contact__name__startswith="Hemlig").first()
    expected = EDIT_PUBLIC[who]
    for page in (
        url("body-update", body),
        url("body-close", body),
        url("membership-create", body),
        url("membership-update", body, membership=membership.pk),
        url("membership-end", body, membership=membership.pk),
        url("contact-lookup", body),
    ):
        assert status_for(client, user, page) == expected, page


@pytest.mark.parametrize("who", ["anonymous", "guest", "other_admin"])
def test_outsiders_get_404_for_every_page_of_a_private_body(client, people, bodies, who):
    body = bodies["private"]
    membership = Membership.objects.filter(body=body).first()
    for page in (
        url("body-detail", body),
        url("body-update", body),
        url("body-close", body),
        url("membership-create", body),
        url("membership-end", body, membership=membership.pk),
    ):
        assert status_for(client, people[who], page) == 404, page


@pytest.mark.parametrize("who", ["anonymous", "guest", "insider", "other_admin", "seated"])
def test_denied_writes_change_nothing(client, people, bodies, who):
    body = bodies["public"]
    membership = Membership.objects.get(body=body, contact__name__startswith="Hemlig")
    count = Membership.objects.filter(body=body).count()
    posts = [
        (url("body-update", body), {"name": "Kapad", "kind": "network", "area": "preparatory", "status": "active"}),
        (url("body-close", body), {"closed_at": TODAY.isoformat(), "closing_note": "Stängd"}),
        (url("membership-create", body), {"contact": str(make_contact().pk), "role": "member"}),
        (url("membership-end", body, membership=membership.pk), {"end_date": TODAY.isoformat()}),
    ]
    for page, data in posts:
        assert status_for(client, people[who], page, "post", data) in {302, 403}, page
    body.refresh_from_db()
    membership.refresh_from_db()
    assert (body.name, body.status, membership.end_date) == ("Branschforum Teknik", "active", None)
    assert Membership.objects.filter(body=body).count() == count


def test_create_page_is_for_the_secretariat_and_admins_of_the_space(client, people, space):
    create = reverse("bodies:body-create", kwargs={"space": space.slug})
    expected = {"anonymous": 302, "guest": 403, "chair": 403, "insider": 403, "secretariat": 200}
    expected.update({"other_admin": 403, "superuser": 200, "seated": 403})
    for who, status in expected.items():
        assert status_for(client, people[who], create) == status, who
    assert (
        status_for(client, people["insider"], create, "post", {"name": "X", "kind": "network", "area": "national"})
        == 403
    )
    assert not Body.objects.filter(name="X").exists()


@pytest.mark.parametrize(
    ("who", "sees_people"),
    [
        ("anonymous", False),
        ("guest", False),
        ("other_admin", False),
        ("seated", False),
        ("insider", True),
        ("secretariat", True),
    ],
)
def test_persons_are_hidden_from_the_public_but_organisations_shown(client, people, bodies, who, sees_people):
    body = bodies["public"]
    client.logout()
    if people[who] is not None:
        client.force_login(people[who])
    html = client.get(url("body-detail", body)).content.decode()
    assert f"Synlig Org {body.pk}" in html
    assert (f"Hemlig Person {body.pk}" in html) is sees_people


def test_members_of_a_body_see_its_members(client, people, bodies):
    client.force_login(people["seated"])
    html = client.get(url("body-detail", bodies["private"])).content.decode()
    assert f"Hemlig Person {bodies['private'].pk}" in html


def test_an_ended_membership_no_longer_opens_a_private_body(client, space, make_role_user):
    body = make_body(space=space, is_public=False)
    former = make_role_user(space, "guest")
    seat(former, body, start_date=TODAY - timedelta(days=100), end_date=TODAY - timedelta(days=1))
    client.force_login(former)
    assert client.get(url("body-detail", body)).status_code == 404
    assert body not in Body.objects.restrict(former)


def test_a_leader_whose_seat_has_not_started_cannot_run_the_body_yet(space, make_role_user):
    body = make_body(space=space)
    future_chair = make_role_user(space, "guest")
    seat(future_chair, body, role="chair", start_date=TODAY + timedelta(days=10))
    assert future_chair.has_perm("bodies.view_membership_people", body)  # about to be a member
    assert not future_chair.has_perm("bodies.change_body", body)


def test_rules_for_history_and_system_overview(space, other_space, secretariat, insider, bodies):
    membership = Membership.objects.filter(body=bodies["public"]).first()
    assert secretariat.has_perm("bodies.change_membership", membership)
    assert not insider.has_perm("bodies.change_membership", membership)
    assert secretariat.has_perm("bodies.add_body", space)
    assert not secretariat.has_perm("bodies.add_body", other_space)
    from django.contrib.auth.models import AnonymousUser

    assert AnonymousUser().has_perm("bodies.view_system_overview", space)


def test_history_page_of_a_body_follows_change_body(client, people, bodies):
    history = reverse("core:history", kwargs={"model": "bodies.body", "pk": bodies["public"].pk})
    assert status_for(client, people["secretariat"], history) == 200
    assert status_for(client, people["chair"], history) == 200
    assert status_for(client, people["insider"], history) == 403
    private_history = reverse("core:history", kwargs={"model": "bodies.body", "pk": bodies["private"].pk})
    assert status_for(client, people["other_admin"], private_history) == 404


def test_history_of_a_membership_in_a_private_body_is_404_for_outsiders(client, people, bodies):
    membership = Membership.objects.filter(body=bodies["private"]).first()
    history = reverse("core:history", kwargs={"model": "bodies.membership", "pk": membership.pk})
    assert status_for(client, people["other_admin"], history) == 404
    assert status_for(client, people["anonymous"], history) == 404
    assert status_for(client, people["insider"], history) == 403
    assert status_for(client, people["secretariat"], history) == 200


def test_a_guest_chair_is_not_shown_private_bodies_when_editing_or_closing(client, space, make_role_user):
    body = make_body(space=space, name="Öppet forum")
    make_body(space=space, name="Hemligt utskott", is_public=False, parent=body)
    make_body(space=space, name="Annan hemlig grupp", is_public=False)
    chair = make_role_user(space, "guest")
    seat(chair, body, role="chair")
    client.force_login(chair)
    client.cookies["django_language"] = "en"
    form_page = client.get(url("body-update", body)).content.decode()
    assert "Annan hemlig grupp" not in form_page and "Hemligt utskott" not in form_page
    response = client.post(url("body-close", body), {"closed_at": TODAY.isoformat(), "closing_note": "Klart"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hemligt utskott" not in html
    assert "cannot be closed while bodies still report to it: 1 body that is not public." in html
    body.refresh_from_db()
    assert body.status == "active"


def test_a_guest_chair_keeps_a_hidden_parent_link_when_saving(client, space, make_role_user):
    hidden = make_body(space=space, name="Hemlig styrgrupp", is_public=False)
    body = make_body(space=space, name="Öppet forum", parent=hidden)
    chair = make_role_user(space, "guest")
    seat(chair, body, role="chair")
    client.force_login(chair)
    assert "Hemlig styrgrupp" not in client.get(url("body-update", body)).content.decode()
    data = {"name": "Öppet forum 2", "kind": "network", "area": "preparatory", "status": "active", "parent": ""}
    assert client.post(url("body-update", body), data).status_code == 302
    body.refresh_from_db()
    assert (body.name, body.parent) == ("Öppet forum 2", hidden)
