from samverka.registry.views.cases import (
    CaseCorrectView,
    CaseCreateView,
    CaseDecideView,
    CaseDetailView,
    CaseListView,
    CaseStatusView,
    CaseVoidView,
    DispatchCreateView,
)
from samverka.registry.views.documents import (
    DocumentCorrectView,
    DocumentCreateView,
    DocumentDetailView,
    DocumentVoidView,
    FileDownloadView,
    FileUploadView,
    MarkingLiftView,
    MarkingView,
)
from samverka.registry.views.search import RegistrySearchView
from samverka.registry.views.series import SecrecyGrantView, SeriesListView, SeriesToggleView

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
