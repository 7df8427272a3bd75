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


def test_regions_list_the_counties_with_their_municipality_counts(client_en: Client) -> None:
    index = client_en.get("/classifications/").content.decode()
    assert "/classifications/regions/" in index and "counties: 21, municipalities: 290" in index
    body = client_en.get("/classifications/regions/").content.decode()
    assert body.count('href="/classifications/regions/') == 21  # one link per county (the map draws from the API)
    row = body.split('href="/classifications/regions/04/"')[1].split("</tr>")[0]
    assert "Södermanlands län" in row and "<td>9</td>" in row
    assert "/geo/counties.geojson" in body


def test_a_county_lists_its_municipalities_and_a_municipality_names_its_county(client_en: Client) -> None:
    county = client_en.get("/classifications/regions/04/").content.decode()
    assert "9 municipalities in the county" in county
    assert "/classifications/regions/0484/" in county and "Eskilstuna" in county
    assert "/classifications/regions/0180/" not in county  # Stockholm is another county's
    assert "/geo/municipalities.geojson?county=04" in county
    municipality = client_en.get("/classifications/regions/0484/").content.decode()
    assert '<h1>0484 <span lang="sv">Eskilstuna</span></h1>' in municipality
    assert 'href="/classifications/regions/04/"' in municipality and 'data-chosen="0484"' in municipality
    assert '<tr aria-current="true"><th scope="row"><a href="/classifications/regions/0484/">' in municipality
    for unknown in ("99", "9999", "abc", "04840"):
        assert client_en.get(f"/classifications/regions/{unknown}/").status_code == 404


def test_search_finds_counties_and_municipalities_by_name_and_code(client: Client) -> None:
    body = client.get("/classifications/", {"q": "eskilstuna"}).content.decode()
    results = body.split('id="region-results"')[1].split("</table>")[0]
    assert "/classifications/regions/0484/" in results
    by_code = client.get("/classifications/", {"q": "048"}).content.decode().split('id="region-results"')[1]
    assert "/classifications/regions/0480/" in by_code and "/classifications/regions/0484/" in by_code
    # Limited to one classification, the regions are not searched.
    limited = client.get("/classifications/", {"q": "eskilstuna", "scheme": "ssyk2012"}).content.decode()
    assert 'id="region-results"' not in limited
