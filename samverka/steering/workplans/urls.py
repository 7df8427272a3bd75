from django.urls import path

from samverka.steering.workplans import views

app_name = "workplans"
_plan = "s/<slug:space>/bodies/<int:body>/workplans/<int:pk>/"
_activity = _plan + "activities/<int:activity>/"
urlpatterns = [
    path("s/<slug:space>/bodies/<int:body>/workplans/", views.PlanListView.as_view(), name="plan-list"),
    path("s/<slug:space>/bodies/<int:body>/workplans/new/", views.PlanCreateView.as_view(), name="plan-create"),
    path(_plan, views.PlanDetailView.as_view(), name="plan-detail"),
    path(_plan + "edit/", views.PlanUpdateView.as_view(), name="plan-update"),
    path(_plan + "adopt/", views.PlanAdoptView.as_view(), name="plan-adopt"),
    path(_plan + "close/", views.PlanCloseView.as_view(), name="plan-close"),
    path(_plan + "copy/", views.PlanCopyView.as_view(), name="plan-copy"),
    path(_plan + "assignment/", views.AssignmentView.as_view(), name="assignment"),
    path(_plan + "assignment.pdf", views.AssignmentPdfView.as_view(), name="assignment-pdf"),
    path(_plan + "final-report/", views.FinalReportView.as_view(), name="final-report"),
    path(_plan + "final-report/edit/", views.FinalReportUpdateView.as_view(), name="final-report-update"),
    path(_plan + "final-report.pdf", views.FinalReportPdfView.as_view(), name="final-report-pdf"),
    path(_plan + "activities/new/", views.ActivityCreateView.as_view(), name="activity-create"),
    path(_activity + "edit/", views.ActivityUpdateView.as_view(), name="activity-update"),
    path(_activity + "move/", views.ActivityMoveView.as_view(), name="activity-move"),
    path(_activity + "remove/", views.ActivityRemoveView.as_view(), name="activity-remove"),
    path("s/<slug:space>/workplans/perspectives/", views.PerspectiveReportView.as_view(), name="perspective-report"),
    path(
        "s/<slug:space>/workplans/perspectives.pdf",
        views.PerspectiveReportPdfView.as_view(),
        name="perspective-report-pdf",
    ),
    path(
        "s/<slug:space>/workplans/perspectives.csv",
        views.PerspectiveReportCsvView.as_view(),
        name="perspective-report-csv",
    ),
]
