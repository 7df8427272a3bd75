"""The wheel pages and the adopt page: drawing with a text alternative, preview then confirm,
permissions, and a query count that does not grow with the data."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.collaboration.bodies.models import BodyKind
from samverka.collaboration.meetings.models import Meeting
from samverka.collaboration.wheels.models import Adoption
from samverka.collaboration.wheels.services import wheel_adopt
from samverka.collaboration.wheels.tests.conftest import START_OF_2026
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def body_wheel_url(body, year=2026):
    return reverse("wheels:body-wheel", kwargs={"space": body.space.slug, "pk": body.pk}) + f"?year={year}"


def adopt_url(body):
    return reverse("wheels:wheel-adopt", kwargs={"space": body.space.slug, "pk": body.pk})


def test_body_wheel_draws_the_year_with_a_text_alternative(client, space, secretariat, forum):
    wheel_adopt(actor=secretariat, body=forum, template_key="industry_forum", year=2026, now=START_OF_2026)
    response = client.get(body_wheel_url(forum))
    assert response.status_code == 200
    html = response.content.decode()
    svgs = re.findall(r"<svg [^>]*>", html)
    assert len(svgs) == 2  # the wheel and the timeline
    for svg in svgs:
        assert 'role="img"' in svg and "aria-labelledby=" in svg
    assert html.count('class="wheel-month ') == 12
    assert len(re.findall(r'<circle [^>]*class="wheel-dot', html)) == 5
    assert len(re.findall(r'<circle [^>]*class="timeline-dot', html)) == 5
    assert "," not in "".join(re.findall(r'c[xy]="([^"]*)"', html))  # numbers are not localised (sv uses commas)
    table = html[html.index('<table class="wheel-table">') :]
    rows = re.findall(r"<tr>\s*<td>", table)
    assert len(rows) == 5
    # moved off Ascension Day, said in words
    assert "Kristi himmelsfärdsdag" in table


def test_private_body_wheel_is_404_for_the_public_and_the_space_wheel_hides_it(client, space, secretariat):
    private = make_body(space=space, name="Hemlig grupp", is_public=False)
    public = make_body(space=space, name="Öppen grupp")
    for body in (private, public):
        wheel_adopt(actor=secretariat, body=body, template_key="status_reports", year=2026, now=START_OF_2026)
    assert client.get(body_wheel_url(private)).status_code == 404
    page = client.get(reverse("wheels:space-wheel", kwargs={"space": space.slug}) + "?year=2026").content.decode()
    assert "Öppen grupp" in page and "Hemlig grupp" not in page
    client.force_login(secretariat)
    page = client.get(reverse("wheels:space-wheel", kwargs={"space": space.slug}) + "?year=2026").content.decode()
    assert "Öppen grupp" in page and "Hemlig grupp" in page


def test_a_bad_year_falls_back_to_this_year(client, space, forum):
    response = client.get(body_wheel_url(forum, year="abc"))
    assert response.status_code == 200


def test_adopt_previews_then_creates(client, space, secretariat, forum):
    client.force_login(secretariat)
    assert client.get(adopt_url(forum)).status_code == 200
    data = {"template": "national_cycle", "year": "2030", "time_of_day": "10:00", "place": "Stockholm"}
    preview = client.post(adopt_url(forum), {**data, "action": "preview"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert html.count('class="plan-create"') == 6
    assert not Meeting.objects.exists() and not Adoption.objects.exists()
    confirmed = client.post(adopt_url(forum), {**data, "action": "confirm"})
    assert confirmed.status_code == 302
    meetings = Meeting.objects.filter(body=forum)
    assert meetings.count() == 6
    assert set(meetings.values_list("place", flat=True)) == {"Stockholm"}
    # the same again: the preview shows only "keep", confirming changes nothing
    html = client.post(adopt_url(forum), {**data, "action": "preview"}).content.decode()
    assert 'class="plan-create"' not in html and 'class="plan-move"' not in html
    client.post(adopt_url(forum), {**data, "action": "confirm"})
    assert Meeting.objects.filter(body=forum).count() == 6


def test_adopt_form_errors_are_shown(client, space, secretariat, forum):
    client.force_login(secretariat)
    response = client.post(adopt_url(forum), {"template": "nope", "year": "99", "action": "preview"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


@pytest.mark.parametrize("role", ["member", "guest", "analyst"])
def test_adopt_is_refused_for_those_who_do_not_run_the_body(client, space, make_role_user, forum, role):
    client.force_login(make_role_user(space, role))
    data = {"template": "industry_forum", "year": "2026", "action": "confirm"}
    assert client.post(adopt_url(forum), data).status_code in (403, 404)
    assert client.get(adopt_url(forum)).status_code in (403, 404)
    assert not Meeting.objects.exists() and not Adoption.objects.exists()


def test_adopt_is_refused_for_a_plain_member_with_403(client, space, make_role_user, forum):
    client.force_login(make_role_user(space, "member"))
    response = client.post(adopt_url(forum), {"template": "industry_forum", "year": "2026", "action": "confirm"})
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_body_page_links_to_its_wheel_and_the_space_menu_has_it(client, space, forum):
    html = client.get(reverse("bodies:body-detail", kwargs={"space": space.slug, "pk": forum.pk})).content.decode()
    assert reverse("wheels:body-wheel", kwargs={"space": space.slug, "pk": forum.pk}) in html
    assert reverse("wheels:space-wheel", kwargs={"space": space.slug}) in html


# --- query counts --------------------------------------------------------------------------


def build(n: int, slug: str) -> dict:
    """A space with n industry forums on the industry-forum wheel and n bodies on six-week series."""
    space = make_space(slug=slug, name=slug)
    secretariat = make_user(role_in=space, role="secretariat")
    forums = [make_body(space=space, name=f"Forum {i}", kind=BodyKind.INDUSTRY_FORUM) for i in range(n)]
    for forum in forums:
        wheel_adopt(actor=None, body=forum, template_key="industry_forum", year=2026, now=START_OF_2026)
    for i in range(n):
        body = make_body(space=space, name=f"Grupp {i}", is_public=i % 2 == 0)
        wheel_adopt(actor=None, body=body, template_key="process_leaders", year=2026, now=START_OF_2026)
    return {"space": space, "forum": forums[-1], "secretariat": secretariat}


def count(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
def test_wheel_pages_query_count_does_not_grow(client, who):
    small, large = build(2, "liten"), build(8, "stor")
    for page in ("body", "space"):
        counts = []
        for world in (small, large):
            url = (
                body_wheel_url(world["forum"])
                if page == "body"
                else reverse("wheels:space-wheel", kwargs={"space": world["space"].slug}) + "?year=2026"
            )
            counts.append(count(client, world.get(who), url))
        assert counts[0] <= MAX_QUERIES, (page, counts)
        assert counts[0] == counts[1], (page, counts)
