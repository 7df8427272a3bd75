from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "samverka.insight.statistics"
    label = "statistics"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("statistics.dataset")
        # The quality report and the query are large JSON documents kept on the version itself.
        audit.register("statistics.datasetversion", exclude=("quality", "query"))
