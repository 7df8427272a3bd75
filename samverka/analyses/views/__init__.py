from samverka.analyses.views.analyses import (
    AnalysisCreateView,
    AnalysisDetailView,
    AnalysisListView,
    AnalysisPdfView,
    AnalysisPublishView,
    AnalysisUpdateView,
    BlockActionView,
    BlockDataView,
    BlockFormView,
)
from samverka.analyses.views.charts import (
    ChartCreateView,
    ChartDataView,
    ChartDetailView,
    ChartListView,
    ChartUpdateView,
)
from samverka.analyses.views.packs import CoverageUpdateView, DataPackDownloadView, DataPackJobView, DataPackListView

__all__ = [
    "AnalysisCreateView",
    "AnalysisDetailView",
    "AnalysisListView",
    "AnalysisPdfView",
    "AnalysisPublishView",
    "AnalysisUpdateView",
    "BlockActionView",
    "BlockDataView",
    "BlockFormView",
    "ChartCreateView",
    "ChartDataView",
    "ChartDetailView",
    "ChartListView",
    "ChartUpdateView",
    "CoverageUpdateView",
    "DataPackDownloadView",
    "DataPackJobView",
    "DataPackListView",
]
