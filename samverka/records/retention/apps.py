from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "samverka.records.retention"
    label = "retention"
    verbose_name = _("Retention, disposal and archive export")

    def ready(self) -> None:
        from samverka.platform.core import audit
        from samverka.records.registry import schedule
        from samverka.records.retention.selectors import document_types

        audit.register("retention.retentionrule")
        audit.register("retention.disposalrun")
        audit.register("retention.disposallogentry")
        schedule.provide(document_types)  # a registered document's type comes from the retention schedule
