"""Every write about annual wheels: syncing the shipped templates, adopting a template (which
generates the year's meetings) and regenerating an adoption.

Meetings are created and moved only through the meetings app's services
(``meeting_create``, ``meeting_update``). Each function is one transaction: when
it refuses (PermissionDenied or ValidationError) nothing has been written.
``actor=None`` means the system (demo loader) and skips the permission check.

Decisions recorded here:

* Generating never touches a meeting already held (started before now),
  cancelled, removed, invited or changed by hand: regenerating only creates
  missing future occurrences and moves the wheel's own untouched future
  meetings. ``adoption_plan`` (selectors) shows the same plan as a dry run.
* Adopting the same template for the same body and year again is a
  regeneration, never a second set of meetings.
* A space-wide slot (the industry forums' shared future seminar) gives one
  meeting per space and year: the first body to adopt the template hosts it,
  later adoptions in the space link to that meeting (``shared``) and never
  change it.
* Generated texts are written in the site's language (settings.LANGUAGE_CODE):
  meetings are shared content read by everyone in the body.
"""

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from samverka.collaboration.bodies.models import Body, BodyStatus
from samverka.collaboration.meetings import services as meeting_services
from samverka.collaboration.meetings.models import Meeting
from samverka.collaboration.wheels import selectors
from samverka.collaboration.wheels.models import Adoption, GeneratedMeeting, WheelSlot, WheelTemplate
from samverka.collaboration.wheels.registry import SHIPPED
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.spaces.models import Space

MIN_YEAR, MAX_YEAR = 2000, 2100


# --- templates ---------------------------------------------------------------------------


@transaction.atomic
def sync_wheel_templates() -> int:
    """Write the shipped templates of ``registry.py`` to the database (idempotent).

    Slots no longer in the registry are deleted when no meeting was generated from
    them, else only taken out of use. Returns the number of templates written.
    """
    for spec in SHIPPED.values():
        template, _created = WheelTemplate.objects.update_or_create(
            key=spec.key,
            defaults={"name": spec.name, "description": spec.description, "shipped": True, "space": None},
        )
        keys = []
        for position, slot in enumerate(spec.slots, start=1):
            keys.append(slot.key)
            WheelSlot.objects.update_or_create(
                template=template,
                key=slot.key,
                defaults={
                    "position": position,
                    "title": slot.title,
                    "months": list(slot.months),
                    "week_of_month": slot.week_of_month,
                    "weekday": slot.weekday,
                    "interval_weeks": slot.interval_weeks,
                    "start_month": slot.start_month,
                    "start_day": slot.start_day,
                    "time_of_day": slot.time_of_day,
                    "duration_minutes": slot.duration_minutes,
                    "agenda": [item.as_dict() for item in slot.agenda],
                    "space_wide": slot.space_wide,
                    "active": True,
                },
            )
        gone = template.slots.exclude(key__in=keys)
        used = set(GeneratedMeeting.objects.filter(slot__in=gone).values_list("slot_id", flat=True))
        gone.filter(pk__in=used).update(active=False)
        gone.exclude(pk__in=used).delete()
    return len(SHIPPED)


# --- adopting ----------------------------------------------------------------------------


@dataclass
class WheelResult:
    """What applying a plan did."""

    adoption: Adoption
    created: list[Meeting] = field(default_factory=list)
    moved: list[Meeting] = field(default_factory=list)
    linked: list[Meeting] = field(default_factory=list)
    kept: int = 0


def _check_year(year: Any) -> int:
    if not isinstance(year, int) or not (MIN_YEAR <= year <= MAX_YEAR):
        raise ValidationError(
            {"year": _("Give a year between %(min)d and %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}}
        )
    return year


def _template(body: Body, key: str) -> WheelTemplate:
    template = selectors.template_for(body.space, key)
    if template is None and key in SHIPPED:
        sync_wheel_templates()  # a database flushed since migrate (tests) gets the shipped templates back
        template = selectors.template_for(body.space, key)
    if template is None:
        raise ValidationError({"template": _("There is no annual-wheel template named “%(key)s”.") % {"key": key}})
    return template


def _snapshot(link: GeneratedMeeting, meeting: Meeting, row: selectors.PlanRow) -> None:
    link.meeting = meeting
    link.planned_start, link.planned_end, link.planned_title = meeting.start, meeting.end, meeting.title
    link.original_date = row.planned.original_day
    link.move_reason = row.planned.reason
    link.meeting_sequence = meeting.sequence
    link.meeting_updated_at = Meeting.objects.filter(pk=meeting.pk).values_list("updated_at", flat=True).first()


@transaction.atomic
def wheel_adopt(
    *,
    actor: User | None,
    body: Body,
    template_key: str,
    year: int,
    time_of_day: time | None = None,
    place: str = "",
    now: datetime | None = None,
    include_past: bool = False,
) -> WheelResult:
    """Adopt a template for ``body`` and ``year``: generate the year's meetings with their themed agendas.

    ``time_of_day`` (Stockholm time) replaces each slot's usual time; ``place`` is
    given to every new meeting. Dates avoid weekends, Swedish public holidays and
    the summer break (a moved meeting records why). Occurrences already past are
    not created unless ``include_past``. Adopting again regenerates (see
    ``wheel_regenerate``); nothing is ever generated twice.
    """
    ensure(actor is None or actor.has_perm("wheels.adopt_wheel", body))
    year = _check_year(year)
    if body.status == BodyStatus.CLOSED:
        raise ValidationError(_("%(name)s is closed and holds no more meetings.") % {"name": body.name})
    place = (place or "").strip()
    template = _template(body, template_key)
    # One writer per space at a time: the space-wide meeting is created once per space and year.
    Space.objects.select_for_update().filter(pk=body.space_id).first()
    adoption, created = Adoption.objects.get_or_create(
        body=body,
        template=template,
        year=year,
        defaults={"time_of_day": time_of_day, "place": place, "adopted_by": actor if _is_user(actor) else None},
    )
    if not created and (adoption.time_of_day, adoption.place) != (time_of_day, place):
        adoption.time_of_day, adoption.place = time_of_day, place
        adoption.save(update_fields=["time_of_day", "place", "updated_at"])
    rows = selectors.adoption_plan(
        body=body,
        template=template,
        year=year,
        time_of_day=time_of_day,
        place=place,
        now=now,
        include_past=include_past,
    )
    return _apply(actor, body, adoption, rows)


def wheel_regenerate(
    *,
    actor: User,
    adoption: Adoption,
    time_of_day: time | None = None,
    place: str = "",
    now: datetime | None = None,
) -> WheelResult:
    """Generate an adoption again (after the template, the time or the place changed).

    Never moves a meeting already held, cancelled, invited or changed by hand;
    creates the missing future occurrences and moves the wheel's untouched future ones.
    """
    return wheel_adopt(
        actor=actor,
        body=adoption.body,
        template_key=adoption.template.key,
        year=adoption.year,
        time_of_day=time_of_day,
        place=place,
        now=now,
    )


def _is_user(actor: User | None) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def _apply(actor: User | None, body: Body, adoption: Adoption, rows: list[selectors.PlanRow]) -> WheelResult:
    # The meetings app writes its own texts (the standing follow-up item) in the active language.
    with translation.override(settings.LANGUAGE_CODE):
        return _apply_rows(actor, body, adoption, rows)


def _apply_rows(actor: User | None, body: Body, adoption: Adoption, rows: list[selectors.PlanRow]) -> WheelResult:
    result = WheelResult(adoption=adoption)
    for row in rows:
        if row.action == selectors.CREATE:
            meeting = meeting_services.meeting_create(
                actor=actor,
                body=body,
                title=row.title,
                start=row.start,
                end=row.end,
                place=adoption.place,
                agenda=[{**item} for item in row.agenda],
            )
            link = GeneratedMeeting(adoption=adoption, slot=row.slot, occurrence=row.planned.occurrence)
            _snapshot(link, meeting, row)
            link.save()
            result.created.append(meeting)
        elif row.action == selectors.MOVE and row.link is not None and row.meeting is not None:
            meeting = meeting_services.meeting_update(
                actor=actor,
                meeting=row.meeting,
                data=meeting_services.MeetingData(start=row.start, end=row.end, title=row.title, place=adoption.place),
            )
            _snapshot(row.link, meeting, row)
            row.link.save()
            result.moved.append(meeting)
        elif row.action == selectors.LINK and row.link is not None and row.meeting is not None:
            host = row.link
            GeneratedMeeting.objects.create(
                adoption=adoption,
                slot=row.slot,
                occurrence=row.planned.occurrence,
                meeting=row.meeting,
                shared=True,
                planned_start=host.planned_start,
                planned_end=host.planned_end,
                planned_title=host.planned_title,
                original_date=host.original_date,
                move_reason=host.move_reason,
                meeting_sequence=host.meeting_sequence,
                meeting_updated_at=host.meeting_updated_at,
            )
            result.linked.append(row.meeting)
        else:
            result.kept += 1
    if result.created or result.moved or result.linked:
        adoption.save(update_fields=["updated_at"])
    return result
