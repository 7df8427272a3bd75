from django.urls import path

from samverka.records.retention import views

app_name = "retention"
urlpatterns = [
    path("s/<slug:space>/retention/", views.RetentionHomeView.as_view(), name="home"),
    path("s/<slug:space>/retention/rules/new/", views.RuleCreateView.as_view(), name="rule-create"),
    path("s/<slug:space>/retention/rules/<int:pk>/edit/", views.RuleUpdateView.as_view(), name="rule-update"),
    path("s/<slug:space>/retention/rules/<int:pk>/delete/", views.RuleDeleteView.as_view(), name="rule-delete"),
    path("s/<slug:space>/retention/runs/new/", views.RunProposeView.as_view(), name="run-propose"),
    path("s/<slug:space>/retention/runs/<int:pk>/", views.RunDetailView.as_view(), name="run-detail"),
    path("s/<slug:space>/retention/runs/<int:pk>/approve/", views.RunApproveView.as_view(), name="run-approve"),
    path("s/<slug:space>/retention/runs/<int:pk>/execute/", views.RunExecuteView.as_view(), name="run-execute"),
    path("s/<slug:space>/retention/runs/<int:pk>/cancel/", views.RunCancelView.as_view(), name="run-cancel"),
    path("s/<slug:space>/retention/legal-holds/", views.LegalHoldView.as_view(), name="legal-holds"),
    path(
        "s/<slug:space>/retention/legal-holds/<int:pk>/lift/",
        views.LegalHoldLiftView.as_view(),
        name="legal-hold-lift",
    ),
    path("s/<slug:space>/retention/log/", views.DisposalLogView.as_view(), name="log"),
    path("s/<slug:space>/retention/export/", views.ArchiveExportView.as_view(), name="export"),
    path("s/<slug:space>/retention/deliveries/", views.DeliveryListView.as_view(), name="deliveries"),
    path("s/<slug:space>/retention/deliveries/<int:pk>/", views.DeliveryDetailView.as_view(), name="delivery-detail"),
]
