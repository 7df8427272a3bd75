from django.urls import URLPattern, URLResolver, path

from samverka.records.registry import views

app_name = "registry"
_S = "s/<slug:space>/registry/"
_CASE = _S + "cases/<int:pk>/"
_DOC = _CASE + "documents/<int:number>/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(_S, views.CaseListView.as_view(), name="case-list"),
    path(_S + "new/", views.CaseCreateView.as_view(), name="case-create"),
    path(_S + "search/", views.RegistrySearchView.as_view(), name="search"),
    path(_S + "series/", views.SeriesListView.as_view(), name="series-list"),
    path(_S + "series/grants/", views.SecrecyGrantView.as_view(), name="secrecy-grants"),
    path(_S + "series/<int:series>/toggle/", views.SeriesToggleView.as_view(), name="series-toggle"),
    path(_CASE, views.CaseDetailView.as_view(), name="case-detail"),
    path(_CASE + "status/", views.CaseStatusView.as_view(), name="case-status"),
    path(_CASE + "decision/", views.CaseDecideView.as_view(), name="case-decide"),
    path(_CASE + "dispatch/", views.DispatchCreateView.as_view(), name="case-dispatch"),
    path(_CASE + "void/", views.CaseVoidView.as_view(), name="case-void"),
    path(_CASE + "correct/", views.CaseCorrectView.as_view(), name="case-correct"),
    path(_CASE + "documents/new/", views.DocumentCreateView.as_view(), name="document-create"),
    path(_DOC, views.DocumentDetailView.as_view(), name="document-detail"),
    path(_DOC + "correct/", views.DocumentCorrectView.as_view(), name="document-correct"),
    path(_DOC + "void/", views.DocumentVoidView.as_view(), name="document-void"),
    path(_DOC + "files/", views.FileUploadView.as_view(), name="file-upload"),
    path(_DOC + "files/<int:file>/", views.FileDownloadView.as_view(), name="file-download"),
    path(_DOC + "marking/", views.MarkingView.as_view(), name="marking"),
    path(_DOC + "marking/lift/", views.MarkingLiftView.as_view(), name="marking-lift"),
]
