"""Catalogue rows for the planner tests, written directly (the figures, not the editing, are under test).

Sörmland's municipalities (county 04) by code, so that a test reads like the region it models.
"""

from datetime import date, timedelta
from itertools import count
from typing import Any

from django.utils import timezone

from samverka.education.catalogue.models import (
    Education,
    EducationOccupation,
    Offering,
    OfferingOccupation,
    Provider,
    SchoolType,
    Source,
)
from samverka.platform.spaces.models import Space

ESKILSTUNA, NYKOPING, KATRINEHOLM, STRANGNAS, FLEN = "0484", "0480", "0483", "0486", "0482"
SORMLAND = ("0428", "0461", "0480", "0481", "0482", "0483", "0484", "0486", "0488")
OREBRO = "1880"

_seq = count(1)


def make_provider(space: Space, *, name: str = "", municipality: str | None = ESKILSTUNA, **extra: Any) -> Provider:
    n = next(_seq)
    return Provider.objects.create(space=space, name=name or f"Anordnare {n}", municipality_id=municipality, **extra)


def make_education(
    space: Space,
    *,
    title: str = "",
    school_type: str = SchoolType.GY,
    code: str = "",
    sun_field: str = "",
    ssyk: tuple[str, ...] = (),
    provider: Provider | None = None,
    source: str = Source.LOCAL,
    **extra: Any,
) -> Education:
    n = next(_seq)
    education = Education.objects.create(
        space=space,
        provider=provider or make_provider(space),
        title=title or f"Utbildning {n}",
        school_type=school_type,
        code=code,
        sun_field=sun_field,
        source=source,
        source_id=f"info-{n}" if source == Source.EMIL3 else "",
        **extra,
    )
    for code_ in ssyk:
        EducationOccupation.objects.create(education=education, ssyk_code=code_)
    return education


def make_offering(
    space: Space,
    education: Education | None = None,
    *,
    municipality: str | None = ESKILSTUNA,
    start: Any = "soon",
    end: date | None = None,
    places: int | None = None,
    source: str = Source.LOCAL,
    ssyk: tuple[str, ...] = (),
    updated: Any = None,
    **extra: Any,
) -> Offering:
    """An offering starting in 60 days unless told (``start=None``: no start date); ``hidden_after`` as the model
    says (end, else start)."""
    n = next(_seq)
    education = education or make_education(space)
    start = timezone.localdate() + timedelta(days=60) if start == "soon" else start
    offering = Offering.objects.create(
        space=space,
        education=education,
        provider=education.provider,
        municipality_id=municipality,
        county_code=municipality[:2] if municipality else "",
        start_date=start,
        end_date=end,
        hidden_after=end or start,
        places=places,
        source=source,
        source_id=f"event-{n}" if source == Source.EMIL3 else "",
        source_updated_at=updated if source == Source.EMIL3 else None,
        **extra,
    )
    if updated is not None and source != Source.EMIL3:
        Offering.objects.filter(pk=offering.pk).update(updated_at=updated)
        offering.refresh_from_db()
    for code in ssyk:
        OfferingOccupation.objects.create(offering=offering, ssyk_code=code)
    return offering


def programme_offering(space: Space, code: str, municipality: str, **extra: Any) -> Offering:
    """A current upper-secondary offering of the programme whose study-path code is ``code``."""
    education = make_education(space, code=code, title=f"Program {code}", school_type=SchoolType.GY)
    return make_offering(space, education, municipality=municipality, **extra)
