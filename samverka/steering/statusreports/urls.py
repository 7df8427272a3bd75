from django.urls import path

from samverka.steering.statusreports.views import reports, rounds

app_name = "statusreports"
R = "s/<slug:space>/status/<int:pk>/"
P = "s/<slug:space>/status/<int:round>/reports/<int:pk>/"
urlpatterns: list = [
    path("s/<slug:space>/status/", rounds.RoundListView.as_view(), name="round-list"),
    path("s/<slug:space>/status/new/", rounds.RoundCreateView.as_view(), name="round-create"),
    path(R, rounds.RoundDetailView.as_view(), name="round-detail"),
    path(R + "close/", rounds.RoundActionView.as_view(action="close"), name="round-close"),
    path(R + "approve/", rounds.RoundActionView.as_view(action="approve"), name="round-approve"),
    path(R + "overview/", rounds.OverviewView.as_view(), name="round-overview"),
    path(R + "overview.pdf", rounds.OverviewPdfView.as_view(), name="round-pdf"),
    path(R + "overview.xlsx", rounds.OverviewXlsxView.as_view(), name="round-xlsx"),
    path(P, reports.ReportDetailView.as_view(), name="report-detail"),
    path(P + "edit/", reports.ReportEditView.as_view(), name="report-edit"),
    path(P + "reopen/", reports.ReportReopenView.as_view(), name="report-reopen"),
    path(P + "review/", reports.ReportReviewView.as_view(), name="report-review"),
    path(P + "feedback/", reports.FeedbackView.as_view(), name="report-feedback"),
    path(P + "correct/<int:status>/", reports.CorrectionView.as_view(), name="report-correct"),
]
