"""Deterministic synthetic employment statistics for demonstrations, tests and benchmarks.

**These numbers are invented.** They look like SCB's occupational register (YREG): employed
persons by occupation (SSYK 2012), region, age band, sex and education, plus a smaller
municipal register for Södermanland with birth country and the population aged 20–64 so that
an employment rate can be computed. The structure is plausible (skewed occupation sizes,
counties by their approximate population, older staff in health care and schools, women's
and men's occupations, mostly post-secondary education among professionals, a small yearly
trend), but no figure describes Sweden.

Everything is drawn from ``random.Random`` objects seeded with strings of the seed and the
occupation code (and the year), so the same call always gives the same rows, and a subset
(``major_groups`` or fewer years) gives the same numbers for the cells it shares with the
full set.

Both generators return ``(dimensions, rows)``: dimensions as the statistics storage stores
them (``code``, ``label``, ``role``, ``position``, ``categories``, ``total_code``, ``units``)
and rows as a lazy iterator of tuples in ``storage.ROW_COLUMNS`` order, without zero cells.
"""

import math
import random
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from samverka.insight.statistics.models import DimensionRole
from samverka.platform.accounts.models import User

DEFAULT_SEED = 2026

#: Employed persons in Sweden per year, roughly (the national cube is scaled to this).
NATIONAL_EMPLOYED = 5_150_000

AGE_BANDS = ("16-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-74")
#: Share of the employed per age band before an occupation's own profile is applied.
BASE_AGE_WEIGHTS = (2.5, 8.0, 11.0, 11.5, 11.5, 11.0, 11.0, 11.0, 10.0, 8.0, 3.0)
#: Bands within 20–64, the ages an employment rate is computed for.
WORKING_AGE_BANDS = AGE_BANDS[1:10]

SEXES = (("1", "män"), ("2", "kvinnor"))
EDUCATION = (
    ("pre", "Förgymnasial utbildning"),
    ("gym", "Gymnasial utbildning"),
    ("eft", "Eftergymnasial utbildning"),
)
BIRTH = (("SE", "Född i Sverige"), ("abroad", "Utrikes född"))

#: APPROXIMATE population of each county (thousands, around 2023), used only for shares.
#: Rounded figures, good enough for synthetic data; not an official statistic.
COUNTY_POPULATION = {
    "01": 2450,
    "03": 400,
    "04": 300,
    "05": 470,
    "06": 370,
    "07": 205,
    "08": 246,
    "09": 61,
    "10": 157,
    "12": 1420,
    "13": 345,
    "14": 1745,
    "17": 283,
    "18": 306,
    "19": 280,
    "20": 288,
    "21": 288,
    "22": 244,
    "23": 132,
    "24": 275,
    "25": 249,
}

#: APPROXIMATE population aged 20–64 of Södermanland's municipalities (thousands) and the
#: share of it born abroad. Rounded, for synthetic data only.
SORMLAND_MUNICIPALITIES = {
    "0428": (4.7, 0.20),
    "0461": (6.1, 0.13),
    "0480": (32.0, 0.15),
    "0481": (6.5, 0.22),
    "0482": (8.2, 0.28),
    "0483": (19.0, 0.24),
    "0484": (60.0, 0.30),
    "0486": (21.0, 0.15),
    "0488": (7.3, 0.11),
}
#: Employment rate 20–64 by birth (roughly SCB's levels) and the share of all employed who are 20–64.
EMPLOYMENT_RATE = {"SE": 0.86, "abroad": 0.66}
SHARE_EMPLOYED_20_64 = 0.93

#: Share of women by SSYK major group, refined below for well-known occupations.
WOMEN_BY_MAJOR_GROUP = {
    "0": 0.15,
    "1": 0.42,
    "2": 0.55,
    "3": 0.45,
    "4": 0.66,
    "5": 0.66,
    "6": 0.22,
    "7": 0.05,
    "8": 0.16,
    "9": 0.42,
}
WOMEN_BY_PREFIX = {
    "2222": 0.99,  # midwives
    "222": 0.89,  # nurses
    "2341": 0.80,  # compulsory-school teachers
    "2342": 0.96,  # pre-school teachers
    "532": 0.90,  # assistant nurses
    "25": 0.24,  # ICT
    "71": 0.03,  # building trades
    "72": 0.05,  # metal and machine trades
    "83": 0.12,  # drivers
}
#: (pre, gym, post) education shares by SSYK major group.
EDUCATION_BY_MAJOR_GROUP = {
    "0": (0.02, 0.50, 0.48),
    "1": (0.03, 0.35, 0.62),
    "2": (0.01, 0.07, 0.92),
    "3": (0.04, 0.45, 0.51),
    "4": (0.07, 0.63, 0.30),
    "5": (0.12, 0.68, 0.20),
    "6": (0.16, 0.68, 0.16),
    "7": (0.09, 0.81, 0.10),
    "8": (0.15, 0.75, 0.10),
    "9": (0.30, 0.58, 0.12),
}
#: How much older (positive) or younger (negative) than average each major group is.
AGEING_BY_MAJOR_GROUP = {
    "0": -0.6,
    "1": 0.5,
    "2": 0.3,
    "3": 0.1,
    "4": 0.0,
    "5": -0.3,
    "6": 0.6,
    "7": 0.0,
    "8": 0.1,
    "9": -0.4,
}
AGEING_BY_PREFIX = {"222": 0.4, "234": 0.4, "532": 0.3, "25": -0.3, "522": -0.8, "941": -0.7}
#: Relative likelihood of being born abroad among the employed, by major group.
ABROAD_BY_MAJOR_GROUP = {
    "0": 0.2,
    "1": 0.6,
    "2": 0.8,
    "3": 0.7,
    "4": 0.8,
    "5": 1.3,
    "6": 0.7,
    "7": 0.9,
    "8": 1.4,
    "9": 2.2,
}
#: Large occupations (weight relative to a typical occupation's ~1.8), so that the size
#: distribution has its real heavy head.
SIZE_BOOST = {"5321": 30, "5223": 25, "2512": 20, "2341": 15, "4222": 5, "8332": 6, "2221": 12, "5330": 15}


class OccupationProfile:
    """The invented characteristics of one 4-digit occupation."""

    def __init__(self, code: str, seed: int) -> None:
        rng = random.Random(f"{seed}:profile:{code}")
        major = code[0]
        self.code = code
        if code in SIZE_BOOST:
            self.weight = SIZE_BOOST[code] * rng.lognormvariate(0.0, 0.15)
        else:
            self.weight = rng.lognormvariate(0.0, 1.1) * (0.5 if major == "0" else 1.0)
        self.growth = rng.gauss(0.005, 0.02) + (0.03 if code.startswith("25") else 0.0)
        ageing = _by_prefix(code, AGEING_BY_PREFIX, AGEING_BY_MAJOR_GROUP[major]) + rng.gauss(0.0, 0.2)
        ages = [w * math.exp(ageing * (i - 5) / 5) for i, w in enumerate(BASE_AGE_WEIGHTS)]
        if major in "1026":
            ages[0] *= 0.05 if major == "1" else 0.4  # few teenage managers or professionals
        if major in "59":
            ages[0] *= 2.5  # summer and extra jobs
        self.ages = _normalised(ages)
        women = _by_prefix(code, WOMEN_BY_PREFIX, WOMEN_BY_MAJOR_GROUP[major])
        logit = math.log(women / (1 - women)) + rng.gauss(0.0, 0.35)
        self.women = 1 / (1 + math.exp(-logit))
        self.education = EDUCATION_BY_MAJOR_GROUP[major]
        self.abroad = ABROAD_BY_MAJOR_GROUP[major] * rng.lognormvariate(0.0, 0.3)
        capital = 1.35 if major in "123" else 0.4 if major == "6" else 1.0
        self.counties = _normalised(
            [
                population * (capital if county == "01" else 1.0) * rng.lognormvariate(0.0, 0.2)
                for county, population in COUNTY_POPULATION.items()
            ]
        )

    def education_shares(self, age_index: int, sex: str) -> list[float]:
        pre, gym, post = self.education
        if age_index == 0:  # 16–19: hardly anyone has finished post-secondary studies
            pre, post = pre * 4 + 0.2, post * 0.02
        elif age_index == 1:
            post *= 0.5
        elif age_index >= 9:  # older generations left school earlier
            pre *= 1.8
        if sex == "2":
            post *= 1.15
        return _normalised([pre, gym, post])


def _by_prefix(code: str, table: dict[str, float], default: float) -> float:
    for length in (4, 3, 2):
        if code[:length] in table:
            return table[code[:length]]
    return default


def _normalised(weights: Iterable[float]) -> list[float]:
    values = list(weights)
    total = sum(values)
    return [v / total for v in values]


def _draw(rng: random.Random, expected: float, noise: float = 0.12) -> int:
    """A non-negative whole number near ``expected`` (log-normal noise, then random rounding)."""
    if expected <= 0:
        return 0
    return int(expected * math.exp(rng.gauss(0.0, noise)) + rng.random())


def _occupations(major_groups: Iterable[str] | None) -> tuple[list[str], dict[str, str]]:
    """The 4-digit SSYK codes (optionally only some major groups) and their names."""
    from samverka.insight.classifications import selectors

    names = selectors.labels("ssyk2012")
    codes = sorted(selectors.codes("ssyk2012", 4))
    if major_groups is not None:
        wanted = tuple(major_groups)
        codes = [c for c in codes if c.startswith(wanted)]
    if not codes:
        raise ValueError("No SSYK 2012 codes are loaded: run the classifications migrations first.")
    return codes, names


def _profiles(codes: list[str], seed: int) -> list[OccupationProfile]:
    """Profiles of ``codes``, with weights as shares of the whole labour market (all 429 occupations)."""
    every = _all_profiles(seed)
    return [every[c] for c in codes]


def _all_profiles(seed: int) -> dict[str, OccupationProfile]:
    from samverka.insight.classifications import selectors

    every = {code: OccupationProfile(code, seed) for code in sorted(selectors.codes("ssyk2012", 4))}
    total = sum(p.weight for p in every.values())
    for profile in every.values():
        profile.weight /= total
    return every


def _dimension(
    code: str,
    label: str,
    role: DimensionRole,
    position: int,
    categories: Iterable[tuple[str, str]],
    units: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "code": code,
        "label": label,
        "role": role.value,
        "position": position,
        "categories": [[c, lbl] for c, lbl in categories],
        "total_code": "",
        "units": units or {},
    }


def _row(
    measure: str,
    year: int,
    *,
    region: str,
    value: int,
    ssyk: str = "",
    sun_level: str = "",
    sex: str = "",
    age: str = "",
    birth: str = "",
) -> tuple:
    """A row in ``storage.ROW_COLUMNS`` order."""
    return (measure, str(year), year, region, ssyk, sun_level, "", "", sex, age, birth, "", float(value), "")


def national_cube(
    years: Iterable[int] = (2021, 2022, 2023),
    *,
    major_groups: Iterable[str] | None = None,
    seed: int = DEFAULT_SEED,
) -> tuple[list[dict[str, Any]], Iterator[tuple]]:
    """Employed persons by SSYK 4-digit × county × age band × sex × education × year (synthetic).

    With all 429 occupations and three years this is about 1.4 million non-zero cells.
    ``major_groups`` (e.g. ``["2", "5"]``) keeps only those SSYK major groups.
    """
    from samverka.platform.core.models import County

    years = tuple(years)
    codes, names = _occupations(major_groups)
    counties = list(County.objects.filter(code__in=COUNTY_POPULATION).order_by("code").values_list("code", "name"))
    if len(counties) != len(COUNTY_POPULATION):
        raise ValueError("The 21 counties are not loaded: run the core migrations first.")
    dimensions = [
        _dimension(
            "ContentsCode",
            "Tabellinnehåll",
            DimensionRole.MEASURE,
            0,
            [("employed", "Anställda (syntetiska data)")],
            {"employed": "personer"},
        ),
        _dimension("Yrke2012", "Yrke (SSYK 2012)", DimensionRole.SSYK, 1, [(c, names[c]) for c in codes]),
        _dimension("Region", "Län", DimensionRole.REGION, 2, counties),
        _dimension("Alder", "Ålder", DimensionRole.AGE, 3, [(a, f"{a} år") for a in AGE_BANDS]),
        _dimension("Kon", "Kön", DimensionRole.SEX, 4, SEXES),
        _dimension("UtbNiva", "Utbildningsnivå", DimensionRole.SUN_LEVEL, 5, EDUCATION),
        _dimension("Tid", "År", DimensionRole.TIME, 6, [(str(y), str(y)) for y in years]),
    ]
    county_codes = [c for c, _name in counties]
    return dimensions, _national_rows(_profiles(codes, seed), county_codes, years, seed)


def _national_rows(
    profiles: list[OccupationProfile], county_codes: list[str], years: tuple[int, ...], seed: int
) -> Iterator[tuple]:
    education_codes = [code for code, _label in EDUCATION]
    for profile in profiles:
        for year in years:
            rng = random.Random(f"{seed}:national:{profile.code}:{year}")
            size = NATIONAL_EMPLOYED * profile.weight * (1 + profile.growth) ** (year - 2020)
            size *= math.exp(rng.gauss(0.0, 0.01))
            for county, county_share in zip(county_codes, profile.counties, strict=True):
                in_county = size * county_share
                for age_index, age in enumerate(AGE_BANDS):
                    in_age = in_county * profile.ages[age_index]
                    for sex, sex_share in (("1", 1 - profile.women), ("2", profile.women)):
                        in_sex = in_age * sex_share
                        shares = profile.education_shares(age_index, sex)
                        for education, share in zip(education_codes, shares, strict=True):
                            value = _draw(rng, in_sex * share)
                            if value:
                                yield _row(
                                    "employed",
                                    year,
                                    region=county,
                                    ssyk=profile.code,
                                    age=age,
                                    sex=sex,
                                    sun_level=education,
                                    value=value,
                                )


def sormland_register(
    years: Iterable[int] = range(2019, 2024),
    *,
    major_groups: Iterable[str] | None = None,
    seed: int = DEFAULT_SEED,
) -> tuple[list[dict[str, Any]], Iterator[tuple]]:
    """Södermanland's municipalities: employed by SSYK × municipality × sex × birth × age band, and
    the population aged 20–64 by municipality × sex × birth (synthetic), so that
    employment rate = employed in the bands 20–24 … 60–64 / population_20_64.

    The population rows carry the age category ``"20-64"``.
    """
    from samverka.platform.core.models import Municipality

    years = tuple(years)
    codes, names = _occupations(major_groups)
    municipalities = list(Municipality.objects.filter(county_id="04").order_by("code").values_list("code", "name"))
    if {c for c, _name in municipalities} != set(SORMLAND_MUNICIPALITIES):
        raise ValueError("Södermanland's nine municipalities are not loaded: run the core migrations first.")
    age_categories = [(a, f"{a} år") for a in AGE_BANDS] + [("20-64", "20–64 år")]
    dimensions = [
        _dimension(
            "ContentsCode",
            "Tabellinnehåll",
            DimensionRole.MEASURE,
            0,
            [
                ("employed", "Förvärvsarbetande (syntetiska data)"),
                ("population_20_64", "Befolkning 20–64 år (syntetiska data)"),
            ],
            {"employed": "personer", "population_20_64": "personer"},
        ),
        _dimension("Region", "Kommun", DimensionRole.REGION, 1, municipalities),
        _dimension("Yrke2012", "Yrke (SSYK 2012)", DimensionRole.SSYK, 2, [(c, names[c]) for c in codes]),
        _dimension("Kon", "Kön", DimensionRole.SEX, 3, SEXES),
        _dimension("Fodelseland", "Födelseland", DimensionRole.BIRTH, 4, BIRTH),
        _dimension("Alder", "Ålder", DimensionRole.AGE, 5, age_categories),
        _dimension("Tid", "År", DimensionRole.TIME, 6, [(str(y), str(y)) for y in years]),
    ]
    return dimensions, _sormland_rows(_profiles(codes, seed), years, seed)


def _sormland_rows(profiles: list[OccupationProfile], years: tuple[int, ...], seed: int) -> Iterator[tuple]:
    every = list(_all_profiles(seed).values())  # the whole labour market, for the shares
    for municipality, (thousands, abroad_share) in SORMLAND_MUNICIPALITIES.items():
        for year in years:
            rng = random.Random(f"{seed}:sormland:{municipality}:{year}")
            population = thousands * 1000 * (1 + 0.006 * (year - 2019))
            abroad = min(0.6, abroad_share + 0.005 * (year - 2019))
            for sex in ("1", "2"):
                for birth, birth_share in (("SE", 1 - abroad), ("abroad", abroad)):
                    people = _draw(rng, population / 2 * birth_share, noise=0.01)
                    if people:
                        yield _row(
                            "population_20_64",
                            year,
                            region=municipality,
                            sex=sex,
                            birth=birth,
                            age="20-64",
                            value=people,
                        )
                    rate = EMPLOYMENT_RATE[birth] - (0.03 if sex == "2" else 0.0)
                    employed = people * rate / SHARE_EMPLOYED_20_64
                    yield from _sormland_employed(rng, profiles, every, municipality, year, sex, birth, employed)


def _sormland_employed(
    rng: random.Random,
    profiles: list[OccupationProfile],
    every: list[OccupationProfile],
    municipality: str,
    year: int,
    sex: str,
    birth: str,
    employed: float,
) -> Iterator[tuple]:
    def weight(p: OccupationProfile) -> float:
        sex_share = p.women if sex == "2" else 1 - p.women
        trend = (1 + p.growth) ** (year - 2020)
        return p.weight * sex_share * trend * (p.abroad if birth == "abroad" else 1.0)

    total = sum(weight(p) for p in every)
    for profile in profiles:
        in_occupation = employed * weight(profile) / total
        for age, age_share in zip(AGE_BANDS, profile.ages, strict=True):
            value = _draw(rng, in_occupation * age_share, noise=0.15)
            if value:
                yield _row(
                    "employed",
                    year,
                    region=municipality,
                    ssyk=profile.code,
                    sex=sex,
                    birth=birth,
                    age=age,
                    value=value,
                )


#: The SSYK major groups ``--small`` keeps: professionals (2) and service and sales workers (5).
SMALL_MAJOR_GROUPS = ("2", "5")

#: kind -> (generator, dataset slug, title)
DATASETS: dict[str, tuple[Any, str, Any]] = {
    "national": (
        national_cube,
        "synthetic-employment",
        _("Synthetic: employed persons by occupation, county, age, sex and education"),
    ),
    "sormland": (
        sormland_register,
        "synthetic-sormland-register",
        _("Synthetic: employed persons and population in Södermanland's municipalities"),
    ),
}


def store_synthetic(
    *,
    space: Any,
    kind: str,
    years: Iterable[int] | None = None,
    small: bool = False,
    major_groups: Iterable[str] | None = None,
    seed: int = DEFAULT_SEED,
    actor: User | None = None,
) -> tuple[Any, Any, int]:
    """Generate one synthetic dataset and store it as a new version of ``space``'s dataset of that kind.

    Creates the dataset (``is_synthetic=True``) the first time. Everything happens in one
    transaction. ``small`` keeps the SSYK major groups ``SMALL_MAJOR_GROUPS``; ``major_groups`` names
    others. Returns ``(dataset, version, number of rows)``.
    """
    from django.db import transaction

    from samverka.insight.statistics import services
    from samverka.insight.statistics.models import Dataset, DatasetSource, DatasetVersion

    generator, slug, title = DATASETS[kind]
    options: dict[str, Any] = {"seed": seed}
    if years is not None:
        options["years"] = tuple(years)
    groups = tuple(major_groups) if major_groups is not None else SMALL_MAJOR_GROUPS if small else ()
    if groups:
        options["major_groups"] = groups
    dimensions, rows = generator(**options)
    with transaction.atomic():
        dataset, _created = Dataset.objects.get_or_create(
            space=space,
            slug=slug,
            defaults={
                "title": str(title),
                "description": str(SYNTHETIC_DESCRIPTION),
                "source": DatasetSource.SYNTHETIC,
                "unit": "personer",
                "is_synthetic": True,
                "created_by": actor,
            },
        )
        # The same path as every import: mapping checks, the quality report, a new draft version.
        version = services.store_version(
            actor=None,
            dataset=dataset,
            dimensions=[
                services.DimensionSpec(
                    code=d["code"],
                    label=d["label"],
                    role=d["role"],
                    categories=[(code, label) for code, label in d["categories"]],
                    total_code=d.get("total_code", ""),
                    units=d.get("units", {}),
                )
                for d in dimensions
            ],
            rows=rows,
            provenance=services.Provenance(
                query={
                    "generator": kind,
                    "seed": seed,
                    "years": [int(c) for c, _label in dimensions[-1]["categories"]],
                    "major_groups": list(groups),
                }
            ),
        )
        if actor is not None:
            DatasetVersion.objects.filter(pk=version.pk).update(imported_by=actor)
        count = version.cell_count
    return dataset, version, count


SYNTHETIC_DESCRIPTION = _(
    "Generated, invented numbers for demonstration and testing. They look like register "
    "statistics but describe no real people, places or years."
)
