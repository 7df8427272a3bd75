"""Demo: the regions' inputs (inspel) to MSV KLL, how each was considered, the feedback reports and
the evaluation of the new structure after one year (seed 000 ch. 2–3).

The yearly cycle: the focus group in Regional kontakt gives input in December, the network for
regional competence supply and Kompetensförsörjningsdagarna add theirs, the goals are decided in
March, and the secretariat tells each region what was decided and how its input was considered;
the follow-up meeting is held in May. This year's goals get the inputs of last December and autumn,
each considered; the feedback reports are generated and sent; the May follow-up is recorded for two
regions. Inputs for next year that arrived this autumn wait for their consideration.

Runs after the goals demo (it links inputs to this year's goals by code); without goals, or without
the national space, it registers what it can and skips the feedback reports. Deterministic: fixed
days of last and this year; inputs dated after today are left out.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from samverka.collaboration.actors.models import Organisation
from samverka.demo.accounts import NATIONAL_SLUG
from samverka.platform.spaces.models import Space
from samverka.steering.inputs import services
from samverka.steering.inputs.models import Channel, Outcome

# (region, channel, (month, day, year offset), topic, text, goal codes, outcome, reason)
InputSpec = tuple[str, str, tuple[int, int, int], str, str, tuple[str, ...], str, str]

THIS_YEAR: list[InputSpec] = [
    (
        "Region Sörmland",
        Channel.FOCUS_GROUP,
        (12, 4, -1),
        "Validering behöver leda vidare till anställning",
        "<p>Regionen ser att många validerar inom vård och omsorg men att valideringen sällan leder direkt "
        "till anställning. Vi vill att målet om validering följer upp vad som händer efteråt.</p>",
        ("R1.2",),
        Outcome.ADOPTED,
        "",
    ),
    (
        "Region Sörmland",
        Channel.SUPPLY_DAYS,
        (11, 13, -1),
        "Gemensam statistikportal",
        "<p>Önskemål om en gemensam webbportal med myndigheternas statistik om kompetensförsörjning.</p>",
        (),
        Outcome.NOT_ADOPTED,
        "Styrgruppen bedömde att en egen portal dubblerar SCB:s och Arbetsförmedlingens tjänster. "
        "Myndigheterna länkar i stället till befintlig statistik från samverkans webbplats.",
    ),
    (
        "Region Örebro län",
        Channel.FOCUS_GROUP,
        (12, 4, -1),
        "Vägledning för vuxna i hela länet",
        "<p>Regionen efterfrågar samordnad studie- och yrkesvägledning för vuxna som når även de mindre "
        "kommunerna.</p>",
        ("R1.3",),
        Outcome.PARTLY,
        "Samordnad vägledning för vuxna är ett resultatmål för året. Att nå alla kommuner ryms inte i år; "
        "projektet prövar arbetssättet i tre län först.",
    ),
    (
        "Västra Götalandsregionen",
        Channel.NETWORK,
        (11, 20, -1),
        "Regionala lägesbilder som underlag för dimensionering",
        "<p>Nätverket för regional kompetensförsörjning föreslår att myndigheternas lägesbild byggs på "
        "regionernas egna analyser.</p>",
        ("R1.1",),
        Outcome.ADOPTED,
        "",
    ),
    (
        "Region Skåne",
        Channel.SURVEY,
        (1, 15, 0),
        "Jämställdhet i yrkesutbildningen",
        "<p>I enkäten lyfter regionen den könssegregerade rekryteringen till yrkesutbildningar.</p>",
        ("R2.1",),
        Outcome.PARTLY,
        "Arbetsplanerna ska motivera varje aktivitets bidrag till jämställdhet. Ett eget mål för "
        "rekryteringen till yrkesutbildning beslutades inte i år.",
    ),
    (
        "Region Norrbotten",
        Channel.FOCUS_GROUP,
        (12, 4, -1),
        "Kompetensförsörjning vid stora industrietableringar",
        "<p>De stora etableringarna i norr kräver snabb uppskalning av utbildning; regionen vill se ett "
        "eget mål för detta.</p>",
        (),
        Outcome.NOT_ADOPTED,
        "Styrgruppen prioriterade de befintliga resultatmålen. Frågan tas upp i arbetsgruppen för "
        "kompetensförsörjning och i nästa revidering av målen.",
    ),
]

NEXT_YEAR: list[InputSpec] = [
    (
        "Region Gotland",
        Channel.SUPPLY_DAYS,
        (11, 12, 0),
        "Distansutbildning för öns arbetsgivare",
        "<p>Gotland vill att yrkesutbildning på distans blir en del av nästa års prioriteringar.</p>",
        (),
        "",
        "",
    ),
    (
        "Region Sörmland",
        Channel.OTHER,
        (10, 8, 0),
        "Uppföljning av valideringens effekter",
        "<p>Inspel från regionens kompetensplattform: följ upp hur många som får arbete efter validering.</p>",
        (),
        "",
        "",
    ),
]

FOLLOW_UP = {
    "Region Sörmland": "Uppföljande möte med fokusgruppen: återkopplingen var tydlig; regionen vill få "
    "underlaget två veckor före mötet i december.",
    "Region Örebro län": "Regionen deltar i projektets pilot för vägledning; följs upp i höst.",
}


def _register(space: Space, year: int, spec: InputSpec, goal_year: int) -> bool:
    region_name, channel, (month, day, offset), topic, text, codes, outcome, reason = spec
    region = Organisation.objects.filter(name=region_name).first()
    received_on = date(year + offset, month, day)
    if region is None or received_on > timezone.localdate():
        return False
    from samverka.steering.goals.models import Goal

    goals = list(Goal.objects.filter(space=space, year=goal_year, code__in=codes))
    item = services.input_register(
        actor=None,
        space=space,
        data=services.InputData(
            source_organisation=region,
            channel=channel,
            received_on=received_on,
            goal_year=goal_year,
            topic=topic,
            text=text,
            goals=goals,
            decisions=[goal.decision for goal in goals[:1] if goal.decision_id],
        ),
    )
    if outcome:
        services.consideration_record(actor=None, input=item, outcome=outcome, reason=reason)
    return True


def _evaluation(space: Space, year: int) -> Any:
    return services.evaluation_create(
        actor=None,
        space=space,
        data=services.EvaluationData(
            structure_name="Den nya strukturen för samverkan med regionerna",
            criteria="Det regionala perspektivet i MSV KLL, regionernas och myndigheternas upplevelse av "
            "samverkan, inspelens användbarhet för styrgruppen och mötesstrukturen för de strategiska samtalen.",
            responsible="MSV-sekretariatet tillsammans med Tillväxtverket",
            due_on=date(year, 12, 15),
        ),
    )


def load_inputs() -> int:
    """Register the demo inputs and reports; returns how many inputs were registered."""
    space = Space.objects.filter(slug=NATIONAL_SLUG).first()
    if space is None:
        return 0
    year = timezone.localdate().year
    count = sum(_register(space, year, spec, year) for spec in THIS_YEAR)
    count += sum(_register(space, year, spec, year + 1) for spec in NEXT_YEAR)
    _evaluation(space, year)
    try:
        reports = services.feedback_reports_generate(actor=None, space=space, year=year)
    except ValidationError:  # no goals for the year: the goals demo did not run
        return count
    for report in reports:
        try:
            services.feedback_report_send(actor=None, report=report)
        except ValidationError:  # a region without a contact with an e-mail address
            continue
        note = FOLLOW_UP.get(report.organisation.name)
        if note and timezone.localdate() >= date(year, 5, 20):
            services.feedback_follow_up_record(actor=None, report=report, follow_up_on=date(year, 5, 20), note=note)
    return count
