from django.urls import path

from samverka.records.intake import views

app_name = "intake"
_S = "s/<slug:space>/"
_ITEM = _S + "incoming/<int:pk>/"
urlpatterns = [
    path(_S + "diary/", views.DiaryView.as_view(), name="diary"),
    path(_S + "diary/<int:pk>/copy/", views.CopyRequestView.as_view(), name="copy-request"),
    path(_S + "contact/", views.ContactView.as_view(), name="contact"),
    path(_S + "contact/thanks/", views.ContactDoneView.as_view(), name="contact-done"),
    path(_S + "incoming/", views.TriageListView.as_view(), name="triage-list"),
    path(_ITEM, views.ItemDetailView.as_view(), name="item-detail"),
    path(_ITEM + "case/", views.AssignCaseView.as_view(), name="item-assign-case"),
    path(_ITEM + "body/", views.AssignBodyView.as_view(), name="item-assign-body"),
    path(_ITEM + "reject/", views.RejectView.as_view(), name="item-reject"),
    path(_ITEM + "attachments/<int:attachment>/", views.AttachmentDownloadView.as_view(), name="attachment-download"),
]
