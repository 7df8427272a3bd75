"""The outlook: a simple supply–demand projection per occupation × region, year by year for 10 years.

The model, step by step (the same text, translated, is on the outlook pages):

1. **Today.** The employed in the occupation and region in the base year, by age band (measure
   “employed”). Each band is spread evenly over its years of age (an open band such as “65+” is
   taken to end at 74), giving the number of employed at each age.
2. **Ageing and exits.** Each year everyone becomes one year older. Those who reach the
   retirement age (65 unless the analyst changes it) leave. Those already past it today leave at
   a yearly rate (25 % unless changed). Other yearly exit rates per age band (early retirement,
   leaving the occupation) can be added.
3. **Inflow.** Newly trained people enter each year: a number the analyst sets, or a share of
   today's employed. They enter at 25, so within 10 years they do not retire.
4. **Supply** in a year = those still working + everyone who has entered.
5. **Demand.** Demand in the base year is taken to equal today's employed (the market is assumed
   to be in balance today). It then grows each year at the trend rate — the average yearly change
   of the employed in the data up to the base year (compound growth between the first and the base
   year) — or at a growth rate the analyst sets.
6. **Gap** = demand − supply. A positive gap is a shortage: people the occupation will lack.
7. **Uncertainty.** The gap is also computed with the growth rate lower and higher by the chosen
   number of percentage points (default ± 1) and the inflow higher and lower by the chosen share
   (default ± 25 %). The low figure combines slower growth with more inflow, the high figure faster
   growth with less inflow: a band within which the gap plausibly falls, not a confidence interval.

Three queries whatever the size of the data: the version's dimensions, the employed by age band,
and the employed by year for the trend.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samverka.insight.indicators.computations import EMPLOYED
from samverka.insight.indicators.cube import Cube
from samverka.insight.statistics.models import DatasetVersion
from samverka.insight.statistics.models import DimensionRole as Role

HORIZON = 10
#: The horizons the summary names (years after the base year).
SUMMARY_HORIZONS = (3, 4, 5, 10)
ENTRY_AGE = 25
OLDEST = 100


@dataclass
class Assumptions:
    ssyk: str = ""
    region: str = ""
    base_year: str = ""
    retirement_age: int = 65
    older_exit_rate: float = 25.0
    exit_rates: dict[str, float] = field(default_factory=dict)
    inflow_mode: str = "number"
    inflow_number: float = 0.0
    inflow_rate: float = 0.0
    demand_mode: str = "trend"
    growth_rate: float = 0.0
    growth_uncertainty: float = 1.0
    inflow_uncertainty: float = 25.0

    @classmethod
    def of(cls, scenario: Any) -> "Assumptions":
        return cls(**{name: getattr(scenario, name) for name in cls.__dataclass_fields__})


@dataclass
class YearRow:
    year: int
    retirements: float
    inflow: float
    supply: float
    demand: float
    gap: float
    gap_low: float
    gap_high: float


@dataclass
class Projection:
    base_year: str
    employed: float
    growth: float  # the yearly growth used, as a fraction
    growth_source: str
    rows: list[YearRow]
    notes: list[str]

    @property
    def growth_percent(self) -> float:
        return round(self.growth * 100, 2)

    def summary(self) -> list[YearRow]:
        return [row for row in self.rows if row.year - int(self.base_year) in SUMMARY_HORIZONS]


def _ages(by_band: dict[str, float], bands: dict[str, tuple[int, int]]) -> list[float]:
    people = [0.0] * (OLDEST + 1)
    for code, value in by_band.items():
        if code not in bands:
            continue
        first, last = bands[code]
        for age in range(first, min(last, OLDEST) + 1):
            people[age] += value / (last - first + 1)
    return people


def _run(
    start: list[float],
    assumptions: Assumptions,
    band_rates: list[float],
    inflow: float,
) -> tuple[list[float], list[float]]:
    """Supply and retirements per year for ``HORIZON`` years from the age distribution ``start``."""
    retirement_age = assumptions.retirement_age
    older_rate = assumptions.older_exit_rate / 100
    # Those past the retirement age today are tracked apart: they leave at their own rate.
    older = sum(start[retirement_age:])
    people = [value if age < retirement_age else 0.0 for age, value in enumerate(start)]
    entered = 0.0
    supplies, retirements = [], []
    for _year in range(HORIZON):
        people = [0.0, *people[:-1]]  # everyone one year older
        leaving = people[retirement_age] + older * older_rate
        people[retirement_age] = 0.0
        older *= 1 - older_rate
        people = [value * (1 - band_rates[age]) for age, value in enumerate(people)]
        entered += inflow
        retirements.append(leaving)
        supplies.append(sum(people) + older + entered)
    return supplies, retirements


def project(*, version: DatasetVersion, assumptions: Assumptions) -> Projection:
    """The yearly projection of ``assumptions`` over ``version`` (see the module docstring)."""
    cube = Cube.of(version)
    if EMPLOYED not in cube.measures:
        raise ValidationError(_("The dataset has no measure “employed”."))
    if not cube.has(Role.AGE) or not cube.age_bands():
        raise ValidationError(_("The dataset has no age bands: retirements cannot be projected."))
    periods = cube.periods()
    if not periods:
        raise ValidationError(_("The dataset has no years."))
    base = assumptions.base_year or periods[-1]
    cube.check_code(Role.TIME, base, name=_("year"))
    if not base.isdigit():
        raise ValidationError(_("The base year must be a year, not “%(code)s”.") % {"code": base})
    where: dict[str, Any] = {}
    for role, code, name in (
        (Role.SSYK, assumptions.ssyk, _("occupation")),
        (Role.REGION, assumptions.region, _("region")),
    ):
        if code:
            where[role] = cube.check_code(role, code, name=name)
    by_band = {
        key[0]: value for key, value in cube.sum(EMPLOYED, where={**where, Role.TIME: base}, group=[Role.AGE]).items()
    }
    bands = cube.age_bands()
    start = _ages(by_band, bands)
    employed = sum(start)
    if not employed:
        raise ValidationError(
            _("There are no employed in the chosen occupation and region in %(year)s.") % {"year": base}
        )
    notes: list[str] = []
    history = {key[0]: value for key, value in cube.sum(EMPLOYED, where=where, group=[Role.TIME]).items()}
    years = sorted(p for p in history if p.isdigit() and p <= base and history[p] > 0)
    if assumptions.demand_mode == "growth":
        growth, source = assumptions.growth_rate / 100, _("set by the analyst")
    elif len(years) >= 2:
        first = years[0]
        span = int(base) - int(first)
        growth = (history[base] / history[first]) ** (1 / span) - 1 if span else 0.0
        source = _("trend %(first)s–%(last)s") % {"first": first, "last": base}
    else:
        growth, source = 0.0, _("no trend (one year of data): unchanged demand")
        notes.append(_("The data has only one year, so the trend is taken as no change."))
    band_rates = [0.0] * (OLDEST + 1)
    for code, rate in (assumptions.exit_rates or {}).items():
        if code not in bands:
            raise ValidationError(
                _("The exit rates name the age band “%(code)s”, which the dataset does not have.") % {"code": code}
            )
        first_age, last_age = bands[code]
        for age in range(first_age, min(last_age, OLDEST) + 1):
            band_rates[age] = float(rate) / 100
    inflow = (
        assumptions.inflow_number if assumptions.inflow_mode == "number" else employed * assumptions.inflow_rate / 100
    )
    spread = assumptions.inflow_uncertainty / 100
    supply, retirements = _run(start, assumptions, band_rates, inflow)
    supply_more, _retired = _run(start, assumptions, band_rates, inflow * (1 + spread))
    supply_less, _retired = _run(start, assumptions, band_rates, inflow * (1 - spread))
    delta = assumptions.growth_uncertainty / 100
    rows = []
    for index in range(HORIZON):
        t = index + 1
        demand = employed * (1 + growth) ** t
        rows.append(
            YearRow(
                year=int(base) + t,
                retirements=retirements[index],
                inflow=inflow,
                supply=supply[index],
                demand=demand,
                gap=demand - supply[index],
                gap_low=employed * (1 + growth - delta) ** t - supply_more[index],
                gap_high=employed * (1 + growth + delta) ** t - supply_less[index],
            )
        )
    return Projection(base_year=base, employed=employed, growth=growth, growth_source=source, rows=rows, notes=notes)
