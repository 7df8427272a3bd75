from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysesConfig(AppConfig):
    name = "samverka.insight.analyses"
    label = "analyses"
    verbose_name = _("Analyses and data packs")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("analyses.chartdefinition")
        audit.register("analyses.analysis")
        audit.register("analyses.analysisblock")
        audit.register("analyses.bodycoverage")
        audit.register("analyses.datapack")
