from samverka.statistics.views.imports import (
    DatasetCreateView,
    DatasetUpdateView,
    DiscardView,
    MappingView,
    PublishView,
    PxWebImportView,
    UploadView,
)
from samverka.statistics.views.pages import (
    CompareView,
    DatasetDetailView,
    DatasetListView,
    ImportJobView,
    ObservationListView,
    VersionDetailView,
)

__all__ = [
    "CompareView",
    "DatasetCreateView",
    "DatasetDetailView",
    "DatasetListView",
    "DatasetUpdateView",
    "DiscardView",
    "ImportJobView",
    "MappingView",
    "ObservationListView",
    "PublishView",
    "PxWebImportView",
    "UploadView",
    "VersionDetailView",
]
