"""The catalogue in the REST API: the same rows as the pages, the public search's filters, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from samverka.education.catalogue.tests.factories import days, make_education, make_offering, make_provider

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_reads_published_rows_and_insiders_their_drafts(space, other_space, make_role_user):
    public = make_offering(space=space, education=make_education(space=space, title="Publicerad"))
    draft = make_offering(
        space=space, education=make_education(space=space, title="Utkast", is_published=False), is_published=False
    )
    elsewhere = make_offering(space=other_space, is_published=False, municipality="1880")
    anonymous = APIClient()
    assert ids(anonymous.get("/api/v1/offerings/")) == {public.pk}
    assert anonymous.get(f"/api/v1/offerings/{draft.pk}/").status_code == 404
    member = APIClient()
    member.force_authenticate(make_role_user(space, "member"))
    assert ids(member.get("/api/v1/offerings/")) == {public.pk, draft.pk}
    assert member.get(f"/api/v1/offerings/{elsewhere.pk}/").status_code == 404
    body = anonymous.get(f"/api/v1/offerings/{public.pk}/").json()
    assert body["public_url"] == public.get_public_url() and body["source"] == "local" and body["last_updated"]
    educations = ids(anonymous.get("/api/v1/educations/"))
    assert public.education_id in educations and draft.education_id not in educations
    assert ids(anonymous.get("/api/v1/education-providers/")) >= {public.provider_id}


def test_offerings_take_the_public_search_filters(space):
    yh = make_offering(
        space=space,
        education=make_education(space=space, title="Automation", school_type="YH", occupations=("3113",)),
        municipality="0480",
    )
    cancelled = make_offering(space=space, is_cancelled=True)
    make_offering(space=space, start_date=days(100), end_date=days(200))
    client = APIClient()
    assert ids(client.get("/api/v1/offerings/", {"school_type": "YH"})) == {yh.pk}
    assert ids(client.get("/api/v1/offerings/", {"municipality": "0480"})) == {yh.pk}
    assert ids(client.get("/api/v1/offerings/", {"ssyk": "31"})) == {yh.pk}
    assert ids(client.get("/api/v1/offerings/", {"q": "automation"})) == {yh.pk}
    assert cancelled.pk in ids(client.get("/api/v1/offerings/"))
    assert cancelled.pk not in ids(client.get("/api/v1/offerings/", {"public": "true"}))
    assert client.get("/api/v1/offerings/", {"start_from": "not a date"}).status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/offerings/", "/api/v1/educations/", "/api/v1/education-providers/"])
def test_list_query_count_does_not_grow(path, space):
    def grow(n: int, start: int) -> None:
        for i in range(start, start + n):
            provider = make_provider(space=space, name=f"Anordnare {i}")
            education = make_education(space=space, provider=provider, occupations=("5321", "5330"))
            make_offering(space=space, education=education, local_occupations=("2221",))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = APIClient().get(path)
        assert response.status_code == 200 and response.json()["results"]
        return len(captured)

    grow(3, 0)
    small = count()
    grow(27, 100)
    assert small == count() <= 20
