"""Every write to the actor register and the landscape map.

The HTML views, the REST API and the demo loader all call these functions;
each checks the actor's permission (``actor=None`` means the system itself),
validates with the model's ``full_clean`` and runs in one transaction. The
audit trail (django-auditlog) records every change with the request's actor.
"""

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.collaboration.actors import selectors
from samverka.collaboration.actors.models import (
    Contact,
    CorrectionSuggestion,
    LandscapeRevision,
    Organisation,
    PublishedOrganisation,
    SuggestionStatus,
)
from samverka.collaboration.actors.validators import normalise_org_number
from samverka.platform.accounts.models import User
from samverka.platform.core.models import County, Municipality
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.notifications.services import EmailSpec, enqueue_email
from samverka.platform.spaces.models import Space

logger = logging.getLogger(__name__)

#: Longest correction suggestion accepted (the model's TextField does not enforce its max_length).
MESSAGE_MAX_LENGTH = 4000


@dataclass(frozen=True, kw_only=True)
class OrganisationData(ServiceData):
    """An organisation's fields a caller may set (``county`` and ``municipality`` as instances)."""

    name: str | Unset = UNSET
    org_number: str | Unset = UNSET
    type: str | Unset = UNSET
    level: str | Unset = UNSET
    employs: bool | Unset = UNSET
    educates: bool | Unset = UNSET
    focuses_on_groups: bool | Unset = UNSET
    county: County | None | Unset = UNSET
    municipality: Municipality | None | Unset = UNSET
    website: str | Unset = UNSET
    description: str | Unset = UNSET
    is_active: bool | Unset = UNSET


#: The editable fields of an organisation, in the order forms and the API show them.
ORGANISATION_FIELDS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(OrganisationData))


@dataclass(frozen=True, kw_only=True)
class ContactData(ServiceData):
    """A contact's fields a caller may set."""

    name: str | Unset = UNSET
    function: str | Unset = UNSET
    email: str | Unset = UNSET
    gender: str | Unset = UNSET
    born_abroad: bool | None | Unset = UNSET
    user: User | None | Unset = UNSET


class SimilarOrganisationsError(ValidationError):
    """Organisations with (nearly) the same name exist; pass ``confirm_similar=True`` to create anyway."""

    def __init__(self, similar: list[Organisation]) -> None:
        self.similar = similar
        names = ", ".join(org.name for org in similar[:5])
        super().__init__(
            _(
                "There are already organisations with a similar name: %(names)s. "
                "Check that you are not registering the same organisation twice; "
                "confirm to create it anyway."
            )
            % {"names": names},
            code="similar_organisations",
        )


def _apply(instance: Organisation | Contact, data: ServiceData) -> None:
    for name, value in data.given().items():
        setattr(instance, name, value)


def _prepare_organisation(organisation: Organisation) -> None:
    """Normalise the text fields and check what the model's constraints would report unclearly."""
    organisation.name = " ".join((organisation.name or "").split())
    number = (organisation.org_number or "").strip()
    if number:
        try:
            organisation.org_number = normalise_org_number(number)
        except ValidationError as error:
            raise ValidationError({"org_number": error.messages}) from error
        taken = Organisation.objects.filter(org_number=organisation.org_number).exclude(pk=organisation.pk).first()
        if taken is not None:
            raise ValidationError(
                {
                    "org_number": _("The organisation number %(number)s is already registered for %(name)s.")
                    % {"number": organisation.org_number, "name": taken.name}
                },
                code="org_number_taken",
            )
    else:
        organisation.org_number = ""
    if organisation.municipality_id and not organisation.county_id:
        organisation.county_id = cast(Municipality, organisation.municipality).county_id


def _save_organisation(organisation: Organisation) -> None:
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as error:  # a concurrent write took the organisation number
        raise ValidationError(
            {"org_number": _("The organisation number is already registered for another organisation.")}
        ) from error


@transaction.atomic
def organisation_create(*, actor: User | None, data: OrganisationData, confirm_similar: bool = False) -> Organisation:
    """Register an organisation in the actor register.

    Fields left out of ``data`` keep the model's default. The organisation number is stored as NNNNNN-NNNN; the county is
    filled in from the municipality. When organisations with the same or a
    nearly identical name exist, ``SimilarOrganisationsError`` (carrying
    ``.similar``) is raised unless ``confirm_similar`` is true.
    """
    ensure(actor is None or actor.has_perm("actors.add_organisation"))
    organisation = Organisation()
    _apply(organisation, data)
    _prepare_organisation(organisation)
    organisation.full_clean()
    if not confirm_similar:
        similar = selectors.organisation_similar(name=organisation.name)
        if similar:
            raise SimilarOrganisationsError(similar)
    _save_organisation(organisation)
    return organisation


@transaction.atomic
def organisation_update(*, actor: User | None, organisation: Organisation, data: OrganisationData) -> Organisation:
    """Change an organisation's fields (only those given in ``data``)."""
    ensure(actor is None or actor.has_perm("actors.change_organisation", organisation))
    _apply(organisation, data)
    if isinstance(data.municipality, Municipality) and data.county is UNSET:
        organisation.county_id = data.municipality.county_id  # a new municipality brings its county
    _prepare_organisation(organisation)
    organisation.full_clean()
    _save_organisation(organisation)
    return organisation


@transaction.atomic
def contact_create(*, actor: User | None, organisation: Organisation, data: ContactData) -> Contact:
    """Add a person (contact) at an organisation."""
    ensure(actor is None or actor.has_perm("actors.add_contact", organisation))
    contact = Contact(organisation=organisation)
    _apply(contact, data)
    contact.name = " ".join((contact.name or "").split())
    contact.email = (contact.email or "").strip().lower()
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, actor: User | None, contact: Contact, data: ContactData) -> Contact:
    """Change a contact's fields (only those given in ``data``)."""
    ensure(actor is None or actor.has_perm("actors.change_contact", contact))
    _apply(contact, data)
    contact.name = " ".join((contact.name or "").split())
    contact.email = (contact.email or "").strip().lower()
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def landscape_publish(*, space: Space, actor: User, summary: str) -> LandscapeRevision:
    """Publish the space's landscape map as the next numbered revision.

    The revision stores a snapshot of the map's organisations (see
    ``selectors.landscape_snapshot``), and the space's published copy of them
    (``PublishedOrganisation``, which the public pages, exports and API read) is
    replaced from the same read, so the public sees exactly this revision until
    the next. The space row is locked while the next number is taken, so two
    people publishing at once get consecutive numbers.
    """
    ensure(actor is not None and actor.has_perm("actors.publish_landscape", space))
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Describe briefly what changed in this revision.")}, code="required")
    # Every space row, in one order: publications run one at a time (they decide together which copy of
    # an organisation on several maps is the latest), and two people publishing one map get consecutive numbers.
    list(Space.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    last = LandscapeRevision.objects.filter(space=space).aggregate(last=Max("number"))["last"] or 0
    rows = selectors.landscape_rows(space)
    snapshot = [selectors.snapshot_row(row) for row in rows]
    revision = LandscapeRevision(
        space=space,
        number=last + 1,
        published_by=actor,
        summary=summary,
        snapshot=snapshot,
        organisation_count=len(snapshot),
    )
    revision.save()
    PublishedOrganisation.objects.filter(space=space).delete()
    PublishedOrganisation.objects.bulk_create(
        [
            PublishedOrganisation(
                space=space,
                revision=revision,
                organisation_id=row["pk"],
                **{name: row[name] for name in PublishedOrganisation.COPIED},
            )
            for row in rows
        ],
        batch_size=1000,
    )
    _mark_latest_publications()
    return revision


def _mark_latest_publications() -> None:
    """Flag each organisation's newest published copy (rows are written in publishing order, so the
    highest id); the public register lists only those, once per organisation."""
    latest = PublishedOrganisation.objects.order_by().values("organisation_id").annotate(latest=Max("pk"))
    newest = latest.values("latest")
    PublishedOrganisation.objects.filter(is_latest=True).exclude(pk__in=newest).update(is_latest=False)
    PublishedOrganisation.objects.filter(is_latest=False, pk__in=newest).update(is_latest=True)


@transaction.atomic
def suggestion_submit(
    *,
    space: Space,
    message: str,
    organisation: Organisation | None = None,
    submitter_name: str = "",
    submitter_email: str = "",
    user: User | AnonymousUser | None = None,
) -> CorrectionSuggestion:
    """Record anyone's suggestion to correct the space's landscape map (also anonymous ones)."""
    suggestion = CorrectionSuggestion(
        space=space,
        organisation=organisation,
        message=(message or "").strip(),
        submitter_name=" ".join((submitter_name or "").split()),
        submitter_email=(submitter_email or "").strip(),
        submitted_by=user if user is not None and user.is_authenticated else None,
    )
    if not suggestion.message:
        raise ValidationError({"message": _("Write the correction you suggest.")}, code="required")
    if len(suggestion.message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"message": _("Keep the suggestion under %(n)s characters.") % {"n": MESSAGE_MAX_LENGTH}},
            code="max_length",
        )
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def _lock_pending(suggestion: CorrectionSuggestion) -> CorrectionSuggestion:
    """The suggestion's row, locked; refused when someone already decided it (also concurrently)."""
    current = CorrectionSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if current.status != SuggestionStatus.PENDING:
        raise ValidationError(
            _("This suggestion was already %(decision)s by %(who)s on %(date)s.")
            % {
                "decision": current.get_status_display().lower(),
                "who": current.handled_by or _("someone"),
                "date": timezone.localtime(current.handled_at).strftime("%Y-%m-%d") if current.handled_at else "–",
            },
            code="already_decided",
        )
    return current


def _record_decision(
    suggestion: CorrectionSuggestion, *, actor: User, status: str, response: str, changes: list[dict[str, Any]]
) -> CorrectionSuggestion:
    suggestion.status = status
    suggestion.response = response
    suggestion.changes = changes
    suggestion.handled_by = actor
    suggestion.handled_at = timezone.now()
    suggestion.save(
        update_fields=["organisation", "status", "response", "changes", "handled_by", "handled_at", "updated_at"]
    )
    if suggestion.submitter_email:
        _mail_decision(suggestion)
    return suggestion


@transaction.atomic
def suggestion_reject(*, suggestion: CorrectionSuggestion, actor: User, response: str) -> CorrectionSuggestion:
    """Reject a pending suggestion; the reason is required and sent to the submitter."""
    ensure(actor is not None and actor.has_perm("actors.review_suggestions", suggestion.space))
    _lock_pending(suggestion)
    response = (response or "").strip()
    if not response:
        raise ValidationError({"response": _("Give a reason when you reject a suggestion.")}, code="required")
    return _record_decision(suggestion, actor=actor, status=SuggestionStatus.REJECTED, response=response, changes=[])


#: The editable fields in the form's order.
_FIELD_ORDER = [field.name for field in dataclasses.fields(OrganisationData)]


def _register_values(organisation: Organisation) -> dict[str, str]:
    """The organisation's editable fields as text, to record what accepting a suggestion changed."""
    values: dict[str, str] = {}
    for name in _FIELD_ORDER:
        value = getattr(organisation, name)
        if name in {"county", "municipality"}:
            values[name] = str(value.name) if value is not None else ""
        elif isinstance(value, bool):
            values[name] = "true" if value else "false"
        else:
            values[name] = "" if value is None else str(value)
    return values


@transaction.atomic
def suggestion_accept(
    *,
    suggestion: CorrectionSuggestion,
    actor: User,
    data: OrganisationData,
    response: str = "",
    organisation: Organisation | None = None,
    confirm_similar: bool = False,
) -> CorrectionSuggestion:
    """Accept a suggestion by making the change it asks for in the register, in one transaction.

    ``data`` are the organisation's fields as the reviewer saved them in the
    pre-filled form. The organisation changed is ``organisation`` (when the
    reviewer chose one), else the one the suggestion concerns; a suggestion
    about no organisation registers a new one from ``data`` (a missing actor).
    The change goes through ``organisation_update`` / ``organisation_create``
    (same checks, same audit trail). Accepting without changing anything is
    refused: a suggestion is only recorded as accepted together with its change,
    which is stored on it (field, before, after) and listed in the reply to the
    submitter, who is also told that the public map shows it from the next
    published revision.
    """
    ensure(actor is not None and actor.has_perm("actors.review_suggestions", suggestion.space))
    _lock_pending(suggestion)
    target = organisation or suggestion.organisation
    if target is None:
        created = organisation_create(actor=actor, data=data, confirm_similar=confirm_similar)
        after = _register_values(created)
        changes = [
            {"field": name, "before": "", "after": after[name]} for name in after if after[name] not in ("", "false")
        ]
        suggestion.organisation = created
        return _record_decision(
            suggestion,
            actor=actor,
            status=SuggestionStatus.ACCEPTED,
            response=(response or "").strip(),
            changes=[{"field": "created", "before": "", "after": created.name}, *changes],
        )
    target = (
        Organisation.objects.select_for_update(of=("self",)).select_related("county", "municipality").get(pk=target.pk)
    )
    before = _register_values(target)  # as stored (a bound form may have changed the caller's copy)
    organisation_update(actor=actor, organisation=target, data=data)
    after = _register_values(target)
    changes = [
        {"field": name, "before": before[name], "after": after[name]} for name in after if before[name] != after[name]
    ]
    if not changes:
        raise ValidationError(
            _(
                "Nothing was changed in the register. Make the change the suggestion asks for, "
                "or reject the suggestion with a reason."
            ),
            code="no_change",
        )
    suggestion.organisation = target
    return _record_decision(
        suggestion, actor=actor, status=SuggestionStatus.ACCEPTED, response=(response or "").strip(), changes=changes
    )


def _mail_decision(suggestion: CorrectionSuggestion) -> None:
    """Queue the reply to the submitter in the outbox (sent after the commit, retried on failure).

    The reply says exactly what was done: the changes made in the register, and
    that the public landscape map shows them from the next published revision.
    """
    space = suggestion.space
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your suggestion for the landscape map of %(space)s") % {"space": space.name}
        parts = [
            _("Thank you for your suggestion.\n\nYou wrote:\n%(message)s") % {"message": suggestion.message},
            _("Decision: %(decision)s") % {"decision": suggestion.get_status_display()},
        ]
        if suggestion.status == SuggestionStatus.ACCEPTED:
            lines = [
                f"- {row['label']}: {row['before']} → {row['after']}"
                if row["before"]
                else f"- {row['label']}: {row['after']}"
                for row in selectors.change_rows(suggestion.changes)
            ]
            parts.append(
                _("We changed the register of %(organisation)s as follows:")
                % {"organisation": suggestion.organisation.name if suggestion.organisation else space.name}
                + "\n"
                + "\n".join(lines)
            )
            latest = selectors.revision_latest(space)
            parts.append(
                _(
                    "The public landscape map shows the change from its next published revision; "
                    "until then it shows revision %(number)s."
                )
                % {"number": latest.number}
                if latest is not None
                else _("The public landscape map shows the change once the map is first published.")
            )
        if suggestion.response:
            parts.append(_("Our response:\n%(response)s") % {"response": suggestion.response})
        body = "\n\n".join(str(part) for part in parts) + "\n"
    enqueue_email(
        EmailSpec(
            to=suggestion.submitter_email,
            subject=str(subject),
            body=body,
            key=f"landscape-suggestion-decision:{suggestion.pk}",
        ),
        space=space,
    )
