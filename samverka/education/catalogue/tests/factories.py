"""Test data for the education catalogue: providers, educations and offerings as real rows.

Rows are written straight to the models (tests set up state; the services are tested by their own
tests); the derived fields of an offering (county, expiry, free text) are set by ``derived`` as the
services set them, so the public search reads a factory offering as it reads an edited or imported one.
Others may import these.
"""

import itertools
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from samverka.education.catalogue.derived import offering_derived_fields
from samverka.education.catalogue.models import (
    Education,
    EducationOccupation,
    Offering,
    OfferingOccupation,
    Provider,
    SchoolType,
)
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space

_seq = itertools.count(1)


def make_provider(*, space: Space, **extra: Any) -> Provider:
    n = next(_seq)
    fields: dict[str, Any] = {
        "name": f"Anordnare {n}",
        "municipality_id": "0484",
        "responsible_body_type": "municipal",
        "url": f"https://anordnare{n}.example.se/",
    }
    fields.update(extra)
    return Provider.objects.create(space=space, **fields)


def make_education(
    *, space: Space, provider: Provider | None = None, occupations: tuple[str, ...] = (), **extra: Any
) -> Education:
    n = next(_seq)
    fields: dict[str, Any] = {
        "title": f"Utbildning {n}",
        "school_type": SchoolType.VUX,
        "description": "En utbildning för vuxna.",
    }
    fields.update(extra)
    education = Education.objects.create(space=space, provider=provider or make_provider(space=space), **fields)
    for index, code in enumerate(occupations):
        EducationOccupation.objects.create(education=education, ssyk_code=code, is_primary=index == 0)
    return education


def make_offering(
    *,
    space: Space,
    education: Education | None = None,
    municipality: str | None = "0484",
    local_occupations: tuple[str, ...] = (),
    **extra: Any,
) -> Offering:
    """A published offering starting in a month (``extra`` overrides any field; ``education`` is made if not given)."""
    today = timezone.localdate()
    education = education or make_education(space=space)
    place = Municipality.objects.get(pk=municipality) if municipality else None
    fields: dict[str, Any] = {
        "provider": education.provider,
        "municipality": place,
        "locality": place.name if place else "",
        "start_date": today + timedelta(days=30),
        "end_date": today + timedelta(days=200),
        "application_opens": today - timedelta(days=10),
        "application_closes": today + timedelta(days=20),
        "pace_percent": 100,
        "places": 24,
        "source_updated_at": timezone.now(),
    }
    fields.update(extra)
    derived = offering_derived_fields(
        title=education.title,
        provider_name=fields["provider"].name,
        locality=fields["locality"],
        municipality=fields["municipality"],
        start_date=fields["start_date"],
        end_date=fields["end_date"],
    )
    for name, value in derived.items():
        fields.setdefault(name, value)
    offering = Offering.objects.create(space=space, education=education, **fields)
    for code in local_occupations:
        OfferingOccupation.objects.create(offering=offering, ssyk_code=code)
    return offering


def days(n: int) -> date:
    """Today plus ``n`` days (negative: in the past)."""
    return timezone.localdate() + timedelta(days=n)
