"""The catalogue of indicators: what each one counts, how, from which data, and its computation.

Every indicator has a key, a name, a written definition (what is counted, the formula, what the
data must contain, the caveats — shown with every result), the dimension roles and measures it
needs, the parameters it takes and a compute function. :func:`compute` validates the parameters
and returns a :class:`Table`; the pages, the API, the data packs and the analyses all use it.

Parameters (all optional unless an indicator says so): ``region`` and ``ssyk`` (codes as in the
dataset), ``year`` (a period code, default the latest), ``from_year``/``to_year`` and ``measure``
for change over time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.insight.indicators import computations as calc
from samverka.insight.indicators.cube import Cube
from samverka.insight.statistics.models import DatasetVersion
from samverka.insight.statistics.models import DimensionRole as Role


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]
    unit: str
    definition: str
    note: str = ""
    #: The code of each row's category ("0484" for the row "Eskilstuna"; "" where there is none).
    codes: list[str] = field(default_factory=list)
    #: Whether the figures come from synthetic data (said with the table wherever it goes).
    synthetic: bool = False
    #: The heading of the code column in downloads.
    code_heading: str = ""


@dataclass(frozen=True)
class Indicator:
    key: str
    name: Promise | str
    definition: Promise | str
    roles: tuple[str, ...]
    measures: tuple[str, ...]
    params: tuple[str, ...]
    function: Callable[[Cube, dict[str, str]], Table] = field(repr=False)
    #: Measures of which at least one must be present (beside ``measures``).
    any_measures: tuple[str, ...] = ()
    #: What else the data must have: a function returning why not ("" when it has it).
    requires: Callable[[Cube], str] | None = field(default=None, repr=False)
    #: Parameters without which it cannot be computed (the form asks for them).
    required_params: tuple[str, ...] = ()

    def unavailable_reason(self, cube: Cube) -> str:
        """Why this version cannot give the indicator; ``""`` when it can (with its required parameters)."""
        missing_roles = [str(Role(role).label) for role in self.roles if not cube.has(role)]
        missing = [m for m in self.measures if m not in cube.measures]
        if self.any_measures and not any(m in cube.measures for m in self.any_measures):
            missing.append(" / ".join(self.any_measures))
        if missing_roles or missing:
            parts = []
            if missing_roles:
                parts.append(_("the dimensions %(roles)s") % {"roles": ", ".join(missing_roles)})
            if missing:
                parts.append(_("the measures %(measures)s") % {"measures": ", ".join(f"“{m}”" for m in missing)})
            return _("The dataset lacks %(what)s.") % {"what": _(" and ").join(parts)}
        if Role.AGE in self.roles and (unreadable := cube.unreadable_ages()):
            return _("The age bands %(codes)s cannot be read as ages.") % {"codes": ", ".join(unreadable)}
        if self.requires is not None:
            return self.requires(cube)
        return ""


def _two_periods_and_a_measure(cube: Cube) -> str:
    if len(cube.periods()) < 2:
        return _("The dataset has only one period; a change needs at least two.")
    if cube.has(Role.MEASURE) and not calc.default_measure(cube):
        return _("The dataset has no measure to follow.")
    return ""


def _women(cube: Cube) -> str:
    return "" if calc.women_code(cube) else _("The sex dimension has no category for women (code 2 or “K”).")


def _born_abroad(cube: Cube) -> str:
    return "" if calc.abroad_code(cube) else _("The birth dimension has no category for born abroad.")


def _title(name: Any, cube: Cube, params: dict[str, str]) -> str:
    parts = [str(name)]
    for role in (Role.SSYK, Role.REGION):
        if params.get(role):
            parts.append(cube.labelled(role, params[role]))
    return " – ".join(parts)


def _year_note(cube: Cube, params: dict[str, str]) -> str:
    year = calc.year_of(cube, params)
    return _("Year %(year)s.") % {"year": year} if year else ""


# --- the compute functions -----------------------------------------------------------------------


def _age_structure(cube: Cube, params: dict[str, str]) -> Table:
    rows = calc.age_structure(cube, params)
    scope = calc.scope_of(cube, params)
    return Table(
        title=_title(INDICATORS["age_structure"].name, cube, params),
        columns=[
            scope.heading(),
            _("Employed"),
            _("Aged 55+"),
            _("Aged 55+ (%)"),
            _("Aged 60+"),
            _("Aged 60+ (%)"),
            _("Reach 65 within 5 years"),
            _("Reach 65 within 10 years"),
            _("Reach 65 within 10 years (%)"),
        ],
        rows=rows,
        unit=_("persons"),
        definition=str(INDICATORS["age_structure"].definition),
        note=_year_note(cube, params),
    )


def _education_level(cube: Cube, params: dict[str, str]) -> Table:
    headings, rows = calc.education_level(cube, params)
    return Table(
        title=_title(INDICATORS["education_level"].name, cube, params),
        columns=[calc.scope_of(cube, params).heading(), _("Employed"), *headings],
        rows=rows,
        unit=_("per cent of the employed"),
        definition=str(INDICATORS["education_level"].definition),
        note=_year_note(cube, params),
    )


def _share_women(cube: Cube, params: dict[str, str]) -> Table:
    women = calc.women_code(cube)
    if not women:
        raise ValidationError(_("The dataset's sex dimension has no category for women (code 2 or “K”)."))
    return Table(
        title=_title(INDICATORS["share_women"].name, cube, params),
        columns=[calc.scope_of(cube, params).heading(), _("Employed"), _("Women"), _("Women (%)")],
        rows=calc.share_of(cube, params, Role.SEX, women),
        unit=_("persons"),
        definition=str(INDICATORS["share_women"].definition),
        note=_year_note(cube, params),
    )


def _share_born_abroad(cube: Cube, params: dict[str, str]) -> Table:
    abroad = calc.abroad_code(cube)
    if not abroad:
        raise ValidationError(_("The dataset's birth dimension has no category for born abroad."))
    return Table(
        title=_title(INDICATORS["share_born_abroad"].name, cube, params),
        columns=[calc.scope_of(cube, params).heading(), _("Employed"), _("Born abroad"), _("Born abroad (%)")],
        rows=calc.share_of(cube, params, Role.BIRTH, abroad),
        unit=_("persons"),
        definition=str(INDICATORS["share_born_abroad"].definition),
        note=_year_note(cube, params),
    )


def _employment_rate(cube: Cube, params: dict[str, str]) -> Table:
    columns = [_("Region"), _("Employed 20–64"), _("Population 20–64"), _("Employment rate (%)")]
    if cube.has(Role.SEX):
        columns += [_("Women (%)"), _("Men (%)")]
    if cube.has(Role.BIRTH):
        columns += [_("Born in Sweden (%)"), _("Born abroad (%)")]
    return Table(
        title=_title(INDICATORS["employment_rate"].name, cube, params),
        columns=columns,
        rows=calc.employment_rate(cube, params),
        unit=_("per cent of the population aged 20–64"),
        definition=str(INDICATORS["employment_rate"].definition),
        note=_year_note(cube, params),
    )


def _matched_employment(cube: Cube, params: dict[str, str]) -> Table:
    return Table(
        title=_title(INDICATORS["matched_employment"].name, cube, params),
        columns=[
            _("Education field (SUN)"),
            _("Persons 20–64 with the education"),
            _("Employed"),
            _("Employed in a matching occupation"),
            _("Matched employment rate (%)"),
            _("Employment rate (%)"),
            _("Matched share of the employed (%)"),
        ],
        rows=calc.matched_employment(cube, params),
        unit=_("per cent"),
        definition=str(INDICATORS["matched_employment"].definition),
        note=_year_note(cube, params),
    )


def _change_over_time(cube: Cube, params: dict[str, str]) -> Table:
    start, end, rows = calc.change_over_time(cube, params)
    measure = params.get("measure") or calc.default_measure(cube)
    return Table(
        title=_title(INDICATORS["change_over_time"].name, cube, params),
        columns=[calc.scope_of(cube, params, year="").heading(), start, end, _("Change"), _("Change (%)")],
        rows=rows,
        unit=cube.label(Role.MEASURE, measure) if measure else str(cube.version.dataset.unit),
        definition=str(INDICATORS["change_over_time"].definition),
        note=_("From %(start)s to %(end)s.") % {"start": start, "end": end},
    )


def _region_comparison(cube: Cube, params: dict[str, str]) -> Table:
    headings, rows = calc.region_comparison(cube, params)
    return Table(
        title=_title(INDICATORS["region_comparison"].name, cube, params),
        columns=headings,
        rows=rows,
        unit=_("persons and per cent"),
        definition=str(INDICATORS["region_comparison"].definition),
        note=_year_note(cube, params),
    )


_SCOPE = gettext_lazy(
    " Rows: with a region chosen, one row per occupation in it; with an occupation chosen, one row per "
    "region; with both, one row; with neither, one row per occupation in the whole table. Totals: a total "
    "category of the source (e.g. “TotSa”) is used when the table has one, otherwise the parts are "
    "summed; a total is never added to its parts."
)

INDICATORS: dict[str, Indicator] = {}


def _register(indicator: Indicator) -> None:
    INDICATORS[indicator.key] = indicator


_register(
    Indicator(
        key="age_structure",
        name=gettext_lazy("Age structure and expected retirements"),
        definition=format_lazy(
            "{}{}",
            gettext_lazy(
                "Counts the employed (measure “employed”) by age band. Share aged 55+ = employed aged 55 or "
                "older / all employed; likewise 60+. Expected retirements assume that everyone leaves at 65: "
                "those who reach 65 within 5 years are those aged 60–64 today, within 10 years those aged "
                "55–64. Age bands are read from their codes (“55-59”, “65-74”, “65+”; an open band is taken to "
                "end at 74); a band that straddles a limit is split assuming the ages are spread evenly within "
                "it. Needs employed persons by age band. Caveats: people retire before and after 65, some "
                "leave for other occupations or regions, and newcomers are not counted — see the outlook for "
                "a model with those flows."
            ),
            _SCOPE,
        ),
        roles=(Role.AGE,),
        measures=(calc.EMPLOYED,),
        params=("region", "ssyk", "year"),
        function=_age_structure,
    )
)
_register(
    Indicator(
        key="education_level",
        name=gettext_lazy("Education level of the employed"),
        definition=format_lazy(
            "{}{}",
            gettext_lazy(
                "The employed (measure “employed”) by education level (SUN): each level's share = employed with "
                "that level / all employed with a known level, in per cent. Needs employed persons by education "
                "level. Caveat: the education register lacks levels for some people educated abroad; they are "
                "in the table's “unknown” category if the source has one."
            ),
            _SCOPE,
        ),
        roles=(Role.SUN_LEVEL,),
        measures=(calc.EMPLOYED,),
        params=("region", "ssyk", "year"),
        function=_education_level,
    )
)
_register(
    Indicator(
        key="share_women",
        name=gettext_lazy("Share women"),
        definition=format_lazy(
            "{}{}",
            gettext_lazy(
                "Employed women / all employed, in per cent (measure “employed” by sex; women are the category "
                "with code 2 or “K”). Needs employed persons by sex."
            ),
            _SCOPE,
        ),
        roles=(Role.SEX,),
        measures=(calc.EMPLOYED,),
        params=("region", "ssyk", "year"),
        function=_share_women,
        requires=_women,
    )
)
_register(
    Indicator(
        key="share_born_abroad",
        name=gettext_lazy("Share born abroad"),
        definition=format_lazy(
            "{}{}",
            gettext_lazy(
                "Employed born abroad / all employed, in per cent (measure “employed” by country of birth, "
                "Sweden or abroad). Needs employed persons by country of birth. Caveat: born abroad says "
                "nothing about when a person came to Sweden or where they were educated."
            ),
            _SCOPE,
        ),
        roles=(Role.BIRTH,),
        measures=(calc.EMPLOYED,),
        params=("region", "ssyk", "year"),
        function=_share_born_abroad,
        requires=_born_abroad,
    )
)
_register(
    Indicator(
        key="employment_rate",
        name=gettext_lazy("Employment rate 20–64"),
        definition=gettext_lazy(
            "Employed aged 20–64 / population aged 20–64, in per cent, per region and also for women, men, "
            "born in Sweden and born abroad (förvärvsfrekvens). Needs the measures “employed” (by region, "
            "sex and, if split, age band and country of birth; bands are cut at 20 and 64 as for the age "
            "structure) and “population_20_64” (by region and the same splits). Employed are counted where "
            "they live in register data and where they work in some tables: check the source, since "
            "commuting then moves people between the numerator and the denominator."
        ),
        roles=(Role.REGION, Role.SEX),
        measures=(calc.EMPLOYED, calc.POPULATION),
        params=("region", "year"),
        function=_employment_rate,
    )
)
_register(
    Indicator(
        key="matched_employment",
        name=gettext_lazy("Matched employment rate"),
        definition=gettext_lazy(
            "Matched employment rate (matchad förvärvsgrad) as SCB and Tillväxtverket define it: the number "
            "of people aged 20–64 with a given education who are employed in an occupation that matches "
            "that education (by SCB's assessment of which education–occupation pairs match), divided by "
            "everyone aged 20–64 with that education, in per cent. Shown with the ordinary employment rate "
            "of the education group and the matched share of the employed (matched / employed). Needs a "
            "table by education field (SUN) with the measure “matched_employed” and “population_20_64” "
            "(for the rate) and/or “employed” (for the share of the employed). Without such a table the "
            "indicator is not available: it cannot be derived from occupation and education counts alone, "
            "since the matching is decided person by person."
        ),
        roles=(Role.SUN_FIELD,),
        measures=(calc.MATCHED,),
        any_measures=(calc.POPULATION, calc.EMPLOYED),
        params=("region", "year"),
        function=_matched_employment,
    )
)
_register(
    Indicator(
        key="change_over_time",
        name=gettext_lazy("Change over time"),
        definition=format_lazy(
            "{}{}",
            gettext_lazy(
                "The value of a measure (default “employed”) in the first and the last chosen year, the change "
                "(last − first) and the change in per cent of the first year. Needs at least two years. Caveat: "
                "classifications change (SSYK 2012 from 2014) and a change may be a break in the series."
            ),
            _SCOPE,
        ),
        roles=(Role.TIME,),
        measures=(),
        params=("region", "ssyk", "from_year", "to_year", "measure"),
        function=_change_over_time,
        requires=_two_periods_and_a_measure,
    )
)
_register(
    Indicator(
        key="region_comparison",
        name=gettext_lazy("Comparison between regions"),
        definition=gettext_lazy(
            "Every region at the chosen region's level (counties with a county, municipalities with a "
            "municipality), for all occupations or the chosen one, with the features: number employed, "
            "share aged 55+ (if the table has age) and share with post-secondary education (if it has "
            "education level). Regions in a similar situation are the five nearest by Euclidean distance "
            "over the standardised features (each feature minus its mean over the regions, divided by its "
            "standard deviation; size as the logarithm of the number employed), so that a region is "
            "compared with regions like it, not only with the front-runners. The table is sorted from most "
            "to least similar. Caveat: three features describe a region only roughly; read the numbers, "
            "not only the ranking."
        ),
        roles=(Role.REGION,),
        measures=(calc.EMPLOYED,),
        params=("region", "ssyk", "year"),
        function=_region_comparison,
        required_params=("region",),
    )
)


# --- the public interface ------------------------------------------------------------------------


def unavailable(version: DatasetVersion) -> dict[str, str]:
    """``{key: reason}`` for each indicator the version cannot give (the others are offered)."""
    cube = Cube.of(version)
    return {key: reason for key, ind in INDICATORS.items() if (reason := ind.unavailable_reason(cube))}


def offered(version: DatasetVersion) -> tuple[list[Indicator], dict[str, str]]:
    """The indicators a page offers for ``version`` (only those it can compute) and why the others are not."""
    cube = Cube.of(version)
    reasons = {key: reason for key, ind in INDICATORS.items() if (reason := ind.unavailable_reason(cube))}
    return [ind for key, ind in INDICATORS.items() if key not in reasons], reasons


def synthetic_note() -> str:
    return _("Synthetic data for demonstration, not official statistics.")


def available_for(version: DatasetVersion) -> list[Indicator]:
    """The indicators whose required dimensions and measures the version has."""
    cube = Cube.of(version)
    return [indicator for indicator in INDICATORS.values() if not indicator.unavailable_reason(cube)]


def compute(key: str, *, version: DatasetVersion, params: dict[str, str]) -> Table:
    """The indicator ``key`` over ``version`` with ``params``; ValidationError for what cannot be computed."""
    indicator = INDICATORS.get(key)
    if indicator is None:
        raise ValidationError(_("There is no indicator “%(key)s”.") % {"key": key}, code="indicator")
    cube = Cube.of(version)
    reason = indicator.unavailable_reason(cube)
    if reason:
        raise ValidationError(
            _("%(name)s is not available for this dataset: %(reason)s") % {"name": indicator.name, "reason": reason},
            code="unavailable",
        )
    cleaned = {name: str(params.get(name, "") or "").strip() for name in indicator.params}
    table = indicator.function(cube, cleaned)
    table.codes = [getattr(row[0], "code", "") if row else "" for row in table.rows]
    for row in table.rows:
        if row:
            row[0] = str(row[0])
    table.code_heading = _("Code")
    notes = [table.note] if table.note else []
    if cube.deduplicate:
        from samverka.insight.statistics.selectors import duplicates_note

        notes.append(duplicates_note(version))
    if version.dataset.is_synthetic:
        table.synthetic = True
        notes.insert(0, synthetic_note())
    table.note = " ".join(notes)
    return table
