from samverka.insight.analyses.views.analyses import (
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
from samverka.insight.analyses.views.charts import (
    ChartCreateView,
    ChartDataView,
    ChartDetailView,
    ChartListView,
    ChartUpdateView,
)
from samverka.insight.analyses.views.packs import (
    CoverageUpdateView,
    DataPackDownloadView,
    DataPackJobView,
    DataPackListView,
)

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
