"""Pages of the intake app: the public diary, copy requests, the contact form and triage."""

from samverka.records.intake.views.public import ContactDoneView, ContactView, CopyRequestView, DiaryView
from samverka.records.intake.views.triage import (
    AssignBodyView,
    AssignCaseView,
    AttachmentDownloadView,
    ItemDetailView,
    RejectView,
    TriageListView,
)

__all__ = [
    "AssignBodyView",
    "AssignCaseView",
    "AttachmentDownloadView",
    "ContactDoneView",
    "ContactView",
    "CopyRequestView",
    "DiaryView",
    "ItemDetailView",
    "RejectView",
    "TriageListView",
]
