"""Views of the bodies app, split by page group."""

from samverka.bodies.views.bodies import (
    BodyCloseView,
    BodyCreateView,
    BodyDetailView,
    BodyListView,
    BodyUpdateView,
)
from samverka.bodies.views.memberships import MembershipCreateView, MembershipEndView, MembershipUpdateView
from samverka.bodies.views.overview import ContactLookupView, OrganisationLookupView, SystemOverviewView

__all__ = [
    "BodyCloseView",
    "BodyCreateView",
    "BodyDetailView",
    "BodyListView",
    "BodyUpdateView",
    "ContactLookupView",
    "MembershipCreateView",
    "MembershipEndView",
    "MembershipUpdateView",
    "OrganisationLookupView",
    "SystemOverviewView",
]
