"""The planner pages: who gets in, what they show, their files, bad GET input, and query counts at two sizes."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samverka.collaboration.bodies.models import BodyKind
from samverka.education.catalogue import planning
from samverka.education.catalogue.models import MunicipalEditor, SchoolType
from samverka.education.catalogue.tests.planner_factories import (
    ESKILSTUNA,
    NYKOPING,
    SORMLAND,
    make_education,
    make_offering,
    programme_offering,
)
from samverka.insight.analyses.models import BodyCoverage
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db

PAGES = ("planner", "coverage", "places", "gaps", "quality")
FILES = tuple(f"{name}-{fmt}" for name in ("coverage", "places", "gaps", "quality") for fmt in ("csv", "xlsx"))


def url(space, name, query=""):
    return reverse(f"catalogue:{name}", kwargs={"space": space.slug}) + query


@pytest.fixture
def catalogue(space):
    """A small catalogue: two programmes, places in care, a shortage occupation, one offering to check."""
    programme_offering(space, "NANAT", ESKILSTUNA, places=60)
    programme_offering(space, "VOVAR", NYKOPING, places=32, is_published=False)
    care = make_education(space, title="Undersköterska", school_type=SchoolType.VUXGY, sun_field="723", ssyk=("5321",))
    make_offering(space, care, places=25)
    make_offering(space, make_education(space, title='=HYPERLINK("http://evil")'), places=5)
    forum = make_body(space=space, kind=BodyKind.INDUSTRY_FORUM, name="Branschforum Vård och omsorg")
    BodyCoverage.objects.create(body=forum, ssyk_codes=["5321", "2221"])
    return space


@pytest.mark.parametrize("role", ["member", "analyst", "secretariat"])
def test_insiders_see_every_planner_page(client, catalogue, make_role_user, role):
    client.force_login(make_role_user(catalogue, role))
    for name in PAGES:
        response = client.get(url(catalogue, name))
        assert response.status_code == 200, name


def test_guests_outsiders_and_municipal_editors_are_refused_and_anonymous_visitors_sent_to_log_in(
    client, catalogue, other_space, make_role_user
):
    editor = make_user()
    MunicipalEditor.objects.create(space=catalogue, user=editor, municipality_id=ESKILSTUNA)
    refused = [make_role_user(catalogue, "guest"), make_role_user(other_space, "analyst"), editor]
    for name in PAGES + FILES:
        address = url(catalogue, name)
        response = client.get(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
        for person in refused:
            client.force_login(person)
            assert client.get(address).status_code == 403, (name, person)
            client.logout()


def test_the_matrix_shows_the_counts_and_that_no_municipality_offers_every_programme(client, catalogue, make_role_user):
    client.force_login(make_role_user(catalogue, "analyst"))
    response = client.get(url(catalogue, "coverage"))
    page = response.content.decode()
    matrix = response.context["matrix"]
    assert matrix.county.code == "04" and len(matrix.municipalities) == len(SORMLAND)
    assert 'id="no-complete-municipality"' in page
    assert 'data-programme="NA"' in page and 'data-programme="VO"' in page
    assert {row.code: row.total for row in matrix.rows}["VO"] == 1  # unpublished, still counted
    assert "<caption>" in page and '<th scope="col"' in page and '<th scope="row"' in page


def test_a_national_space_chooses_the_county_and_a_wrong_one_is_named_beside_the_field(
    client, national_space, make_role_user
):
    programme_offering(national_space, "EEELT", "1880")
    client.force_login(make_role_user(national_space, "analyst"))
    response = client.get(url(national_space, "coverage", "?county=18"))
    assert response.context["matrix"].county.code == "18"
    assert {row.code: row.total for row in response.context["matrix"].rows}["EE"] == 1
    response = client.get(url(national_space, "coverage", "?county=99"))
    assert response.status_code == 200
    assert response.context["form"].errors["county"]
    assert 'id="error-summary"' in response.content.decode()


def test_bad_parameters_are_reported_and_the_defaults_used(client, catalogue, make_role_user):
    client.force_login(make_role_user(catalogue, "analyst"))
    response = client.get(url(catalogue, "quality", "?months=abc&problem=nonsense"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"months", "problem"}
    assert response.context["report"].months == planning.STALE_MONTHS_DEFAULT
    response = client.get(url(catalogue, "places", "?level=7"))
    assert response.status_code == 200 and response.context["form"].errors["level"]
    assert response.context["places"].level == 1
    for name in ("quality-csv", "places-xlsx"):
        assert client.get(url(catalogue, name, "?months=0&level=x")).status_code == 200


def read_csv(content):
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_every_file_opens_and_agrees_with_the_page(client, catalogue, make_role_user):
    client.force_login(make_role_user(catalogue, "analyst"))
    for name in FILES:
        response = client.get(url(catalogue, name))
        assert response.status_code == 200, name
        assert response["Content-Disposition"].startswith("attachment;"), name
        if name.endswith("csv"):
            assert response["Content-Type"].startswith("text/csv")
            rows = read_csv(response.content)
            assert len(rows) > 2, name
        else:
            workbook = load_workbook(io.BytesIO(response.content))
            rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
            assert len(rows) > 2, name
    coverage = read_csv(client.get(url(catalogue, "coverage-csv")).content)
    header = coverage[1]  # under the title: the name, the programme code, the municipalities (the page's language)
    by_code = {row[1]: row for row in coverage[2:] if len(row) > 2}
    assert by_code["NA"][header.index("Eskilstuna")] == "1"
    assert by_code["VO"][header.index("Nyköping")] == "1"
    assert by_code["BA"][header.index("Eskilstuna")] == "0"
    places = read_csv(client.get(url(catalogue, "places-csv")).content)
    total = places[places.index([]) - 1]  # the last row before the notes
    assert total[-2:] == ["122", "0"]  # 60 + 32 + 25 + 5 places, none without places
    gaps = read_csv(client.get(url(catalogue, "gaps-csv")).content)
    assert any(row[:2] == ["Undersköterskor, hemtjänst, hemsjukvård och äldreboende", "5321"] for row in gaps)


def test_text_that_a_spreadsheet_would_run_is_neutralised_in_every_file(client, catalogue, make_role_user):
    client.force_login(make_role_user(catalogue, "analyst"))
    text = read_csv(client.get(url(catalogue, "quality-csv")).content)
    assert [cell for row in text for cell in row if "HYPERLINK" in cell] == ['\'=HYPERLINK("http://evil")']
    workbook = load_workbook(io.BytesIO(client.get(url(catalogue, "quality-xlsx")).content))
    cells = [c for row in workbook.active.iter_rows(values_only=True) for c in row if c and "HYPERLINK" in str(c)]
    assert cells == ['\'=HYPERLINK("http://evil")']


def test_the_quality_page_lists_and_pages_the_offerings_to_check(client, catalogue, make_role_user):
    old = timezone.now() - timedelta(days=400)
    for n in range(55):
        make_offering(
            catalogue, make_education(catalogue, title=f"Kurs {n:02d}", sun_field="521", ssyk=("7212",)), updated=old
        )
    client.force_login(make_role_user(catalogue, "analyst"))
    response = client.get(url(catalogue, "quality", "?problem=stale"))
    assert response.context["report"].counts["stale"] == 55
    assert len(response.context["offerings"]) == 50
    second = client.get(url(catalogue, "quality", "?problem=stale&page=2"))
    assert len(second.context["offerings"]) == 5
    offering = second.context["offerings"][0][0]
    assert f'href="{offering.get_absolute_url()}"' in second.content.decode()  # where to fix it
    assert 'value="6"' in client.get(url(catalogue, "quality")).content.decode()  # the default, shown
    assert client.get(url(catalogue, "quality", "?months=24")).context["report"].counts["stale"] == 0


@pytest.mark.parametrize("name", PAGES)
def test_each_page_costs_the_same_queries_at_two_sizes(client, catalogue, make_role_user, name):
    client.force_login(make_role_user(catalogue, "analyst"))
    client.get(url(catalogue, name))
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(catalogue, name)).status_code == 200
    for n in range(30):
        programme_offering(catalogue, planning.NATIONAL_PROGRAMMES[n % 18].code, SORMLAND[n % 9], places=n)
        make_offering(
            catalogue, make_education(catalogue, sun_field=f"{n % 9}", ssyk=("5321",)), places=n, ssyk=("2221",)
        )
    with CaptureQueriesContext(connection) as large:
        assert client.get(url(catalogue, name)).status_code == 200
    assert len(small) == len(large), [q["sql"] for q in large.captured_queries]
