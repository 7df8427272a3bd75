from samverka.insight.statistics.views.imports import (
    DatasetCreateView,
    DatasetUpdateView,
    DiscardView,
    MappingView,
    PublishView,
    UploadView,
)
from samverka.insight.statistics.views.pages import (
    CompareView,
    DatasetDetailView,
    DatasetListView,
    ImportJobView,
    ObservationListView,
    VersionDetailView,
)
from samverka.insight.statistics.views.pxweb import PxWebImportView

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
