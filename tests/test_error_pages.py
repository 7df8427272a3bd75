"""Branded error pages in Swedish with a way back; the 500 page needs neither the database nor a context."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import include, path
from django.utils import translation

from samverka.platform.core import views
from samverka.testing import factories


def _boom(request):
    raise RuntimeError("boom")


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("boom/", _boom),
    path("forbidden/", _forbidden),
    path("", include("config.urls")),
]
handler400 = "samverka.platform.core.views.bad_request"
handler403 = "samverka.platform.core.views.permission_denied"
handler404 = "samverka.platform.core.views.page_not_found"
handler500 = "samverka.platform.core.views.server_error"


@pytest.mark.django_db
def test_404_is_swedish_in_the_sites_frame_with_ways_back(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Sidan kunde inte hittas</h1>" in page
    assert 'class="site-header"' in page and 'role="search"' in page
    assert 'href="/">Till Samverkas startsida' in page
    assert 'href="/search/"' in page
    assert "/accounts/login/?next=/finns-inte/" in page


@pytest.mark.django_db
def test_a_tampered_page_link_is_a_swedish_400_with_the_first_page(client):
    response = client.get("/organisations/?cursor=garbage")
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Adressen kunde inte läsas</h1>" in page
    assert 'class="site-header"' in page
    assert '<a href="/organisations/">Börja om från första sidan</a>' in page


@pytest.mark.django_db
def test_404_inside_a_space_leads_back_to_the_space(client, space):
    page = client.get(f"/s/{space.slug}/bodies/999999/").content.decode()
    assert f'href="/s/{space.slug}/">Till samverkansytans startsida' in page


@pytest.mark.django_db
def test_a_hidden_object_answers_the_same_404_page(client, space):
    body = factories.make_body(space=space, name="Internt organ", is_public=False)
    response = client.get(body.get_absolute_url())
    assert response.status_code == 404
    assert "Sidan kunde inte hittas" in response.content.decode()
    assert "Internt organ" not in response.content.decode()


@pytest.mark.django_db
def test_403_says_what_it_means_and_how_to_go_on(client, space):
    client.force_login(factories.make_user(role_in=space, role="member"))
    response = client.get(f"/s/{space.slug}/audit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Du har inte behörighet att göra detta</h1>" in page
    assert f'href="/s/{space.slug}/">Till samverkansytans startsida' in page
    assert 'href="/my/">Till Min sida' in page


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_403_for_someone_not_logged_in_offers_the_login(client):
    response = client.get("/forbidden/")
    assert response.status_code == 403
    assert "/accounts/login/?next=/forbidden/" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_500_is_swedish_and_branded():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "<h1>Något gick fel hos oss</h1>" in page
    assert 'href="/">Till Samverkas startsida' in page


def test_500_renders_without_the_database_or_a_context():
    """No django_db mark: any query would fail the test. The request carries no user or session."""
    request = RequestFactory().get("/whatever/")
    with translation.override("sv"):
        response = views.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert "Fel 500" in page  # the template, not the bare fallback
    assert "samverka/samverka.css" in page
    with translation.override("en"):
        assert "Something went wrong on our side" in views.server_error(request).content.decode()
