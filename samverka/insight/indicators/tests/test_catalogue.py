"""Every indicator against an independent computation in plain Python from the fixture rows.

The fixtures are small tables whose every cell is known (``version.fixture_rows``); the expected
values below are computed from those rows with loops and sums, never through the catalogue. Each
indicator is checked on a table without totals and on the same table with SCB-style total
categories (sex "TotSa", age "tot"), which must give the same figures: totals are never added to
their parts.
"""

import math

import pytest
from django.core.exceptions import ValidationError

from samverka.insight.indicators import catalogue
from samverka.insight.indicators.cube import band_share, parse_age_band
from samverka.insight.indicators.tests.factories import AGES, REGIONS, SSYKS, make_table, parts_only

pytestmark = pytest.mark.django_db

DIMENSIONS = {
    "period": ("2020", "2021"),
    "ssyk": SSYKS,
    "region": REGIONS,
    "age": AGES,
    "sex": ("1", "2"),
    "birth": ("SE", "abroad"),
    "sun_level": ("pre", "gym", "eft"),
}
BANDS = {"16-19": (16, 19), "20-54": (20, 54), "55-59": (55, 59), "60-64": (60, 64), "65-74": (65, 74)}


@pytest.fixture(params=["plain", "with_totals"])
def register(request):
    totals = {"sex": "TotSa", "age": "tot"} if request.param == "with_totals" else {}
    return make_table(dimensions=DIMENSIONS, totals=totals)


def employed(version, **where):
    """Plain sum of the employed parts matching ``where`` (a value or a set of values per column)."""
    total = 0.0
    for row in parts_only(version):
        if row["measure"] != "employed":
            continue
        if all(row.get(k) in (v if isinstance(v, set) else {v}) for k, v in where.items()):
            total += row["value"]
    return total


def share(part, whole):
    return round(100 * part / whole, 1)


def row_for(table, code):
    """The row of a category by its code (rows show names; the table keeps the codes beside them)."""
    return table.rows[table.codes.index(code)]


def test_age_bands_are_read_from_codes_and_labels():
    assert parse_age_band("55-59") == (55, 59)
    assert parse_age_band("65-74") == (65, 74)
    assert parse_age_band("65+") == (65, 74)
    assert parse_age_band("x", "60-64 år") == (60, 64)
    assert parse_age_band("-19") == (0, 19)
    assert parse_age_band("tot", "totalt") is None
    assert band_share((50, 59), 55, 64) == 0.5


def test_age_structure_counts_shares_and_retirements_per_occupation(register):
    table = catalogue.compute("age_structure", version=register, params={"region": "0480", "year": "2021"})
    assert table.codes == list(SSYKS)
    assert row_for(table, "2211")[0] == "Läkare"  # the name, not the code
    for ssyk in SSYKS:
        by_band = {band: employed(register, period="2021", region="0480", ssyk=ssyk, age=band) for band in AGES}
        total = sum(by_band.values())
        over55 = by_band["55-59"] + by_band["60-64"] + by_band["65-74"]
        over60 = by_band["60-64"] + by_band["65-74"]
        row = row_for(table, ssyk)
        assert row[1:] == [
            round(total),
            round(over55),
            share(over55, total),
            round(over60),
            share(over60, total),
            round(by_band["60-64"]),
            round(by_band["55-59"] + by_band["60-64"]),
            share(by_band["55-59"] + by_band["60-64"], total),
        ]
    assert "within 5 years are those aged 60–64" in table.definition


def test_age_structure_for_an_occupation_lists_regions_and_splits_straddling_bands():
    version = make_table(
        dimensions={"period": ("2021",), "ssyk": SSYKS, "region": REGIONS, "age": ("16-49", "50-59", "60+")}
    )
    table = catalogue.compute("age_structure", version=version, params={"ssyk": "2211"})
    assert table.codes == list(REGIONS)
    assert row_for(table, "0484")[0] == "Eskilstuna"  # the reference name where the source gave only the code
    rows = parts_only(version)
    value = {(r["region"], r["age"]): r["value"] for r in rows if r["ssyk"] == "2211"}
    young, middle, old = value[("0484", "16-49")], value[("0484", "50-59")], value[("0484", "60+")]
    within10 = middle * 5 / 10 + old * 5 / 15  # 55–59 of 50–59; 60–64 of 60–74
    assert row_for(table, "0484")[7] == round(within10)
    assert row_for(table, "0484")[1] == round(young + middle + old)


def test_education_level_distribution(register):
    table = catalogue.compute("education_level", version=register, params={"ssyk": "5321"})
    assert table.columns[2:] == ["pre (%)", "gym (%)", "eft (%)"]
    for region in REGIONS:
        levels = [
            employed(register, period="2021", ssyk="5321", region=region, sun_level=lv) for lv in ("pre", "gym", "eft")
        ]
        assert row_for(table, region)[1:] == [round(sum(levels)), *(share(x, sum(levels)) for x in levels)]


def test_share_women_and_born_abroad_per_occupation(register):
    women = catalogue.compute("share_women", version=register, params={"region": "0484"})
    abroad = catalogue.compute("share_born_abroad", version=register, params={"region": "0484"})
    for ssyk in SSYKS:
        everyone = employed(register, period="2021", region="0484", ssyk=ssyk)
        female = employed(register, period="2021", region="0484", ssyk=ssyk, sex="2")
        foreign = employed(register, period="2021", region="0484", ssyk=ssyk, birth="abroad")
        assert row_for(women, ssyk)[1:] == [round(everyone), round(female), share(female, everyone)]
        assert row_for(abroad, ssyk)[1:] == [round(everyone), round(foreign), share(foreign, everyone)]


def test_whole_table_with_neither_region_nor_occupation_sums_regions_once(register):
    table = catalogue.compute("share_women", version=register, params={})
    everyone = employed(register, period="2021", ssyk="2211")
    assert row_for(table, "2211")[1] == round(everyone)


@pytest.mark.parametrize("with_totals", [False, True])
def test_employment_rate_by_region_sex_and_birth(with_totals):
    totals = {"sex": "TotSa", "age": "tot"} if with_totals else {}
    version = make_table(
        dimensions={
            "period": ("2021",),
            "region": REGIONS,
            "ssyk": SSYKS,
            "sex": ("1", "2"),
            "birth": ("SE", "abroad"),
            "age": AGES,
        },
        measures=("employed", "population_20_64"),
        measure_dimensions={"population_20_64": ("period", "region", "sex", "birth")},
        value=lambda c: (
            400.0 + len(c)
            if c["measure"] == "population_20_64"
            else float(3 + int(c["ssyk"][0]) + AGES.index(c["age"]))
        ),
        totals=totals,
    )
    rows = parts_only(version)

    def rate(region, **where):
        worked = sum(
            r["value"] * (1.0 if r["age"] in ("20-54", "55-59", "60-64") else 0.0)
            for r in rows
            if r["measure"] == "employed" and r["region"] == region and all(r[k] == v for k, v in where.items())
        )
        people = sum(
            r["value"]
            for r in rows
            if r["measure"] == "population_20_64" and r["region"] == region and all(r[k] == v for k, v in where.items())
        )
        return worked, people

    table = catalogue.compute("employment_rate", version=version, params={})
    assert len(table.rows) == 2
    for region in REGIONS:
        worked, people = rate(region)
        row = row_for(table, region)
        assert row[1:4] == [round(worked), round(people), share(worked, people)]
        assert row[4] == share(*rate(region, sex="2"))
        assert row[5] == share(*rate(region, sex="1"))
        assert row[6] == share(*rate(region, birth="SE"))
        assert row[7] == share(*rate(region, birth="abroad"))


def test_matched_employment_rate_when_the_table_is_present_and_the_reason_when_not(register):
    assert "matched_employment" not in [i.key for i in catalogue.available_for(register)]
    reason = catalogue.unavailable(register)["matched_employment"]
    assert "matched_employed" in reason
    with pytest.raises(ValidationError, match="not available"):
        catalogue.compute("matched_employment", version=register, params={})

    version = make_table(
        dimensions={"period": ("2021",), "region": REGIONS, "sun_field": ("52", "72")},
        measures=("population_20_64", "employed", "matched_employed"),
        value=lambda c: (
            {"population_20_64": 1000.0, "employed": 800.0, "matched_employed": 500.0}[c["measure"]]
            + (37 if c["sun_field"] == "72" else 0)
        ),
    )
    assert "matched_employment" in [i.key for i in catalogue.available_for(version)]
    table = catalogue.compute("matched_employment", version=version, params={"region": "0480"})
    rows = parts_only(version)
    for field in ("52", "72"):
        got = {r["measure"]: r["value"] for r in rows if r["region"] == "0480" and r["sun_field"] == field}
        assert row_for(table, field)[1:] == [
            round(got["population_20_64"]),
            round(got["employed"]),
            round(got["matched_employed"]),
            share(got["matched_employed"], got["population_20_64"]),
            share(got["employed"], got["population_20_64"]),
            share(got["matched_employed"], got["employed"]),
        ]


def test_change_over_time_absolute_and_percent(register):
    table = catalogue.compute("change_over_time", version=register, params={"region": "0480"})
    assert table.columns[1:3] == ["2020", "2021"]
    for ssyk in SSYKS:
        before = employed(register, period="2020", region="0480", ssyk=ssyk)
        after = employed(register, period="2021", region="0480", ssyk=ssyk)
        assert row_for(table, ssyk)[1:] == [
            round(before),
            round(after),
            round(after - before),
            share(after - before, before),
        ]


def test_region_comparison_names_the_nearest_regions_by_standardised_features():
    regions = ("01", "03", "04", "05", "06", "07", "08")
    size = {"01": 900, "03": 200, "04": 150, "05": 160, "06": 140, "07": 60, "08": 100}
    version = make_table(
        dimensions={
            "period": ("2021",),
            "region": regions,
            "ssyk": SSYKS,
            "age": ("20-54", "55-64"),
            "sun_level": ("gym", "eft"),
        },
        value=lambda c: float(
            size[c["region"]]
            * (2 if c["age"] == "20-54" else 1 + int(c["region"]) % 3)
            * (1 if c["sun_level"] == "gym" else 2)
        ),
    )
    table = catalogue.compute("region_comparison", version=version, params={"region": "04"})
    rows = parts_only(version)
    raw = {}
    for region in regions:
        mine = [r for r in rows if r["region"] == region and r["period"] == "2021"]
        total = sum(r["value"] for r in mine)
        older = sum(r["value"] for r in mine if r["age"] == "55-64")
        post = sum(r["value"] for r in mine if r["sun_level"] == "eft")
        raw[region] = [math.log(total), older / total, post / total]
    means = [sum(v[i] for v in raw.values()) / len(raw) for i in range(3)]
    sds = [math.sqrt(sum((v[i] - means[i]) ** 2 for v in raw.values()) / len(raw)) for i in range(3)]
    z = {r: [(v[i] - means[i]) / sds[i] if sds[i] else 0 for i in range(3)] for r, v in raw.items()}
    distance = {r: math.dist(z[r], z["04"]) for r in regions}
    expected = sorted(regions, key=lambda r: (distance[r], r))
    assert table.codes == expected
    assert table.rows[0][-1] == "chosen region" and table.rows[0][0] == "Södermanlands län"
    assert [code for code, row in zip(table.codes, table.rows, strict=True) if row[-1] == "yes"] == expected[1:6]
    assert table.codes[-1] == expected[-1] and table.rows[-1][-1] == ""
    assert [row[-2] for row in table.rows] == [round(distance[r], 2) for r in expected]


def test_bad_parameters_answer_with_a_clear_message(register):
    with pytest.raises(ValidationError, match="no region with the code “9999”"):
        catalogue.compute("age_structure", version=register, params={"region": "9999"})
    with pytest.raises(ValidationError, match="no year with the code “1999”"):
        catalogue.compute("age_structure", version=register, params={"year": "1999"})
    with pytest.raises(ValidationError, match="There is no indicator"):
        catalogue.compute("nonsense", version=register, params={})
    with pytest.raises(ValidationError, match="first year must come before"):
        catalogue.compute("change_over_time", version=register, params={"from_year": "2021", "to_year": "2020"})
    with pytest.raises(ValidationError, match="Choose the region"):
        catalogue.compute("region_comparison", version=register, params={})


def test_available_for_lists_indicators_whose_dimensions_the_version_has():
    version = make_table(dimensions={"period": ("2021",), "region": REGIONS, "sex": ("1", "2")})
    keys = {indicator.key for indicator in catalogue.available_for(version)}
    assert keys == {"share_women", "region_comparison"}
    assert "Age band" in catalogue.unavailable(version)["age_structure"]
    assert "only one period" in catalogue.unavailable(version)["change_over_time"]  # a change needs two


def test_publishing_a_big_version_builds_its_roll_ups_which_give_the_same_figures(
    django_capture_on_commit_callbacks,
):
    from samverka.insight.indicators.models import RollUp, RollUpState
    from samverka.insight.statistics.models import DatasetVersion, VersionStatus
    from samverka.insight.statistics.services import publish_version

    big = make_table(dimensions=DIMENSIONS, status=VersionStatus.DRAFT)
    # Above the threshold: indicators over all occupations or regions read roll-ups once they exist.
    DatasetVersion.objects.filter(pk=big.pk).update(cell_count=1_000_000)
    big.refresh_from_db()
    small = make_table(dimensions=DIMENSIONS, status=VersionStatus.DRAFT)
    cases = [
        ("share_women", {}),  # per occupation, all regions summed: the region roll-up
        ("region_comparison", {"region": "0480"}),  # per region, all occupations: the occupation roll-up
        ("age_structure", {"year": "2020"}),
        ("change_over_time", {}),
    ]
    expected = {key: catalogue.compute(key, version=small, params=params).rows for key, params in cases}
    for key, params in cases:  # a draft is not rolled up: its cells are read, and nothing is built on the way
        assert catalogue.compute(key, version=big, params=params).rows == expected[key]
    assert not RollUpState.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        publish_version(actor=None, version=big, report_seen=True)
        publish_version(actor=None, version=small, report_seen=True)
    assert RollUpState.objects.filter(version=big).exists()
    assert not RollUpState.objects.filter(version=small).exists()  # small versions read their cells
    for key, params in cases:
        assert catalogue.compute(key, version=big, params=params).rows == expected[key]
    national = RollUp.objects.filter(version=big, region="*", ssyk="2211", period="2021", sex="2")
    assert sum(r.value for r in national) == employed(big, period="2021", ssyk="2211", sex="2")
    # And the published version's figures do come from the roll-ups: spoiling them shows.
    RollUp.objects.filter(version=big).update(value=0)
    assert catalogue.compute("share_women", version=big, params={}).rows != expected["share_women"]
