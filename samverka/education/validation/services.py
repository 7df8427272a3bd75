"""Every write about validation offers, outcomes, the space's settings and person-level records.

Each function is one transaction: when it refuses (PermissionDenied or ValidationError) nothing has been
written. ``actor=None`` means the system (demo loader, management commands) and skips the permission check.

Decisions recorded here:

* An offer's occupations are SSYK 2012 unit groups (four digits) and its SUN field a SUN 2020 field code, both
  checked against ``insight.classifications``; its municipality lies in the space's county (regional spaces).
  A municipal editor who does not run the space adds and changes offers of their own municipality only.
* An outcome row is aggregated: counts per period × occupation/industry model × provider × municipality.
  ``outcome_errors`` is the one check of a row's values (form, Excel upload and API use it): no negative count,
  completed ≤ started for each sex, the furthest steps, results and follow-ups each at most the number who
  started, SSYK and municipality codes that exist. Two rows with the same key (year, occupation, industry
  model, provider, municipality) cannot both exist: an upload replaces the stored row with the same key.
* An Excel upload is all or nothing: every row is checked, each problem named by its row and cell (``C7``),
  and if one row has a problem nothing is saved.
* Person-level records are refused unless the space keeps them; each gets a random pseudonym and the day it
  is deleted (``delete_after`` = recorded + the space's retention); ``participants_purge_expired`` deletes them.
"""

import calendar
import io
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.education.catalogue.models import Education, Offering, Provider
from samverka.education.validation.models import (
    COMPLETED,
    COUNT_FIELDS,
    FOLLOW_UPS,
    RESULTS,
    STARTED,
    STEPS,
    ValidationOffer,
    ValidationOfferOccupation,
    ValidationOutcome,
    ValidationParticipant,
    ValidationSettings,
)
from samverka.insight.classifications import selectors as classifications
from samverka.platform.accounts.models import User
from samverka.platform.core.models import Municipality
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.core.uploads import UploadProblem
from samverka.platform.spaces.models import Space

SSYK = "ssyk2012"
SUN_FIELD = "sun2020_field"


# --- shared checks ------------------------------------------------------------------------------------


def ssyk_unit_codes() -> frozenset[str]:
    """The four-digit SSYK 2012 codes (unit groups)."""
    return classifications.codes(SSYK, level=4)


def unknown_ssyk(codes: list[str]) -> list[str]:
    known = ssyk_unit_codes()
    return [code for code in codes if code not in known]


def municipality_error(space: Space, municipality: Municipality | None) -> str | None:
    """Why ``municipality`` cannot be used in ``space`` (outside a regional space's county), or None."""
    if municipality is None or space.county_id is None:
        return None
    if municipality.county_id != space.county_id:
        return _("%(municipality)s is not in the space's county.") % {"municipality": municipality.name}
    return None


# --- offers -------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OfferData(ServiceData):
    """A validation offer's editable fields (``ssyk_codes``: the occupations, four-digit SSYK 2012 codes)."""

    title: str | Unset = UNSET
    kind: str | Unset = UNSET
    description: str | Unset = UNSET
    industry_model_owner: str | Unset = UNSET
    industry_model: str | Unset = UNSET
    ssyk_codes: list[str] | Unset = UNSET
    sun_field: str | Unset = UNSET
    offerings: list[Offering] | Unset = UNSET
    educations: list[Education] | Unset = UNSET
    provider: Provider | None | Unset = UNSET
    organisation: Any | Unset = UNSET
    municipality: Municipality | None | Unset = UNSET
    languages: str | Unset = UNSET
    cost: str | Unset = UNSET
    contact_name: str | Unset = UNSET
    contact_email: str | Unset = UNSET
    contact_phone: str | Unset = UNSET
    url: str | Unset = UNSET
    is_published: bool | Unset = UNSET


_RELATIONS = ("ssyk_codes", "offerings", "educations")


def _check_offer(offer: ValidationOffer, actor: User | None, ssyk_codes: list[str]) -> None:
    errors: dict[str, list[str]] = {}
    if unknown := unknown_ssyk(ssyk_codes):
        errors["ssyk_codes"] = [_("Unknown SSYK 2012 codes: %(codes)s.") % {"codes": ", ".join(unknown)}]
    if offer.sun_field and offer.sun_field not in classifications.codes(SUN_FIELD):
        errors["sun_field"] = [_("%(code)s is not a SUN 2020 field.") % {"code": offer.sun_field}]
    if message := municipality_error(offer.space, offer.municipality):
        errors["municipality"] = [message]
    if actor is not None and not actor.has_perm("validation.change_validationoffer", offer):
        # A municipal editor: the offer must lie in a municipality they edit.
        errors.setdefault("municipality", []).append(
            _("As a municipal editor you add and change offers of your own municipality only.")
        )
    if offer.provider is not None and offer.provider.space_id != offer.space_id:
        errors["provider"] = [_("The provider belongs to another space.")]
    try:
        offer.full_clean(exclude=["space"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _search_text(offer: ValidationOffer, ssyk_codes: list[str]) -> str:
    names = classifications.labels(SSYK) if ssyk_codes else {}
    parts = [
        offer.title,
        offer.industry_model,
        offer.industry_model_owner,
        offer.provider.name if offer.provider else "",
        offer.organisation.name if offer.organisation else "",
        offer.municipality.name if offer.municipality else "",
        offer.languages,
        *ssyk_codes,
        *(names.get(code, "") for code in ssyk_codes),
    ]
    return " ".join(part for part in parts if part).lower()


def _save_offer(offer: ValidationOffer, actor: User | None, data: OfferData, *, creating: bool) -> ValidationOffer:
    given = data.given()
    ssyk_codes = (
        sorted({code.strip() for code in given["ssyk_codes"] if code.strip()})
        if "ssyk_codes" in given
        else ([] if creating else offer.ssyk_codes)
    )
    for name, value in given.items():
        if name not in _RELATIONS:
            setattr(offer, name, value)
    _check_offer(offer, actor, ssyk_codes)
    for name in ("offerings", "educations"):
        rows = given.get(name) or []
        if any(row.space_id != offer.space_id for row in rows):
            raise ValidationError({name: [_("Only offerings and educations of this space can be linked.")]})
    offer.search_text = _search_text(offer, ssyk_codes)
    offer.save()
    if "ssyk_codes" in given or creating:
        offer.occupations.exclude(ssyk_code__in=ssyk_codes).delete()
        existing = set(offer.occupations.values_list("ssyk_code", flat=True))
        ValidationOfferOccupation.objects.bulk_create(
            [ValidationOfferOccupation(offer=offer, ssyk_code=code) for code in ssyk_codes if code not in existing]
        )
    for name in ("offerings", "educations"):
        if name in given:
            getattr(offer, name).set(given[name] or [])
    return offer


@transaction.atomic
def offer_create(*, space: Space, actor: User | None, data: OfferData) -> ValidationOffer:
    """Add a validation offer to ``space`` (those who run it; a municipal editor in their municipality)."""
    ensure(actor is None or actor.has_perm("validation.add_offer", space))
    return _save_offer(ValidationOffer(space=space), actor, data, creating=True)


@transaction.atomic
def offer_update(*, offer: ValidationOffer, actor: User | None, data: OfferData) -> ValidationOffer:
    """Change an offer (those who run the space; the municipal editor of the offer's municipality)."""
    ensure(actor is None or actor.has_perm("validation.change_validationoffer", offer))
    locked = ValidationOffer.objects.select_for_update().get(pk=offer.pk)
    return _save_offer(locked, actor, data, creating=False)


# --- outcomes -----------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OutcomeData(ServiceData):
    """An outcome row's fields: what it counts (year, occupation/model, provider, municipality) and the counts."""

    year: int | Unset = UNSET
    offer: ValidationOffer | None | Unset = UNSET
    ssyk_code: str | Unset = UNSET
    industry_model: str | Unset = UNSET
    provider: Provider | None | Unset = UNSET
    provider_name: str | Unset = UNSET
    municipality: Municipality | None | Unset = UNSET
    started_women: int | Unset = UNSET
    started_men: int | Unset = UNSET
    completed_women: int | Unset = UNSET
    completed_men: int | Unset = UNSET
    reached_mapping: int | Unset = UNSET
    reached_assessment: int | Unset = UNSET
    reached_documentation: int | Unset = UNSET
    reached_recognition: int | Unset = UNSET
    result_mapping_statement: int | Unset = UNSET
    result_competence_certificate: int | Unset = UNSET
    result_grade: int | Unset = UNSET
    result_professional_certificate: int | Unset = UNSET
    result_partial: int | Unset = UNSET
    followup_work: int | Unset = UNSET
    followup_education: int | Unset = UNSET
    followup_other: int | Unset = UNSET
    followup_unknown: int | Unset = UNSET
    note: str | Unset = UNSET


def outcome_errors(values: dict[str, Any]) -> dict[str, list[str]]:
    """Field → messages for an outcome row's values (the one check the form, the upload and the API use).

    ``values`` has the counts (ints), ``ssyk_code`` (str) and optionally ``municipality_code`` (str, for an
    upload: checked to exist). Counts that are missing count as 0.
    """
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    counts = {name: values.get(name) or 0 for name in COUNT_FIELDS}
    for name, value in counts.items():
        if value < 0:
            add(name, _("A count cannot be negative."))
    if any(value < 0 for value in counts.values()):
        return errors
    for started, completed in zip(STARTED, COMPLETED, strict=True):
        if counts[completed] > counts[started]:
            add(
                completed,
                _("More completed (%(completed)s) than started (%(started)s).")
                % {"completed": counts[completed], "started": counts[started]},
            )
    started_total = counts["started_women"] + counts["started_men"]
    for group, label in ((STEPS, _("furthest steps")), (RESULTS, _("results")), (FOLLOW_UPS, _("follow-ups"))):
        total = sum(counts[name] for name in group)
        if total > started_total:
            add(
                group[0],
                _("The %(what)s add up to %(total)s, more than the %(started)s who started.")
                % {"what": label, "total": total, "started": started_total},
            )
    code = (values.get("ssyk_code") or "").strip()
    if code and code not in ssyk_unit_codes():
        add("ssyk_code", _("%(code)s is not an SSYK 2012 occupation (four digits).") % {"code": code})
    if not code and not (values.get("industry_model") or "").strip() and not values.get("offer"):
        add("ssyk_code", _("Give the occupation, the industry model or the offer the figures are for."))
    municipality_code = values.get("municipality_code")
    if municipality_code and not Municipality.objects.filter(code=municipality_code).exists():
        add("municipality", _("%(code)s is not a municipality code.") % {"code": municipality_code})
    return errors


def _duplicate(outcome: ValidationOutcome) -> bool:
    return (
        ValidationOutcome.objects.filter(
            space=outcome.space,
            year=outcome.year,
            ssyk_code=outcome.ssyk_code,
            industry_model=outcome.industry_model,
            provider_name=outcome.provider_name,
            municipality=outcome.municipality,
        )
        .exclude(pk=outcome.pk)
        .exists()
    )


def _save_outcome(outcome: ValidationOutcome, data: OutcomeData) -> ValidationOutcome:
    for name, value in data.given().items():
        setattr(outcome, name, value)
    if outcome.provider is not None and not outcome.provider_name:
        outcome.provider_name = outcome.provider.name
    if outcome.offer is not None and not outcome.industry_model:
        outcome.industry_model = outcome.offer.industry_model
    values = {name: getattr(outcome, name) for name in (*COUNT_FIELDS, "ssyk_code", "industry_model", "offer")}
    errors = outcome_errors(values)
    if message := municipality_error(outcome.space, outcome.municipality):
        errors.setdefault("municipality", []).append(message)
    for name, related in (("offer", outcome.offer), ("provider", outcome.provider)):
        if related is not None and related.space_id != outcome.space_id:
            errors.setdefault(name, []).append(_("It belongs to another space."))
    if not errors and _duplicate(outcome):
        errors["year"] = [
            _("There are already figures for this year, occupation, industry model, provider and municipality.")
        ]
    if errors:
        raise ValidationError(errors)
    outcome.full_clean(exclude=["space", "created_by"])
    outcome.save()
    return outcome


@transaction.atomic
def outcome_create(*, space: Space, actor: User | None, data: OutcomeData) -> ValidationOutcome:
    """Record the aggregated figures of one period × occupation/model × provider × municipality."""
    ensure(actor is None or actor.has_perm("validation.record_outcomes", space))
    return _save_outcome(ValidationOutcome(space=space, created_by=actor), data)


@transaction.atomic
def outcome_update(*, outcome: ValidationOutcome, actor: User | None, data: OutcomeData) -> ValidationOutcome:
    ensure(actor is None or actor.has_perm("validation.change_validationoutcome", outcome))
    locked = ValidationOutcome.objects.select_for_update().get(pk=outcome.pk)
    return _save_outcome(locked, data)


# --- the Excel template and its upload ----------------------------------------------------------------

#: The template's columns: (field, header). Field names with ``_code`` are looked up.
UPLOAD_COLUMNS: tuple[str, ...] = (
    "year",
    "ssyk_code",
    "industry_model",
    "provider_name",
    "municipality_code",
    *COUNT_FIELDS,
)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _read_count(raw: Any) -> tuple[int | None, str | None]:
    if raw is None or raw == "":
        return 0, None
    if isinstance(raw, bool):
        return None, _("Not a whole number.")
    if isinstance(raw, float) and raw.is_integer():
        return int(raw), None
    if isinstance(raw, int):
        return raw, None
    try:
        return int(str(raw).strip()), None
    except ValueError:
        return None, _("Not a whole number: %(value)s.") % {"value": str(raw)[:40]}


def read_outcome_rows(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    """The template's rows as (row number, values); raises ``UploadProblem`` naming each bad row and cell."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise UploadProblem([("–", _("The file is not an Excel workbook (.xlsx)."))]) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    expected = [str(name) for name in UPLOAD_COLUMNS]
    found = [str(cell or "").strip() for cell in (header or ())][: len(expected)]
    if found != expected:
        raise UploadProblem(
            [("1", _("The first row must be the template's column names: %(names)s.") % {"names": ", ".join(expected)})]
        )
    problems: list[tuple[str, str]] = []
    parsed: list[tuple[int, dict[str, Any]]] = []
    municipalities = set(Municipality.objects.values_list("code", flat=True))
    for number, row in enumerate(rows, start=2):
        cells = list(row)[: len(UPLOAD_COLUMNS)] + [None] * max(0, len(UPLOAD_COLUMNS) - len(row))
        if all(cell in (None, "") for cell in cells):
            continue
        values: dict[str, Any] = {}
        row_problems: list[tuple[str, str]] = []
        for index, (name, raw) in enumerate(zip(UPLOAD_COLUMNS, cells, strict=True)):
            where = f"{_column_letter(index)}{number}"
            if name in COUNT_FIELDS or name == "year":
                value, message = _read_count(raw)
                if message:
                    row_problems.append((where, message))
                values[name] = value
            else:
                text = "" if raw is None else str(raw).strip()
                if name in {"ssyk_code", "municipality_code"} and isinstance(raw, float | int):
                    text = str(int(raw)).zfill(4)  # Excel turns "0484" into 484
                values[name] = text
        if not row_problems:
            year = values["year"]
            if not year or not 2000 <= year <= 2100:
                row_problems.append((f"A{number}", _("Give the year (2000–2100).")))
            code = values["municipality_code"]
            if code and code not in municipalities:
                column = _column_letter(UPLOAD_COLUMNS.index("municipality_code"))
                row_problems.append((f"{column}{number}", _("%(code)s is not a municipality code.") % {"code": code}))
            errors = outcome_errors({**values, "municipality_code": None})
            for field, messages in errors.items():
                column = _column_letter(UPLOAD_COLUMNS.index(field))
                row_problems += [(f"{column}{number}", message) for message in messages]
        problems += row_problems
        parsed.append((number, values))
    workbook.close()
    if not problems and not parsed:
        problems.append(("2", _("The file has no rows of figures.")))
    keys: dict[tuple[Any, ...], int] = {}
    for number, values in parsed:
        key = tuple(
            values[name] for name in ("year", "ssyk_code", "industry_model", "provider_name", "municipality_code")
        )
        if key in keys:
            problems.append((f"A{number}", _("The same figures as row %(row)s (same key).") % {"row": keys[key]}))
        keys.setdefault(key, number)
    if problems:
        raise UploadProblem(problems)
    return parsed


@dataclass
class UploadSummary:
    created: int = 0
    replaced: int = 0


@transaction.atomic
def outcomes_upload(*, space: Space, actor: User | None, content: bytes) -> UploadSummary:
    """Save every row of a filled-in template, or none: a row with the same key replaces the stored one."""
    ensure(actor is None or actor.has_perm("validation.record_outcomes", space))
    rows = read_outcome_rows(content)
    summary = UploadSummary()
    problems: list[tuple[str, str]] = []
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in={v["municipality_code"] for _n, v in rows})
    }
    for number, values in rows:
        municipality = municipalities.get(values["municipality_code"])
        if message := municipality_error(space, municipality):
            column = _column_letter(UPLOAD_COLUMNS.index("municipality_code"))
            problems.append((f"{column}{number}", message))
            continue
        existing = ValidationOutcome.objects.filter(
            space=space,
            year=values["year"],
            ssyk_code=values["ssyk_code"],
            industry_model=values["industry_model"],
            provider_name=values["provider_name"],
            municipality=municipality,
        ).first()
        fields = {
            name: values[name] for name in (*COUNT_FIELDS, "year", "ssyk_code", "industry_model", "provider_name")
        }
        outcome = existing or ValidationOutcome(space=space, created_by=actor)
        for name, value in fields.items():
            setattr(outcome, name, value)
        outcome.municipality = municipality
        outcome.save()
        if existing:
            summary.replaced += 1
        else:
            summary.created += 1
    if problems:
        transaction.set_rollback(True)
        raise UploadProblem(problems)
    return summary


# --- settings and person-level records ----------------------------------------------------------------


def settings_for(space: Space) -> ValidationSettings:
    """The space's validation settings (the defaults, unsaved, when it has chosen none)."""
    found = ValidationSettings.objects.filter(space=space).first()
    return found or ValidationSettings(space=space)


@dataclass(frozen=True, kw_only=True)
class SettingsData(ServiceData):
    suppression_k: int | Unset = UNSET
    person_records_enabled: bool | Unset = UNSET
    retention_months: int | Unset = UNSET


@transaction.atomic
def settings_update(*, space: Space, actor: User | None, data: SettingsData) -> ValidationSettings:
    """Change the space's k and person-level records (those who run the space)."""
    ensure(actor is None or actor.has_perm("validation.manage_settings", space))
    current, _created = ValidationSettings.objects.select_for_update().get_or_create(space=space)
    for name, value in data.given().items():
        setattr(current, name, value)
    current.full_clean(exclude=["space"])
    current.save()
    return current


@dataclass(frozen=True, kw_only=True)
class ParticipantData(ServiceData):
    offer: ValidationOffer | None | Unset = UNSET
    year: int | Unset = UNSET
    sex: str | Unset = UNSET
    step_reached: str | Unset = UNSET
    completed: bool | Unset = UNSET
    result: str | Unset = UNSET
    follow_up: str | Unset = UNSET


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def participant_create(*, space: Space, actor: User | None, data: ParticipantData) -> ValidationParticipant:
    """Record one pseudonymous participant, where the space keeps person-level records."""
    ensure(actor is None or actor.has_perm("validation.keep_person_records", space))
    current = settings_for(space)
    if not current.person_records_enabled:
        raise ValidationError(_("This space does not keep person-level records of validations."))
    participant = ValidationParticipant(space=space, **data.given())
    participant.delete_after = _add_months(timezone.localdate(), current.retention_months)
    if participant.offer is not None and participant.offer.space_id != space.pk:
        raise ValidationError({"offer": [_("It belongs to another space.")]})
    while True:
        participant.pseudonym = "VP-" + "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _i in range(8))
        if not ValidationParticipant.objects.filter(space=space, pseudonym=participant.pseudonym).exists():
            break
    participant.full_clean(exclude=["space"])
    participant.save()
    return participant


@transaction.atomic
def participants_purge_expired(*, today: date | None = None) -> int:
    """Delete every person-level record past its retention day; the number deleted."""
    today = today or timezone.localdate()
    deleted, _details = ValidationParticipant.objects.filter(delete_after__lt=today).delete()
    return deleted


__all__ = [
    "OfferData",
    "OutcomeData",
    "ParticipantData",
    "SettingsData",
    "UploadProblem",
    "offer_create",
    "offer_update",
    "outcome_create",
    "outcome_errors",
    "outcome_update",
    "outcomes_upload",
    "participant_create",
    "participants_purge_expired",
    "settings_for",
    "settings_update",
]
