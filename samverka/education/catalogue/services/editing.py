"""Local editing of the catalogue: providers, educations, offerings and the space's municipal editors.

Each function is one transaction that checks the rules first (``catalogue.permissions``); when it refuses
(``PermissionDenied`` or ``ValidationError``) nothing has been written. The audit trail records every
create, change and removal (the models are registered in ``CatalogueConfig.ready``). ``actor=None`` means
the system (commands, the demo) and skips the rule check.

Decisions recorded here:

* **Two sources.** A row entered here (``source=local``) is changed here in full. A row from EMIL3 belongs
  to the feed: only its *local* fields change here (``LOCAL_FIELDS``: the local note and whether it is
  published) and its local target occupations (``OfferingOccupation``, ``EducationOccupation`` with
  ``is_local``), all of which the importer never touches, so they survive re-import. A change to any of the
  feed's fields of an imported row is refused, field by field; an imported row is saved with
  ``update_fields`` of its local fields only, so an import running at the same time is never overwritten.
* **Municipal editors** add and change rows of their own municipalities only. A row of another
  municipality is refused (``PermissionDenied``); moving one's own row to, or creating a row in, a
  municipality one does not edit is refused beside the municipality (or the provider) field.
* **Derived fields** of an offering (county, the day it hides itself, the search text) are computed by
  ``catalogue.derived``, as the importer does.
* A local row's ``source_updated_at`` is when it was last saved here ("last updated" on the pages).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.actors.validators import normalise_org_number
from samverka.education.catalogue.derived import apply_offering_derived_fields
from samverka.education.catalogue.models import (
    Education,
    EducationOccupation,
    MunicipalEditor,
    Offering,
    OfferingOccupation,
    Provider,
    SourcedModel,
)
from samverka.education.catalogue.permissions import editor_municipalities
from samverka.insight.classifications.models import Scheme
from samverka.insight.classifications.selectors import codes
from samverka.platform.accounts.models import User
from samverka.platform.core.models import Municipality
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.spaces.models import Space, SpaceMembership, SpaceRole

#: What may change on a row imported from EMIL3 (the importer never writes these).
LOCAL_FIELDS = frozenset({"local_note", "is_published"})

_Row = TypeVar("_Row", bound=SourcedModel)


@dataclass(frozen=True, kw_only=True)
class ProviderData(ServiceData):
    """A provider's fields that provider_create/provider_update accept."""

    name: str | Unset = UNSET
    org_number: str | Unset = UNSET
    responsible_body_type: str | Unset = UNSET
    street_address: str | Unset = UNSET
    postal_code: str | Unset = UNSET
    town: str | Unset = UNSET
    municipality: Municipality | None | Unset = UNSET
    email: str | Unset = UNSET
    phone: str | Unset = UNSET
    url: str | Unset = UNSET
    is_published: bool | Unset = UNSET
    local_note: str | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class EducationData(ServiceData):
    """An education's fields that education_create/education_update accept, with its target occupations
    (SSYK 2012 codes, primary and related; on an imported education: the ones added here)."""

    provider: Provider | Unset = UNSET
    code: str | Unset = UNSET
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    school_type: str | Unset = UNSET
    sun_field: str | Unset = UNSET
    sun_level: str | Unset = UNSET
    seqf_level: int | None | Unset = UNSET
    credit_system: str | Unset = UNSET
    credits: Decimal | None | Unset = UNSET
    extent: str | Unset = UNSET
    is_vocational: bool | Unset = UNSET
    leads_to_degree: bool | Unset = UNSET
    csn_eligible: bool | Unset = UNSET
    is_published: bool | Unset = UNSET
    local_note: str | Unset = UNSET
    primary_occupations: tuple[str, ...] | Unset = UNSET
    related_occupations: tuple[str, ...] | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class OfferingData(ServiceData):
    """An offering's fields that offering_create/offering_update accept, with the target occupations added
    here (SSYK 2012 codes, ``OfferingOccupation``; on an imported offering they survive re-import)."""

    education: Education | Unset = UNSET
    municipality: Municipality | None | Unset = UNSET
    locality: str | Unset = UNSET
    start_date: date | None | Unset = UNSET
    end_date: date | None | Unset = UNSET
    application_opens: date | None | Unset = UNSET
    application_closes: date | None | Unset = UNSET
    continuous_admission: bool | Unset = UNSET
    pace_percent: int | None | Unset = UNSET
    is_distance: bool | Unset = UNSET
    onsite_sessions: int | None | Unset = UNSET
    places: int | None | Unset = UNSET
    fee_sek: int | None | Unset = UNSET
    fee_note: str | Unset = UNSET
    language: str | Unset = UNSET
    is_apprenticeship: bool | Unset = UNSET
    is_cancelled: bool | Unset = UNSET
    url: str | Unset = UNSET
    is_published: bool | Unset = UNSET
    local_note: str | Unset = UNSET
    occupations: tuple[str, ...] | Unset = UNSET


# --- shared checks -----------------------------------------------------------------------------------------


def _may(actor: User | None, perm: str, obj: Any) -> bool:
    return actor is None or actor.has_perm(perm, obj)


def _differs(row: Any, name: str, value: Any) -> bool:
    current = getattr(row, name)
    if isinstance(current, str) and value is None:
        value = ""
    return bool(current != value)


def _refuse_feed_fields(row: SourcedModel, values: dict[str, Any]) -> None:
    """On an imported row, refuse a change to any of the feed's fields, each beside its field."""
    if not row.is_imported:
        return
    errors = {
        name: _("This comes from Skolverket's education database and is changed there, not here.")
        for name, value in values.items()
        if name not in LOCAL_FIELDS and _differs(row, name, value)
    }
    if errors:
        raise ValidationError(errors)


def _clean_codes(raw: Iterable[str]) -> list[str]:
    """The codes stripped, without blanks and repeats, in the order given."""
    seen: dict[str, None] = {}
    for code in raw:
        code = (code or "").strip()
        if code:
            seen.setdefault(code, None)
    return list(seen)


def _check_ssyk(field: str, given: list[str]) -> None:
    unknown = [code for code in given if code not in codes(Scheme.SSYK2012, level=4)]
    if unknown:
        raise ValidationError(
            {field: _("Unknown occupation code (SSYK 2012, four digits): %(codes)s.") % {"codes": ", ".join(unknown)}}
        )


def _check_space(space: Space, **rows: Any) -> None:
    """Each related row belongs to ``space`` (else an error beside its field)."""
    errors = {
        name: _("Choose one of this space's catalogue rows.")
        for name, row in rows.items()
        if row is not None and row.space_id != space.pk
    }
    if errors:
        raise ValidationError(errors)


def _check_municipality_in_county(space: Space, municipality: Municipality | None) -> None:
    if municipality is not None and space.county_id and municipality.county_id != space.county_id:
        raise ValidationError({"municipality": _("Choose a municipality in %(county)s.") % {"county": space.county}})


def _check_placed(actor: User | None, perm: str, row: Any, field: str) -> None:
    """A municipal editor may only put a row in a municipality they edit (refused beside ``field``)."""
    if not _may(actor, perm, row):
        raise ValidationError({field: _("You can only add to and move within the municipalities you edit.")})


def _set_values(row: Any, values: dict[str, Any]) -> list[str]:
    changed = [name for name, value in values.items() if _differs(row, name, value)]
    for name in changed:
        setattr(row, name, values[name])
    return changed


def _save(row: _Row, changed: list[str] | None) -> _Row:
    """Save a new row (``changed=None``) or the changed fields of a row: a local row in full (validated),
    an imported one with its local fields only. Nothing changed, nothing is written (and nothing logged)."""
    if changed is not None and not changed:
        return row
    if row.is_imported:
        row.save(update_fields=[*(name for name in changed or () if name in LOCAL_FIELDS), "updated_at"])
        return row
    row.source_updated_at = timezone.now()
    row.full_clean(exclude=["search_text"])
    row.save()
    return row


def _locked(row: _Row) -> _Row:
    return type(row).objects.select_for_update().get(pk=row.pk)  # type: ignore[attr-defined,no-any-return]


# --- providers ---------------------------------------------------------------------------------------------


def _check_provider(provider: Provider) -> None:
    if provider.is_imported:
        return
    errors: dict[str, Any] = {}
    if not provider.name.strip():
        errors["name"] = _("Give the provider's name.")
    if provider.org_number:
        try:
            provider.org_number = normalise_org_number(provider.org_number)
        except ValidationError as error:
            errors["org_number"] = error.messages
    if errors:
        raise ValidationError(errors)


def _link_organisation(provider: Provider) -> None:
    """Link the provider to the actor register's organisation with the same organisation number."""
    if provider.org_number and provider.organisation_id is None:
        provider.organisation = Organisation.objects.filter(org_number=provider.org_number).first()


@transaction.atomic
def provider_create(*, space: Space, actor: User | None, data: ProviderData) -> Provider:
    """Add a provider to ``space``'s catalogue (a municipal editor: in a municipality they edit)."""
    ensure(_may(actor, "catalogue.add_provider", space))
    provider = Provider(space=space, source="local")
    _set_values(provider, data.given())
    _check_provider(provider)
    _check_municipality_in_county(space, provider.municipality)
    _check_placed(actor, "catalogue.change_provider", provider, "municipality")
    _link_organisation(provider)
    return _save(provider, None)


@transaction.atomic
def provider_update(*, provider: Provider, actor: User | None, data: ProviderData) -> Provider:
    """Change a provider; on an imported provider only its local fields."""
    provider = _locked(provider)
    ensure(_may(actor, "catalogue.change_provider", provider))
    values = data.given()
    _refuse_feed_fields(provider, values)
    changed = _set_values(provider, values)
    _check_provider(provider)
    if "municipality" in changed:
        _check_municipality_in_county(provider.space, provider.municipality)
        _check_placed(actor, "catalogue.change_provider", provider, "municipality")
    if "org_number" in changed and not provider.is_imported:
        provider.organisation = None
        _link_organisation(provider)
    return _save(provider, changed)


# --- educations --------------------------------------------------------------------------------------------


def _check_education(education: Education) -> None:
    if education.is_imported:
        return
    errors: dict[str, str] = {}
    if not education.title.strip():
        errors["title"] = _("Give the education's title.")
    if education.sun_field and education.sun_field not in codes(Scheme.SUN2020_FIELD):
        errors["sun_field"] = _("Unknown SUN 2020 education field: %(code)s.") % {"code": education.sun_field}
    if education.sun_level and education.sun_level not in codes(Scheme.SUN2020_LEVEL):
        errors["sun_level"] = _("Unknown SUN 2020 education level: %(code)s.") % {"code": education.sun_level}
    if education.credits is not None and not education.credit_system:
        errors["credit_system"] = _("Say in which system the credits are counted.")
    if education.credits is not None and education.credits < 0:
        errors["credits"] = _("Credits cannot be negative.")
    if errors:
        raise ValidationError(errors)


def _set_education_occupations(
    education: Education, primary: tuple[str, ...] | Unset, related: tuple[str, ...] | Unset
) -> bool:
    """Replace the target occupations added here; the feed's (``is_local=False``) stay as they are.

    Returns whether anything changed.
    """
    if primary is UNSET and related is UNSET:
        return False
    current = {link.ssyk_code: link for link in education.occupations.all()}
    feed = {code for code, link in current.items() if not link.is_local}
    local = {code: link for code, link in current.items() if link.is_local}
    wanted_primary = _clean_codes(primary if primary is not UNSET else [c for c, x in local.items() if x.is_primary])
    wanted_related = _clean_codes(
        related if related is not UNSET else [c for c, x in local.items() if not x.is_primary]
    )
    _check_ssyk("primary_occupations", wanted_primary)
    _check_ssyk("related_occupations", wanted_related)
    both = [code for code in wanted_related if code in wanted_primary]
    if both:
        raise ValidationError(
            {"related_occupations": _("%(codes)s is already a primary occupation.") % {"codes": ", ".join(both)}}
        )
    wanted = dict.fromkeys(wanted_primary, True) | dict.fromkeys(wanted_related, False)
    wanted = {code: is_primary for code, is_primary in wanted.items() if code not in feed}
    changed = False
    for code, link in local.items():
        if code not in wanted:
            link.delete()
            changed = True
        elif link.is_primary != wanted[code]:
            link.is_primary = wanted[code]
            link.save(update_fields=["is_primary"])
            changed = True
    for code, is_primary in wanted.items():
        if code not in local:
            EducationOccupation.objects.create(
                education=education, ssyk_code=code, is_primary=is_primary, is_local=True
            )
            changed = True
    return changed


@transaction.atomic
def education_create(*, space: Space, actor: User | None, data: EducationData) -> Education:
    """Add an education of one of the space's providers (a municipal editor: a provider in their municipality)."""
    ensure(_may(actor, "catalogue.add_education", space))
    values = data.given()
    primary = values.pop("primary_occupations", UNSET)
    related = values.pop("related_occupations", UNSET)
    provider = values.pop("provider", None)
    if provider is None:
        raise ValidationError({"provider": _("Choose the provider.")})
    _check_space(space, provider=provider)
    education = Education(space=space, source="local", provider=provider)
    _set_values(education, values)
    _check_education(education)
    _check_placed(actor, "catalogue.change_education", education, "provider")
    _save(education, None)
    _set_education_occupations(education, primary, related)
    return education


@transaction.atomic
def education_update(*, education: Education, actor: User | None, data: EducationData) -> Education:
    """Change an education; on an imported one only its local fields and the occupations added here."""
    education = _locked(education)
    ensure(_may(actor, "catalogue.change_education", education))
    values = data.given()
    primary = values.pop("primary_occupations", UNSET)
    related = values.pop("related_occupations", UNSET)
    _refuse_feed_fields(education, values)
    changed = _set_values(education, values)
    if "provider" in changed:
        _check_space(education.space, provider=education.provider)
        _check_placed(actor, "catalogue.change_education", education, "provider")
    _check_education(education)
    occupations_changed = _set_education_occupations(education, primary, related)
    if occupations_changed and not changed:
        changed = ["updated_at"]  # the row's "last changed here" follows its occupations
    _save(education, changed)
    if "title" in changed or "provider" in changed:
        _refresh_offerings_of(education)
    return education


def _refresh_offerings_of(education: Education) -> None:
    """The offerings' search text carries the education's title and provider: recompute it."""
    for offering in education.offerings.select_related("provider", "municipality"):
        names = apply_offering_derived_fields(offering, title=education.title)
        offering.save(update_fields=names)


# --- offerings ---------------------------------------------------------------------------------------------


def _check_offering(offering: Offering) -> None:
    if offering.is_imported:
        return
    errors: dict[str, str] = {}
    if offering.start_date and offering.end_date and offering.end_date < offering.start_date:
        errors["end_date"] = _("The end cannot be before the start.")
    if (
        offering.application_opens
        and offering.application_closes
        and offering.application_closes < offering.application_opens
    ):
        errors["application_closes"] = _("The last application date cannot be before the application opens.")
    if offering.onsite_sessions and not offering.is_distance:
        errors["onsite_sessions"] = _("Mandatory on-site sessions are given for distance education only.")
    if errors:
        raise ValidationError(errors)


def _set_offering_occupations(offering: Offering, given: tuple[str, ...] | Unset, actor: User | None) -> bool:
    """Replace the target occupations added here to ``offering``; returns whether anything changed."""
    if given is UNSET:
        return False
    wanted = _clean_codes(given)
    _check_ssyk("occupations", wanted)
    current = {link.ssyk_code: link for link in offering.local_occupations.all()}
    changed = False
    for code, link in current.items():
        if code not in wanted:
            link.delete()
            changed = True
    for code in wanted:
        if code not in current:
            OfferingOccupation.objects.create(offering=offering, ssyk_code=code, added_by=actor)
            changed = True
    return changed


@transaction.atomic
def offering_create(*, space: Space, actor: User | None, data: OfferingData) -> Offering:
    """Add an offering of one of the space's educations (a municipal editor: in a municipality they edit)."""
    ensure(_may(actor, "catalogue.add_offering", space))
    values = data.given()
    occupations = values.pop("occupations", UNSET)
    education = values.pop("education", None)
    if education is None:
        raise ValidationError({"education": _("Choose the education.")})
    _check_space(space, education=education)
    offering = Offering(space=space, source="local", education=education, provider=education.provider)
    _set_values(offering, values)
    _check_municipality_in_county(space, offering.municipality)
    _check_placed(actor, "catalogue.change_offering", offering, "municipality")
    _check_offering(offering)
    apply_offering_derived_fields(offering)
    _save(offering, None)
    _set_offering_occupations(offering, occupations, actor)
    return offering


@transaction.atomic
def offering_update(*, offering: Offering, actor: User | None, data: OfferingData) -> Offering:
    """Change an offering; on an imported one only its local fields and the occupations added here."""
    offering = _locked(offering)
    ensure(_may(actor, "catalogue.change_offering", offering))
    values = data.given()
    occupations = values.pop("occupations", UNSET)
    _refuse_feed_fields(offering, values)
    changed = _set_values(offering, values)
    if "education" in changed:
        _check_space(offering.space, education=offering.education)
        offering.provider = offering.education.provider
    if "municipality" in changed:
        _check_municipality_in_county(offering.space, offering.municipality)
        _check_placed(actor, "catalogue.change_offering", offering, "municipality")
    _check_offering(offering)
    if not offering.is_imported:
        apply_offering_derived_fields(offering)
    if _set_offering_occupations(offering, occupations, actor) and not changed:
        changed = ["updated_at"]
    return _save(offering, changed)


@transaction.atomic
def offering_set_published(*, offering: Offering, actor: User | None, published: bool) -> Offering:
    """Publish an offering on the public search, or take it off (imported offerings too)."""
    offering = _locked(offering)
    ensure(_may(actor, "catalogue.change_offering", offering))
    if offering.is_published == published:
        return offering
    offering.is_published = published
    return _save(offering, ["is_published"])


def offering_publish(*, offering: Offering, actor: User | None) -> Offering:
    return offering_set_published(offering=offering, actor=actor, published=True)


def offering_unpublish(*, offering: Offering, actor: User | None) -> Offering:
    return offering_set_published(offering=offering, actor=actor, published=False)


@transaction.atomic
def offering_cancel(*, offering: Offering, actor: User | None) -> Offering:
    """Mark an offering entered here as cancelled (an imported one is cancelled in its source: unpublish it)."""
    offering = _locked(offering)
    ensure(_may(actor, "catalogue.change_offering", offering))
    if offering.is_imported:
        raise ValidationError(
            _(
                "An imported offering is cancelled in Skolverket's education database. "
                "Unpublish it here to take it off the search now."
            )
        )
    if offering.is_cancelled:
        raise ValidationError(_("The offering is already cancelled."))
    offering.is_cancelled = True
    return _save(offering, ["is_cancelled"])


# --- municipal editors -------------------------------------------------------------------------------------


def _forget_editor_cache(user: User) -> None:
    user.__dict__.pop("_catalogue_editor_municipalities", None)


@transaction.atomic
def editor_appoint(*, space: Space, actor: User | None, user: User, municipality: Municipality) -> MunicipalEditor:
    """Make ``user`` (an insider of the space) the editor of ``municipality``'s catalogue rows in ``space``."""
    ensure(_may(actor, "catalogue.manage_editors", space))
    role = SpaceMembership.objects.filter(space=space, user=user).values_list("role", flat=True).first()
    if role is None:
        raise ValidationError(
            {"user": _("%(person)s is not a member of the space: add them first.") % {"person": user}}
        )
    if role == SpaceRole.GUEST:
        raise ValidationError(
            {"user": _("%(person)s is a guest of the space: give them the role member first.") % {"person": user}}
        )
    _check_municipality_in_county(space, municipality)
    if MunicipalEditor.objects.filter(space=space, user=user, municipality=municipality).exists():
        raise ValidationError(
            {
                "municipality": _("%(person)s already edits %(municipality)s.")
                % {"person": user, "municipality": municipality}
            }
        )
    editor = MunicipalEditor.objects.create(space=space, user=user, municipality=municipality)
    _forget_editor_cache(user)
    return editor


@transaction.atomic
def editor_remove(*, editor: MunicipalEditor, actor: User | None) -> None:
    """End a person's editing of a municipality (what they entered stays)."""
    ensure(_may(actor, "catalogue.manage_editors", editor.space))
    user = editor.user
    editor.delete()
    _forget_editor_cache(user)


def municipalities_editable_by(actor: User, space: Space) -> list[Municipality]:
    """The municipalities ``actor`` may put rows in: all of the space's county (or Sweden) for those who run
    the space, else the ones they edit."""
    everything = Municipality.objects.select_related("county").order_by("name")
    if actor.has_perm("catalogue.manage_editors", space):
        return list(everything.filter(county_id=space.county_id) if space.county_id else everything)
    return list(everything.filter(code__in=editor_municipalities(actor).get(space.pk, ())))
