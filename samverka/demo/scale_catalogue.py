"""The education catalogue at national scale: 50,000 offerings across all 290 municipalities.

Part of ``generate_national_data`` (after the spaces exist). Each regional space gets its county's
providers — every municipality's adult education, the region's folk high schools, YH and labour market
training providers — their educations (drawn from the programmes below, each with its SUN 2020 field,
target occupations, degree and CSN) and offerings spread over the county's municipalities by size, with
start dates from two months ago to a year ahead, application windows, paces, distance offerings, a few
unpublished, removed or cancelled, and some ended (hidden by themselves). Half come "from EMIL3" with a
source id, half are entered locally.

Written with ``bulk_create`` in batches, bypassing the services and the per-row audit log like the rest of
the generated data; the derived fields (county, expiry, free text) are set by ``catalogue.derived`` as the
services set them. Deterministic for a seed and scale.
"""

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from samverka.demo import scale_data as words
from samverka.education.catalogue.derived import offering_derived_fields
from samverka.education.catalogue.models import (
    Education,
    EducationOccupation,
    Offering,
    OfferingOccupation,
    Provider,
    Source,
)
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space, SpaceKind

BATCH_SIZE = 2_000
#: Offerings at scale 1.0.
OFFERINGS = 50_000

#: (title, school type, SUN 2020 field, SSYK target occupations, leads to a degree, CSN, credit system, credits)
PROGRAMMES: tuple[tuple[str, str, str, tuple[str, ...], bool, bool, str, int | None], ...] = (
    ("Undersköterska", "VUXGY", "723", ("5321", "5323"), False, True, "gyp", 1500),
    ("Vårdbiträde", "VUXGY", "723", ("5322",), False, True, "gyp", 800),
    ("Barnskötare", "VUXGY", "761", ("5311",), False, True, "gyp", 1250),
    ("Elevassistent", "VUXGY", "761", ("5312",), False, True, "gyp", 900),
    ("Svetsare", "VUXGY", "521", ("7212",), False, True, "gyp", 900),
    ("CNC-operatör", "VUXGY", "521", ("7223",), False, True, "gyp", 1000),
    ("Lastbilsförare", "VUXGY", "840", ("8332",), False, True, "gyp", 1100),
    ("Bussförare", "AUB", "840", ("8331",), False, False, "weeks", 16),
    ("Truckförare", "AUB", "840", ("8344",), False, False, "weeks", 4),
    ("Kock", "VUXGY", "811", ("5120",), False, True, "gyp", 1200),
    ("Lokalvårdare", "AUB", "814", ("9111",), False, False, "weeks", 8),
    ("Elektriker", "VUXGY", "522", ("7411",), False, True, "gyp", 1600),
    ("VVS-montör", "VUXGY", "582", ("7126",), False, True, "gyp", 1400),
    ("Träarbetare", "VUXGY", "582", ("7111",), False, True, "gyp", 1300),
    ("Svenska för invandrare", "VUXSFI", "080", (), False, False, "", None),
    ("Svenska som andraspråk", "VUXGY", "223", (), False, True, "gyp", 300),
    ("Matematik 1a", "VUXGY", "461", (), False, True, "gyp", 100),
    ("Engelska 5", "VUXGY", "222", (), False, True, "gyp", 100),
    ("Grundläggande svenska", "VUXGR", "223", (), False, True, "", None),
    ("Automationstekniker", "YH", "523", ("3113",), True, True, "yhp", 400),
    ("Mjukvaruutvecklare", "YH", "481", ("2512",), True, True, "yhp", 400),
    ("Redovisningsekonom", "YH", "344", ("3313",), True, True, "yhp", 400),
    ("Specialistundersköterska", "YH", "723", ("5321",), True, True, "yhp", 200),
    ("Byggproduktionsledare", "YH", "582", ("3121",), True, True, "yhp", 400),
    ("Logistiker", "YH", "840", ("4322",), True, True, "yhp", 300),
    ("Allmän kurs", "FHS", "010", (), False, True, "weeks", 34),
    ("Behandlingspedagog", "FHS", "762", ("3412",), False, True, "weeks", 68),
    ("Fritidsledare", "FHS", "812", ("3423",), True, True, "weeks", 68),
    ("Sjuksköterskeprogrammet", "HS", "723", ("2221",), True, True, "hp", 180),
    ("Ledarskap i vården", "contract", "345", (), False, False, "hours", 40),
    ("Truckkort A+B", "industry", "840", ("8344",), False, False, "hours", 16),
)
#: The national upper-secondary programmes (Skolverket's programme codes: the first two letters of an education
#: code): (code, title, SUN 2020 field, target occupations). Each municipality's upper-secondary school gives some.
UPPER_SECONDARY: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("BABYG", "Bygg- och anläggningsprogrammet", "582", ("7111",)),
    ("BFFRI", "Barn- och fritidsprogrammet", "761", ("5311",)),
    ("EEELT", "El- och energiprogrammet", "522", ("7411",)),
    ("EKEKO", "Ekonomiprogrammet", "340", ()),
    ("ESEST", "Estetiska programmet", "210", ()),
    ("FTTRA", "Fordons- och transportprogrammet", "840", ("8332",)),
    ("FRFRI", "Frisör- och stylistprogrammet", "815", ("5141",)),
    ("FSFOS", "Försäljnings- och serviceprogrammet", "341", ("5223",)),
    ("HTHOT", "Hotell- och turismprogrammet", "812", ()),
    ("HUHUM", "Humanistiska programmet", "220", ()),
    ("ININD", "Industritekniska programmet", "521", ("7223",)),
    ("NBSKO", "Naturbruksprogrammet", "623", ("6210",)),
    ("NANAT", "Naturvetenskapsprogrammet", "440", ()),
    ("RLKOK", "Restaurang- och livsmedelsprogrammet", "811", ("5120",)),
    ("SASAM", "Samhällsvetenskapsprogrammet", "310", ()),
    ("TETEK", "Teknikprogrammet", "520", ()),
    ("VFVVS", "VVS- och fastighetsprogrammet", "582", ("7126",)),
    ("VOVAR", "Vård- och omsorgsprogrammet", "723", ("5321",)),
)
#: County-wide providers besides each municipality's own adult education: (name pattern, responsible body, kinds)
COUNTY_PROVIDERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("{county} folkhögskola", "region", ("FHS",)),
    ("Yrkeshögskolan {county}", "private", ("YH",)),
    ("Lernia {county}", "private", ("AUB", "VUXGY", "industry")),
    ("Hermods {county}", "private", ("VUXGY", "VUXGR", "VUXSFI")),
    ("Region {county} uppdragsutbildning", "region", ("contract",)),
    ("Universitetet i {county}", "state", ("HS",)),
)


def generate_catalogue(
    *,
    scale: float = 1.0,
    seed: int = 1,
    today: date | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> dict[str, int]:
    """Generate the catalogue of every regional space; returns row counts."""
    rng = random.Random(seed + 14)
    today = today or timezone.localdate()
    now = timezone.now()
    spaces = {space.county_id: space for space in Space.objects.filter(kind=SpaceKind.REGIONAL).order_by("pk")}
    municipalities = list(Municipality.objects.select_related("county").order_by("code"))
    by_county: dict[str, list[Municipality]] = {}
    for municipality in municipalities:
        if municipality.county_id in spaces:
            by_county.setdefault(municipality.county_id, []).append(municipality)

    providers: list[Provider] = []
    kinds_of: list[tuple[str, ...]] = []  # the school types each provider gives, by position
    for county, places in by_county.items():
        space, short = spaces[county], places[0].county.short_name if places else county
        for municipality in places:
            providers.append(
                Provider(
                    space=space,
                    name=f"Vuxenutbildningen {municipality.name}",
                    responsible_body_type="municipal",
                    municipality=municipality,
                    town=municipality.name,
                    source=Source.LOCAL,
                    url=f"https://vux.{_slug(municipality.name)}.example.se/",
                )
            )
            kinds_of.append(("VUXGY", "VUXGR", "VUXSFI", "AUB"))
            providers.append(
                Provider(
                    space=space,
                    name=f"Gymnasieskolan {municipality.name}",
                    responsible_body_type="municipal",
                    municipality=municipality,
                    town=municipality.name,
                    source=Source.LOCAL,
                    url=f"https://gy.{_slug(municipality.name)}.example.se/",
                )
            )
            kinds_of.append(("GY",))
        for pattern, body, kinds in COUNTY_PROVIDERS:
            seat = places[0] if places else None
            providers.append(
                Provider(
                    space=space,
                    name=pattern.format(county=short),
                    responsible_body_type=body,
                    municipality=seat,
                    town=seat.name if seat else "",
                    source=Source.EMIL3,
                    source_id=f"P-{county}-{len(providers)}",
                    source_updated_at=now,
                )
            )
            kinds_of.append(kinds)
    Provider.objects.bulk_create(providers, batch_size=BATCH_SIZE)
    log(f"{len(providers)} education providers")

    educations: list[Education] = []
    occupations: list[tuple[int, str, bool]] = []  # (education index, code, primary)
    for provider, kinds in zip(providers, kinds_of, strict=True):
        offered = [(p, "") for p in PROGRAMMES if p[1] in kinds]
        if "GY" in kinds:  # no municipality gives every national programme: a few to most of them
            given = rng.sample(UPPER_SECONDARY, rng.randint(3, len(UPPER_SECONDARY) - 2))
            offered += [((title, "GY", sun, ssyk, False, False, "gyp", 2500), code) for code, title, sun, ssyk in given]
        for (title, school_type, sun, ssyk, degree, csn, credit_system, credits), code in offered:
            index = len(educations)
            imported = provider.source == Source.EMIL3
            educations.append(
                Education(
                    space=provider.space,
                    provider=provider,
                    code=code,
                    title=title,
                    description=f"{title} hos {provider.name}.",
                    school_type=school_type,
                    sun_field=sun,
                    is_vocational=bool(ssyk),
                    leads_to_degree=degree,
                    csn_eligible=csn,
                    credit_system=credit_system,
                    credits=credits,
                    source=Source.EMIL3 if imported else Source.LOCAL,
                    source_id=f"E-{provider.pk}-{index}" if imported else "",
                    source_updated_at=now,
                )
            )
            occupations += [(index, code, n == 0) for n, code in enumerate(ssyk)]
    Education.objects.bulk_create(educations, batch_size=BATCH_SIZE)
    EducationOccupation.objects.bulk_create(
        [
            EducationOccupation(education=educations[i], ssyk_code=code, is_primary=primary)
            for i, code, primary in occupations
        ],
        batch_size=BATCH_SIZE,
    )
    log(f"{len(educations)} educations")

    total = max(1, round(OFFERINGS * scale))
    weights = {m.code: words.MUNICIPALITY_WEIGHT.get(m.code, 1) for places in by_county.values() for m in places}
    weight_sum = sum(weights.values())
    by_provider: dict[int, list[Education]] = {}
    for education in educations:
        by_provider.setdefault(education.provider_id, []).append(education)
    county_educations: dict[str, list[Education]] = {}
    local_educations: dict[str, list[Education]] = {}
    for provider in providers:
        if provider.responsible_body_type == "municipal":
            local_educations.setdefault(provider.municipality_id, []).extend(by_provider.get(provider.pk, []))  # type: ignore[arg-type]
        else:
            county_educations.setdefault(provider.municipality.county_id, []).extend(by_provider.get(provider.pk, []))  # type: ignore[union-attr]

    made = 0
    batch: list[Offering] = []
    local_codes: list[tuple[int, str]] = []
    created: list[Offering] = []
    codes = list(weights)
    shares = dict(zip(codes, _largest_remainder(total, [weights[code] / weight_sum for code in codes]), strict=True))
    for places in by_county.values():
        for municipality in places:
            share = shares[municipality.code]
            pool = local_educations.get(municipality.code, []) + county_educations.get(municipality.county_id, [])
            for _n in range(share):
                if made >= total or not pool:
                    break
                education = rng.choice(pool)
                batch.append(_offering(rng, education, municipality, today, now, made))
                if rng.random() < 0.05:
                    local_codes.append((len(created) + len(batch) - 1, rng.choice(("5321", "7212", "8332", "2512"))))
                made += 1
                if len(batch) >= BATCH_SIZE:
                    created += Offering.objects.bulk_create(batch)
                    batch = []
    created += Offering.objects.bulk_create(batch)
    OfferingOccupation.objects.bulk_create(
        [OfferingOccupation(offering=created[i], ssyk_code=code) for i, code in local_codes],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    log(f"{len(created)} education offerings")
    with connection.cursor() as cursor:  # fresh planner statistics for the new tables, as autovacuum would
        for model in (Provider, Education, EducationOccupation, Offering, OfferingOccupation):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return {"education providers": len(providers), "educations": len(educations), "offerings": len(created)}


def _offering(
    rng: random.Random, education: Education, municipality: Municipality, today: date, now: Any, n: int
) -> Offering:
    start = today + timedelta(days=rng.randint(-60, 365))
    end = start + timedelta(days=rng.choice((20, 60, 120, 180, 300)))
    continuous = education.school_type in {"VUXSFI", "VUXGR"} and rng.random() < 0.7
    closes: date | None = None
    opens: date | None = None
    if not continuous:
        closes = start - timedelta(days=rng.randint(7, 45))
        opens = closes - timedelta(days=rng.randint(20, 60))
    distance = rng.random() < 0.15
    place = municipality.name
    offering = Offering(
        space=education.space,
        education=education,
        provider=education.provider,
        municipality=municipality,
        locality=place,
        start_date=start,
        end_date=end,
        application_opens=opens,
        application_closes=closes,
        continuous_admission=continuous,
        pace_percent=rng.choice((100, 100, 100, 75, 50, 25)),
        is_distance=distance,
        onsite_sessions=rng.choice((0, 2, 4)) if distance else None,
        places=rng.choice((12, 16, 20, 24, 30, 35)),
        is_published=rng.random() > 0.02,
        is_cancelled=rng.random() < 0.01,
        removed_at=now if rng.random() < 0.01 else None,
        source=education.source,
        source_id=f"O-{n}" if education.source == Source.EMIL3 else "",
        source_updated_at=now - timedelta(days=rng.randint(0, 400)),
    )
    for name, value in offering_derived_fields(
        title=education.title,
        provider_name=education.provider.name,
        locality=place,
        municipality=municipality,
        start_date=start,
        end_date=end,
    ).items():
        setattr(offering, name, value)
    return offering


def _largest_remainder(total: int, weights: list[float]) -> list[int]:
    """``total`` split into whole numbers in proportion to ``weights``, summing to exactly ``total``."""
    exact = [total * weight / sum(weights) for weight in weights]
    quotas = [int(value) for value in exact]
    for index in sorted(range(len(weights)), key=lambda i: exact[i] - quotas[i], reverse=True)[: total - sum(quotas)]:
        quotas[index] += 1
    return quotas


def _slug(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": "-"})
    return name.lower().translate(table)
