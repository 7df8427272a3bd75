"""Views of the bodies app, split by page group."""

from samverka.collaboration.bodies.views.bodies import (
    BodyCloseView,
    BodyCreateView,
    BodyDetailView,
    BodyListView,
    BodyUpdateView,
)
from samverka.collaboration.bodies.views.memberships import (
    MembershipCreateView,
    MembershipEndView,
    MembershipUpdateView,
)
from samverka.collaboration.bodies.views.overview import (
    ContactLookupView,
    OrganisationLookupView,
    SystemOverviewExportView,
    SystemOverviewView,
)

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
    "SystemOverviewExportView",
    "SystemOverviewView",
]
