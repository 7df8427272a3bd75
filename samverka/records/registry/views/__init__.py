from samverka.records.registry.views.cases import (
    CaseCorrectView,
    CaseCreateView,
    CaseDecideView,
    CaseDetailView,
    CaseListView,
    CaseStatusView,
    CaseVoidView,
    DispatchCreateView,
)
from samverka.records.registry.views.documents import (
    DocumentCorrectView,
    DocumentCreateView,
    DocumentDetailView,
    DocumentVoidView,
    FileDownloadView,
    FileUploadView,
    MarkingLiftView,
    MarkingView,
)
from samverka.records.registry.views.search import RegistrySearchView
from samverka.records.registry.views.series import SecrecyGrantView, SeriesListView, SeriesToggleView

__all__ = [
    "CaseCorrectView",
    "CaseCreateView",
    "CaseDecideView",
    "CaseDetailView",
    "CaseListView",
    "CaseStatusView",
    "CaseVoidView",
    "DispatchCreateView",
    "DocumentCorrectView",
    "DocumentCreateView",
    "DocumentDetailView",
    "DocumentVoidView",
    "FileDownloadView",
    "FileUploadView",
    "MarkingLiftView",
    "MarkingView",
    "RegistrySearchView",
    "SecrecyGrantView",
    "SeriesListView",
    "SeriesToggleView",
]
