"""What an EMIL3 item's values become: the fields the feed owns and the readers that check each value."""

from datetime import UTC, date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from samverka.education.catalogue.models import (
    CreditSystem,
    ResponsibleBodyType,
)

_BODY_TYPES = {
    "KOMMUN": ResponsibleBodyType.MUNICIPAL,
    "MUNICIPALITY": ResponsibleBodyType.MUNICIPAL,
    "REGION": ResponsibleBodyType.REGION,
    "LANDSTING": ResponsibleBodyType.REGION,
    "STAT": ResponsibleBodyType.STATE,
    "STATE": ResponsibleBodyType.STATE,
    "ENSKILD": ResponsibleBodyType.PRIVATE,
    "PRIVATE": ResponsibleBodyType.PRIVATE,
}
_CREDIT_SYSTEMS = {
    "gyp": CreditSystem.UPPER_SECONDARY,
    "yhp": CreditSystem.YH,
    "hp": CreditSystem.HIGHER_EDUCATION,
    "weeks": CreditSystem.WEEKS,
    "hours": CreditSystem.HOURS,
}
_LANGUAGES = {"swe": "sv", "eng": "en", "fin": "fi", "ara": "ar", "sme": "se", "deu": "de", "fra": "fr"}

#: Names of checked values, in the messages of rejected items.
_SEQF = _lazy("SeQF level")
_START = _lazy("The start")
_END = _lazy("The end")
_OPENS = _lazy("The application's opening day")
_CLOSES = _lazy("The last application day")
_PACE = _lazy("The study pace")
_SESSIONS = _lazy("The on-site sessions")
_PLACES = _lazy("The places")
_FEE = _lazy("The fee")

PROVIDER_FIELDS = [
    "name",
    "org_number",
    "organisation",
    "responsible_body_type",
    "street_address",
    "postal_code",
    "town",
    "municipality",
    "email",
    "phone",
    "url",
]
EDUCATION_FIELDS = [
    "provider",
    "code",
    "title",
    "description",
    "school_type",
    "sun_field",
    "sun_level",
    "seqf_level",
    "credit_system",
    "credits",
    "extent",
    "is_vocational",
    "leads_to_degree",
    "csn_eligible",
]
OFFERING_FIELDS = [
    "education",
    "provider",
    "municipality",
    "county_code",
    "locality",
    "start_date",
    "end_date",
    "application_opens",
    "application_closes",
    "continuous_admission",
    "pace_percent",
    "is_distance",
    "onsite_sessions",
    "places",
    "fee_sek",
    "fee_note",
    "language",
    "is_apprenticeship",
    "is_cancelled",
    "url",
    "hidden_after",
    "search_text",
]
#: What every imported row gets from the feed besides its own fields (``updated_at``: bulk_update skips auto_now).
PROVENANCE_FIELDS = ["source_updated_at", "removed_at", "updated_at"]


class Rejected(Exception):
    """An item left out of the run; the message names what is wrong with it."""


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, UTC)
    return value


def _localized(value: Any, key: str = "strings") -> str:
    """The Swedish (else the first) text of an EMIL ``{"strings": [{"lang", "value"}]}`` value."""
    if isinstance(value, str):
        return value.strip()
    if not isinstance(value, dict):
        return ""
    rows = [row for row in value.get(key) or [] if isinstance(row, dict)]
    chosen = next((row for row in rows if row.get("lang") == "swe"), rows[0] if rows else {})
    found = chosen.get("value")
    return found.strip() if isinstance(found, str) else ""


def _web_address(value: Any) -> str:
    found = _localized(value, "urls")
    return found[:500] if found.startswith(("https://", "http://")) else ""


#: EMIL's extent units in the catalogue's language (the catalogue's texts are Swedish, as the feed's are).
EXTENT_UNITS = {
    "year": ("år", "år"),
    "semester": ("termin", "terminer"),
    "month": ("månad", "månader"),
    "week": ("vecka", "veckor"),
    "day": ("dag", "dagar"),
    "hour": ("timme", "timmar"),
}


def _extent(length: Any, unit: str) -> str:
    """``3`` ``year`` → "3 år"; an unknown unit is kept as the feed gives it."""
    one, many = EXTENT_UNITS.get(unit.lower(), (unit, unit))
    return f"{length} {one if str(length) in ('1', '1.0') else many}".strip()


def _code(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("code")
    return str(value).strip() if value not in (None, "") else ""


def _date(value: Any, label: Any) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise Rejected(_("%(label)s is not a date: %(value)s") % {"label": label, "value": value})
    try:
        parsed = parse_date(value[:10])
    except ValueError:
        parsed = None
    if parsed is None:
        raise Rejected(_("%(label)s is not a date: %(value)s") % {"label": label, "value": value})
    return parsed


def _number(value: Any, label: Any, *, low: int | None = None, high: int | None = None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Rejected(_("%(label)s is not a number: %(value)s") % {"label": label, "value": value}) from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise Rejected(
            _("%(label)s must lie between %(low)s and %(high)s, not %(value)s.")
            % {"label": label, "low": low, "high": high, "value": number}
        )
    return number


def _email(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        validate_email(value.strip())
    except ValidationError:
        return ""
    return value.strip()[:254]


def _first_id(values: Any) -> str:
    if isinstance(values, list) and values:
        return _code(values[0])
    return _code(values)


def org_number(value: Any) -> str:
    """An organisation number as the actor register writes it (NNNNNN-NNNN), or the feed's value cut to 11."""
    number = _code(value)
    if len(number) == 10 and number.isdigit():
        number = f"{number[:6]}-{number[6:]}"
    return number[:11]


def parties(content: dict[str, Any], municipalities: Any) -> list[dict[str, str]]:
    """The offering's orderers and contractor (EMIL ``orderers``, ``contractor``): each an id, or an object
    with ``id``, ``name``, ``organisationNumber`` and ``municipalityCode``. An unknown municipality code is
    left out; an entry that names nothing is skipped."""
    found: list[dict[str, str]] = []
    for role, key in (("orderer", "orderers"), ("contractor", "contractor")):
        values = content.get(key)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, dict):
                party = {
                    "source_id": _code(value.get("id") or value.get("identifier"))[:100],
                    "name": _localized(value.get("name"))[:300],
                    "org_number": org_number(value.get("organisationNumber")),
                    "municipality_code": _code(value.get("municipalityCode") or value.get("municipality")),
                }
            else:
                party = {"source_id": _code(value)[:100], "name": "", "org_number": "", "municipality_code": ""}
            if party["municipality_code"] not in municipalities:
                party["municipality_code"] = ""
            if any(party.values()):
                found.append({"role": role, **party})
    return found


# The run ------------------------------------------------------------------------------------------------------
