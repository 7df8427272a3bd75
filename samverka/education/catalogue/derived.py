"""The fields of an offering that are computed from its other fields, in one place.

Both ways an offering is written — local editing (``services.editing``) and the EMIL3 importer
(``services.emil3``) — set these through ``offering_derived_fields`` (or ``apply_offering_derived_fields``
on an instance), so the public search's county filter, its expiry and its free text agree whatever the source:

- ``county_code``: the county of the offering's municipality (empty without one);
- ``hidden_after``: the last day the public search shows it — its end, else its start, else none (never expires);
- ``search_text``: the education's title, the provider's name, the locality and the municipality's name,
  lower-case, separated by single spaces.
"""

from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from samverka.education.catalogue.models import Offering
    from samverka.platform.core.models import Municipality


class OfferingDerived(TypedDict):
    county_code: str
    hidden_after: date | None
    search_text: str


def search_text_of(*parts: str | None) -> str:
    """The parts, stripped and lower-case, joined by single spaces (empty parts left out)."""
    return " ".join(" ".join(part.split()) for part in parts if part and part.strip()).lower()


def offering_derived_fields(
    *,
    title: str,
    provider_name: str,
    locality: str,
    municipality: "Municipality | None",
    start_date: date | None,
    end_date: date | None,
) -> OfferingDerived:
    """``county_code``, ``hidden_after`` and ``search_text`` of an offering with these fields.

    ``municipality`` is a ``core.Municipality`` (its ``county_id`` and ``name`` are read, no query).
    """
    return {
        "county_code": municipality.county_id if municipality is not None else "",
        "hidden_after": end_date or start_date,
        "search_text": search_text_of(
            title, provider_name, locality, municipality.name if municipality is not None else ""
        ),
    }


def apply_offering_derived_fields(offering: "Offering", *, title: str | None = None) -> list[str]:
    """Set the derived fields on ``offering`` from its education, provider and municipality.

    Returns the names of the fields set (for ``save(update_fields=…)``). ``title`` spares reading the
    education when the caller has it at hand.
    """
    derived = offering_derived_fields(
        title=title if title is not None else offering.education.title,
        provider_name=offering.provider.name,
        locality=offering.locality,
        municipality=offering.municipality,
        start_date=offering.start_date,
        end_date=offering.end_date,
    )
    values: dict[str, Any] = dict(derived)
    for name, value in values.items():
        setattr(offering, name, value)
    return list(values)
