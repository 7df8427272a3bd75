from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "samverka.insight.indicators"
    label = "indicators"
    verbose_name = _("Indicators and outlook")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("indicators.scenario")
        from samverka.insight.indicators import receivers  # noqa: F401 - connects the receivers
