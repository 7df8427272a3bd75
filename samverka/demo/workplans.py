"""Demo: work plans of MSV KLL's working groups and its project (seed 001 ch. 5–6, seed 000 ch. 2).

* Arbetsgrupp STEM: last year's plan, closed with a final report; this year's plan, started from it
  (work_plan_copy: result goals follow the goals' revision into this year) and adopted.
* Arbetsgrupp Studie- och yrkesvägledning: this year's plan as a draft, one activity not yet assessed
  against every perspective (so adopting it shows what is missing).
* Projekt Validering och regional matchning: this year's plan, adopted, with the assignment
  description; the regions and their participation models come from the project's members.

Activities are linked to result goals of the space and year made by the goals demo (none if there are none).
Everything goes through the work plan services, like a real process leader would.
"""

from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from samverka.collaboration.bodies.models import Body, BodyRole, Membership
from samverka.demo.accounts import NATIONAL_SLUG
from samverka.platform.spaces.models import Space
from samverka.steering.workplans import services
from samverka.steering.workplans.models import WorkPlan

# Per perspective: (relevant, motivation). Keys as in workplans.models.Perspective.
Assessments = dict[str, tuple[bool, str] | None]

STEM_ACTIVITIES: list[dict[str, Any]] = [
    {
        "title": "Kartläggning av STEM-utbildningarnas dimensionering",
        "description": "Sammanställ utbud, sökande och examinerade inom STEM i gymnasieskola, yrkeshögskola "
        "och högskola, med regional fördelning.",
        "expected_result": "En gemensam lägesbild som underlag för myndigheternas dimensioneringsdialog.",
        "responsible": "Skolverket (processledare)",
        "outcome": "Lägesbilden publicerades i september och presenterades för styrgruppen i oktober.",
        "perspectives": {
            "gender_equality": (True, "Statistiken redovisas uppdelad på kön; könsskillnader i sökmönster analyseras."),
            "accessibility": (True, "Rapporten publiceras i tillgängligt format och med lättläst sammanfattning."),
            "non_discrimination": (True, "Utrikes födda redovisas särskilt för att synliggöra hinder i övergångar."),
            "environment": (False, "Kartläggningen är ett skrivbordsarbete utan påverkan på miljön."),
        },
    },
    {
        "title": "Gemensam kommunikationsinsats om ingenjörs- och teknikyrken",
        "description": "Samordnade budskap och material till studie- och yrkesvägledare om STEM-yrken.",
        "expected_result": "Material som används av vägledare i minst tio regioner.",
        "responsible": "Skolverket och UHR",
        "outcome": "Materialet togs fram och spreds via Regional kontakt; tolv regioner har använt det.",
        "perspectives": {
            "gender_equality": (True, "Förebilder av alla kön; budskap som bryter könsstereotypa yrkesval."),
            "accessibility": (True, "Filmer textas och materialet granskas mot WCAG 2.1 AA."),
            "non_discrimination": (True, "Materialet finns på flera språk och visar förebilder med olika bakgrund."),
            "environment": (
                True,
                "Lyfter teknikyrkenas roll i klimatomställningen; digital spridning i stället för tryck.",
            ),
        },
    },
]

SYV_ACTIVITIES: list[dict[str, Any]] = [
    {
        "title": "Samordnad vägledning för vuxna i omställning",
        "description": "Kartlägg myndigheternas vägledningsinsatser för vuxna och föreslå en gemensam ingång.",
        "expected_result": "Förslag till gemensam ingång för vägledning av vuxna, beslutat i styrgruppen.",
        "responsible": "UHR (processledare)",
        "perspectives": {
            "gender_equality": (True, "Kvinnor och män i omställning har olika vägar in; insatsen utgår från båda."),
            "accessibility": (
                True,
                "Ingången ska fungera digitalt och fysiskt, med stöd för syn- och hörselnedsättning.",
            ),
            "non_discrimination": (True, "Nyanlända och personer med utländsk utbildning är en prioriterad målgrupp."),
            "environment": (False, "Insatsen påverkar inte miljön i någon betydande grad."),
        },
    },
    {
        "title": "Kompetensutveckling för studie- och yrkesvägledare",
        "description": "Gemensamma webbinarier om arbetsmarknadsprognoser och validering.",
        "expected_result": "Fyra webbinarier med minst 300 deltagande vägledare.",
        "responsible": "Arbetsförmedlingen och Skolverket",
        "perspectives": {
            "gender_equality": (True, "Webbinarierna behandlar hur vägledning kan motverka könsbundna val."),
            "accessibility": (True, "Webbinarierna textas och spelas in."),
            # Not yet assessed: non-discrimination and environment (the plan cannot be adopted yet).
        },
    },
]

PROJECT_ACTIVITIES: list[dict[str, Any]] = [
    {
        "title": "Behovsanalys av validering i regionerna",
        "description": "Workshops och enkät med regionerna om behov av branschvalidering.",
        "expected_result": "En behovsanalys per deltagande region.",
        "responsible": "Projektledaren, MYH",
        "perspectives": {
            "gender_equality": (True, "Valideringsbehoven analyseras för både kvinno- och mansdominerade branscher."),
            "accessibility": (True, "Workshops hålls digitalt och fysiskt; enkäten är tillgänglighetsgranskad."),
            "non_discrimination": (True, "Validering är särskilt viktig för personer med utländsk yrkeserfarenhet."),
            "environment": (False, "Analysen påverkar inte miljön; möten hålls i första hand digitalt."),
        },
    },
    {
        "title": "Pilot för regional matchning mot valideringsinsatser",
        "description": "Två regioner prövar att matcha arbetssökande mot valideringsinsatser i samverkan med branscher.",
        "expected_result": "En utvärderad pilot och en modell som andra regioner kan använda.",
        "responsible": "Projektledaren med Region Sörmland och Västra Götalandsregionen",
        "perspectives": {
            "gender_equality": (True, "Urvalet till piloten följs upp per kön."),
            "accessibility": (True, "Deltagarna erbjuds anpassningar vid valideringen."),
            "non_discrimination": (True, "Piloten följer upp utfallet för utrikes födda deltagare."),
            "environment": (True, "Piloten omfattar gröna jobb inom energi och transport."),
        },
    },
]


def _result_goals(space: Space, year: int) -> list[Any]:
    from samverka.steering.goals.models import Goal

    return list(Goal.objects.result_goals().filter(space=space, year=year).order_by("code"))


def _plan(
    body: Body,
    year: int,
    data: dict[str, str],
    activities: list[dict[str, Any]],
    goals: list[Any],
    *,
    with_outcomes: bool = False,
) -> WorkPlan:
    plan = services.work_plan_create(body=body, actor=None, year=year, data=services.AssignmentData(**data))
    leader = (
        Membership.objects.filter(body=body, role=BodyRole.PROCESS_LEADER)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1)))
        .order_by("pk")
        .first()
    )
    for index, spec in enumerate(activities):
        spec = dict(spec)
        if index == 0 and leader is not None:
            spec["responsible_contact"] = leader.contact
        perspectives: Assessments = spec.pop("perspectives")
        if not with_outcomes:
            spec.pop("outcome", None)
        activity = services.activity_add(plan=plan, actor=None, data=services.ActivityData(**spec))
        if goals:
            linked = [goals[index % len(goals)]]
            services.activity_set_result_goals(activity=activity, actor=None, goals=linked)
        services.activity_set_perspectives(activity=activity, actor=None, assessments=perspectives)
    return plan


def load_workplans() -> list[WorkPlan]:
    """Create the demo work plans (skipped when the national space or its bodies are missing)."""
    space = Space.objects.filter(slug=NATIONAL_SLUG).first()
    if space is None:
        return []
    bodies = {body.name: body for body in Body.objects.filter(space=space)}
    year = timezone.localdate().year
    made: list[WorkPlan] = []

    stem = bodies.get("Arbetsgrupp STEM")
    if stem is not None:
        last = _plan(
            stem,
            year - 1,
            {"purpose": "Stärka kompetensförsörjningen inom STEM genom gemensam kunskap och kommunikation."},
            STEM_ACTIVITIES,
            _result_goals(space, year - 1),
            with_outcomes=True,
        )
        services.work_plan_adopt(plan=last, actor=None, on=date(year - 1, 2, 15))
        services.work_plan_update(
            plan=last,
            actor=None,
            data=services.WorkPlanData(
                final_summary="Båda aktiviteterna genomfördes enligt plan. Lägesbilden och "
                "kommunikationsmaterialet har fått stor spridning.",
                final_results="Förväntat resultat för kartläggningen nåddes. Kommunikationsmaterialet "
                "används i tolv regioner mot målet tio.",
                final_perspectives="Jämställdhet och icke-diskriminering genomsyrade båda aktiviteterna. "
                "Miljöperspektivet var relevant för kommunikationsinsatsen.",
                final_lessons="Tidig förankring hos Regional kontakt gav bättre spridning. "
                "Statistiken behöver ett gemensamt begreppsregister.",
            ),
        )
        services.work_plan_close(plan=last, actor=None, on=date(year, 1, 20))
        made.append(last)
        # This year's plan is started from last year's, as the process leader would.
        current = services.work_plan_copy(plan=last, actor=None, year=year)
        services.work_plan_update(
            plan=current,
            actor=None,
            data=services.WorkPlanData(
                purpose="Följa upp lägesbilden och fördjupa samarbetet med lärosätena om ingenjörsutbildningar."
            ),
        )
        goals = _result_goals(space, year)
        for index, activity in enumerate(current.activities.order_by("position", "pk")):
            if goals and not activity.result_goals.exists():  # the goal was not revised into this year
                services.activity_set_result_goals(activity=activity, actor=None, goals=[goals[index % len(goals)]])
        services.work_plan_adopt(plan=current, actor=None, on=date(year, 2, 12))
        made.append(current)

    syv = bodies.get("Arbetsgrupp Studie- och yrkesvägledning")
    if syv is not None:
        made.append(
            _plan(
                syv,
                year,
                {"purpose": "Vägledning genom hela livet: en mer samordnad vägledning för unga och vuxna."},
                SYV_ACTIVITIES,
                _result_goals(space, year),
            )
        )

    project = bodies.get("Projekt Validering och regional matchning")
    if project is not None:
        plan = _plan(
            project,
            year,
            {
                "purpose": "Att utveckla en modell för hur validering kan kopplas till regional matchning, "
                "så att fler får sin kompetens erkänd och snabbare kommer i arbete.",
                "goals_text": "Fler regioner använder validering i sin matchning. Myndigheterna har en "
                "gemensam bild av regionernas valideringsbehov.",
                "expected_results": "En behovsanalys per deltagande region, en utvärderad pilot och en "
                "modell för regional matchning mot validering.",
                "regional_rationale": "Region Sörmland och Västra Götalandsregionen deltar löpande eftersom "
                "de driver piloten. Region Örebro län och Region Skåne bidrar som referensgrupp med "
                "erfarenheter från egna valideringsprojekt. Region Norrbotten och Region Gotland deltar "
                "vid behov (workshop respektive enkät) för att få med glesbygdens och öregionens perspektiv "
                "utan att belasta dem med löpande arbete.",
            },
            PROJECT_ACTIVITIES,
            _result_goals(space, year),
        )
        services.work_plan_adopt(plan=plan, actor=None, on=date(year, 1, 30))
        made.append(plan)
    return made
