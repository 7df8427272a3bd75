from samverka.records.retention.views.export import ArchiveExportView, DeliveryDetailView, DeliveryListView
from samverka.records.retention.views.holds import LegalHoldLiftView, LegalHoldView
from samverka.records.retention.views.runs import (
    DisposalLogView,
    RunApproveView,
    RunCancelView,
    RunDetailView,
    RunExecuteView,
    RunProposeView,
)
from samverka.records.retention.views.schedule import RetentionHomeView, RuleCreateView, RuleDeleteView, RuleUpdateView

__all__ = [
    "ArchiveExportView",
    "DeliveryDetailView",
    "DeliveryListView",
    "DisposalLogView",
    "LegalHoldLiftView",
    "LegalHoldView",
    "RetentionHomeView",
    "RuleCreateView",
    "RuleDeleteView",
    "RuleUpdateView",
    "RunApproveView",
    "RunCancelView",
    "RunDetailView",
    "RunExecuteView",
    "RunProposeView",
]
