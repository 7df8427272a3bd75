from samverka.statistics.views.imports import (
    DatasetCreateView,
    DatasetUpdateView,
    DiscardView,
    MappingView,
    PublishView,
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
from samverka.statistics.views.pxweb import PxWebImportView

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
