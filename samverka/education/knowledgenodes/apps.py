from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgenodesConfig(AppConfig):
    name = "samverka.education.knowledgenodes"
    label = "knowledgenodes"
    verbose_name = _("Knowledge nodes")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("knowledgenodes.knowledgenode", history=True)
