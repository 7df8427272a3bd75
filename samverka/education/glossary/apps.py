from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "samverka.education.glossary"
    label = "glossary"
    verbose_name = _("Glossary")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("glossary.term", history=True)
        audit.register("glossary.definition")
        audit.register("glossary.topic")
