from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgenodesConfig(AppConfig):
    name = "samverka.education.knowledgenodes"
    label = "knowledgenodes"
    verbose_name = _("Knowledge nodes")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("knowledgenodes.knowledgenode", history=True)

        # The industry forum's data pack (insight) gains the education and validation for its occupations.
        from samverka.education.knowledgenodes.packcard import pack_education_card
        from samverka.insight.analyses.pack_cards import pack_cards
        from samverka.platform.core.panels import Panel

        pack_cards.register(
            Panel(key="education", template="knowledgenodes/pack_card.html", context=pack_education_card, order=10)
        )
