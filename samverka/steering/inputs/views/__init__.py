"""Pages of the inputs app: inputs, feedback reports, evaluations and the draft annual report."""

from samverka.steering.inputs.views.annual import AnnualReportPdfView, AnnualReportView
from samverka.steering.inputs.views.evaluations import (
    EvaluationCompleteView,
    EvaluationListView,
    EvaluationQuestionsExportView,
    EvaluationUpdateView,
)
from samverka.steering.inputs.views.feedback import (
    FeedbackDetailView,
    FeedbackFollowUpView,
    FeedbackListView,
    FeedbackPdfView,
    FeedbackSendView,
)
from samverka.steering.inputs.views.inputs import (
    AttachmentDownloadView,
    AttachmentUploadView,
    InputConsiderView,
    InputCreateView,
    InputDetailView,
    InputLinkView,
    InputListView,
)

__all__ = [
    "AnnualReportPdfView",
    "AnnualReportView",
    "AttachmentDownloadView",
    "AttachmentUploadView",
    "EvaluationCompleteView",
    "EvaluationListView",
    "EvaluationQuestionsExportView",
    "EvaluationUpdateView",
    "FeedbackDetailView",
    "FeedbackFollowUpView",
    "FeedbackListView",
    "FeedbackPdfView",
    "FeedbackSendView",
    "InputConsiderView",
    "InputCreateView",
    "InputDetailView",
    "InputLinkView",
    "InputListView",
]
