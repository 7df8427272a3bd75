"""Times of meetings: entered as Stockholm wall-clock time, stored as aware datetimes.

A wall-clock time that does not exist (the hour skipped when summer time
starts, e.g. 2026-03-29 02:30) is refused with an explanation rather than
silently moved. A time that exists twice (the hour repeated when summer time
ends) is read as the first occurrence, summer time.
"""

from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samverka.platform.core.ics import STOCKHOLM


def is_in_dst_gap(moment: datetime) -> bool:
    """Whether a naive Stockholm wall-clock time falls in the hour skipped in spring."""
    aware = moment.replace(tzinfo=STOCKHOLM)
    round_trip = aware.astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None)
    return round_trip != moment.replace(tzinfo=None)


def stockholm(moment: datetime, *, field: str = "start") -> datetime:
    """An aware datetime for ``moment``: naive values are Stockholm wall-clock time (checked for the gap)."""
    if timezone.is_aware(moment):
        return moment
    if is_in_dst_gap(moment):
        raise ValidationError(
            {
                field: _(
                    "%(time)s does not exist in Sweden: on %(date)s the clocks move forward from 02:00 to 03:00 "
                    "for summer time. Choose a time before 02:00 or from 03:00."
                )
                % {"time": moment.strftime("%H:%M"), "date": formats.date_format(moment.date(), "j F Y")}
            },
            code="dst_gap",
        )
    return moment.replace(tzinfo=STOCKHOLM, fold=0)


def combine(day: date, clock: time, *, field: str = "start") -> datetime:
    """The aware datetime of a date and a Stockholm wall-clock time."""
    return stockholm(datetime.combine(day, clock), field=field)  # noqa: DTZ001 (made aware by stockholm())


def local(moment: datetime) -> datetime:
    """``moment`` in Stockholm time."""
    return moment.astimezone(STOCKHOLM)


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The aware start and end of a Stockholm day."""
    start = datetime.combine(day, time.min).replace(tzinfo=STOCKHOLM)  # noqa: DTZ001
    end = datetime.combine(day + timedelta(days=1), time.min).replace(tzinfo=STOCKHOLM)  # noqa: DTZ001
    return start, end
