"""Every write to the actor register and the landscape map.

The HTML views, the REST API and the demo loader all call these functions;
each checks the actor's permission (``actor=None`` means the system itself),
validates with the model's ``full_clean`` and runs in one transaction. The
audit trail (django-auditlog) records every change with the request's actor.
"""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.actors import selectors
from samverka.actors.models import (
    Contact,
    CorrectionSuggestion,
    LandscapeRevision,
    Organisation,
    SuggestionStatus,
)
from samverka.actors.validators import normalise_org_number
from samverka.core.permissions import ensure
from samverka.spaces.models import Space

logger = logging.getLogger(__name__)

#: Organisation fields a caller may set through ``data``.
ORGANISATION_FIELDS = frozenset(
    {
        "name",
        "org_number",
        "type",
        "level",
        "employs",
        "educates",
        "focuses_on_groups",
        "county",
        "municipality",
        "website",
        "description",
        "is_active",
    }
)
#: Longest correction suggestion accepted (the model's TextField does not enforce its max_length).
MESSAGE_MAX_LENGTH = 4000
#: Contact fields a caller may set through ``data``.
CONTACT_FIELDS = frozenset({"name", "function", "email", "gender", "born_abroad", "user"})


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


def _apply(instance: Any, data: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)}, code="unknown_field")
    for name, value in data.items():
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
        organisation.county_id = organisation.municipality.county_id  # type: ignore[union-attr]


def _save_organisation(organisation: Organisation) -> None:
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as error:  # a concurrent write took the organisation number
        raise ValidationError(
            {"org_number": _("The organisation number is already registered for another organisation.")}
        ) from error


@transaction.atomic
def organisation_create(*, actor: Any, data: dict[str, Any], confirm_similar: bool = False) -> Organisation:
    """Register an organisation in the actor register.

    ``data`` holds model field names (``county`` and ``municipality`` as
    instances). The organisation number is stored as NNNNNN-NNNN; the county is
    filled in from the municipality. When organisations with the same or a
    nearly identical name exist, ``SimilarOrganisationsError`` (carrying
    ``.similar``) is raised unless ``confirm_similar`` is true.
    """
    ensure(actor is None or actor.has_perm("actors.add_organisation"))
    organisation = Organisation()
    _apply(organisation, data, ORGANISATION_FIELDS)
    _prepare_organisation(organisation)
    organisation.full_clean()
    if not confirm_similar:
        similar = selectors.organisation_similar(name=organisation.name)
        if similar:
            raise SimilarOrganisationsError(similar)
    _save_organisation(organisation)
    return organisation


@transaction.atomic
def organisation_update(*, actor: Any, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    """Change an organisation's fields (only those given in ``data``)."""
    ensure(actor is None or actor.has_perm("actors.change_organisation", organisation))
    _apply(organisation, data, ORGANISATION_FIELDS)
    if data.get("municipality") is not None and "county" not in data:
        organisation.county_id = data["municipality"].county_id  # a new municipality brings its county
    _prepare_organisation(organisation)
    organisation.full_clean()
    _save_organisation(organisation)
    return organisation


@transaction.atomic
def contact_create(*, actor: Any, organisation: Organisation, data: dict[str, Any]) -> Contact:
    """Add a person (contact) at an organisation."""
    ensure(actor is None or actor.has_perm("actors.add_contact", organisation))
    contact = Contact(organisation=organisation)
    _apply(contact, data, CONTACT_FIELDS)
    contact.name = " ".join((contact.name or "").split())
    contact.email = (contact.email or "").strip().lower()
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, actor: Any, contact: Contact, data: dict[str, Any]) -> Contact:
    """Change a contact's fields (only those given in ``data``)."""
    ensure(actor is None or actor.has_perm("actors.change_contact", contact))
    _apply(contact, data, CONTACT_FIELDS)
    contact.name = " ".join((contact.name or "").split())
    contact.email = (contact.email or "").strip().lower()
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def landscape_publish(*, space: Space, actor: Any, summary: str) -> LandscapeRevision:
    """Publish the space's landscape map as the next numbered revision.

    The revision stores a snapshot of the map's organisations (see
    ``selectors.landscape_snapshot``). The space row is locked while the next
    number is taken, so two people publishing at once get consecutive numbers.
    """
    ensure(actor is not None and actor.has_perm("actors.publish_landscape", space))
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Describe briefly what changed in this revision.")}, code="required")
    Space.objects.select_for_update().filter(pk=space.pk).first()
    last = LandscapeRevision.objects.filter(space=space).aggregate(last=Max("number"))["last"] or 0
    snapshot = selectors.landscape_snapshot(space)
    revision = LandscapeRevision(
        space=space,
        number=last + 1,
        published_by=actor,
        summary=summary,
        snapshot=snapshot,
        organisation_count=len(snapshot),
    )
    revision.save()
    return revision


@transaction.atomic
def suggestion_submit(
    *,
    space: Space,
    message: str,
    organisation: Organisation | None = None,
    submitter_name: str = "",
    submitter_email: str = "",
    user: Any = None,
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


@transaction.atomic
def suggestion_decide(
    *, suggestion: CorrectionSuggestion, actor: Any, accept: bool, response: str
) -> CorrectionSuggestion:
    """Accept or reject a pending suggestion with a response to the submitter.

    A rejection needs a reason. A suggestion is decided once: a second decision
    (also a concurrent one) is refused. The submitter, if they left an e-mail
    address, gets the response by e-mail after the commit.
    """
    ensure(actor is not None and actor.has_perm("actors.review_suggestions", suggestion.space))
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
    response = (response or "").strip()
    if not accept and not response:
        raise ValidationError({"response": _("Give a reason when you reject a suggestion.")}, code="required")
    suggestion.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.REJECTED
    suggestion.response = response
    suggestion.handled_by = actor
    suggestion.handled_at = timezone.now()
    suggestion.save(update_fields=["status", "response", "handled_by", "handled_at", "updated_at"])
    if suggestion.submitter_email:
        pk = suggestion.pk
        transaction.on_commit(lambda: _mail_decision(pk))
    return suggestion


def _mail_decision(suggestion_pk: int) -> None:
    """Tell the submitter what was decided (best effort: a mail failure must not undo the decision)."""
    suggestion = CorrectionSuggestion.objects.select_related("space").get(pk=suggestion_pk)
    subject = _("Your suggestion for the landscape map of %(space)s") % {"space": suggestion.space.name}
    body = _("Thank you for your suggestion.\n\nYou wrote:\n%(message)s\n\nDecision: %(decision)s\n%(response)s\n") % {
        "message": suggestion.message,
        "decision": suggestion.get_status_display(),
        "response": suggestion.response,
    }
    try:
        send_mail(subject, body, None, [suggestion.submitter_email])
    except Exception:  # logged; the decision stands
        logger.exception("Could not e-mail the decision on suggestion %s", suggestion_pk)
