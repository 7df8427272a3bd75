"""The PxWeb API 2.0 client against SCB's recorded answers: limits, search, metadata, splitting, 429."""

import pytest
from django.core.exceptions import ValidationError

from samverka.insight.statistics import jsonstat
from samverka.insight.statistics.pxweb import cells, resolve
from samverka.insight.statistics.tests.scb import FakeScb, client, recorded

FIRST_CELL = [
    {"variableCode": "Region", "valueCodes": ["01"]},
    {"variableCode": "Alder", "valueCodes": ["0-9"]},
    {"variableCode": "Kon", "valueCodes": ["TotSa"]},
    {"variableCode": "ContentsCode", "valueCodes": ["*"]},
    {"variableCode": "Tid", "valueCodes": ["2026M01"]},
]
COUNTIES = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21"]
COUNTIES += ["22", "23", "24", "25"]
AGES = ["0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90-99"]


def test_the_limits_are_read_from_config():
    px, fake, _clock = client()
    limits = px.limits()
    assert (limits.max_cells, limits.max_calls, limits.time_window) == (150_000, 3, 1.0)
    px.limits()
    assert [path for _m, path, _b in fake.requests] == ["/config"]  # read once


def test_search_lists_the_tables_found():
    px, fake, _clock = client()
    found = px.search("befolkning", past_days=30)
    assert len(found["tables"]) == 10 and found["page"]["totalElements"] == 10
    assert all(t["id"].startswith("TAB") and t["label"] for t in found["tables"])
    method, path, _body = fake.requests[-1]
    assert (method, path) == ("GET", "/tables")
    assert px.search()["page"]["totalElements"] == 4246


def test_metadata_has_every_region_of_sweden():
    px, _fake, _clock = client()
    meta = px.metadata("TAB6471")
    region = meta.variable("Region")
    assert len(region.codes) == 312 and region.codes[0] == "00" and "0180" in region.codes
    assert region.labels["0180"] == "Stockholm"
    assert region.elimination and {"vs_CKM02Län", "vs_CKM03Kommun"} <= {c["id"] for c in region.codelists}
    assert [v.code for v in meta.variables] == ["Region", "Alder", "Kon", "ContentsCode", "Tid"]
    assert meta.cell_count == 312 * 134 * 3 * 1 * 16


def test_a_codelist_is_read():
    px, _fake, _clock = client()
    codelist = px.codelist("agg_Ålder10årJ")
    assert codelist["type"] == "Aggregation" and len(codelist["values"]) == 11


def test_expressions_select_values_in_the_tables_order():
    months = [f"2025M{m:02d}" for m in range(1, 13)] + ["2026M01", "2026M02"]
    assert resolve(months, ["TOP(3)"]) == ["2025M12", "2026M01", "2026M02"]
    assert resolve(months, ["BOTTOM(2)"]) == ["2025M01", "2025M02"]
    assert resolve(months, ["FROM(2025M11)"]) == ["2025M11", "2025M12", "2026M01", "2026M02"]
    assert resolve(months, ["TO(2025M02)"]) == ["2025M01", "2025M02"]
    assert resolve(months, ["RANGE(2025M03,2025M04)"]) == ["2025M03", "2025M04"]
    assert resolve(months, ["2026*"]) == ["2026M01", "2026M02"]
    assert resolve(months, ["*"]) == months
    with pytest.raises(ValidationError, match="2024M01"):
        resolve(months, ["FROM(2024M01)"])


def test_a_selection_larger_than_the_limit_is_split_into_calls_within_it():
    px, _fake, _clock = client()
    selection = [{"variableCode": v, "valueCodes": ["*"]} for v in ("Region", "Alder", "Kon", "ContentsCode", "Tid")]
    calls = px.plan("TAB6471", selection)
    assert len(calls) > 1
    assert all(cells(call) <= 150_000 for call in calls)
    assert sum(cells(call) for call in calls) == 312 * 134 * 3 * 16  # every cell once
    assert len({tuple(tuple(item["valueCodes"]) for item in call) for call in calls}) == len(calls)


def test_data_is_fetched_and_the_first_value_is_scbs():
    px, fake, _clock = client()
    data = jsonstat.parse(px.fetch_data("TAB6471", FIRST_CELL))
    assert data.values == [245284]
    assert [d.codes for d in data.dimensions] == [["01"], ["0-9"], ["TotSa"], ["000007SF"], ["2026M01"]]
    # the expression "*" is resolved against the metadata before the call
    assert fake.data_calls == [
        {"selection": [*FIRST_CELL[:3], {"variableCode": "ContentsCode", "valueCodes": ["000007SF"]}, FIRST_CELL[4]]}
    ]


def test_split_calls_are_merged_into_the_same_cube_scb_answers_in_one():
    px, fake, _clock = client(max_cells=500)
    selection = {"Region": COUNTIES, "Alder": AGES, "Kon": ["*"], "ContentsCode": ["*"], "Tid": ["FROM(2026M01)"]}
    progress = []
    merged = jsonstat.parse(
        px.fetch_data("TAB6471", selection, progress=lambda done, total: progress.append((done, total)))
    )
    assert len(fake.data_calls) > 1 and all(cells(c["selection"]) <= 500 for c in fake.data_calls)
    assert progress[-1] == (len(fake.data_calls), len(fake.data_calls))
    whole = jsonstat.parse(recorded("TAB6471_data.jsonstat2.json"))
    by_key = dict(zip(_keys(whole), whole.values, strict=True))
    assert merged.size == [21, 10, 3, 1, 4]
    assert all(by_key[key] == value for key, value in zip(_keys(merged), merged.values, strict=True))


def _keys(data: jsonstat.JsonStatDataset) -> list[tuple[str, ...]]:
    from itertools import product

    return list(product(*[d.codes for d in data.dimensions]))


def test_too_many_requests_is_retried_after_the_time_scb_asks():
    px, fake, clock = client(FakeScb(too_many=2, retry_after="2"))
    assert px.limits().max_cells == 150_000
    assert clock.slept == [2.0, 2.0]
    assert len(fake.requests) == 3


def test_too_many_requests_without_retry_after_backs_off_exponentially():
    px, _fake, clock = client(FakeScb(too_many=3, retry_after=None))
    px.limits()
    assert clock.slept == [1.0, 2.0, 4.0]


def test_scb_refusing_for_too_long_gives_a_clear_message():
    px, _fake, _clock = client(FakeScb(too_many=50))
    with pytest.raises(ValidationError, match="too many calls"):
        px.limits()


def test_no_more_calls_than_the_window_allows():
    px, fake, clock = client()
    px.limits()  # 3 calls per 1 second
    for _ in range(5):
        px.metadata("TAB6471")
    assert clock.slept and len(fake.times) == 6
    # no window of one second holds more than three calls
    assert all(sum(1 for s in fake.times if t <= s < t + 1.0) <= 3 for t in fake.times)


def test_an_unknown_variable_or_value_is_named():
    px, _fake, _clock = client()
    with pytest.raises(ValidationError, match="Yrke"):
        px.plan("TAB6471", {"Yrke": ["*"], "Alder": ["0-9"], "ContentsCode": ["*"], "Tid": ["*"]})
    with pytest.raises(ValidationError, match="9999"):
        px.plan("TAB6471", {"Region": ["9999"], "Alder": ["0-9"], "ContentsCode": ["*"], "Tid": ["*"]})
    with pytest.raises(ValidationError, match="Alder"):
        px.plan("TAB6471", {"Region": ["01"], "ContentsCode": ["*"], "Tid": ["*"]})  # may not be eliminated


def test_a_selection_split_along_two_dimensions_is_merged_back_in_order():
    px, fake, _clock = client(max_cells=10)
    selection = {
        "Region": ["01", "03", "04"],
        "Alder": ["0-9", "10-19"],
        "Kon": ["*"],
        "ContentsCode": ["*"],
        "Tid": ["*"],
    }
    selection["Tid"] = ["FROM(2026M01)"]
    merged = jsonstat.parse(px.fetch_data("TAB6471", selection))
    assert len(fake.data_calls) == 12 and all(cells(c["selection"]) <= 10 for c in fake.data_calls)
    whole = jsonstat.parse(recorded("TAB6471_data.jsonstat2.json"))
    by_key = dict(zip(_keys(whole), whole.values, strict=True))
    assert merged.size == [3, 2, 3, 1, 4]
    assert [d.codes for d in merged.dimensions][4] == ["2026M01", "2026M02", "2026M03", "2026M04"]
    assert [by_key[key] for key in _keys(merged)] == merged.values
