"""The JSON-stat 2.0 parser on SCB's real answers, and every kind of malformed input it must name."""

import copy
import json

import pytest
from django.core.exceptions import ValidationError

from samverka.insight.statistics import jsonstat
from samverka.insight.statistics.mapping import guess_role, guess_roles
from samverka.insight.statistics.storage import ROW_COLUMNS
from samverka.insight.statistics.tests.scb import recorded


@pytest.fixture
def tab6471():
    return recorded("TAB6471_data.jsonstat2.json")


def test_scbs_v2_answer_is_read(tab6471):
    data = jsonstat.parse(json.dumps(tab6471).encode())
    assert data.size == [21, 11, 3, 1, 4] and data.cell_count == 2772
    assert data.table_id == "TAB6471" and data.updated_at.year == 2026
    assert [d.code for d in data.dimensions] == ["Region", "Alder", "Kon", "ContentsCode", "Tid"]
    kon = data.dimensions[2]
    assert kon.categories == [("TotSa", "totalt, samtliga män och kvinnor"), ("1", "män"), ("2", "kvinnor")]
    assert kon.total_code == "TotSa"  # PxWeb's eliminationValueCode
    assert data.dimensions[3].units == {"000007SF": "antal"}
    assert data.dimensions[4].jsonstat_role == "time"
    roles = guess_roles([(d.code, d.label, d.jsonstat_role) for d in data.dimensions])
    assert roles == ["region", "age", "sex", "measure", "period"]
    first = next(jsonstat.iter_rows(data, roles))
    row = dict(zip(ROW_COLUMNS, first, strict=True))
    assert row["region"] == "01" and row["age"] == "0-9" and row["sex"] == "TotSa"
    assert row["period"] == "2026M01" and row["year"] == 2026 and row["value"] == 245284
    rows = list(jsonstat.iter_rows(data, roles))
    assert len(rows) == 2772
    # the last dimension varies fastest: the second cell is the next month
    assert dict(zip(ROW_COLUMNS, rows[1], strict=True))["period"] == "2026M02"
    assert dict(zip(ROW_COLUMNS, rows[-1], strict=True))["region"] == "25"


def test_scbs_v1_answer_with_object_indices_and_a_plus_in_a_code():
    data = jsonstat.parse(recorded("TAB3554_HE0110_medianinkomst.jsonstat2.json"))
    assert data.size == [3, 1, 1, 3] and data.values[0] == 332.8
    assert data.dimensions[0].codes == ["1", "2", "1+2"]
    assert data.table_id == "TAB3554"
    assert data.updated_at is not None  # "2024-01-12T05: 52: 00Z" is read leniently


def test_sparse_values_and_statuses(tab6471):
    small = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Kon", "Tid"],
        "size": [2, 2],
        "dimension": {
            "Kon": {"label": "kön", "category": {"index": ["1", "2"]}},
            "Tid": {"label": "år", "category": {"index": {"2023": 0, "2024": 1}}},
        },
        "value": {"0": 5, "3": 7.5},
        "status": {"1": "..", "2": "."},
    }
    data = jsonstat.parse(small)
    assert data.values == [5, None, None, 7.5]
    assert data.statuses == ["", "..", ".", ""]
    small["status"] = "p"
    assert jsonstat.parse(small).statuses == "p"
    rows = list(jsonstat.iter_rows(jsonstat.parse(small), ["sex", "period"]))
    assert {r[-1] for r in rows} == {"p"}


def test_a_single_category_may_leave_out_its_index(tab6471):
    del tab6471["dimension"]["ContentsCode"]["category"]["index"]
    assert jsonstat.parse(tab6471).dimensions[3].codes == ["000007SF"]


def test_dimensions_kept_in_other_are_code_value_pairs(tab6471):
    data = jsonstat.parse(tab6471)
    rows = list(jsonstat.iter_rows(data, ["region", "other", "other", "measure", "period"]))
    assert dict(zip(ROW_COLUMNS, rows[0], strict=True))["other"] == "Alder=0-9|Kon=TotSa"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(value=d["value"][:-1]), "2771 values but the sizes give 2772"),
        (lambda d: d.update(size=[21, 11, 3, 1, 5]), "Tid has 4 categories but size says 5"),
        (lambda d: d.update(size=[21, 11, 3, 1]), 'names 5 dimensions but "size" gives 4'),
        (lambda d: d["id"].append("Yrke"), "Yrke"),
        (lambda d: d.update(role={"time": ["Tiden"]}), "unknown dimension Tiden"),
        (lambda d: d["dimension"].update(Extra={"label": "x", "category": {"index": ["a"]}}), "Extra"),
        (lambda d: d.update(size="21,11,3,1,4"), '"size" must be a list'),
        (lambda d: d.update(id="Region"), '"id" must be a list'),
        (
            lambda d: d["value"].__setitem__(5, "245 284"),
            "cell 5 (Region 01, Alder 0-9, Kon 1, ContentsCode 000007SF, Tid 2026M02) is not a number",
        ),
        (
            lambda d: d["value"].__setitem__(7, True),
            "cell 7 (Region 01, Alder 0-9, Kon 1, ContentsCode 000007SF, Tid 2026M04) is not",
        ),
        (lambda d: d.update(status=[".."] * 10), "10 status codes"),
        (lambda d: d.update(status={"3": 5}), "status of cell 3 must be text"),
        (lambda d: d.update(status={"3": "suppressed-by-scb"}), "longer than 8"),
        (lambda d: d["dimension"]["Kon"]["category"].update(index={"TotSa": 0, "1": 1, "2": 5}), "0 to 2"),
        (lambda d: d["dimension"]["Kon"]["category"].update(index="TotSa"), "list or an object"),
        (lambda d: d["dimension"]["Kon"].update(category=[]), "no category object"),
        (lambda d: d.update({"class": "collection"}), '"class" must be "dataset"'),
        (lambda d: d.update(value={"99999": 1}), "cell 99999 is outside"),
        (lambda d: d.update(value="1,2,3"), "list or an object"),
        (lambda d: d["dimension"].update(Kon="kön"), "Kon must be an object"),
    ],
)
def test_malformed_jsonstat_is_refused_with_the_problem_named(tab6471, change, message):
    broken = copy.deepcopy(tab6471)
    change(broken)
    with pytest.raises(ValidationError) as error:
        jsonstat.parse(broken)
    assert message in " ".join(error.value.messages)


def test_text_that_is_not_json_is_refused():
    with pytest.raises(ValidationError, match="not valid JSON"):
        jsonstat.parse(b'{"class": "dataset", ')
    with pytest.raises(ValidationError, match="JSON object"):
        jsonstat.parse(b"[1, 2]")


@pytest.mark.parametrize(
    ("code", "label", "role"),
    [
        ("Tid", "år", "period"),
        ("Region", "region", "region"),
        ("Kon", "kön", "sex"),
        ("Alder", "ålder", "age"),
        ("ContentsCode", "tabellinnehåll", "measure"),
        ("Yrke2012", "yrke (SSYK 2012)", "ssyk"),
        ("SUN2020Niva", "utbildningsnivå", "sun_level"),
        ("SUN2020Inr", "utbildningsinriktning", "sun_field"),
        ("SNI2007", "näringsgren", "sni"),
        ("Fodelseregion", "födelseregion", "birth"),
        ("Sektor", "sektor", "other"),
    ],
)
def test_the_role_of_a_dimension_is_guessed(code, label, role):
    assert guess_role(code, label) == role
