"""The demo's validation: Sörmland's validation offers for care, industry and transport, and two years of
aggregated outcomes, all written through ``validation.services``.

Offers link to the demo catalogue's offerings and educations for the same occupations when the catalogue demo
has loaded (otherwise they stand without links). The outcomes are synthetic, seeded so that each load gives the
same figures; some cells are small, so the public table shows the suppression at work.
"""

import random
from typing import Any

from django.utils import timezone

from samverka.demo.accounts import SORMLAND_SLUG
from samverka.education.catalogue.models import Education, Offering, Provider
from samverka.education.validation import services
from samverka.education.validation.models import ValidationOffer
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space

#: (title, kind, owner, model, SSYK codes, SUN field, municipality, languages, cost, contact, published, provider)
OFFERS: list[dict[str, Any]] = [
    {
        "title": "Validering till undersköterska",
        "kind": "industry",
        "industry_model_owner": "Vård- och omsorgscollege",
        "industry_model": "Vård- och omsorgscollege: validering mot undersköterskans kompetenser",
        "ssyk_codes": ["5321", "5323"],
        "sun_field": "723",
        "municipality": "0484",
        "languages": "svenska, arabiska, somaliska",
        "cost": "Kostnadsfri",
        "contact_name": "Anna Berg",
        "contact_email": "validering@vux.eskilstuna.example",
        "provider_name": "Eskilstuna vuxenutbildning",
        "description": "Kartläggning, bedömning och dokumentation av din kompetens inom vård och omsorg. "
        "Det du redan kan ger betyg; det som saknas läser du som kompletterande utbildning.",
        "is_published": True,
    },
    {
        "title": "Validering mot vård- och omsorgsprogrammets kurser",
        "kind": "komvux",
        "industry_model_owner": "",
        "industry_model": "Kurser i vård- och omsorgsprogrammet (komvux)",
        "ssyk_codes": ["5321", "5343"],
        "sun_field": "723",
        "municipality": "0483",
        "languages": "svenska",
        "cost": "Kostnadsfri",
        "contact_name": "Studie- och yrkesvägledningen",
        "contact_email": "syv@katrineholm.example",
        "provider_name": "Katrineholms vuxenutbildning",
        "description": "Validering inom komvux mot kurserna Vård och omsorg 1–2, Omvårdnad och Social omsorg.",
        "is_published": True,
    },
    {
        "title": "Branschvalidering industri",
        "kind": "industry",
        "industry_model_owner": "Teknikcollege",
        "industry_model": "Teknikcollege: industriteknisk branschvalidering",
        "ssyk_codes": ["7212", "7223", "7233", "8121"],
        "sun_field": "521",
        "municipality": "0484",
        "languages": "svenska, engelska",
        "cost": "Kostnadsfri för arbetssökande; för anställda betalar arbetsgivaren",
        "contact_name": "Teknikcollege Sörmland",
        "contact_email": "teknikcollege@sormland.example",
        "provider_name": "Teknikcollege Sörmland",
        "description": "Validering mot industrins kompetenskrav för operatörer, svetsare och underhållsmekaniker.",
        "is_published": True,
    },
    {
        "title": "Validering CNC-operatör",
        "kind": "industry",
        "industry_model_owner": "Teknikcollege",
        "industry_model": "Teknikcollege: industriteknisk branschvalidering",
        "ssyk_codes": ["7223"],
        "sun_field": "521",
        "municipality": "0481",
        "languages": "svenska",
        "cost": "Kostnadsfri för arbetssökande",
        "contact_name": "Oxelösunds lärcentrum",
        "contact_email": "larcentrum@oxelosund.example",
        "provider_name": "Oxelösunds lärcentrum",
        "description": "",
        "is_published": True,
    },
    {
        "title": "Branschvalidering lastbilsförare",
        "kind": "industry",
        "industry_model_owner": "Transportföretagen",
        "industry_model": "Transportföretagen: yrkesförarvalidering",
        "ssyk_codes": ["8332"],
        "sun_field": "840",
        "municipality": "0480",
        "languages": "svenska, engelska, polska",
        "cost": "Kostnadsfri",
        "contact_name": "Transportcollege Sörmland",
        "contact_email": "transport@nykoping.example",
        "provider_name": "Nyköpings vuxenutbildning",
        "description": "Validering mot yrkesförarkompetens (YKB) och branschens krav för tung lastbil.",
        "is_published": True,
    },
    {
        "title": "Validering bussförare (uppdrag från Arbetsförmedlingen)",
        "kind": "employment_service",
        "industry_model_owner": "Transportföretagen",
        "industry_model": "Transportföretagen: yrkesförarvalidering",
        "ssyk_codes": ["8331"],
        "sun_field": "840",
        "municipality": "0484",
        "languages": "svenska",
        "cost": "Kostnadsfri (Arbetsförmedlingen)",
        "contact_name": "",
        "contact_email": "",
        "provider_name": "Transportcollege Sörmland",
        "description": "Under upphandling: publiceras när utföraren är klar.",
        "is_published": False,
    },
]


def _links(space: Space, codes: list[str]) -> tuple[list[Offering], list[Education]]:
    educations = list(
        Education.objects.filter(space=space, occupations__ssyk_code__in=codes, removed_at__isnull=True)
        .distinct()
        .order_by("pk")[:3]
    )
    offerings = list(
        Offering.objects.filter(space=space, education__in=educations, removed_at__isnull=True).order_by("pk")[:3]
    )
    return offerings, educations


def _outcome_rows(offer: ValidationOffer, year: int, rng: random.Random) -> dict[str, Any]:
    started_women = rng.randint(1, 30) if offer.sun_field == "723" else rng.randint(0, 6)
    started_men = rng.randint(0, 6) if offer.sun_field == "723" else rng.randint(2, 25)
    completed_women = rng.randint(0, started_women)
    completed_men = rng.randint(0, started_men)
    started = started_women + started_men
    completed = completed_women + completed_men
    recognition = completed
    documentation = rng.randint(0, started - recognition)
    assessment = rng.randint(0, started - recognition - documentation)
    mapping = started - recognition - documentation - assessment
    certificate = rng.randint(0, completed)
    partial = completed - certificate
    work = rng.randint(0, completed)
    education = rng.randint(0, completed - work)
    return {
        "started_women": started_women,
        "started_men": started_men,
        "completed_women": completed_women,
        "completed_men": completed_men,
        "reached_mapping": mapping,
        "reached_assessment": assessment,
        "reached_documentation": documentation,
        "reached_recognition": recognition,
        "result_mapping_statement": mapping,
        "result_competence_certificate": certificate if offer.kind == "industry" else 0,
        "result_grade": certificate if offer.kind != "industry" else 0,
        "result_partial": partial,
        "followup_work": work,
        "followup_education": education,
        "followup_unknown": completed - work - education,
    }


def load_validation() -> None:
    """Load the demo's validation through the app's services (once: nothing when Sörmland has offers)."""
    space = Space.objects.filter(slug=SORMLAND_SLUG).first()
    if space is None or ValidationOffer.objects.filter(space=space).exists():
        return
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in={o["municipality"] for o in OFFERS})}
    rng = random.Random(14)
    this_year = timezone.localdate().year
    offers = []
    for spec in OFFERS:
        values = dict(spec)
        provider_name = values.pop("provider_name")
        municipality = municipalities[values.pop("municipality")]
        offerings, educations = _links(space, values["ssyk_codes"])
        provider = Provider.objects.filter(space=space, municipality=municipality, removed_at__isnull=True).first()
        offer = services.offer_create(
            space=space,
            actor=None,
            data=services.OfferData(
                **values, municipality=municipality, provider=provider, offerings=offerings, educations=educations
            ),
        )
        offers.append((offer, provider, provider_name))
    for year in (this_year - 2, this_year - 1):
        for offer, provider, provider_name in offers:
            for code in offer.ssyk_codes[:2]:
                services.outcome_create(
                    space=space,
                    actor=None,
                    data=services.OutcomeData(
                        year=year,
                        offer=offer,
                        ssyk_code=code,
                        industry_model=offer.industry_model,
                        provider=provider,
                        provider_name=provider_name,
                        municipality=offer.municipality,
                        **_outcome_rows(offer, year, rng),
                    ),
                )
    services.settings_update(
        space=space,
        actor=None,
        data=services.SettingsData(suppression_k=5, person_records_enabled=True, retention_months=24),
    )
    for index, (offer, _provider, _name) in enumerate(offers[:3]):
        services.participant_create(
            space=space,
            actor=None,
            data=services.ParticipantData(
                offer=offer,
                year=this_year,
                sex="woman" if index % 2 == 0 else "man",
                step_reached="assessment",
                completed=False,
                follow_up="unknown",
            ),
        )
