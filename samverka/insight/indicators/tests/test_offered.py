"""Item 12: the indicators offered for a dataset can be computed on it, and the others say why not.

Walks every indicator over the real SCB table (TAB6471, monthly population by region, age and sex),
the synthetic register extract and small register-shaped tables: what ``catalogue.offered`` offers
computes with its default parameters (and the region, where one is required); what it does not
offer has a reason, and computing it anyway answers with that reason.
"""

import pytest
from django.core.exceptions import ValidationError

from samverka.insight.indicators import catalogue
from samverka.insight.indicators.cube import Cube
from samverka.insight.indicators.tests.factories import REGIONS, SSYKS, make_table
from samverka.insight.statistics.tests.factories import import_tab6471, make_dataset

pytestmark = pytest.mark.django_db


def versions(space):
    yield "SCB TAB6471", import_tab6471(make_dataset(space=space))
    yield "one year", make_table(dimensions={"period": ("2021",), "region": REGIONS, "sex": ("1", "2")})
    yield (
        "register",
        make_table(
            dimensions={
                "period": ("2020", "2021"),
                "ssyk": SSYKS,
                "region": REGIONS,
                "age": ("20-54", "55-59", "60-64", "65-74"),
                "sex": ("1", "2"),
                "birth": ("SE", "abroad"),
                "sun_level": ("gym", "eft"),
            },
            measures=("employed", "population_20_64"),
            measure_dimensions={"population_20_64": ("period", "region", "sex", "birth")},
        ),
    )
    yield "no women", make_table(dimensions={"period": ("2020", "2021"), "region": REGIONS, "sex": ("1", "9")})


def params_for(indicator, version):
    cube = Cube.of(version)
    params = {}
    for name in indicator.required_params:
        params[name] = cube.codes(name)[0]
    return params


def test_what_is_offered_computes_and_what_is_not_says_why(space):
    seen = set()
    for name, version in versions(space):
        offered, reasons = catalogue.offered(version)
        assert {i.key for i in offered} | set(reasons) == set(catalogue.INDICATORS), name
        for indicator in offered:
            table = catalogue.compute(indicator.key, version=version, params=params_for(indicator, version))
            assert table.rows, f"{name}: {indicator.key} gave no rows"
            assert len(table.codes) == len(table.rows)
            seen.add(indicator.key)
        for key, reason in reasons.items():
            assert reason, f"{name}: {key} is not offered without a reason"
            with pytest.raises(ValidationError) as refused:
                catalogue.compute(key, version=version, params={})
            assert reason in " ".join(refused.value.messages)
    assert seen == set(catalogue.INDICATORS) - {"matched_employment"}  # every kind was computed somewhere


def test_change_over_time_is_offered_for_scbs_monthly_population_and_computes(space):
    version = import_tab6471(make_dataset(space=space))
    offered, reasons = catalogue.offered(version)
    assert "change_over_time" in [i.key for i in offered]
    table = catalogue.compute("change_over_time", version=version, params={})
    assert table.columns[1:3] == ["2026M01", "2026M04"] and table.unit == "Folkmängden per månad"
    stockholm = table.rows[table.codes.index("01")]
    assert stockholm[0] == "Stockholms län" and stockholm[1] > 2_000_000
    assert "age_structure" in reasons and "employed" in reasons["age_structure"]


def test_unavailable_indicators_say_what_the_data_lacks(space):
    one_year = make_table(dimensions={"period": ("2021",), "region": REGIONS, "sex": ("1", "2")})
    assert "only one period" in catalogue.offered(one_year)[1]["change_over_time"]
    no_women = make_table(dimensions={"period": ("2021",), "region": REGIONS, "sex": ("1", "9")})
    assert "no category for women" in catalogue.offered(no_women)[1]["share_women"]
