"""The demo's yearly reports to MYH: Sörmland's report for last year, submitted (frozen), and this year's in
draft, both generated from the demo's statistics and catalogue through ``myhreports.services``. The national
space (MSV KLL) sees last year's report in its national view; this year's draft stays inside Sörmland."""

from typing import Any

from django.utils import timezone

from samverka.collaboration.meetings.models import Decision
from samverka.demo.accounts import SORMLAND_SLUG
from samverka.education.myhreports import services
from samverka.education.myhreports.models import MyhReport, ReportStatus
from samverka.education.myhreports.sections import INVESTMENTS
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space
from samverka.records.registry import selectors as registry_selectors
from samverka.records.registry import services as registry
from samverka.records.registry.models import Case, CaseType

ANALYST = "analytiker@sormland.example"
REGISTRAR = "samordnare@sormland.example"

NEEDS: list[dict[str, Any]] = [
    {
        "yh_area": "halsa",
        "ssyk": "5321",
        "motivation": "Stora pensionsavgångar bland undersköterskor i kommunernas äldreomsorg de närmaste fem åren.",
        "evidence": "Yrkesregistret: en tredjedel av undersköterskorna är 55 år eller äldre.",
        "confidence": "high",
        "sources": "SCB yrkesregistret; Vård- och omsorgscollege Sörmland",
        "priority": 1,
    },
    {
        "yh_area": "teknik",
        "ssyk": "3113",
        "motivation": "Industrins omställning i Eskilstuna och Strängnäs efterfrågar elkraftingenjörer och automationstekniker.",
        "evidence": "Branschforum industri, behovsinventering hösten.",
        "confidence": "medium",
        "sources": "Teknikcollege Sörmland; branschforum industri",
        "priority": 2,
    },
    {
        "yh_area": "transport",
        "ssyk": "8332",
        "motivation": "Brist på lastbilsförare med logistikkompetens vid nya lager i Katrineholm.",
        "evidence": "Arbetsförmedlingens yrkesprognos; företagsintervjuer.",
        "confidence": "low",
        "sources": "Arbetsförmedlingen; Transportföretagen",
        "priority": 3,
    },
]


def _report_case(space: Space, registrar: User | None, year: int) -> Case | None:
    """A case of the space's registry for the yearly reports to MYH, opened through the registry's service."""
    if registrar is None:
        return None
    found = Case.objects.filter(space=space, title__startswith="Årlig rapport till MYH", is_voided=False).first()
    if found is not None:
        return found
    series = registry_selectors.series_of(space, active_only=True).first()
    if series is None:
        return None
    return registry.case_register(
        actor=registrar,
        series=series,
        title=f"Årlig rapport till MYH {year}",
        case_type=CaseType.OTHER,
    )


def load_myhreports() -> None:
    """Load the demo's MYH reports (once: nothing when Sörmland has a report)."""
    space = Space.objects.filter(slug=SORMLAND_SLUG).first()
    analyst = User.objects.filter(email=ANALYST).first()
    if space is None or analyst is None or MyhReport.objects.filter(space=space).exists():
        return
    this_year = timezone.localdate().year
    last = services.report_create(space=space, year=this_year - 1, actor=analyst)
    services.report_set_text(
        report=last,
        actor=analyst,
        section=INVESTMENTS,
        text="Nytt logistikcentrum i Katrineholm (cirka 400 anställda); varsel inom tillverkningsindustrin i Eskilstuna.",
    )
    for values in NEEDS:
        services.need_create(report=last, actor=analyst, data=services.NeedData(**values))
    services.report_advance(report=last, actor=analyst, to=ReportStatus.REVIEW)
    services.comment_add(
        report=last, actor=analyst, section=INVESTMENTS, text="Stäm av varslen med Arbetsförmedlingen."
    )
    decision = Decision.objects.filter(body__space=space).order_by("pk").first()
    services.report_advance(report=last, actor=analyst, to=ReportStatus.DECIDED, decision=decision)
    # The space's coordinator (an admin, who may register) registers the report's PDF in the registry, in a case
    # of the space opened for it when the registry demo left none.
    registrar = User.objects.filter(email=REGISTRAR).first()
    case = _report_case(space, registrar, this_year - 1)
    if case is not None and registrar is not None:
        services.report_advance(report=last, actor=registrar, to=ReportStatus.REGISTERED, case_reference=case.reference)
        services.report_advance(report=last, actor=analyst, to=ReportStatus.SUBMITTED)
    draft = services.report_create(space=space, year=this_year, actor=analyst)
    services.need_create(report=draft, actor=analyst, data=services.NeedData(**NEEDS[0]))
