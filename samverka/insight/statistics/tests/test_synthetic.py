"""The deterministic synthetic statistics generator and the generate_statistics command."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samverka.insight.classifications import selectors
from samverka.insight.statistics import synthetic
from samverka.insight.statistics.models import Dataset, DimensionRole, Observation
from samverka.insight.statistics.storage import ROW_COLUMNS

pytestmark = pytest.mark.django_db

COLUMN = {name: i for i, name in enumerate(ROW_COLUMNS)}


def _small_national(years=(2023,)):
    return synthetic.national_cube(years=years, major_groups=("2",))


def test_the_same_call_gives_the_same_rows_and_a_subset_the_same_numbers() -> None:
    _dims, first = _small_national()
    _dims, second = _small_national()
    first_rows = list(first)
    assert first_rows == list(second)
    # Two years contain the one-year cube unchanged.
    _dims, two_years = _small_national(years=(2022, 2023))
    assert [r for r in two_years if r[COLUMN["year"]] == 2023] == first_rows
    _dims, other_seed = synthetic.national_cube(years=(2023,), major_groups=("2",), seed=7)
    assert list(other_seed) != first_rows


def test_dimensions_use_the_classifications_and_the_storage_layout() -> None:
    dimensions, rows = synthetic.national_cube(years=(2023,), major_groups=("0",))
    roles = {d["role"]: d for d in dimensions}
    assert set(roles) == {"measure", "ssyk", "region", "age", "sex", "sun_level", "period"}
    assert [d["position"] for d in dimensions] == list(range(len(dimensions)))
    assert all(
        d.keys() == {"code", "label", "role", "position", "categories", "total_code", "units"} for d in dimensions
    )
    ssyk = [c for c, _label in roles[DimensionRole.SSYK]["categories"]]
    assert set(ssyk) <= selectors.codes("ssyk2012", 4) and ssyk == ["0110", "0210", "0310"]
    counties = {c for c, _label in roles["region"]["categories"]}
    assert len(counties) == 21 and counties <= selectors.region_codes()
    assert roles["measure"]["units"] == {"employed": "personer"}
    for row in rows:
        assert len(row) == len(ROW_COLUMNS)
        assert row[COLUMN["ssyk"]] in ssyk and row[COLUMN["region"]] in counties
        assert row[COLUMN["value"]] > 0  # zero cells are left out


def test_full_national_cube_covers_all_occupations_with_plausible_totals() -> None:
    dimensions, rows = synthetic.national_cube(years=(2023,))
    assert len(dimensions[1]["categories"]) == 429
    employed = Counter()
    women = Counter()
    education = Counter()
    count = 0
    for row in rows:
        count += 1
        value = row[COLUMN["value"]]
        employed[row[COLUMN["ssyk"]]] += value
        if row[COLUMN["sex"]] == "2":
            women[row[COLUMN["ssyk"]]] += value
        if row[COLUMN["ssyk"]].startswith("2"):
            education[row[COLUMN["sun_level"]]] += value
    assert count > 300_000  # about 400,000 non-zero cells a year, so over a million for three years
    assert len(employed) == 429
    total = sum(employed.values())
    assert 4_800_000 < total < 5_600_000  # Sweden has about five million employed
    assert women["2221"] / employed["2221"] > 0.75  # nurses are mostly women
    assert women["7112"] / employed["7112"] < 0.2  # bricklayers mostly men
    assert education["eft"] / sum(education.values()) > 0.8  # professionals: post-secondary


def test_sormland_register_gives_plausible_employment_rates() -> None:
    dimensions, rows = synthetic.sormland_register(years=(2023,))
    municipalities = {c for c, _label in next(d for d in dimensions if d["role"] == "region")["categories"]}
    assert municipalities == set(synthetic.SORMLAND_MUNICIPALITIES)
    employed_20_64 = Counter()
    population = Counter()
    for row in rows:
        key = (row[COLUMN["region"]], row[COLUMN["birth"]])
        if row[COLUMN["measure"]] == "population_20_64":
            assert row[COLUMN["age"]] == "20-64" and row[COLUMN["ssyk"]] == ""
            population[key] += row[COLUMN["value"]]
        elif row[COLUMN["age"]] in synthetic.WORKING_AGE_BANDS:
            employed_20_64[key] += row[COLUMN["value"]]
    assert 55_000 < population[("0484", "SE")] + population[("0484", "abroad")] < 70_000  # Eskilstuna
    for municipality in municipalities:
        rate_sweden = employed_20_64[(municipality, "SE")] / population[(municipality, "SE")]
        rate_abroad = employed_20_64[(municipality, "abroad")] / population[(municipality, "abroad")]
        assert 0.75 < rate_sweden < 0.95
        assert 0.5 < rate_abroad < rate_sweden


def test_command_small_stores_a_new_synthetic_version_each_run(space) -> None:
    out = StringIO()
    call_command("generate_statistics", "--space", space.slug, "--small", "--years", "2023", stdout=out)
    national = Dataset.objects.get(space=space, slug="synthetic-employment")
    assert national.is_synthetic and national.source == "synthetic"
    assert "Synthetic" in national.title
    version = national.versions.get()
    assert version.dimensions.count() == 7
    stored = Observation.objects.filter(version=version)
    assert stored.count() == version.cell_count > 10_000
    assert set(stored.values_list("ssyk", flat=True).distinct()) <= selectors.codes("ssyk2012", 4)
    assert {c[0] for c in stored.values_list("ssyk", flat=True).distinct()} == {"2", "5"}
    assert "rows/s" in out.getvalue()
    register = Dataset.objects.get(space=space, slug="synthetic-sormland-register")
    assert Observation.objects.filter(version=register.versions.get(), measure="population_20_64").count() == 36

    call_command(
        "generate_statistics",
        "--space",
        space.slug,
        "--small",
        "--years",
        "2023",
        "--dataset",
        "sormland",
        stdout=StringIO(),
    )
    assert list(register.versions.values_list("number", flat=True)) == [2, 1]


def test_command_names_an_unknown_space(db) -> None:
    with pytest.raises(CommandError, match="no space with the slug 'nowhere'"):
        call_command("generate_statistics", "--space", "nowhere", stdout=StringIO())
