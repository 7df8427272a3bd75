"""Query counts do not grow with the data: every indicator, the pages and the API lists at two sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from samverka.insight.indicators import catalogue, outlook, services
from samverka.insight.indicators.tests.factories import make_dataset, make_table

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reference_names_read() -> None:
    """The names of the reference (counties, municipalities, SSYK …) are read once per process; counted here
    is what every request does after that."""
    from samverka.insight.classifications import matching

    for role in matching.ROLES:
        matching.reference_names(role, ["-"])


SMALL = {"ssyk": ("2211", "5321"), "region": ("0480", "0484")}
LARGE = {"ssyk": ("2211", "5321", "2341", "5120", "9111", "3412"), "region": ("0480", "0484", "0482", "0483")}


def cube(space, size, status="published"):
    return make_table(
        dataset=make_dataset(space=space),
        dimensions={
            "period": ("2020", "2021"),
            **size,
            "age": ("20-54", "55-59", "60-64", "65-74"),
            "sex": ("1", "2"),
            "birth": ("SE", "abroad"),
            "sun_level": ("gym", "eft"),
        },
        measures=("employed", "population_20_64"),
        measure_dimensions={"population_20_64": ("period", "region", "sex", "birth")},
        totals={"sex": "TotSa"},
        status=status,
    )


PARAMS = {
    "age_structure": {"region": "0480"},
    "education_level": {"ssyk": "2211"},
    "share_women": {},
    "share_born_abroad": {"region": "0484"},
    "employment_rate": {},
    "change_over_time": {"region": "0480"},
    "region_comparison": {"region": "0480", "ssyk": "2211"},
}
#: The version's dimensions, then one aggregate (employment rate: employed and population apart).
EXPECTED = {key: 3 if key == "employment_rate" else 2 for key in PARAMS}


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
@pytest.mark.parametrize("key", list(PARAMS))
def test_each_indicator_runs_a_fixed_number_of_queries(key, size, space, django_assert_num_queries):
    version = cube(space, size)
    with django_assert_num_queries(EXPECTED[key]):
        table = catalogue.compute(key, version=version, params=PARAMS[key])
    assert table.rows


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_outlook_runs_three_queries(size, space, django_assert_num_queries):
    version = cube(space, size)
    with django_assert_num_queries(3):
        outlook.project(version=version, assumptions=outlook.Assumptions(ssyk="2211", region="0480"))


def _counts(space, client, make_role_user, size, queries):
    version = cube(space, size)
    services.scenario_create(
        actor=None, space=space, data=services.ScenarioData(title="S", version=version, ssyk="2211")
    )
    api = APIClient()
    urls = [
        (client, f"/s/{space.slug}/statistics/indicators/?version={version.pk}&indicator=age_structure&region=0480"),
        (client, f"/s/{space.slug}/statistics/outlook/"),
        (api, "/api/v1/datasets/"),
        (api, f"/api/v1/observations/?version={version.pk}&region=0480"),
        (api, f"/api/v1/indicators/age_structure/compute/?version={version.pk}&region=0480"),
    ]
    user = make_role_user(space, "analyst")
    client.force_login(user)
    api.force_authenticate(user)
    found = []
    for agent, url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert agent.get(url).status_code == 200, url
        found.append(len(captured))
    queries.append(found)


def test_pages_and_api_lists_make_the_same_number_of_queries_at_two_sizes(space, client, make_role_user):
    queries: list[list[int]] = []
    _counts(space, client, make_role_user, SMALL, queries)
    for _ in range(3):  # more datasets and scenarios, and a larger cube
        cube(space, LARGE)
    _counts(space, client, make_role_user, LARGE, queries)
    assert queries[0] == queries[1]
    assert max(queries[1]) <= 15
