"""Every write about bodies and memberships.

The REST API, the HTML views and the demo loader all call these functions.
Each one is a single transaction: when it refuses (PermissionDenied or
ValidationError) nothing has been written. ``actor=None`` means the system
(demo loader, management commands) and skips the permission check.

Decisions recorded here:

* A body with active or planned child bodies cannot be closed: the children
  must be closed or moved first, so that no question is left "hanging in the
  air" (seed 004, Bilaga 6).
* Closing ends every membership still running on the closing date at that
  date; memberships that had not started by then are removed (they never took
  effect; the audit log keeps them).
* A participation model (continuous / reference group / on demand) describes
  how a region takes part in a national *project* (seed 000, 2.1), so it is
  accepted only on memberships of bodies of kind project.
* A closed body stays closed: it takes no new members and its memberships are
  no longer changed; its own description can still be corrected.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.collaboration.bodies.models import Body, BodyKind, BodyStatus, Membership
from samverka.collaboration.bodies.permissions import forget_body_seats
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.spaces.models import Space


@dataclass(frozen=True, kw_only=True)
class BodyData(ServiceData):
    """A body's fields that body_create/body_update accept (closing has its own service)."""

    name: str | Unset = UNSET
    kind: str | Unset = UNSET
    area: str | Unset = UNSET
    mandate: str | Unset = UNSET
    start_date: date | None | Unset = UNSET
    end_date: date | None | Unset = UNSET
    owner_organisation: Organisation | None | Unset = UNSET
    parent: Body | None | Unset = UNSET
    status: str | Unset = UNSET
    is_public: bool | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class MembershipData(ServiceData):
    """A membership's fields that membership_create/membership_update accept."""

    contact: Contact | None | Unset = UNSET
    organisation: Organisation | None | Unset = UNSET
    role: str | Unset = UNSET
    start_date: date | None | Unset = UNSET
    end_date: date | None | Unset = UNSET
    participation_model: str | Unset = UNSET
    note: str | Unset = UNSET


#: How far up a parent chain is followed before it is declared broken.
MAX_CHAIN = 100


# --- bodies ----------------------------------------------------------------------


@transaction.atomic
def body_create(*, space: Space, actor: User | None, data: BodyData) -> Body:
    """Create a body in ``space`` from ``data`` (fields left out keep the model's default)."""
    ensure(actor is None or actor.has_perm("bodies.add_body", space))
    if data.status == BodyStatus.CLOSED:
        raise ValidationError({"status": _("A new body cannot be closed from the start; create it and close it.")})
    body = Body(space=space)
    for field, value in data.given().items():
        setattr(body, field, value)
    if body.parent_id is not None:
        _check_parent(body, body.parent)
    _check_period(body.start_date, body.end_date)
    _full_clean(body)
    body.save()
    return body


@transaction.atomic
def body_update(*, body: Body, actor: User | None, data: BodyData) -> Body:
    """Change a body's description, kind, area, period, owner, parent or (planned/active) status.

    A parent must belong to the same space and may not make the chain of
    "reports to" links a loop (a body reporting to itself included).
    """
    ensure(actor is None or actor.has_perm("bodies.change_body", body))
    changes = data.given()
    # Work on a fresh row so that a refused change leaves the caller's object untouched.
    current = Body.objects.select_for_update().get(pk=body.pk)
    if "status" in changes and changes["status"] != current.status:
        if current.status == BodyStatus.CLOSED:
            raise ValidationError({"status": _("A closed body cannot be reopened. Create a new body instead.")})
        if changes["status"] == BodyStatus.CLOSED:
            raise ValidationError(
                {"status": _("Use “Close the body” to close it: a closing note and date are needed.")}
            )
    for field, value in changes.items():
        setattr(current, field, value)
    if "parent" in changes and current.parent_id is not None and current.parent_id != body.parent_id:
        _lock_space(current.space_id)
        _check_parent(current, current.parent)
    if "kind" in changes and current.kind != BodyKind.PROJECT:
        with_model = current.memberships.exclude(participation_model="")
        if with_model.exists():
            raise ValidationError(
                {
                    "kind": _(
                        "Only a project can have members with a participation model, and %(count)d membership(s) "
                        "of this body have one. Remove the participation models first."
                    )
                    % {"count": with_model.count()}
                }
            )
    _check_period(current.start_date, current.end_date)
    _full_clean(current)
    current.save()
    _copy_fields(current, body)
    return body


@transaction.atomic
def body_close(*, body: Body, actor: User | None, closed_at: date, closing_note: str) -> Body:
    """Close a body (the routine for closing a working group, seed 001).

    A final note and the closing date are required and who closed it is
    recorded. Memberships running on the closing date end on it. Refused when
    the body is already closed or still has active or planned child bodies.
    """
    ensure(actor is None or actor.has_perm("bodies.close_body", body))
    current = Body.objects.select_for_update(of=("self",)).select_related("closed_by").get(pk=body.pk)
    if current.status == BodyStatus.CLOSED:
        raise ValidationError(
            _("%(body)s was already closed on %(date)s%(by)s. A body can only be closed once.")
            % {
                "body": current.name,
                "date": _format_date(current.closed_at),
                "by": (" " + _("by %(name)s") % {"name": current.closed_by}) if current.closed_by else "",
            }
        )
    errors: dict[str, list[str]] = {}
    note = (closing_note or "").strip()
    if not note:
        errors.setdefault("closing_note", []).append(
            _("Write a closing note: what the body achieved and where its remaining questions go.")
        )
    if closed_at is None:
        errors.setdefault("closed_at", []).append(_("Give the date the body closes."))
    else:
        if closed_at > timezone.localdate():
            errors.setdefault("closed_at", []).append(_("The closing date cannot be in the future."))
        if current.start_date and closed_at < current.start_date:
            errors.setdefault("closed_at", []).append(
                _("The closing date cannot be before the body started (%(date)s).")
                % {"date": _format_date(current.start_date)}
            )
    if errors:
        raise ValidationError(errors)
    open_children = Body.objects.filter(parent=current).exclude(status=BodyStatus.CLOSED).order_by("name")
    if open_children.exists():
        # name only the children the actor may see; count the others
        shown = open_children
        if actor is not None:
            shown = open_children.filter(pk__in=Body.objects.restrict(actor).values("pk"))
        names = list(shown.values_list("name", flat=True))
        hidden = open_children.count() - len(names)
        if hidden:
            names.append(
                ngettext("%(count)d body that is not public", "%(count)d bodies that are not public", hidden)
                % {"count": hidden}
            )
        raise ValidationError(
            _(
                "%(body)s cannot be closed while bodies still report to it: %(children)s. "
                "Close them or let them report to another body first."
            )
            % {"body": current.name, "children": ", ".join(names)}
        )
    for membership in current.memberships.filter(Q(end_date__isnull=True) | Q(end_date__gt=closed_at)):
        if membership.start_date and membership.start_date > closed_at:
            membership.delete()  # never took effect; the audit log keeps the row
        else:
            membership.end_date = closed_at
            membership.save(update_fields=["end_date", "updated_at"])
    current.status = BodyStatus.CLOSED
    current.closed_at = closed_at
    current.closed_by = actor if actor is not None and actor.is_authenticated else None
    current.closing_note = note
    if current.end_date is None or current.end_date > closed_at:
        current.end_date = closed_at
    current.save()
    _copy_fields(current, body)
    _forget_seats(actor)
    return body


# --- memberships -----------------------------------------------------------------------


@transaction.atomic
def membership_create(*, body: Body, actor: User | None, data: MembershipData) -> Membership:
    """Add a person (for an organisation, by default their own) to a body with a role and a period.

    Refused for a closed body, for a participation model outside projects, and
    when the person already has a membership of the body in an overlapping
    period (an open start or end counts as unbounded).
    """
    ensure(actor is None or actor.has_perm("bodies.manage_memberships", body))
    locked = Body.objects.select_for_update().get(pk=body.pk)
    if locked.status == BodyStatus.CLOSED:
        raise ValidationError(_("%(body)s is closed and takes no new members.") % {"body": locked.name}, code="closed")
    contact = data.contact
    if not isinstance(contact, Contact):
        raise ValidationError({"contact": _("Choose the person.")})
    membership = Membership(body=locked)
    for field, value in data.given().items():
        setattr(membership, field, value)
    if not isinstance(data.organisation, Organisation):
        membership.organisation_id = contact.organisation_id
    _validate_membership(membership, locked)
    membership.save()
    _forget_seats(actor)
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, actor: User | None, data: MembershipData) -> Membership:
    """Change a membership's person, organisation, role, period, participation model or note."""
    ensure(actor is None or actor.has_perm("bodies.change_membership", membership))
    changes = data.given()
    locked = Body.objects.select_for_update().get(pk=membership.body_id)
    if locked.status == BodyStatus.CLOSED:
        raise ValidationError(
            _("%(body)s is closed: its memberships can no longer be changed.") % {"body": locked.name}, code="closed"
        )
    current = Membership.objects.select_related("contact").get(pk=membership.pk)
    if "contact" in changes and not isinstance(data.contact, Contact):
        raise ValidationError({"contact": _("Choose the person.")})
    for field, value in changes.items():
        setattr(current, field, value)
    if "organisation" in changes and data.organisation is None:
        current.organisation_id = current.contact.organisation_id
    _validate_membership(current, locked)
    current.save()
    _copy_fields(current, membership)
    _forget_seats(actor)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, actor: User | None, end_date: date) -> Membership:
    """End a membership on ``end_date`` (the person leaves the body)."""
    ensure(actor is None or actor.has_perm("bodies.change_membership", membership))
    Body.objects.select_for_update().filter(pk=membership.body_id).first()
    current = Membership.objects.select_related("contact").get(pk=membership.pk)
    if end_date is None:
        raise ValidationError({"end_date": _("Give the date the membership ends.")})
    if current.end_date is not None and current.end_date <= end_date:
        raise ValidationError(
            {
                "end_date": _("The membership of %(person)s already ends on %(date)s.")
                % {"person": current.contact.name, "date": _format_date(current.end_date)}
            }
        )
    if current.start_date and end_date < current.start_date:
        raise ValidationError(
            {
                "end_date": _("The end date cannot be before the membership started (%(date)s).")
                % {"date": _format_date(current.start_date)}
            }
        )
    current.end_date = end_date
    current.save(update_fields=["end_date", "updated_at"])
    _copy_fields(current, membership)
    _forget_seats(actor)
    return membership


# --- helpers ---------------------------------------------------------------------------------


def _forget_seats(actor: User | None) -> None:
    """A user's seats in bodies are cached on the user object for the request; drop the acting
    user's after a change (another person's seats are read afresh on their next request)."""
    forget_body_seats(actor)


def _lock_space(space_id: int) -> None:
    """Serialise changes to a space's "reports to" structure, so two edits cannot make a loop together."""
    Space.objects.select_for_update().filter(pk=space_id).first()


def _check_parent(body: Body, parent: Body | None) -> None:
    """The parent is in the same space, not closed, and does not make the chain a loop."""
    if parent is None:
        return
    if parent.space_id != body.space_id:
        raise ValidationError({"parent": _("A body can only report to a body of the same space.")})
    if body.pk is not None and parent.pk == body.pk:
        raise ValidationError({"parent": _("%(body)s cannot report to itself.") % {"body": body.name}})
    if parent.status == BodyStatus.CLOSED:
        raise ValidationError(
            {"parent": _("%(parent)s is closed; choose an active body to report to.") % {"parent": parent.name}}
        )
    if body.pk is None:
        return  # a new body has no children, so it cannot close a loop
    links = dict(Body.objects.filter(space_id=body.space_id).values_list("pk", "parent_id"))
    links[body.pk] = parent.pk
    chain = [body.pk]
    step: int | None = parent.pk
    while step is not None and len(chain) <= MAX_CHAIN:
        chain.append(step)
        if step == body.pk:
            names = dict(Body.objects.filter(pk__in=chain).values_list("pk", "name"))
            raise ValidationError(
                {
                    "parent": _("%(body)s cannot report to %(parent)s: that would make a loop (%(chain)s).")
                    % {
                        "body": body.name,
                        "parent": parent.name,
                        "chain": " → ".join(body.name if pk == body.pk else names.get(pk, "?") for pk in chain),
                    }
                }
            )
        step = links.get(step)


def _check_period(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


def _validate_membership(membership: Membership, body: Body) -> None:
    if membership.participation_model and body.kind != BodyKind.PROJECT:
        raise ValidationError(
            {
                "participation_model": _(
                    "A participation model describes how a region takes part in a national project, so it can "
                    "only be given for members of a project. Leave it empty for a %(kind)s."
                )
                % {"kind": body.get_kind_display().lower()}
            }
        )
    if not isinstance(membership.organisation, Organisation):
        raise ValidationError({"organisation": _("Choose the organisation the person represents.")})
    _check_period(membership.start_date, membership.end_date)
    _check_overlap(membership, body)
    _full_clean(membership)


def _check_overlap(membership: Membership, body: Body) -> None:
    """Refuse a second membership of the same person in the same body for an overlapping period."""
    others = Membership.objects.filter(body=body, contact_id=membership.contact_id)
    if membership.pk is not None:
        others = others.exclude(pk=membership.pk)
    if membership.end_date is not None:
        others = others.filter(Q(start_date__isnull=True) | Q(start_date__lte=membership.end_date))
    if membership.start_date is not None:
        others = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=membership.start_date))
    clash = others.order_by("start_date").first()
    if clash is not None:
        raise ValidationError(
            _(
                "%(person)s is already in %(body)s as %(role)s for %(period)s, which overlaps the period given. "
                "One person can hold only one membership of a body at a time: end the other membership first "
                "or choose other dates."
            )
            % {
                "person": membership.contact.name,
                "body": body.name,
                "role": clash.get_role_display().lower(),
                "period": _format_period(clash.start_date, clash.end_date),
            },
            code="overlap",
        )


def _format_date(day: date | None) -> str:
    return formats.date_format(day, "Y-m-d") if day else ""


def _format_period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return _("an open period")
    return _("%(start)s to %(end)s") % {
        "start": _format_date(start) if start else _("(open start)"),
        "end": _format_date(end) if end else _("(open end)"),
    }


def _full_clean(obj: Body | Membership) -> None:
    """Model validation (field choices, lengths, constraints) with the model's translated messages."""
    obj.full_clean(validate_unique=True, validate_constraints=True)


def _copy_fields(source: Body | Membership, target: Body | Membership) -> None:
    """Bring the caller's object up to date with what was saved."""
    if source is target:
        return
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    for cache in ("parent", "owner_organisation", "organisation", "contact", "closed_by"):
        if cache in source._state.fields_cache:
            target._state.fields_cache[cache] = source._state.fields_cache[cache]
        else:
            target._state.fields_cache.pop(cache, None)
