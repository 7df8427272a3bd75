"""The public classification pages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_en() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def test_index_lists_every_scheme_with_counts(client: Client) -> None:
    response = client.get("/classifications/")
    assert response.status_code == 200
    body = response.content.decode()
    for scheme in ("ssyk2012", "sun2020_level", "sun2020_field", "sun2000_level", "sun2000_field", "sni2007"):
        assert f"/classifications/{scheme}/" in body
    assert "633" in body and "1817" in body


def test_search_finds_nurses_under_ssyk(client: Client) -> None:
    response = client.get("/classifications/", {"q": "Sjuksköterskor", "scheme": "ssyk2012"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Grundutbildade sjuksköterskor" in body
    assert "/classifications/ssyk2012/2221/" in body
    assert "/classifications/sni2007/" not in body.split('id="search-results"')[1].split("</table>")[0]


def test_search_without_matches_says_so(client_en: Client) -> None:
    response = client_en.get("/classifications/", {"q": "zzxxqq"})
    assert "Nothing matches" in response.content.decode()


def test_tree_opens_the_path_to_a_code(client: Client) -> None:
    closed = client.get("/classifications/ssyk2012/").content.decode()
    assert "Militära yrken" in closed and "Grundutbildade sjuksköterskor" not in closed
    opened = client.get("/classifications/ssyk2012/", {"open": "222"})
    assert opened.status_code == 200
    body = opened.content.decode()
    assert "Yrken med krav på fördjupad högskolekompetens inom hälso- och sjukvård" in body
    assert "Grundutbildade sjuksköterskor" in body
    assert "Officerare" not in body  # 01 stays closed


def test_a_level_is_a_paginated_table(client: Client) -> None:
    first = client.get("/classifications/sni2007/", {"level": "5"})
    assert first.status_code == 200
    assert first.context["page_obj"].paginator.count == 821
    assert len(first.context["items"]) == 50
    last = client.get("/classifications/sni2007/", {"level": "5", "page": "17"})
    assert len(last.context["items"]) == 821 - 16 * 50


def test_item_page_shows_parents_and_children(client: Client) -> None:
    response = client.get("/classifications/sni2007/01.11/")
    assert response.status_code == 200
    assert [i.code for i in response.context["ancestors"]] == ["A", "01", "01.1"]
    assert [i.code for i in response.context["children"]] == ["01.110"]
    leaf = client.get("/classifications/sun2020_field/010/")
    assert leaf.status_code == 200
    assert leaf.context["item"].name


def test_unknown_scheme_or_code_is_404(client: Client) -> None:
    assert client.get("/classifications/ssyk2012/9999/").status_code == 404
    assert client.get("/classifications/nosuch/").status_code == 404
    assert client.get("/classifications/nosuch/0110/").status_code == 404
