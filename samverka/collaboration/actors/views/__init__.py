"""Pages of the actor register (organisations, contacts) and of a space's landscape map."""

from samverka.collaboration.actors.views.landscape import (
    LandscapeMembershipExportView,
    LandscapePublishView,
    LandscapeView,
    RevisionCompareView,
    RevisionDetailView,
    RevisionListView,
    SuggestionAcceptView,
    SuggestionCreateView,
    SuggestionDecideView,
    SuggestionListView,
)
from samverka.collaboration.actors.views.organisations import (
    ContactCreateView,
    ContactUpdateView,
    GeoJsonView,
    OrganisationCreateView,
    OrganisationDetailView,
    OrganisationExportView,
    OrganisationListView,
    OrganisationLookupView,
    OrganisationUpdateView,
)

__all__ = [
    "ContactCreateView",
    "ContactUpdateView",
    "GeoJsonView",
    "LandscapeMembershipExportView",
    "LandscapePublishView",
    "LandscapeView",
    "OrganisationCreateView",
    "OrganisationDetailView",
    "OrganisationExportView",
    "OrganisationListView",
    "OrganisationLookupView",
    "OrganisationUpdateView",
    "RevisionCompareView",
    "RevisionDetailView",
    "RevisionListView",
    "SuggestionAcceptView",
    "SuggestionCreateView",
    "SuggestionDecideView",
    "SuggestionListView",
]
