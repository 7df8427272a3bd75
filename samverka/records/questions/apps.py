from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "samverka.records.questions"
    label = "questions"
    verbose_name = _("Questions and orders between bodies")

    def ready(self) -> None:
        from samverka.collaboration.meetings import selectors_my_page
        from samverka.platform.core import audit
        from samverka.records.questions import my_page

        audit.register("questions.question")
        selectors_my_page.register_tasks(my_page.POSITION, my_page.question_tasks)
        selectors_my_page.register_overseen("questions", my_page.overdue_questions)
