"""The quality report: errors planted in SCB's real TAB6471 answer are caught; the clean answer raises no alarm."""

import pytest

from samverka.insight.statistics import services
from samverka.insight.statistics.tests.factories import import_tab6471, make_dataset
from samverka.insight.statistics.tests.scb import recorded

pytestmark = pytest.mark.django_db

REGIONS = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21"]
REGIONS += ["22", "23", "24", "25"]
AGES = ["0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90-99", "100+10"]
SEXES = ["TotSa", "1", "2"]
MONTHS = ["2026M01", "2026M02", "2026M03", "2026M04"]


def cell(region: str, age: str, sex: str, month: str) -> int:
    """The position of a cell in the answer's value list (JSON-stat order: the last dimension fastest)."""
    return ((REGIONS.index(region) * 11 + AGES.index(age)) * 3 + SEXES.index(sex)) * 4 + MONTHS.index(month)


@pytest.fixture
def data():
    answer = recorded("TAB6471_data.jsonstat2.json")
    assert answer["value"][cell("01", "0-9", "TotSa", "2026M01")] == 245284
    return answer


def report(space, content):
    return import_tab6471(make_dataset(space=space), content=content).quality


def test_the_clean_answer_raises_no_alarm(space, data):
    quality = report(space, data)
    assert quality["alarms"] == 0
    assert all(check["count"] == 0 for check in quality["checks"].values())
    assert quality["checks"]["totals"]["checked"] and quality["checks"]["jumps"]["checked"]
    assert quality["checks"]["unknown_codes"]["unchecked"] == []  # the county codes were checked


def test_a_code_not_in_the_classification_is_caught(space, data):
    category = data["dimension"]["Region"]["category"]
    category["index"] = {("26" if code == "25" else code): i for code, i in category["index"].items()}
    category["label"]["26"] = category["label"].pop("25")
    check = report(space, data)["checks"]["unknown_codes"]
    assert (
        check["count"] == 1 and check["examples"][0]["code"] == "26" and check["examples"][0]["dimension"] == "Region"
    )


def test_a_total_that_differs_from_its_parts_is_caught(space, data):
    data["value"][cell("04", "30-39", "TotSa", "2026M02")] += 1000
    check = report(space, data)["checks"]["totals"]
    assert check["count"] == 1
    example = check["examples"][0]
    assert example["dimension"] == "Kon" and example["key"]["region"] == "04" and example["key"]["age"] == "30-39"
    assert example["key"]["period"] == "2026M02" and example["total"] - example["parts"] > 990


def test_a_total_off_by_scbs_noise_is_not_an_alarm(space, data):
    data["value"][cell("04", "30-39", "TotSa", "2026M02")] += 3  # within the cell key method's noise
    assert report(space, data)["checks"]["totals"]["count"] == 0


def test_missing_and_suppressed_cells_are_counted(space, data):
    data["value"][cell("01", "90-99", "1", "2026M03")] = None
    data["value"][cell("03", "100+10", "2", "2026M04")] = None
    data["status"] = {str(cell("03", "100+10", "2", "2026M04")): ".."}
    checks = report(space, data)["checks"]
    assert checks["missing"]["count"] == 2
    assert checks["suppressed"]["count"] == 1 and checks["suppressed"]["by_status"] == {"..": 1}
    assert checks["suppressed"]["examples"][0]["key"]["region"] == "03"
    assert checks["suppressed"]["examples"][0]["where"] == [{"cell": cell("03", "100+10", "2", "2026M04")}]
    assert checks["totals"]["count"] == 0  # an incomplete sum is not compared


def test_an_implausible_jump_between_periods_is_caught(space, data):
    data["value"][cell("12", "20-29", "1", "2026M03")] *= 3
    check = report(space, data)["checks"]["jumps"]
    assert check["count"] == 2  # up in March, down again in April
    biggest = check["examples"][0]
    assert (
        biggest["key"]["region"] == "12"
        and biggest["period"] == "2026M03"
        and biggest["change"] == pytest.approx(2, rel=0.01)
    )


def test_the_jump_threshold_and_the_smallest_base_are_settings(space, data, settings):
    data["value"][cell("12", "20-29", "1", "2026M03")] *= 3
    settings.STATISTICS_JUMP_MIN_BASE = 10**9  # every base is "small"
    assert report(space, data)["checks"]["jumps"]["count"] == 0
    settings.STATISTICS_JUMP_MIN_BASE = 100
    settings.STATISTICS_JUMP_THRESHOLD = 5.0
    assert report(space, data)["checks"]["jumps"]["count"] == 0


def test_duplicate_rows_of_an_upload_are_caught(space):
    content = "Region;Kon;År;Antal\n01;1;2024;10\n01;2;2024;12\n01;1;2024;11\n".encode()
    version = services.import_csv(
        actor=None,
        dataset=make_dataset(space=space, source="csv"),
        content=content,
        file_name="d.csv",
        mapping={"Region": "region", "Kon": "sex", "År": "period"},
        value_column="Antal",
    )
    check = version.quality["checks"]["duplicates"]
    assert check["count"] == 1 and check["examples"][0]["n"] == 2 and check["examples"][0]["sex"] == "1"


def test_occupation_and_industry_codes_are_checked_against_the_classifications(space):
    content = "Yrke;SNI;År;Antal\n2512;62;2023;10\n9999;62;2023;3\n2512;04;2023;4\n".encode()
    version = services.import_csv(
        actor=None,
        dataset=make_dataset(space=space, source="csv"),
        content=content,
        file_name="yrken.csv",
        mapping={"Yrke": "ssyk", "SNI": "sni", "År": "period"},
        value_column="Antal",
    )
    check = version.quality["checks"]["unknown_codes"]
    assert {(e["dimension"], e["code"]) for e in check["examples"]} == {("Yrke", "9999"), ("SNI", "04")}
    assert check["unchecked"] == []


def test_sweden_is_compared_with_the_sum_of_all_counties_but_not_of_a_few(space, data):
    """Riket (00) added to the real answer as the sum of its 21 counties, then with one county off."""
    count = len(REGIONS)
    block = 11 * 3 * 4
    sweden = [sum(data["value"][r * block + i] for r in range(count)) for i in range(block)]
    for i in range(0, block, 12):  # SCB's own total for Sweden adds up over the sexes (its noise is its own)
        for month in range(4):
            sweden[i + month] = sweden[i + 4 + month] + sweden[i + 8 + month]
    data["dimension"]["Region"]["category"]["index"] = ["00", *REGIONS]
    data["dimension"]["Region"]["category"]["label"]["00"] = "Riket"
    data["size"][0] = count + 1
    data["value"] = sweden + data["value"]
    assert report(space, data)["checks"]["totals"]["count"] == 0
    data["value"][block + cell("01", "40-49", "2", "2026M01")] -= 5000  # Stockholm, women 40-49
    check = report(space, data)["checks"]["totals"]
    # Sweden no longer adds up, nor do Stockholm's women and men to its total
    assert check["count"] == 2 and {e["dimension"] for e in check["examples"]} == {"Region", "Kon"}
    sweden_alarm = next(e for e in check["examples"] if e["dimension"] == "Region")
    assert sweden_alarm["key"] == {"measure": "000007SF", "period": "2026M01", "sex": "2", "age": "40-49"}
    # with only some counties the sum is not Sweden's, and no alarm is raised
    few = {**data, "size": [4, 11, 3, 1, 4], "value": data["value"][: 4 * block]}
    few["dimension"] = {
        **data["dimension"],
        "Region": {"label": "region", "category": {"index": ["00", "01", "03", "04"], "label": {"00": "Riket"}}},
    }
    assert [e["dimension"] for e in report(space, few)["checks"]["totals"]["examples"]] == ["Kon"]


def test_a_cube_skips_the_duplicates_query_and_reports_what_the_query_would(space, data, monkeypatch):
    """A JSON-stat cube cannot hold a key twice, so its import does not group every row to find none;
    the report is the one the full checks give, planted problems included."""
    from samverka.insight.statistics import quality

    data["value"][cell("03", "0-9", "1", "2026M02")] = None
    data["value"][cell("04", "0-9", "TotSa", "2026M03")] += 500

    def not_run(*args, **kwargs):
        raise AssertionError("the duplicates query ran")

    with monkeypatch.context() as patched:
        patched.setattr(quality, "duplicates", not_run)
        version = import_tab6471(make_dataset(space=space), content=data)
    assert version.quality["checks"]["totals"]["count"] and version.quality["checks"]["missing"]["count"] == 1
    assert version.quality == quality.build_report(version)


def test_dimensions_in_other_keep_cells_apart_unless_a_code_holds_the_separator():
    from samverka.insight.statistics import jsonstat

    def cube(first: list[str], second: list[str]) -> jsonstat.JsonStatDataset:
        return jsonstat.parse(
            {
                "version": "2.0",
                "class": "dataset",
                "id": ["A", "B", "Tid"],
                "size": [len(first), len(second), 1],
                "dimension": {
                    "A": {"category": {"index": first}},
                    "B": {"category": {"index": second}},
                    "Tid": {"category": {"index": ["2024"]}},
                },
                "value": [1] * (len(first) * len(second)),
            }
        )

    roles = ["other", "other", "period"]
    assert jsonstat.keys_are_unique(cube(["x", "y=1"], ["z", "w"]), roles)
    assert jsonstat.keys_are_unique(cube(["x|B=y"], ["z"]), ["other", "region", "period"])
    # "A=x|B=y" + "|B=z" and "A=x" + "|B=y|B=z" would be the same text
    assert not jsonstat.keys_are_unique(cube(["x|B=y", "x"], ["z", "y|B=z"]), roles)
