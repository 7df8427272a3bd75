"""The indicator page, the CSV download and the outlook pages, as each kind of user sees them."""

import csv
import io

import pytest

from samverka.insight.indicators import services
from samverka.insight.indicators.models import Scenario
from samverka.insight.indicators.tests.factories import AGES, REGIONS, SSYKS, make_dataset, make_table

pytestmark = pytest.mark.django_db

DIMENSIONS = {"period": ("2020", "2021"), "ssyk": SSYKS, "region": REGIONS, "age": AGES, "sex": ("1", "2")}


def page(space):
    return f"/s/{space.slug}/statistics/indicators/"


@pytest.fixture
def tables(space):
    public = make_dataset(space=space, is_public=True, title="Sysselsatta offentlig")
    private = make_dataset(space=space, is_public=False, title="Internt register")
    return {
        "published": make_table(dataset=public, dimensions=DIMENSIONS),
        "draft": make_table(dataset=public, dimensions=DIMENSIONS, status="draft"),
        "private": make_table(dataset=private, dimensions=DIMENSIONS),
    }


def test_anyone_computes_an_indicator_on_a_public_published_version(client, space, tables):
    version = tables["published"]
    response = client.get(page(space), {"version": version.pk, "indicator": "age_structure", "region": "0480"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Age structure and expected retirements" in text
    assert "within 5 years are those aged 60–64" in text  # the definition is shown
    assert "Läkare" in text and "2211 Läkare" not in text  # names first, codes beside them
    assert f'href="/s/{space.slug}/statistics/"' in text
    # the draft and the internal dataset are not offered, and asking for them answers 404
    assert "Internt register" not in text
    for hidden in (tables["draft"], tables["private"]):
        assert client.get(page(space), {"version": hidden.pk, "indicator": "age_structure"}).status_code == 404


def test_insiders_compute_on_drafts_and_internal_datasets(client, space, tables, make_role_user):
    client.force_login(make_role_user(space, "member"))
    for version in (tables["draft"], tables["private"]):
        response = client.get(page(space), {"version": version.pk, "indicator": "share_women", "ssyk": "2211"})
        assert response.status_code == 200
        assert "Women (%)" in response.content.decode()


def test_bad_parameters_and_unavailable_indicators_are_explained(client, space, tables):
    version = tables["published"]
    response = client.get(page(space), {"version": version.pk, "indicator": "employment_rate"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "not available for this dataset" in text and "population_20_64" in text
    response = client.get(page(space), {"version": version.pk, "indicator": "region_comparison"})
    assert "Choose the region to compare." in response.content.decode()
    response = client.get(page(space), {"version": version.pk, "indicator": "age_structure", "region": "9999"})
    assert response.status_code == 200 and '<a href="#id_region">' in response.content.decode()


def test_csv_download_neutralises_formula_injection(client, space):
    version = make_table(
        dataset=make_dataset(space=space),
        dimensions={"period": ("2021",), "region": REGIONS, "sun_level": ("pre", "eft")},
        labels={"pre": '=HYPERLINK("http://evil")', "eft": "+post"},
    )
    response = client.get(
        page(space), {"version": version.pk, "indicator": "education_level", "region": "0480", "format": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # Swedish Excel: UTF-8 with a BOM, semicolons
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = next(row for row in rows if row and row[0] == "Selection")
    assert header[1] == "Code" and header[3:] == ['\'=HYPERLINK("http://evil") (%)', "'+post (%)"]
    body = rows[rows.index(header) + 1]
    assert body[:2] == ["Nyköping", "0480"] and "," in body[3] and "." not in body[3]  # a decimal comma
    assert any(row and row[0].startswith("Definition:") for row in rows)


def scenario_data(version):
    return {
        "title": "Undersköterskor Nyköping",
        "version": version.pk,
        "ssyk": "5321",
        "region": "0480",
        "base_year": "",
        "retirement_age": 65,
        "older_exit_rate": 25,
        "exit_rates_text": "55-59: 2",
        "inflow_mode": "number",
        "inflow_number": 12,
        "inflow_rate": 0,
        "demand_mode": "trend",
        "growth_rate": 0,
        "growth_uncertainty": 1,
        "inflow_uncertainty": 25,
    }


def test_an_analyst_creates_a_scenario_and_changes_its_assumptions(client, space, tables, make_role_user):
    client.force_login(make_role_user(space, "analyst"))
    response = client.post(f"/s/{space.slug}/statistics/outlook/new/", scenario_data(tables["private"]))
    scenario = Scenario.objects.get()
    assert response.status_code == 302 and response["Location"] == scenario.get_absolute_url()
    assert scenario.exit_rates == {"55-59": 2.0}
    text = client.get(scenario.get_absolute_url()).content.decode()
    assert "Gap 3, 4, 5 and 10 years ahead" in text
    assert "2031" in text  # ten years after the base year 2021
    assert "How the outlook is computed" in text
    changed = {**scenario_data(tables["private"]), "demand_mode": "growth", "growth_rate": "3.5"}
    assert client.post(scenario.get_absolute_url(), changed).status_code == 302
    scenario.refresh_from_db()
    assert scenario.demand_mode == "growth" and scenario.growth_rate == 3.5
    bad = {**changed, "exit_rates_text": "55-59: lots"}
    response = client.post(scenario.get_absolute_url(), bad)
    assert response.status_code == 400 and "is not an age band and a rate" in response.content.decode()


def test_scenarios_are_for_insiders_and_changed_by_analysts(client, space, other_space, tables, make_role_user):
    scenario = services.scenario_create(
        actor=None, space=space, data=services.ScenarioData(title="Läkare", version=tables["published"], ssyk="2211")
    )
    member = make_role_user(space, "member")
    client.force_login(member)
    assert client.get(scenario.get_absolute_url()).status_code == 200
    assert "Change the assumptions" not in client.get(scenario.get_absolute_url()).content.decode()
    assert client.get(f"/s/{space.slug}/statistics/outlook/new/").status_code == 403
    assert client.post(scenario.get_absolute_url(), {"delete": "1"}).status_code == 403
    client.force_login(make_role_user(other_space, "analyst"))
    assert client.get(scenario.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(f"/s/{space.slug}/statistics/outlook/").status_code == 302  # to the login page
    assert Scenario.objects.count() == 1
