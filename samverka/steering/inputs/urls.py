from django.urls import path

from samverka.steering.inputs import views

app_name = "inputs"
_S = "s/<slug:space>/"
_INPUT = _S + "inputs/<int:pk>/"
_FEEDBACK = _S + "inputs/feedback/<int:pk>/"
urlpatterns = [
    path(_S + "inputs/", views.InputListView.as_view(), name="input-list"),
    path(_S + "inputs/new/", views.InputCreateView.as_view(), name="input-create"),
    path(_INPUT, views.InputDetailView.as_view(), name="input-detail"),
    path(_INPUT + "consider/", views.InputConsiderView.as_view(), name="input-consider"),
    path(_INPUT + "links/", views.InputLinkView.as_view(), name="input-links"),
    path(_INPUT + "attachments/", views.AttachmentUploadView.as_view(), name="attachment-upload"),
    path(_INPUT + "attachments/<int:attachment>/", views.AttachmentDownloadView.as_view(), name="attachment-download"),
    path(_S + "inputs/feedback/", views.FeedbackListView.as_view(), name="feedback-list"),
    path(_FEEDBACK, views.FeedbackDetailView.as_view(), name="feedback-detail"),
    path(_FEEDBACK + "report.pdf", views.FeedbackPdfView.as_view(), name="feedback-pdf"),
    path(_FEEDBACK + "send/", views.FeedbackSendView.as_view(), name="feedback-send"),
    path(_FEEDBACK + "follow-up/", views.FeedbackFollowUpView.as_view(), name="feedback-follow-up"),
    path(_S + "evaluations/", views.EvaluationListView.as_view(), name="evaluation-list"),
    path(_S + "evaluations/<int:pk>/edit/", views.EvaluationUpdateView.as_view(), name="evaluation-update"),
    path(_S + "evaluations/<int:pk>/complete/", views.EvaluationCompleteView.as_view(), name="evaluation-complete"),
    path(
        _S + "evaluations/<int:pk>/questions.csv",
        views.EvaluationQuestionsExportView.as_view(),
        name="evaluation-questions",
    ),
    path(_S + "annual-report/", views.AnnualReportView.as_view(), name="annual-report"),
    path(_S + "annual-report/report.pdf", views.AnnualReportPdfView.as_view(), name="annual-report-pdf"),
]
