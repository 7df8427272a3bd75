from django.urls import path

from samverka.insight.analyses import views

app_name = "analyses"
A = "s/<slug:space>/analyses/"
urlpatterns = [
    path(A, views.AnalysisListView.as_view(), name="analysis-list"),
    path(A + "new/", views.AnalysisCreateView.as_view(), name="analysis-create"),
    path(A + "<int:pk>/", views.AnalysisDetailView.as_view(), name="analysis-detail"),
    path(A + "<int:pk>/edit/", views.AnalysisUpdateView.as_view(), name="analysis-update"),
    path(A + "<int:pk>/publish/", views.AnalysisPublishView.as_view(), name="analysis-publish"),
    path(A + "<int:pk>/report.pdf", views.AnalysisPdfView.as_view(), {"kind": "report"}, name="analysis-report"),
    path(A + "<int:pk>/slides.pdf", views.AnalysisPdfView.as_view(), {"kind": "slides"}, name="analysis-slides"),
    path(A + "<int:pk>/blocks/new/", views.BlockFormView.as_view(), name="block-create"),
    path(A + "<int:pk>/blocks/<int:block>/edit/", views.BlockFormView.as_view(), name="block-update"),
    path(A + "<int:pk>/blocks/<int:block>/action/", views.BlockActionView.as_view(), name="block-action"),
    path(A + "<int:pk>/blocks/<int:block>/data.csv", views.BlockDataView.as_view(), {"fmt": "csv"}, name="block-csv"),
    path(
        A + "<int:pk>/blocks/<int:block>/data.xlsx", views.BlockDataView.as_view(), {"fmt": "xlsx"}, name="block-xlsx"
    ),
    path(A + "charts/", views.ChartListView.as_view(), name="chart-list"),
    path(A + "charts/new/", views.ChartCreateView.as_view(), name="chart-create"),
    path(A + "charts/<int:pk>/", views.ChartDetailView.as_view(), name="chart-detail"),
    path(A + "charts/<int:pk>/edit/", views.ChartUpdateView.as_view(), name="chart-update"),
    path(A + "charts/<int:pk>/data.csv", views.ChartDataView.as_view(), {"fmt": "csv"}, name="chart-csv"),
    path(A + "charts/<int:pk>/data.xlsx", views.ChartDataView.as_view(), {"fmt": "xlsx"}, name="chart-xlsx"),
    path(A + "packs/", views.DataPackListView.as_view(), name="pack-list"),
    path(A + "packs/jobs/<int:pk>/", views.DataPackJobView.as_view(), name="pack-job"),
    path(A + "packs/<int:pk>/pack.pdf", views.DataPackDownloadView.as_view(), {"fmt": "pdf"}, name="pack-pdf"),
    path(A + "packs/<int:pk>/pack.xlsx", views.DataPackDownloadView.as_view(), {"fmt": "xlsx"}, name="pack-xlsx"),
    path(A + "packs/<int:pk>/pack.zip", views.DataPackDownloadView.as_view(), {"fmt": "zip"}, name="pack-zip"),
    path(A + "packs/coverage/<int:body>/", views.CoverageUpdateView.as_view(), name="coverage-update"),
]
