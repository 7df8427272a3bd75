from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "samverka.records.questions"
    label = "questions"
    verbose_name = _("Questions and orders between bodies")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("questions.question")
