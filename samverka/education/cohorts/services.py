"""Every write about cohorts: the cohort's counts, its breakdown by sex and age, its outcomes, and the Excel
upload.

Each function is one transaction: when it refuses (PermissionDenied or ValidationError) nothing has been
written. ``actor=None`` means the system (demo loader, management commands) and skips the permission check.

Decisions recorded here:

* A cohort belongs to an offering of the catalogue (required) and takes its space from it; one cohort per
  offering × start year × term.
* ``cohort_errors`` is the one check of a cohort's counts (form, Excel upload and API use it): no negative
  count; admitted ≤ applicants; started ≤ admitted (when admitted is given); completed with and without a
  degree plus dropped out ≤ started; each year's active ≤ started. ``provenance_errors`` checks the
  provenance: a survey has a response rate, 0–100.
* An upper-secondary (GY) cohort starts in the autumn (HT) only, and SCB's YH follow-up does not apply to it.
* A breakdown split (by sex, by age band) adds up to at most the cohort's started and completed.
* An outcome's figures add up to at most those who left the cohort (completed + dropped out; started while
  nobody has left); SCB's match categories add up to at most those working.
* An Excel upload is all or nothing: every row is checked, each problem named by its row and cell, and if one
  row has a problem nothing is saved. A row for an offering × year × term that exists replaces its counts.
"""

import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.education.catalogue.models import Offering
from samverka.education.cohorts.models import (
    AGE_GROUPS,
    COUNT_FIELDS,
    MATCH_CATEGORIES,
    PROVENANCE_FIELDS,
    SCHEME_CATEGORIES,
    SEX_GROUPS,
    Category,
    Cohort,
    CohortBreakdown,
    CohortOutcome,
    CohortOutcomeFigure,
    Method,
    Quality,
    Scheme,
    Source,
    Status,
    Term,
)
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.core.uploads import UploadProblem
from samverka.platform.spaces.models import Space

Errors = dict[str, list[str]]

#: Counts that may be left empty ("not known").
OPTIONAL_COUNTS = frozenset({"applicants", "admitted", "active_year_1", "active_year_2", "active_year_3"})


def _add(errors: Errors, field_name: str, message: str) -> None:
    errors.setdefault(field_name, []).append(message)


def provenance_errors(values: dict[str, Any]) -> Errors:
    """Field → messages for a cohort's or an outcome's provenance."""
    errors: Errors = {}
    rate = values.get("response_rate")
    if rate is not None and not 0 <= rate <= 100:
        _add(errors, "response_rate", _("The response rate is a percentage, 0–100."))
    if values.get("method") == Method.SURVEY and rate is None:
        _add(errors, "response_rate", _("Give the response rate of the survey."))
    return errors


def cohort_errors(values: dict[str, Any]) -> Errors:
    """Field → messages for a cohort's counts (the one check the form, the upload and the API use).

    Optional counts (applicants, admitted, active per year) may be None; the others count as 0 when missing.
    """
    errors: Errors = {}
    counts: dict[str, int | None] = {
        name: values.get(name) if name in OPTIONAL_COUNTS else (values.get(name) or 0) for name in COUNT_FIELDS
    }
    for name, value in counts.items():
        if value is not None and value < 0:
            _add(errors, name, _("A count cannot be negative."))
    if errors:
        return errors
    applicants, admitted, started = counts["applicants"], counts["admitted"], counts["started"] or 0
    if applicants is not None and admitted is not None and admitted > applicants:
        _add(
            errors,
            "admitted",
            _("More admitted (%(admitted)s) than applicants (%(applicants)s).")
            % {"admitted": admitted, "applicants": applicants},
        )
    if admitted is not None and started > admitted:
        _add(
            errors,
            "started",
            _("More started (%(started)s) than admitted (%(admitted)s).") % {"started": started, "admitted": admitted},
        )
    left = sum(counts[name] or 0 for name in ("completed_with_degree", "completed_without_degree", "dropped_out"))
    if left > started:
        _add(
            errors,
            "completed_with_degree",
            _(
                "Completed with and without a degree and dropped out add up to %(left)s, more than the "
                "%(started)s who started."
            )
            % {"left": left, "started": started},
        )
    for name in ("active_year_1", "active_year_2", "active_year_3"):
        active = counts[name]
        if active is not None and active > started:
            _add(
                errors,
                name,
                _("More active (%(active)s) than started (%(started)s).") % {"active": active, "started": started},
            )
    return errors


# --- cohorts ------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CohortData(ServiceData):
    """A cohort's fields: which offering and term, its counts and their provenance."""

    offering: Offering | None | Unset = UNSET
    start_year: int | Unset = UNSET
    term: str | Unset = UNSET
    applicants: int | None | Unset = UNSET
    admitted: int | None | Unset = UNSET
    started: int | Unset = UNSET
    active_year_1: int | None | Unset = UNSET
    active_year_2: int | None | Unset = UNSET
    active_year_3: int | None | Unset = UNSET
    completed_with_degree: int | Unset = UNSET
    completed_without_degree: int | Unset = UNSET
    dropped_out: int | Unset = UNSET
    source: str | Unset = UNSET
    method: str | Unset = UNSET
    response_rate: int | None | Unset = UNSET
    status: str | Unset = UNSET
    quality: str | Unset = UNSET
    quality_comment: str | Unset = UNSET


def _duplicate(cohort: Cohort) -> bool:
    return (
        Cohort.objects.filter(offering_id=cohort.offering_id, start_year=cohort.start_year, term=cohort.term)
        .exclude(pk=cohort.pk)
        .exists()
    )


def _split_errors(cohort: Cohort) -> Errors:
    """Why breakdowns and outcomes stored for ``cohort`` no longer fit its (new) counts."""
    if cohort.pk is None:
        return {}
    messages: list[str] = []
    rows = {row.group: (row.started, row.completed) for row in cohort.breakdowns.all()}
    for found in breakdown_errors(cohort, rows).values():
        messages += found
    for outcome in cohort.outcomes.prefetch_related("figures"):
        for found in outcome_errors(cohort, outcome.scheme, outcome.counts()).values():
            messages += found
    return {"started": messages} if messages else {}


def _save_cohort(cohort: Cohort, data: CohortData) -> Cohort:
    for name, value in data.given().items():
        setattr(cohort, name, value)
    errors: Errors = {}
    offering: Offering | None = cohort.offering if cohort.offering_id else None
    if offering is None:
        _add(errors, "offering", _("Choose the offering the cohort started (a cohort without an offering is refused)."))
    elif cohort.space_id is None:
        cohort.space_id = offering.space_id
    elif offering.space_id != cohort.space_id:
        _add(errors, "offering", _("The offering belongs to another space."))
    if cohort.term not in Term.values:
        _add(errors, "term", _("Choose the term: HT (autumn) or VT (spring)."))
    elif offering is not None and cohort.term == Term.SPRING and cohort.is_upper_secondary:
        _add(
            errors,
            "term",
            _("An upper-secondary (GY) programme takes its pupils in the autumn: a GY cohort starts in HT, not VT."),
        )
    year = cohort.start_year
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        _add(errors, "start_year", _("Give the start year (2000–2100)."))
    values = {name: getattr(cohort, name) for name in (*COUNT_FIELDS, *PROVENANCE_FIELDS)}
    for source in (cohort_errors(values), provenance_errors(values)):
        for name, messages in source.items():
            errors.setdefault(name, []).extend(messages)
    if not errors:
        for name, messages in _split_errors(cohort).items():
            errors.setdefault(name, []).extend(messages)
    if not errors and _duplicate(cohort):
        _add(errors, "start_year", _("The offering already has a cohort for this start year and term."))
    if errors:
        raise ValidationError(errors)
    cohort.full_clean(exclude=["space", "offering", "created_by"], validate_constraints=False)
    cohort.save()
    return cohort


@transaction.atomic
def cohort_create(*, space: Space, actor: User | None, data: CohortData) -> Cohort:
    """Record a cohort of one of the space's offerings."""
    ensure(actor is None or actor.has_perm("cohorts.record_cohorts", space))
    return _save_cohort(Cohort(space=space, created_by=actor), data)


@transaction.atomic
def cohort_update(*, cohort: Cohort, actor: User | None, data: CohortData) -> Cohort:
    """Change a cohort's counts or provenance; stored breakdowns and outcomes must still fit."""
    ensure(actor is None or actor.has_perm("cohorts.change_cohort", cohort))
    locked = Cohort.objects.select_for_update().select_related("offering").get(pk=cohort.pk)
    return _save_cohort(locked, data)


# --- breakdowns ---------------------------------------------------------------------------------------


def breakdown_errors(cohort: Cohort, rows: dict[str, tuple[int, int]]) -> Errors:
    """Group → messages: a split adding up to more than the cohort's started or completed, or a negative count."""
    errors: Errors = {}
    for group, (started, completed) in rows.items():
        if started < 0 or completed < 0:
            _add(errors, group, _("A count cannot be negative."))
    if errors:
        return errors
    for groups, label in ((SEX_GROUPS, _("by sex")), (AGE_GROUPS, _("by age band"))):
        present = [group for group in groups if group in rows]
        if not present:
            continue
        started = sum(rows[group][0] for group in present)
        completed = sum(rows[group][1] for group in present)
        if started > cohort.started:
            _add(
                errors,
                present[0],
                _("Started %(split)s add up to %(sum)s, more than the cohort's %(total)s.")
                % {"split": label, "sum": started, "total": cohort.started},
            )
        if completed > cohort.completed:
            _add(
                errors,
                present[0],
                _("Completed %(split)s add up to %(sum)s, more than the cohort's %(total)s.")
                % {"split": label, "sum": completed, "total": cohort.completed},
            )
    return errors


@transaction.atomic
def breakdown_set(*, cohort: Cohort, actor: User | None, rows: dict[str, tuple[int, int]]) -> list[CohortBreakdown]:
    """Replace the cohort's breakdown with ``rows`` (group → (started, completed)); a group left out is removed."""
    ensure(actor is None or actor.has_perm("cohorts.change_cohort", cohort))
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if errors := breakdown_errors(locked, rows):
        raise ValidationError(errors)
    existing = {row.group: row for row in locked.breakdowns.all()}
    saved = []
    for group, row in existing.items():
        if group not in rows:
            row.delete()
    for group, (started, completed) in rows.items():
        row = existing.get(group) or CohortBreakdown(cohort=locked, group=group)
        if row.pk is None or (row.started, row.completed) != (started, completed):
            row.started, row.completed = started, completed
            row.full_clean(exclude=["cohort"], validate_constraints=False)
            row.save()
        saved.append(row)
    return saved


# --- outcomes -----------------------------------------------------------------------------------------


def outcome_errors(cohort: Cohort, scheme: str, counts: dict[str, int]) -> Errors:
    """Category → messages for an outcome's figures: unknown or negative, or more than the cohort holds."""
    errors: Errors = {}
    allowed = SCHEME_CATEGORIES.get(scheme)
    if allowed is None:
        _add(errors, "scheme", _("Choose the scheme of the outcome."))
        return errors
    for category, count in counts.items():
        if category not in allowed:
            _add(errors, category, _("%(category)s is not a category of this scheme.") % {"category": category})
        elif count < 0:
            _add(errors, category, _("A count cannot be negative."))
    if scheme == Scheme.YH_FOLLOW_UP and cohort.is_upper_secondary:
        _add(
            errors,
            "scheme",
            _(
                "SCB's follow-up of YH graduates does not apply to an upper-secondary (GY) cohort: use Skolverket's "
                "establishment after upper secondary."
            ),
        )
    if errors:
        return errors
    base = cohort.outcome_base
    headline = [category for category in allowed if category not in MATCH_CATEGORIES]
    total = sum(counts.get(category, 0) for category in headline)
    if total > base:
        _add(
            errors,
            headline[0],
            _(
                "The outcomes add up to %(total)s, more than the %(base)s of the cohort who can be followed up "
                "(completed and dropped out, or started)."
            )
            % {"total": total, "base": base},
        )
    matched = sum(counts.get(category, 0) for category in MATCH_CATEGORIES if category in allowed)
    working = counts.get(Category.WORKING, 0)
    if matched > working:
        _add(
            errors,
            Category.MATCH_FULLY,
            _("The match categories add up to %(matched)s, more than the %(working)s who work.")
            % {"matched": matched, "working": working},
        )
    return errors


@dataclass(frozen=True, kw_only=True)
class OutcomeData(ServiceData):
    """An outcome: the horizon and scheme, its provenance, and the count of each category."""

    horizon: int | Unset = UNSET
    scheme: str | Unset = UNSET
    source: str | Unset = UNSET
    method: str | Unset = UNSET
    response_rate: int | None | Unset = UNSET
    status: str | Unset = UNSET
    quality: str | Unset = UNSET
    quality_comment: str | Unset = UNSET
    counts: dict[str, int] | Unset = UNSET


@transaction.atomic
def outcome_save(*, cohort: Cohort, actor: User | None, data: OutcomeData) -> CohortOutcome:
    """Record a cohort's outcome at one horizon: the row of the same horizon, scheme and source is replaced."""
    ensure(actor is None or actor.has_perm("cohorts.change_cohort", cohort))
    locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
    given = data.given()
    counts: dict[str, int] = {name: value for name, value in given.pop("counts", {}).items() if value is not None}
    key = {name: given[name] for name in ("horizon", "scheme", "source") if name in given}
    outcome = CohortOutcome.objects.filter(cohort=locked, **key).first() if len(key) == 3 else None
    outcome = outcome or CohortOutcome(cohort=locked)
    for name, value in given.items():
        setattr(outcome, name, value)
    errors = outcome_errors(locked, outcome.scheme, counts)
    for name, messages in provenance_errors({n: getattr(outcome, n) for n in PROVENANCE_FIELDS}).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    outcome.full_clean(exclude=["cohort"], validate_constraints=False)
    outcome.save()
    outcome.figures.exclude(category__in=list(counts)).delete()
    existing = {figure.category: figure for figure in outcome.figures.all()}
    for category, count in counts.items():
        figure = existing.get(category) or CohortOutcomeFigure(outcome=outcome, category=category, count=count)
        if figure.pk is None or figure.count != count:
            figure.count = count
            figure.save()
    return outcome


@transaction.atomic
def outcome_delete(*, outcome: CohortOutcome, actor: User | None) -> None:
    ensure(actor is None or actor.has_perm("cohorts.change_cohort", outcome.cohort))
    outcome.delete()


# --- the Excel template and its upload ----------------------------------------------------------------

#: The template's columns, in order.
UPLOAD_COLUMNS: tuple[str, ...] = ("offering_id", "start_year", "term", *COUNT_FIELDS, *PROVENANCE_FIELDS)


def _column_letter(name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(UPLOAD_COLUMNS.index(name) + 1)


def _read_count(raw: Any) -> tuple[int | None, str | None]:
    if raw is None or raw == "":
        return None, None
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


@dataclass
class UploadSummary:
    created: int = 0
    replaced: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)


#: The provenance columns with choices: name → (allowed values, the value of an empty cell).
_CHOICES: dict[str, tuple[list[str], str]] = {
    "source": (list(Source.values), Source.PROVIDER),
    "method": (list(Method.values), Method.REGISTER),
    "status": (list(Status.values), Status.PROVISIONAL),
    "quality": (list(Quality.values), Quality.OK),
}


def _read_rows(content: bytes, space: Space) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise UploadProblem([("–", _("The file is not an Excel workbook (.xlsx)."))]) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    expected = list(UPLOAD_COLUMNS)
    found = [str(cell or "").strip() for cell in (header or ())][: len(expected)]
    if found != expected:
        raise UploadProblem(
            [("1", _("The first row must be the template's column names: %(names)s.") % {"names": ", ".join(expected)})]
        )
    problems: list[tuple[str, str]] = []
    parsed: list[tuple[int, dict[str, Any]]] = []
    offerings = dict(Offering.objects.filter(space=space).values_list("pk", "space_id"))
    for number, row in enumerate(rows, start=2):
        cells = list(row)[: len(UPLOAD_COLUMNS)] + [None] * max(0, len(UPLOAD_COLUMNS) - len(row))
        if all(cell in (None, "") for cell in cells):
            continue
        values: dict[str, Any] = {}
        row_problems: list[tuple[str, str]] = []
        for name, raw in zip(UPLOAD_COLUMNS, cells, strict=True):
            where = f"{_column_letter(name)}{number}"
            if name in (*COUNT_FIELDS, "offering_id", "start_year", "response_rate"):
                value, message = _read_count(raw)
                if message:
                    row_problems.append((where, message))
                values[name] = value
            else:
                text = "" if raw is None else str(raw).strip()
                if name in _CHOICES and text and text not in _CHOICES[name][0]:
                    row_problems.append(
                        (
                            where,
                            _("%(value)s is not one of %(choices)s.")
                            % {"value": text[:40], "choices": ", ".join(_CHOICES[name][0])},
                        )
                    )
                values[name] = text
        if not row_problems:
            if values["offering_id"] not in offerings:
                row_problems.append(
                    (f"A{number}", _("Give the id of one of the space's offerings (a cohort needs an offering)."))
                )
            year = values["start_year"]
            if not year or not 2000 <= year <= 2100:
                row_problems.append((f"B{number}", _("Give the start year (2000–2100).")))
            if values["term"] not in Term.values:
                row_problems.append((f"C{number}", _("Give the term: HT or VT.")))
            for name, (_allowed, default) in _CHOICES.items():
                values[name] = values[name] or default
            for source in (cohort_errors(values), provenance_errors(values)):
                for name, messages in source.items():
                    row_problems += [(f"{_column_letter(name)}{number}", message) for message in messages]
        problems += row_problems
        parsed.append((number, values))
    workbook.close()
    if not problems and not parsed:
        problems.append(("2", _("The file has no rows of figures.")))
    keys: dict[tuple[Any, ...], int] = {}
    for number, values in parsed:
        key = (values["offering_id"], values["start_year"], values["term"])
        if key in keys:
            problems.append((f"A{number}", _("The same cohort as row %(row)s.") % {"row": keys[key]}))
        keys.setdefault(key, number)
    if problems:
        raise UploadProblem(problems)
    return parsed


@transaction.atomic
def cohorts_upload(*, space: Space, actor: User | None, content: bytes) -> UploadSummary:
    """Save every row of a filled-in template, or none: a row for an existing cohort replaces its counts."""
    ensure(actor is None or actor.has_perm("cohorts.record_cohorts", space))
    rows = _read_rows(content, space)
    summary = UploadSummary()
    offerings = Offering.objects.in_bulk({values["offering_id"] for _n, values in rows})
    for number, values in rows:
        existing = Cohort.objects.filter(
            offering_id=values["offering_id"], start_year=values["start_year"], term=values["term"]
        ).first()
        fields = {name: values[name] for name in (*COUNT_FIELDS, *PROVENANCE_FIELDS)}
        fields.update({name: fields[name] or 0 for name in COUNT_FIELDS if name not in OPTIONAL_COUNTS})
        data = CohortData(
            offering=offerings[values["offering_id"]], start_year=values["start_year"], term=values["term"], **fields
        )
        try:
            if existing:
                _save_cohort(existing, data)
                summary.replaced += 1
            else:
                _save_cohort(Cohort(space=space, created_by=actor), data)
                summary.created += 1
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = _column_letter(name) if name in UPLOAD_COLUMNS else "A"
                summary.problems += [(f"{column}{number}", message) for message in messages]
    if summary.problems:
        transaction.set_rollback(True)
        raise UploadProblem(summary.problems)
    return summary
