"""The OpenAPI schema is valid and warning-free; the docs page uses only our own static files."""

import re

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings_and_validates(tmp_path):
    target = tmp_path / "schema.yaml"
    # --api-version: with NamespaceVersioning the generator only sees the routes of the version asked for.
    call_command("spectacular", "--api-version", "v1", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text(encoding="utf-8"))
    paths = set(schema["paths"])
    for endpoint in ("organisations", "contacts", "spaces", "bodies", "memberships", "counties", "municipalities"):
        assert f"/api/v1/{endpoint}/" in paths
    assert "/api/v1/bodies/{id}/close/" in paths and "/api/v1/memberships/{id}/end/" in paths
    assert "delete" not in schema["paths"]["/api/v1/bodies/{id}/"]
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    create = schema["paths"]["/api/v1/bodies/"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/BodyCreate")
    assert create["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith("/Body")
    filters = {p["name"] for p in schema["paths"]["/api/v1/organisations/"]["get"]["parameters"]}
    assert {"q", "type", "level", "county", "municipality", "cursor", "page_size"} <= filters


def test_schema_endpoint_serves_the_v1_schema(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    assert "/api/v1/organisations/" in response.json()["paths"]


def test_docs_page_loads_swagger_ui_from_our_static_files_only(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/swagger-ui-dist/swagger-ui-bundle.js" in assets
    assert all(url.startswith("/static/") for url in assets), assets
    assert not re.search(r"https?://", html.replace("http://www.w3.org", "")), "an external URL in the docs page"
    assert '"validatorUrl": null' in html  # no badge image from validator.swagger.io
    assert "/api/v1/schema/" in html
    # Swagger UI's files are really served.
    assert client.get("/static/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200


def test_every_page_links_to_the_docs(client):
    from django.urls import reverse

    assert reverse("v1:api-docs") == "/api/v1/docs/"
    assert 'href="/api/v1/docs/"' in client.get("/").content.decode()
    assert client.get("/api/v2/docs/").status_code == 404


def test_api_root_lists_the_collections(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert set(response.json()) == {
        "organisations",
        "contacts",
        "spaces",
        "bodies",
        "memberships",
        "counties",
        "municipalities",
        "meetings",
        "agenda-items",
        "decisions",
        "action-items",
        "goals",
        "work-plans",
        "activities",
        "status-rounds",
        "status-reports",
        "inputs",
        "cases",
        "documents",
        "diary",
        "questions",
        "datasets",
        "observations",
        "indicators",
        "validation-offers",
        "validation-outcomes",
        "cohorts",
        "education-orders",
        "myh-reports",
        "education-providers",
        "educations",
        "offerings",
        "knowledge-nodes",
    }
