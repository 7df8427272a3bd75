"""Who may use feeds, free/busy sources and scheduling polls.

Feeds and sources are personal: any logged-in user manages their own. A poll
belongs to a body: those who run the body's meetings (``meetings.add_meeting``)
create polls and choose the time; the poll's invitees see and answer it.

Objects: ``add_poll`` takes a Body; ``view_poll``, ``answer_poll`` and
``choose_poll_option`` a SchedulingPoll; ``change_freebusy_source`` a FreeBusySource.
"""

from typing import Any

import rules

from samverka.collaboration.calendars.models import FreeBusySource, SchedulingPoll


@rules.predicate
def runs_poll_body(user: Any, poll: Any) -> bool:
    return isinstance(poll, SchedulingPoll) and bool(user.has_perm("meetings.add_meeting", poll.body))


@rules.predicate
def may_schedule_for_body(user: Any, body: Any) -> bool:
    return bool(user.has_perm("meetings.add_meeting", body))


@rules.predicate
def is_poll_invitee(user: Any, poll: Any) -> bool:
    if not isinstance(poll, SchedulingPoll) or not user.is_authenticated:
        return False
    cached = getattr(poll, "invitee_user_ids", None)
    if cached is not None:
        return user.pk in cached
    return poll.invitees.filter(user=user).exists()


@rules.predicate
def poll_is_open(user: Any, poll: Any) -> bool:
    return isinstance(poll, SchedulingPoll) and poll.is_open


@rules.predicate
def owns_source(user: Any, source: Any) -> bool:
    return isinstance(source, FreeBusySource) and user.is_authenticated and source.user_id == user.pk


rules.add_perm("calendars.view_feeds", rules.predicates.is_authenticated)
rules.add_perm("calendars.manage_freebusy", rules.predicates.is_authenticated)
rules.add_perm("calendars.change_freebusy_source", owns_source)
rules.add_perm("calendars.add_poll", may_schedule_for_body)
rules.add_perm("calendars.view_poll", runs_poll_body | is_poll_invitee)
rules.add_perm("calendars.answer_poll", is_poll_invitee & poll_is_open)
rules.add_perm("calendars.choose_poll_option", runs_poll_body & poll_is_open)
