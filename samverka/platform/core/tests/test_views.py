import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_lists_spaces_in_swedish_by_default(client, space):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert response.status_code == 200
    assert response["Content-Language"] == "sv"
    assert "Kompetensplattform Sörmland" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/")
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_accessibility_statement_linked_from_footer(client):
    response = client.get("/")
    assert reverse("core:accessibility") in response.content.decode()
    assert client.get(reverse("core:accessibility")).status_code == 200


@pytest.mark.django_db
def test_every_response_carries_a_request_id_made_by_the_server(client):
    response = client.get("/", HTTP_X_REQUEST_ID="trace-12345678")
    assert response["X-Request-ID"] != "trace-12345678" and len(response["X-Request-ID"]) == 32
    assert len(client.get("/")["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_geography_is_loaded():
    from samverka.platform.core.models import County, Municipality

    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    assert Municipality.objects.get(code="0484").name == "Eskilstuna"
