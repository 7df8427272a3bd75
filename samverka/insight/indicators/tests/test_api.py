"""The statistics part of the REST API: datasets, observations and indicators, with the pages' rules."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from samverka.insight.indicators.tests.factories import REGIONS, SSYKS, make_dataset, make_table

pytestmark = pytest.mark.django_db

DIMENSIONS = {"period": ("2021",), "ssyk": SSYKS, "region": REGIONS, "sex": ("1", "2")}


@pytest.fixture
def tables(space, other_space):
    public = make_dataset(space=space, is_public=True, title="Offentlig")
    return {
        "published": make_table(dataset=public, dimensions=DIMENSIONS),
        "draft": make_table(dataset=public, dimensions=DIMENSIONS, status="draft"),
        "private": make_table(
            dataset=make_dataset(space=space, is_public=False, title="Intern"), dimensions=DIMENSIONS
        ),
        "unpublished": make_table(
            dataset=make_dataset(space=other_space, is_public=True, title="Ej publicerad"),
            dimensions=DIMENSIONS,
            status="draft",
        ),
    }


def test_datasets_list_what_the_user_may_read(tables, space, make_role_user):
    api = APIClient()
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = api.get("/api/v1/datasets/").json()
    assert [d["title"] for d in body["results"]] == ["Offentlig"]
    assert [v["number"] for v in body["results"][0]["versions"]] == [1]  # the draft v2 is hidden
    assert api.get(f"/api/v1/datasets/{tables['private'].dataset_id}/").status_code == 404
    api.force_authenticate(make_role_user(space, "analyst"))
    body = api.get("/api/v1/datasets/").json()
    assert sorted(d["title"] for d in body["results"]) == ["Intern", "Offentlig"]
    offentlig = next(d for d in body["results"] if d["title"] == "Offentlig")
    assert [v["number"] for v in offentlig["versions"]] == [2, 1]


def test_observations_are_filtered_by_version_and_dimensions(tables):
    api = APIClient()
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    version = tables["published"]
    response = api.get("/api/v1/observations/", {"version": version.pk, "ssyk": "2211", "sex": "2"})
    assert response.status_code == 200
    body = response.json()
    expected = [r for r in version.fixture_rows if r["ssyk"] == "2211" and r["sex"] == "2"]
    assert len(body["results"]) == len(expected) == 2
    assert sorted(o["value"] for o in body["results"]) == sorted(r["value"] for r in expected)
    assert api.get("/api/v1/observations/", {"version": tables["draft"].pk}).json()["results"] == []
    assert api.get("/api/v1/observations/", {"version": tables["private"].pk}).json()["results"] == []
    assert api.get("/api/v1/observations/").status_code == 400  # version is required


def test_indicator_catalogue_and_compute(tables, space, make_role_user):
    api = APIClient()
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    keys = [i["key"] for i in api.get("/api/v1/indicators/").json()]
    assert "age_structure" in keys and "matched_employment" in keys
    version = tables["published"]
    response = api.get("/api/v1/indicators/share_women/compute/", {"version": version.pk, "region": "0480"})
    assert response.status_code == 200, response.content
    table = response.json()
    women = sum(
        r["value"] for r in version.fixture_rows if r["region"] == "0480" and r["ssyk"] == "2211" and r["sex"] == "2"
    )
    everyone = sum(r["value"] for r in version.fixture_rows if r["region"] == "0480" and r["ssyk"] == "2211")
    assert table["rows"][0][1:] == [round(everyone), round(women), round(100 * women / everyone, 1)]
    assert "Employed women / all employed" in table["definition"]
    bad = api.get("/api/v1/indicators/share_women/compute/", {"version": version.pk, "region": "9999"})
    assert bad.status_code == 400 and "9999" in str(bad.json())
    assert api.get("/api/v1/indicators/share_women/compute/", {"version": tables["private"].pk}).status_code == 404
    assert api.get("/api/v1/indicators/nonsense/compute/", {"version": version.pk}).status_code == 404
    api.force_authenticate(make_role_user(space, "member"))
    assert api.get("/api/v1/indicators/share_women/compute/", {"version": tables["private"].pk}).status_code == 200


def test_observations_page_by_cursor_through_the_whole_version_at_a_constant_cost(tables):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    version = tables["published"]
    api = APIClient()
    url, seen, costs = f"/api/v1/observations/?version={version.pk}&page_size=2", [], []
    api.get(url)  # warm-up: per-process caches
    while url:
        with CaptureQueriesContext(connection) as ctx:
            body = api.get(url).json()
        costs.append(len(ctx.captured_queries))
        assert "count" not in body  # the version's cell_count tells the size; no COUNT over its rows
        seen += [(row["ssyk"], row["region"], row["sex"]) for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == len(version.fixture_rows) == 8 and len(costs) == 4
    assert len(set(costs)) == 1  # the last page costs what the first does
    assert api.get("/api/v1/observations/", {"version": tables["private"].pk, "page_size": 3}).json()["results"] == []
