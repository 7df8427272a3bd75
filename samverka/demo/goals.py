"""Demo: effect and result goals with metrics and measured values (seed 001 ch. 5–6, seed 000 ch. 2–3).

* MSV KLL: last year's goals (one effect goal, four result goals, one of them retired during the year),
  revised into this year by the steering group's decision when the meetings demo has one: targets
  raised, a result goal reworded, a new effect goal for the horizontal perspectives — each change with
  its reason recorded. The goals are internal (not public).
* Kompetensplattform Sörmland: two years of goals, most of them public, shown on the public goal
  dashboard like Region Örebro's public follow-up of its action plan; one internal goal stays hidden.

Everything goes through the goal services, like the secretariat would. Deterministic: dates are fixed
days of last and this year, and only days up to today get measured values.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.platform.spaces.models import Space
from samverka.steering.goals import services
from samverka.steering.goals.models import Goal, GoalKind

#: Measurement days (month, day) within a year.
QUARTERS = ((3, 31), (6, 30), (9, 30), (12, 31))

# A goal: code, title, description, public, metrics [(name, unit, baseline, target, values per quarter)].
GoalSpec = dict[str, Any]

NATIONAL_LAST_YEAR: list[GoalSpec] = [
    {
        "code": "E1",
        "title": "Kompetensförsörjning och livslångt lärande som stärker Sveriges konkurrenskraft",
        "description": "<p>Myndigheternas samverkan bidrar till att arbetsgivare i hela landet får tillgång till "
        "rätt kompetens och att individer kan utbilda och ställa om sig genom hela arbetslivet.</p>",
        "metrics": [],
        "results": [
            {
                "code": "R1.1",
                "title": "Utbildningsutbudet dimensioneras utifrån en gemensam lägesbild",
                "description": "<p>Myndigheterna tar fram en gemensam lägesbild av utbud och efterfrågan som "
                "regionerna och utbildningsanordnarna använder i sin planering.</p>",
                "metrics": [
                    ("Andel regioner som använder den gemensamma lägesbilden", "%", "38", "70", [38, 45, 52, 61]),
                ],
            },
            {
                "code": "R1.2",
                "title": "Validering används i större utsträckning",
                "description": "<p>Fler personer får sina kunskaper validerade inom yrkesvux, yrkeshögskolan "
                "och arbetslivet, och valideringen leder vidare till studier eller arbete.</p>",
                "metrics": [
                    (
                        "Genomförda valideringar inom yrkesvux och YH",
                        "personer",
                        "5200",
                        "6500",
                        [5200, 5480, 5730, 6010],
                    ),
                ],
            },
            {
                "code": "R1.3",
                "title": "Samordnad studie- och yrkesvägledning för vuxna",
                "description": "<p>Vuxna i omställning möter en samlad ingång till myndigheternas vägledning.</p>",
                "metrics": [
                    ("Regioner som använder det gemensamma vägledningsmaterialet", "regioner", "4", "10", [4, 5, 7, 9]),
                ],
            },
            {
                "code": "R1.4",
                "title": "Gemensam webbportal för myndigheternas kompetensförsörjningsstatistik",
                "description": "<p>En gemensam portal för statistik om utbildning och arbetsmarknad.</p>",
                "metrics": [],
                "retire": "Styrgruppen bedömde i juni att portalen dubblerar SCB:s och Arbetsförmedlingens "
                "befintliga tjänster. Arbetet avslutas och statistiken länkas i stället från lägesbilden.",
            },
        ],
    },
]

#: This year's revision of the national goals: what changed in a carried-over goal, and why.
NATIONAL_REVISION: dict[str, dict[str, Any]] = {
    "R1.1": {
        "targets": {"Andel regioner som använder den gemensamma lägesbilden": "80"},
        "change_note": "Målnivån höjs från 70 till 80 procent eftersom 61 procent nåddes redan förra året.",
        "values": [66, 71, 74],
    },
    "R1.2": {
        "title": "Validering används oftare och leder vidare till studier eller arbete",
        "change_note": "Målet förtydligas efter regleringsbrevet: valideringen ska leda vidare, inte bara "
        "genomföras. Inspel från Regional kontakt om att följa upp övergångar har beaktats.",
        "targets": {"Genomförda valideringar inom yrkesvux och YH": "7000"},
        "values": [6150, 6420, 6610],
    },
    "R1.3": {"values": [9, 11, 12]},
}

NATIONAL_NEW_THIS_YEAR: list[GoalSpec] = [
    {
        "code": "E2",
        "title": "Samverkan bidrar till jämställdhet, tillgänglighet, icke-diskriminering och miljömässig hållbarhet",
        "description": "<p>De horisontella perspektiven integreras i styrning och uppföljning av samverkan, "
        "enligt förstudiens åtgärdsförslag 1.</p>",
        "change_note": "Nytt effektmål: styrgruppen beslutade att ta in de horisontella perspektiven i målen.",
        "metrics": [],
        "results": [
            {
                "code": "R2.1",
                "title": "Arbetsplanerna motiverar hur varje aktivitet bidrar till de fyra perspektiven",
                "description": "<p>Varje aktivitet i arbetsgruppernas arbetsplaner har en motivering för "
                "jämställdhet, tillgänglighet, icke-diskriminering och miljömässig hållbarhet, eller en "
                "förklaring till varför ett perspektiv inte är relevant.</p>",
                "change_note": "Nytt resultatmål kopplat till den uppdaterade mallen för arbetsplanering.",
                "metrics": [
                    ("Andel aktiviteter med bedömning av alla fyra perspektiv", "%", "35", "100", [35, 62, 78]),
                ],
            },
        ],
    },
]

SORMLAND_LAST_YEAR: list[GoalSpec] = [
    {
        "code": "E1",
        "title": "Sörmlands arbetsgivare får den kompetens de behöver",
        "description": "<p>Effektmål i den regionala utvecklingsstrategin: utbildning och arbetsliv möts så "
        "att länets arbetsgivare kan rekrytera och individer stärka sin ställning på arbetsmarknaden.</p>",
        "public": True,
        "metrics": [
            ("Andel arbetsgivare som upplever rekryteringsproblem", "%", "61", "45", [61, 59, 58, 56]),
        ],
        "results": [
            {
                "code": "R1",
                "title": "Fler vuxna validerar sina kunskaper",
                "description": "<p>Validering inom vård och omsorg, industri och bygg erbjuds i alla "
                "kommuner i länet.</p>",
                "public": True,
                "metrics": [("Personer som genomgått validering", "personer", "420", "700", [420, 480, 535, 590])],
            },
            {
                "code": "R2",
                "title": "Fler unga väljer yrkesprogram",
                "description": "<p>Gymnasieskolans yrkesprogram lockar fler sökande, särskilt inom bristyrken.</p>",
                "public": True,
                "metrics": [("Andel gymnasieelever på yrkesprogram", "%", "31", "36", [31, 31.5, 32.4, 33.1])],
            },
            {
                "code": "R3",
                "title": "Plattformens arbetsformer utvecklas",
                "description": "<p>Internt mål: nya arbetsformer för kompetensrådet och branschråden.</p>",
                "public": False,
                "metrics": [("Genomförda branschråd", "möten", "4", "8", [2, 4, 5, 7])],
            },
        ],
    },
    {
        "code": "E2",
        "title": "Ett jämställt och inkluderande arbetsliv i Sörmland",
        "description": "<p>Fler kvinnor och utrikes födda etablerar sig på arbetsmarknaden.</p>",
        "public": True,
        "metrics": [],
        "results": [
            {
                "code": "R4",
                "title": "Fler utrikes födda kvinnor i arbete",
                "description": "<p>Insatser med kommunerna och Arbetsförmedlingen för utrikes födda kvinnor "
                "som står långt från arbetsmarknaden.</p>",
                "public": True,
                "metrics": [
                    (
                        "Sysselsättningsgrad, utrikes födda kvinnor 20–64 år",
                        "%",
                        "52.1",
                        "60",
                        [52.1, 52.6, 53.4, 54.0],
                    ),
                ],
            },
        ],
    },
]

SORMLAND_REVISION: dict[str, dict[str, Any]] = {
    "E1": {"values": [55, 53, 52]},
    "R1": {
        "targets": {"Personer som genomgått validering": "800"},
        "change_note": "Målnivån höjs till 800 personer när validering inom industrin kommer i gång i "
        "Katrineholm och Eskilstuna.",
        "values": [640, 690, 735],
    },
    "R2": {"values": [33.6, 34.0, 34.2]},
    "R3": {"values": [2, 3, 5]},
    "R4": {"values": [54.5, 55.2, 55.9]},
}


#: The secretariat's assessment of each goal (light, basis) at the end of last year and this autumn.
ASSESSMENTS: dict[str, dict[str, dict[str, tuple[str, str]]]] = {
    NATIONAL_SLUG: {
        "last": {
            "R1.1": ("yellow", "Lägesbilden används i fler regioner men målnivån 70 % nås inte i år."),
            "R1.2": ("green", "Valideringarna ökar enligt plan inom både yrkesvux och yrkeshögskolan."),
            "R1.3": ("yellow", "Arbetsgruppens kartläggning är klar; samordningen av vägledningen har inte börjat."),
        },
        "this": {
            "R1.1": ("green", "Lägesbedömningen våren visar att lägesbilden används i de flesta regioner."),
            "R1.2": ("yellow", "Piloten för regional matchning har försenats; valideringarna ökar ändå."),
            "R1.3": ("green", "Samordnad vägledning har startat i fyra regioner."),
            "R2.1": ("yellow", "Två av tre arbetsplaner motiverar alla fyra perspektiven."),
        },
    },
    SORMLAND_SLUG: {
        "last": {
            "E1": ("yellow", "Rekryteringsproblemen minskar långsamt; målnivån 45 % ligger långt fram."),
            "R1": ("yellow", "Valideringen inom industrin har inte kommit i gång."),
            "R2": ("green", "Andelen på yrkesprogram ökar för tredje året."),
            "R4": ("red", "Sysselsättningen ökar för långsamt för att nå 60 % utan nya insatser."),
        },
        "this": {
            "E1": ("yellow", "Andelen arbetsgivare med rekryteringsproblem har sjunkit till 52 %."),
            "R1": ("green", "Validering inom industrin har startat i Katrineholm och Eskilstuna."),
            "R2": ("green", "Andelen på yrkesprogram fortsätter att öka."),
            "R4": ("yellow", "Etableringsinsatsen med kommunerna har gett effekt men målnivån är avlägsen."),
        },
    },
}


def _assess(space: Space, year: int, which: str, day: date) -> None:
    """Record the secretariat's assessment of the space's goals of ``year`` on ``day``."""
    for code, (light, note) in ASSESSMENTS.get(space.slug, {}).get(which, {}).items():
        goal = Goal.objects.filter(space=space, year=year, code=code).first()
        if goal is not None:
            data = {"assessment": light, "assessment_note": note, "assessed_on": day}
            services.goal_update(goal=goal, actor=None, data=services.GoalData(**data))


def _day(year: int, quarter: int) -> date:
    month, day = QUARTERS[quarter]
    return date(year, month, day)


def _record_values(goal: Goal, metric_values: dict[str, list[Any]], year: int) -> None:
    today = timezone.localdate()
    for metric in goal.metrics.all():
        for quarter, value in enumerate(metric_values.get(metric.name, [])):
            measured_on = _day(year, quarter)
            if measured_on <= today:
                services.metric_value_record(
                    metric=metric, actor=None, measured_on=measured_on, value=Decimal(str(value))
                )


def _create(space: Space, year: int, spec: GoalSpec, position: int, parent: Goal | None, decision: Any) -> Goal:
    goal = services.goal_create(
        space=space,
        actor=None,
        year=year,
        data=services.GoalData(
            kind=GoalKind.RESULT if parent else GoalKind.EFFECT,
            parent=parent,
            code=spec["code"],
            title=spec["title"],
            description=spec["description"],
            is_public=spec.get("public", False),
            decision=decision,
            change_note=spec.get("change_note", ""),
            position=position,
        ),
    )
    values = {}
    for index, (name, unit, baseline, target, measured) in enumerate(spec["metrics"]):
        services.metric_add(
            goal=goal,
            actor=None,
            data=services.MetricData(
                name=name, unit=unit, baseline=Decimal(baseline), target=Decimal(target), position=index
            ),
        )
        values[name] = measured
    _record_values(goal, values, year)
    return goal


def _create_tree(space: Space, year: int, specs: list[GoalSpec], decision: Any = None) -> None:
    for position, spec in enumerate(specs):
        effect = _create(space, year, spec, position, None, decision)
        for child_position, child in enumerate(spec.get("results", [])):
            result = _create(space, year, child, child_position, effect, decision)
            if child.get("retire"):
                services.goal_retire(goal=result, actor=None, reason=child["retire"])


def _revise(space: Space, year: int, revision: dict[str, dict[str, Any]], decision: Any) -> None:
    """Carry last year's goals over to ``year`` and apply the recorded changes and this year's values."""
    services.goals_revise_year(actor=None, space=space, from_year=year - 1, to_year=year, decision=decision)
    for goal in Goal.objects.filter(space=space, year=year).order_by("code"):
        change = revision.get(goal.code)
        if change is None:
            continue
        updates: dict[str, Any] = {key: change[key] for key in ("title", "change_note") if key in change}
        if updates:
            services.goal_update(goal=goal, actor=None, data=services.GoalData(**updates))
        for metric in goal.metrics.all():
            target = change.get("targets", {}).get(metric.name)
            if target is not None:
                services.metric_update(metric=metric, actor=None, data=services.MetricData(target=Decimal(target)))
        _record_values(goal, {m.name: change.get("values", []) for m in goal.metrics.all()}, year)


def _steering_decision(space: Space, year: int) -> Any:
    """The steering group's first decision of ``year`` (from the minutes demo), or None."""
    from samverka.collaboration.meetings.models import Decision

    return (
        Decision.objects.filter(body__space=space, body__kind="steering_group", year=year)
        .order_by("decided_on", "number")
        .first()
    )


def load_goals() -> int:
    """Load the goals of MSV KLL and Sörmland; returns how many goals were created (0 when they exist)."""
    year = timezone.localdate().year
    before = Goal.objects.count()
    national = Space.objects.filter(slug=NATIONAL_SLUG).first()
    if national is not None and not Goal.objects.filter(space=national).exists():
        decision = _steering_decision(national, year)
        _create_tree(national, year - 1, NATIONAL_LAST_YEAR)
        _revise(national, year, NATIONAL_REVISION, decision)
        offset = Goal.objects.filter(space=national, year=year, kind=GoalKind.EFFECT).count()
        for index, spec in enumerate(NATIONAL_NEW_THIS_YEAR):
            effect = _create(national, year, spec, offset + index, None, decision)
            for position, child in enumerate(spec.get("results", [])):
                _create(national, year, child, position, effect, decision)
        _assess(national, year - 1, "last", date(year - 1, 12, 15))
        _assess(national, year, "this", min(date(year, 10, 15), timezone.localdate()))
    sormland = Space.objects.filter(slug=SORMLAND_SLUG).first()
    if sormland is not None and not Goal.objects.filter(space=sormland).exists():
        decision = _steering_decision(sormland, year)
        _create_tree(sormland, year - 1, SORMLAND_LAST_YEAR)
        _assess(sormland, year - 1, "last", date(year - 1, 12, 15))
        _revise(sormland, year, SORMLAND_REVISION, decision)
        _assess(sormland, year, "this", min(date(year, 10, 15), timezone.localdate()))
    return Goal.objects.count() - before
