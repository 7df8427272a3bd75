from samverka.records.questions.views.pages import (
    BodyQuestionsView,
    QuestionCreateView,
    QuestionDetailView,
    QuestionHandleView,
    QuestionOverviewView,
    QuestionWithdrawView,
)

__all__ = [
    "BodyQuestionsView",
    "QuestionCreateView",
    "QuestionDetailView",
    "QuestionHandleView",
    "QuestionOverviewView",
    "QuestionWithdrawView",
]
