from samverka.steering.workplans.views.activities import (
    ActivityCreateView,
    ActivityMoveView,
    ActivityRemoveView,
    ActivityUpdateView,
)
from samverka.steering.workplans.views.plans import (
    AssignmentPdfView,
    AssignmentView,
    FinalReportPdfView,
    FinalReportUpdateView,
    FinalReportView,
    PlanAdoptView,
    PlanCloseView,
    PlanCopyView,
    PlanCreateView,
    PlanDetailView,
    PlanListView,
    PlanUpdateView,
)
from samverka.steering.workplans.views.report import (
    PerspectiveReportCsvView,
    PerspectiveReportPdfView,
    PerspectiveReportView,
)

__all__ = [
    "ActivityCreateView",
    "ActivityMoveView",
    "ActivityRemoveView",
    "ActivityUpdateView",
    "AssignmentPdfView",
    "AssignmentView",
    "FinalReportPdfView",
    "FinalReportUpdateView",
    "FinalReportView",
    "PerspectiveReportCsvView",
    "PerspectiveReportPdfView",
    "PerspectiveReportView",
    "PlanAdoptView",
    "PlanCloseView",
    "PlanCopyView",
    "PlanCreateView",
    "PlanDetailView",
    "PlanListView",
    "PlanUpdateView",
]
