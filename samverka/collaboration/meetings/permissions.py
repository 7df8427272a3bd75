"""Who may see and run meetings, minutes, decisions and action items.

The body decides: who may see a body sees its meetings, agendas, decisions
and action items; who runs a body (platform admin, the space's admin or
secretariat, the body's chair, process leader or secretary) runs its
meetings. Names of invitees and attendees follow the body's rule for names
of members. Minutes are for the space's insiders and the body's members
until they are approved and published (the meeting's "publish the minutes"),
then for everyone.

Approving minutes (justering) is personal: only the person recorded as the
meeting's chair or its appointed adjuster, through the user account linked
to that person, may sign — not the secretariat, not a platform admin.

The online link, the message in the invitation and the agenda's documents are
internal: only who sees the body's inside (the space's insiders, the body's
members, who runs the body) and the meeting's invitees see them, unless the
meeting's link and message (``details_public``) or a document (``is_public``)
is marked public. Anonymous visitors and external guests of the space see
only what was marked public.

Objects: rules named ``*_meeting`` and ``*_minutes`` take a Meeting;
``add_meeting`` and ``view_body_meetings`` a Body; ``answer_invitation`` an
Invitation; ``change_decision`` a Decision; ``change_action_item`` an
ActionItem; ``view_space_overdue`` a Space; ``view_body_internals`` a Body;
``view_agenda_document`` an AgendaDocument.
"""

from collections.abc import Iterable
from typing import Any

import rules
from django.db.models import Q

from samverka.collaboration.bodies.models import Body, BodyStatus
from samverka.collaboration.bodies.permissions import is_body_member, runs_body, runs_space
from samverka.collaboration.meetings.models import ActionItem, AgendaDocument, AgendaItem, Decision, Invitation, Meeting
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider


def body_of(obj: Any) -> Body | None:
    """The body an object of this app belongs to."""
    if isinstance(obj, Body):
        return obj
    if isinstance(obj, Meeting | Decision | ActionItem):
        return obj.body
    if isinstance(obj, AgendaItem | Invitation):
        return obj.meeting.body
    if isinstance(obj, AgendaDocument):
        return obj.agenda_item.meeting.body
    return None


def _on_body(predicate: Any, name: str) -> rules.Predicate:
    def check(user: Any, obj: Any) -> bool:
        body = body_of(obj)
        return body is not None and bool(predicate.test(user, body))

    return rules.Predicate(check, name=name)


can_view_body = _on_body(rules.predicates.is_authenticated | ~rules.predicates.is_authenticated, "any")
runs_meetings = _on_body(runs_body, "runs_meetings")


@rules.predicate
def sees_body(user: Any, obj: Any) -> bool:
    body = body_of(obj)
    return body is not None and bool(user.has_perm("bodies.view_body", body))


@rules.predicate
def sees_body_people(user: Any, obj: Any) -> bool:
    body = body_of(obj)
    return body is not None and bool(user.has_perm("bodies.view_membership_people", body))


is_member_of_body = _on_body(is_body_member, "is_member_of_body")
is_insider_of_body = _on_body(is_platform_admin | is_space_insider, "is_insider_of_body")


@rules.predicate
def body_is_open(user: Any, obj: Any) -> bool:
    body = body_of(obj)
    return body is not None and body.status != BodyStatus.CLOSED


def _user_of_contact(contact_id: int | None, contact: Any) -> int | None:
    return contact.user_id if contact_id is not None and contact is not None else None


@rules.predicate
def is_meeting_chair(user: Any, meeting: Any) -> bool:
    return (
        isinstance(meeting, Meeting)
        and user.is_authenticated
        and _user_of_contact(meeting.chair_id, meeting.chair) == user.pk
    )


@rules.predicate
def is_meeting_adjuster(user: Any, meeting: Any) -> bool:
    return (
        isinstance(meeting, Meeting)
        and user.is_authenticated
        and _user_of_contact(meeting.adjuster_id, meeting.adjuster) == user.pk
    )


is_signatory = is_meeting_chair | is_meeting_adjuster


@rules.predicate
def minutes_published(user: Any, meeting: Any) -> bool:
    """The meeting's minutes are public and an approved version exists."""
    if not isinstance(meeting, Meeting) or not meeting.is_public:
        return False
    published = getattr(meeting, "minutes_published", None)
    if published is None:  # with_stage()'s annotation says the same: an approved version exists
        published = getattr(meeting, "minutes_approved", None)
    if published is None:
        published = meeting.minutes_versions.filter(approved_at__isnull=False).exists()
    return bool(published)


@rules.predicate
def is_invited_to_meeting(user: Any, meeting: Any) -> bool:
    """The user (or their person) has an invitation to this meeting (one query, remembered on the meeting)."""
    if not isinstance(meeting, Meeting) or not user.is_authenticated:
        return False
    cache: dict[int, bool] = meeting.__dict__.setdefault("_invited_users", {})
    if user.pk not in cache:
        cache[user.pk] = meeting.invitations.filter(Q(user=user) | Q(contact__user=user)).exists()
    return cache[user.pk]


def remember_invitations(user: Any, meetings: Iterable[Meeting]) -> None:
    """Answer ``is_invited_to_meeting`` for a list of meetings with one query instead of one per meeting."""
    meetings = list(meetings)
    if not user.is_authenticated or not meetings:
        return
    invited = set(
        Invitation.objects.filter(meeting_id__in=[meeting.pk for meeting in meetings])
        .filter(Q(user=user) | Q(contact__user=user))
        .order_by()
        .values_list("meeting_id", flat=True)
    )
    for meeting in meetings:
        meeting.__dict__.setdefault("_invited_users", {})[user.pk] = meeting.pk in invited


@rules.predicate
def details_are_public(user: Any, meeting: Any) -> bool:
    return isinstance(meeting, Meeting) and meeting.details_public


@rules.predicate
def document_is_public(user: Any, document: Any) -> bool:
    return isinstance(document, AgendaDocument) and document.is_public


def _on_meeting_of_document(predicate: Any, name: str) -> rules.Predicate:
    def check(user: Any, document: Any) -> bool:
        return isinstance(document, AgendaDocument) and bool(predicate.test(user, document.agenda_item.meeting))

    return rules.Predicate(check, name=name)


@rules.predicate
def is_invitee(user: Any, invitation: Any) -> bool:
    if not isinstance(invitation, Invitation) or not user.is_authenticated:
        return False
    if invitation.user_id == user.pk:
        return True
    return (
        invitation.contact_id is not None and invitation.contact is not None and invitation.contact.user_id == user.pk
    )


@rules.predicate
def owns_action_item(user: Any, item: Any) -> bool:
    if not isinstance(item, ActionItem) or not user.is_authenticated:
        return False
    if item.owner_user_id == user.pk:
        return True
    return (
        item.owner_contact_id is not None and item.owner_contact is not None and item.owner_contact.user_id == user.pk
    )


rules.add_perm("meetings.view_body_meetings", sees_body)
rules.add_perm("meetings.add_meeting", runs_meetings & body_is_open)
rules.add_perm("meetings.view_meeting", sees_body)
rules.add_perm("meetings.change_meeting", runs_meetings)
rules.add_perm("meetings.view_meeting_people", sees_body_people)
#: The inside of a body (its meetings' online links, messages and internal documents), e.g. in feeds.
sees_body_internals = is_insider_of_body | is_member_of_body | runs_meetings
rules.add_perm("meetings.view_body_internals", sees_body_internals)
#: A meeting's inside: who sees the body's inside, and the meeting's invitees.
sees_meeting_internals = sees_body & (sees_body_internals | is_invited_to_meeting)
rules.add_perm("meetings.view_meeting_internals", sees_meeting_internals)
#: The online link and the message of the invitation: the meeting's inside, or everyone when marked public.
rules.add_perm("meetings.view_meeting_details", sees_meeting_internals | (sees_body & details_are_public))
#: A document on the agenda: the meeting's inside, or everyone who sees the meeting when marked public.
rules.add_perm(
    "meetings.view_agenda_document",
    _on_meeting_of_document(sees_body, "sees_body_of_document")
    & (document_is_public | _on_meeting_of_document(sees_meeting_internals, "sees_internals_of_document")),
)
rules.add_perm(
    "meetings.view_minutes",
    minutes_published | (sees_body & (is_insider_of_body | is_member_of_body | is_signatory | runs_meetings)),
)
rules.add_perm("meetings.approve_minutes", is_signatory)
rules.add_perm("meetings.answer_invitation", is_invitee)
rules.add_perm("meetings.change_decision", runs_meetings)
rules.add_perm("meetings.change_action_item", runs_meetings | owns_action_item)
rules.add_perm("meetings.view_my_page", rules.predicates.is_authenticated)
rules.add_perm("meetings.view_space_overdue", runs_space)
# Writing the minutes, attendance, decisions and action items of a meeting (meetings-B).
rules.add_perm("meetings.change_minutes", runs_meetings)
