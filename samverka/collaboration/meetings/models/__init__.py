"""Meetings of bodies: agenda, invitations, attendance, minutes with approval, decisions and action items."""

from samverka.collaboration.meetings.models.follow_up import (
    ActionItem,
    ActionStatus,
    Decision,
    DecisionCounter,
    FollowUpState,
    ReminderLog,
)
from samverka.collaboration.meetings.models.meetings import (
    AgendaDocument,
    AgendaItem,
    AgendaKind,
    Answer,
    Attendance,
    Invitation,
    Meeting,
    MeetingStage,
    MeetingStatus,
)
from samverka.collaboration.meetings.models.minutes import Approval, ApprovalRole, Minutes, MinutesVersion

__all__ = [
    "ActionItem",
    "ActionStatus",
    "AgendaDocument",
    "AgendaItem",
    "AgendaKind",
    "Answer",
    "Approval",
    "ApprovalRole",
    "Attendance",
    "Decision",
    "DecisionCounter",
    "FollowUpState",
    "Invitation",
    "Meeting",
    "MeetingStage",
    "MeetingStatus",
    "Minutes",
    "MinutesVersion",
    "ReminderLog",
]
