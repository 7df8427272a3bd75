from django.urls import path

from samverka.records.questions import views

app_name = "questions"
_q = "s/<slug:space>/questions/<int:pk>/"
urlpatterns = [
    path("s/<slug:space>/questions/", views.QuestionOverviewView.as_view(), name="overview"),
    path(_q, views.QuestionDetailView.as_view(), name="question-detail"),
    path(_q + "withdraw/", views.QuestionWithdrawView.as_view(), name="question-withdraw"),
    path(_q + "<slug:action>/", views.QuestionHandleView.as_view(), name="question-handle"),
    path("s/<slug:space>/bodies/<int:body>/questions/", views.BodyQuestionsView.as_view(), name="body-questions"),
    path(
        "s/<slug:space>/bodies/<int:body>/questions/new/",
        views.QuestionCreateView.as_view(),
        name="question-create",
    ),
]
