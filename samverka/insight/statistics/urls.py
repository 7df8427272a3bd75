from django.urls import path

from samverka.insight.statistics import views

app_name = "statistics"
D = "s/<slug:space>/statistics/<slug:slug>"
V = D + "/v<int:number>"
urlpatterns = [
    path("s/<slug:space>/statistics/", views.DatasetListView.as_view(), name="dataset-list"),
    path("s/<slug:space>/statistics/new/", views.DatasetCreateView.as_view(), name="dataset-create"),
    path(f"{D}/", views.DatasetDetailView.as_view(), name="dataset-detail"),
    path(f"{D}/edit/", views.DatasetUpdateView.as_view(), name="dataset-update"),
    path(f"{D}/import/scb/", views.PxWebImportView.as_view(), name="import-pxweb"),
    path(f"{D}/import/upload/", views.UploadView.as_view(), name="import-upload"),
    path(f"{D}/import/upload/<str:token>/", views.MappingView.as_view(), name="import-mapping"),
    path(f"{D}/import/jobs/<int:job>/", views.ImportJobView.as_view(), name="import-job"),
    path(f"{V}/", views.VersionDetailView.as_view(), name="version-detail"),
    path(f"{V}/publish/", views.PublishView.as_view(), name="version-publish"),
    path(f"{V}/discard/", views.DiscardView.as_view(), name="version-discard"),
    path(f"{V}/compare/", views.CompareView.as_view(), name="version-compare"),
    path(f"{V}/cells/", views.ObservationListView.as_view(), name="observation-list"),
]
