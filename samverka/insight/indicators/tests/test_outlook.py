"""The outlook model against the same steps worked out by hand from the fixture's numbers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.insight.indicators import outlook, services
from samverka.insight.indicators.tests.factories import make_dataset, make_table

pytestmark = pytest.mark.django_db

BANDS = ("20-54", "55-59", "60-64", "65-74")
VALUES = {"20-54": 700.0, "55-59": 150.0, "60-64": 100.0, "65-74": 40.0}


@pytest.fixture
def version(space):
    return make_table(
        dataset=make_dataset(space=space),
        dimensions={"period": ("2019", "2021"), "ssyk": ("2211", "5321"), "region": ("0480",), "age": BANDS},
        value=lambda c: VALUES[c["age"]] * (1.21 if c["period"] == "2021" else 1.0) * (2 if c["ssyk"] == "5321" else 1),
        totals={"age": "tot"},
    )


def test_projection_follows_the_documented_steps(version):
    assumptions = outlook.Assumptions(
        ssyk="2211", region="0480", demand_mode="growth", growth_rate=2.0, inflow_number=10.0
    )
    projection = outlook.project(version=version, assumptions=assumptions)
    today = {band: VALUES[band] * 1.21 for band in BANDS}
    employed = sum(today.values())
    assert projection.base_year == "2021"
    assert projection.employed == pytest.approx(employed)
    left = employed
    older = today["65-74"]
    for t in range(1, 11):
        # who turns 65 in year t: aged 65 - t today, one fifth of their five-year band
        turning = today["60-64"] / 5 if t <= 5 else today["55-59"] / 5
        leaving_older = older * 0.25
        older -= leaving_older
        left -= turning + leaving_older
        supply = left + 10 * t
        demand = employed * 1.02**t
        row = projection.rows[t - 1]
        assert row.year == 2021 + t
        assert row.retirements == pytest.approx(turning + leaving_older)
        assert row.supply == pytest.approx(supply)
        assert row.demand == pytest.approx(demand)
        assert row.gap == pytest.approx(demand - supply)
        # low: growth 1 %, inflow +25 %; high: growth 3 %, inflow −25 %
        assert row.gap_low == pytest.approx(employed * 1.01**t - (supply + 2.5 * t))
        assert row.gap_high == pytest.approx(employed * 1.03**t - (supply - 2.5 * t))
    assert [row.year for row in projection.summary()] == [2024, 2025, 2026, 2031]


def test_trend_demand_uses_the_yearly_growth_in_the_data(version):
    projection = outlook.project(version=version, assumptions=outlook.Assumptions(ssyk="5321", region="0480"))
    assert projection.growth == pytest.approx(0.10)  # 1.21 over two years
    assert projection.rows[0].demand == pytest.approx(projection.employed * 1.10)


def test_retirement_age_exit_rates_and_inflow_rate_are_editable(version):
    assumptions = outlook.Assumptions(
        ssyk="2211", retirement_age=63, older_exit_rate=100, exit_rates={"55-59": 10}, inflow_mode="rate", inflow_rate=1
    )
    projection = outlook.project(version=version, assumptions=assumptions)
    today = {band: VALUES[band] * 1.21 for band in BANDS}
    employed = sum(today.values())
    older_today = today["65-74"] + today["60-64"] * 2 / 5  # aged 63 and 64 are already past 63
    first = projection.rows[0]
    assert first.inflow == pytest.approx(employed * 0.01)
    # year 1: everyone ages; those turning 63 (aged 62 today) leave, all older ones leave,
    # and 10 % of those aged 55–59 after ageing (aged 54–58 today) leave.
    aged_54_to_58 = today["20-54"] / 35 + today["55-59"] * 4 / 5
    expected = employed - today["60-64"] / 5 - older_today - 0.10 * aged_54_to_58 + employed * 0.01
    assert first.supply == pytest.approx(expected)


def test_bad_assumptions_are_refused_with_a_reason(version, space, make_role_user):
    analyst = make_role_user(space, "analyst")
    with pytest.raises(ValidationError) as error:
        services.scenario_create(
            actor=analyst,
            space=space,
            data=services.ScenarioData(title="Fel", version=version, ssyk="9999", region="0480"),
        )
    assert "no occupation with the code “9999”" in str(error.value)
    with pytest.raises(ValidationError, match="55-58"):
        outlook.project(version=version, assumptions=outlook.Assumptions(exit_rates={"55-58": 3}))
    member = make_role_user(space, "member")
    with pytest.raises(PermissionDenied):
        services.scenario_create(actor=member, space=space, data=services.ScenarioData(title="x", version=version))


def test_an_analyst_saves_and_changes_a_scenario_with_all_assumptions(version, space, make_role_user):
    analyst = make_role_user(space, "analyst")
    scenario = services.scenario_create(
        actor=analyst,
        space=space,
        data=services.ScenarioData(
            title="Läkare Nyköping", version=version, ssyk="2211", region="0480", growth_rate=1.5
        ),
    )
    services.scenario_update(
        actor=analyst, scenario=scenario, data=services.ScenarioData(demand_mode="growth", exit_rates={"60-64": 5.0})
    )
    scenario.refresh_from_db()
    assert scenario.demand_mode == "growth" and scenario.exit_rates == {"60-64": 5.0}
    assert outlook.project(version=version, assumptions=outlook.Assumptions.of(scenario)).growth == 0.015
