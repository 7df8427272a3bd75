"""Writes about minutes (protokoll): attendance, the text per agenda item, the adjuster,
approval (justering) and corrections.

Decisions recorded here:

* The minutes live in numbered versions. Version 1 is created when the first
  text or attendance is written. Only the newest version can be edited, and
  only until it is approved.
* Approval is personal: the person recorded as the meeting's chair and the
  appointed adjuster each sign with the user account linked to them. When both
  have signed, the version is locked. An edit of a version that one of them has
  already signed withdraws that signature (they signed another text).
* A locked version is never changed. A correction is a new version with a
  mandatory reason, starting as a copy of the previous text, and is approved
  again; earlier versions stay readable.
* Attendance belongs to the minutes: it cannot change while the newest version
  is locked either.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.meetings.models import (
    AgendaItem,
    Approval,
    ApprovalRole,
    Attendance,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesVersion,
)
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.richtext import sanitise

#: How attendance is marked per person on the minutes page.
PRESENT, ABSENT, SUBSTITUTED = "present", "absent", "substitute"


@dataclass(frozen=True)
class AttendanceEntry:
    """One invited person or member and whether they came (or who came in their place)."""

    name: str
    status: str = PRESENT
    contact: Contact | None = None
    organisation_name: str = ""
    role_label: str = ""
    substitute_name: str = ""


def latest_version(meeting: Meeting) -> MinutesVersion | None:
    """The newest version of the meeting's minutes, or None when nothing has been written."""
    return meeting.minutes_versions.order_by("-number").first()


def _locked_meeting(meeting: Meeting) -> Meeting:
    """The meeting row, locked so that two secretaries or signatories do not interleave."""
    return (
        Meeting.objects.select_for_update(of=("self",)).select_related("chair", "adjuster", "body").get(pk=meeting.pk)
    )


def _editable_version(meeting: Meeting, actor: User | None) -> MinutesVersion:
    """The version to write into: the newest one, created as version 1 if none; refused when locked."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting was cancelled; it has no minutes."))
    version = latest_version(meeting)
    if version is None:
        return MinutesVersion.objects.create(meeting=meeting, number=1, created_by=_user(actor))
    if version.is_locked:
        raise ValidationError(
            _(
                "Version %(number)d of the minutes is approved and locked; nothing was changed. "
                "To change it, make a correction: a new version with a reason, approved again."
            )
            % {"number": version.number}
        )
    return version


def _user(actor: User | None) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _withdraw_approvals(version: MinutesVersion) -> int:
    deleted, _rows = version.approvals.all().delete()
    return deleted


@transaction.atomic
def minutes_save(*, actor: User | None, meeting: Meeting, texts: Mapping[int, str]) -> MinutesVersion:
    """Write the minutes text of agenda items (``{agenda_item_id: text}``), sanitised.

    Refused (nothing changed) when the newest version is locked or an item is not on this agenda.
    """
    ensure(actor is None or actor.has_perm("meetings.change_minutes", meeting))
    meeting = _locked_meeting(meeting)
    items = {item.pk: item for item in AgendaItem.objects.filter(meeting=meeting, pk__in=list(texts))}
    unknown = [pk for pk in texts if pk not in items]
    if unknown:
        raise ValidationError(_("An agenda item is not on this meeting's agenda; nothing was saved."))
    version = _editable_version(meeting, actor)
    existing = {entry.agenda_item_id: entry for entry in version.entries.all()}
    changed = False
    for pk, raw in texts.items():
        text = sanitise(sanitise(raw))  # as the field stores it (its pre_save cleans once more)
        entry = existing.get(pk)
        if entry is None:
            if text:
                Minutes.objects.create(version=version, agenda_item=items[pk], text=text)
                changed = True
        elif entry.text != text:
            entry.text = text
            entry.save(update_fields=["text", "updated_at"])
            changed = True
    if changed:
        _withdraw_approvals(version)
    return version


@transaction.atomic
def attendance_record(*, actor: User | None, meeting: Meeting, entries: Iterable[AttendanceEntry]) -> list[Attendance]:
    """Replace the meeting's attendance list (närvaro) with ``entries``.

    A person marked as substituted is recorded as absent, and the substitute as
    present "substitute for" that person.
    """
    ensure(actor is None or actor.has_perm("meetings.change_minutes", meeting))
    meeting = _locked_meeting(meeting)
    entries = list(entries)
    errors: list[str] = []
    seen: set[int] = set()
    for entry in entries:
        if entry.status not in (PRESENT, ABSENT, SUBSTITUTED):
            errors.append(_("Unknown attendance for %(name)s.") % {"name": entry.name})
        if not entry.name.strip():
            errors.append(_("Every person on the attendance list needs a name."))
        if entry.status == SUBSTITUTED and not entry.substitute_name.strip():
            errors.append(_("Give the name of the substitute for %(name)s.") % {"name": entry.name})
        if entry.contact is not None:
            if entry.contact.pk in seen:
                errors.append(_("%(name)s is on the list twice.") % {"name": entry.name})
            seen.add(entry.contact.pk)
    if errors:
        raise ValidationError(errors)
    rows = _attendance_rows(meeting, entries)
    existing = list(meeting.attendances.order_by("pk"))
    if existing and sorted(map(_attendance_key, existing)) == sorted(map(_attendance_key, rows)):
        return existing  # the same list again: nothing changes, no signature is withdrawn
    version = _editable_version(meeting, actor)
    meeting.attendances.all().delete()
    created = Attendance.objects.bulk_create(rows)
    _withdraw_approvals(version)
    return created


def _attendance_key(row: Attendance) -> tuple[Any, ...]:
    return (row.contact_id or 0, row.name, row.organisation_name, row.role_label, row.present, row.substitute_for)


def _attendance_rows(meeting: Meeting, entries: list[AttendanceEntry]) -> list[Attendance]:
    """The attendance rows ``entries`` stand for (a substituted person: absent, and the substitute present)."""
    rows = []
    for entry in entries:
        rows.append(
            Attendance(
                meeting=meeting,
                contact=entry.contact,
                name=entry.name.strip()[:200],
                organisation_name=entry.organisation_name[:255],
                role_label=entry.role_label[:100],
                present=entry.status == PRESENT,
            )
        )
        if entry.status == SUBSTITUTED:
            rows.append(
                Attendance(
                    meeting=meeting,
                    name=entry.substitute_name.strip()[:200],
                    organisation_name=entry.organisation_name[:255],
                    present=True,
                    substitute_for=entry.name.strip()[:200],
                )
            )
    return rows


@transaction.atomic
def adjuster_appoint(*, actor: User | None, meeting: Meeting, adjuster: Contact) -> Meeting:
    """Appoint the person who approves the minutes with the chair (justerare)."""
    ensure(actor is None or actor.has_perm("meetings.change_minutes", meeting))
    current = _locked_meeting(meeting)
    if adjuster is None:
        raise ValidationError({"adjuster": _("Choose the person who approves the minutes with the chair.")})
    if current.chair_id is not None and adjuster.pk == current.chair_id:
        raise ValidationError({"adjuster": _("The adjuster must be someone other than the chair.")})
    version = latest_version(current)
    if version is not None and version.approvals.filter(role=ApprovalRole.ADJUSTER).exists():
        raise ValidationError(
            {"adjuster": _("The adjuster has already approved this version of the minutes; it cannot be changed.")}
        )
    current.adjuster = adjuster
    current.save(update_fields=["adjuster", "updated_at"])
    meeting.adjuster = adjuster
    return meeting


@transaction.atomic
def signatories_appoint(
    *, actor: User | None, meeting: Meeting, chair: Contact | None, adjuster: Contact | None
) -> Meeting:
    """Name the meeting's chair and the adjuster (justerare) where the minutes are written.

    Either may be left open for now; they must be two different people. Someone who has
    already approved the newest version cannot be replaced (their signature is on it).
    Saving the same people again changes nothing.
    """
    ensure(actor is None or actor.has_perm("meetings.change_minutes", meeting))
    current = _locked_meeting(meeting)
    if current.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting was cancelled; it has no minutes."))
    if chair is not None and adjuster is not None and chair.pk == adjuster.pk:
        raise ValidationError({"adjuster": _("The adjuster must be someone other than the chair.")})
    version = latest_version(current)
    signed = set(version.approvals.values_list("role", flat=True)) if version is not None else set()
    errors: dict[str, list[str]] = {}
    if ApprovalRole.CHAIR in signed and getattr(chair, "pk", None) != current.chair_id:
        errors["chair"] = [_("The chair has already approved this version of the minutes; it cannot be changed.")]
    if ApprovalRole.ADJUSTER in signed and getattr(adjuster, "pk", None) != current.adjuster_id:
        errors["adjuster"] = [_("The adjuster has already approved this version of the minutes; it cannot be changed.")]
    if errors:
        raise ValidationError(errors)
    changed = []
    for field, person in (("chair", chair), ("adjuster", adjuster)):
        if getattr(current, f"{field}_id") != getattr(person, "pk", None):
            setattr(current, field, person)
            changed.append(field)
    if changed:
        current.save(update_fields=[*changed, "updated_at"])
    meeting.chair, meeting.adjuster = current.chair, current.adjuster
    return meeting


@transaction.atomic
def minutes_approve(*, actor: User, meeting: Meeting) -> Approval:
    """Sign the newest version of the minutes as the meeting's chair or adjuster.

    When both have signed, the version is approved and locked. Refused without
    the role (PermissionDenied), and when there is nothing to approve.
    """
    from samverka.collaboration.meetings.permissions import is_signatory

    # The rule itself, not has_perm: a platform admin (superuser) passes every has_perm, but signing is personal.
    ensure(actor is not None and actor.has_perm("meetings.approve_minutes", meeting))
    current = _locked_meeting(meeting)
    ensure(bool(is_signatory.test(actor, current)))
    if current.chair_id is None or current.adjuster_id is None:
        raise ValidationError(_("Both a chair and an adjuster must be named before the minutes can be approved."))
    if current.chair_id == current.adjuster_id:
        raise ValidationError(_("The adjuster must be someone other than the chair."))
    if current.start > timezone.now():
        raise ValidationError(_("The meeting has not taken place yet; there are no minutes to approve."))
    version = latest_version(current)
    if version is None or not version.entries.exists():
        raise ValidationError(_("No minutes have been written yet."))
    if version.is_locked:
        raise ValidationError(_("This version of the minutes is already approved."))
    signed = set(version.approvals.values_list("role", flat=True))
    roles = []
    if current.chair and current.chair.user_id == actor.pk:
        roles.append((ApprovalRole.CHAIR, current.chair))
    if current.adjuster and current.adjuster.user_id == actor.pk:
        roles.append((ApprovalRole.ADJUSTER, current.adjuster))
    todo = [(role, contact) for role, contact in roles if role not in signed]
    if not roles:
        raise PermissionDenied
    if not todo:
        raise ValidationError(_("You have already approved this version of the minutes."))
    role, contact = todo[0]
    now = timezone.now()
    approval = Approval.objects.create(
        version=version, role=role, user=actor, contact=contact, name=contact.name, approved_at=now
    )
    if signed | {role} == {ApprovalRole.CHAIR, ApprovalRole.ADJUSTER}:
        version.approved_at = now
        version.save(update_fields=["approved_at"])
    return approval


@transaction.atomic
def minutes_correct(*, actor: User | None, meeting: Meeting, reason: str) -> MinutesVersion:
    """Start a correction of approved minutes: a new version (a copy) with the reason, to approve again."""
    ensure(actor is None or actor.has_perm("meetings.change_minutes", meeting))
    current = _locked_meeting(meeting)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    version = latest_version(current)
    if version is None:
        raise ValidationError(_("No minutes have been written yet; there is nothing to correct."))
    if not version.is_locked:
        raise ValidationError(
            _("Version %(number)d is not approved yet; change it directly instead of making a correction.")
            % {"number": version.number}
        )
    new = MinutesVersion.objects.create(
        meeting=current, number=version.number + 1, reason=reason, created_by=_user(actor)
    )
    Minutes.objects.bulk_create(
        Minutes(version=new, agenda_item_id=entry.agenda_item_id, text=entry.text) for entry in version.entries.all()
    )
    return new


@transaction.atomic
def minutes_submit(*, actor: User | None, meeting: Meeting) -> int:
    """Send the newest version to the chair and the adjuster for approval: an e-mail each with a link
    (once per version and person). Returns the number of e-mails queued."""
    from django.conf import settings
    from django.urls import reverse

    from samverka.platform.notifications.services import EmailSpec, enqueue_emails

    ensure(actor is None or actor.has_perm("meetings.change_minutes", meeting))
    current = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("chair__user", "adjuster__user", "body__space")
        .get(pk=meeting.pk)
    )
    version = latest_version(current)
    if version is None or not version.entries.exists():
        raise ValidationError(_("No minutes have been written yet."))
    if version.is_locked:
        raise ValidationError(_("This version of the minutes is already approved."))
    if current.chair is None or current.adjuster is None:
        raise ValidationError(_("Both a chair and an adjuster must be named before the minutes can be approved."))
    version.submitted_at = timezone.now()
    version.save(update_fields=["submitted_at"])
    link = settings.SITE_URL.rstrip("/") + reverse(
        "meetings:minutes-approve", kwargs={"space": current.body.space.slug, "pk": current.pk}
    )
    signed = set(version.approvals.values_list("role", flat=True))
    specs = []
    for role, contact in ((ApprovalRole.CHAIR, current.chair), (ApprovalRole.ADJUSTER, current.adjuster)):
        email = contact.email or (contact.user.email if contact.user else "")
        if role in signed or not email:
            continue
        specs.append(
            EmailSpec(
                to=email,
                subject=_("Minutes to approve: %(title)s") % {"title": current.title},
                body="\n".join(
                    [
                        _("Hello %(name)s,") % {"name": contact.name},
                        "",
                        _("The minutes of %(title)s (%(body)s, %(date)s) are ready for your approval as %(role)s.")
                        % {
                            "title": current.title,
                            "body": current.body.name,
                            "date": f"{current.start:%Y-%m-%d}",
                            "role": ApprovalRole(role).label,
                        },
                        "",
                        _("Read and approve them here: %(url)s") % {"url": link},
                    ]
                ),
                key=f"minutes-approval:{version.pk}:{role}",
            )
        )
    return enqueue_emails(specs, space=current.body.space)
