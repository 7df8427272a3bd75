from django.urls import path

from samverka.education.orders.views import pages, public

app_name = "orders"
_o = "s/<slug:space>/orders/<int:pk>/"
urlpatterns = [
    path("orders/", public.PublicOrderListView.as_view(), name="public-order-list"),
    path("orders/<int:pk>/", public.PublicOrderView.as_view(), name="public-order"),
    path("s/<slug:space>/orders/", pages.OrderListView.as_view(), name="order-list"),
    path("s/<slug:space>/orders/new/", pages.OrderCreateView.as_view(), name="order-create"),
    path("s/<slug:space>/orders/export.csv", pages.OrderExportView.as_view(), name="order-export"),
    path("s/<slug:space>/orders/upload/", pages.OrderUploadView.as_view(), name="order-upload"),
    path("s/<slug:space>/orders/track/<int:question>/", pages.TrackQuestionView.as_view(), name="track-question"),
    path(_o, pages.OrderDetailView.as_view(), name="order-detail"),
    path(_o + "edit/", pages.OrderUpdateView.as_view(), name="order-edit"),
    path(_o + "transition/", pages.OrderTransitionView.as_view(), name="order-transition"),
    path(_o + "publish/", pages.OrderPublishView.as_view(), name="order-publish"),
    path(_o + "secrecy/", pages.OrderSecrecyView.as_view(), name="order-secrecy"),
    path(_o + "secrecy/lift/", pages.OrderLiftSecrecyView.as_view(), name="order-secrecy-lift"),
    path(_o + "offerings/link/", pages.OfferingLinkView.as_view(), name="offering-link"),
    path(_o + "addressees/", pages.AddresseeAddView.as_view(), name="addressee-add"),
    path(_o + "occupations/", pages.OccupationAddView.as_view(), name="occupation-add"),
    path(_o + "applications/", pages.ConsultationAddView.as_view(), name="consultation-add"),
    path(
        "s/<slug:space>/orders/addressees/<int:addressee>/decide/",
        pages.AddresseeDecideView.as_view(),
        name="addressee-decide",
    ),
]
