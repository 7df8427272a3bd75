"""Event pages: the public list and event page with registration, the cancel link, the space's
events, and the organisers' pages (event, programme, registrations and their export)."""

from samverka.collaboration.events.views.organise import (
    EventCancelView,
    EventCreateView,
    EventPublishView,
    EventUpdateView,
    SessionCreateView,
    SessionRemoveView,
    SessionUpdateView,
)
from samverka.collaboration.events.views.public import (
    EventDetailView,
    EventIcsView,
    EventListView,
    RegistrationCancelLinkView,
    SpaceEventListView,
)
from samverka.collaboration.events.views.registrations import (
    RegistrationCancelView,
    RegistrationCsvView,
    RegistrationListView,
    RegistrationXlsxView,
)

__all__ = [
    "EventCancelView",
    "EventCreateView",
    "EventDetailView",
    "EventIcsView",
    "EventListView",
    "EventPublishView",
    "EventUpdateView",
    "RegistrationCancelLinkView",
    "RegistrationCancelView",
    "RegistrationCsvView",
    "RegistrationListView",
    "RegistrationXlsxView",
    "SessionCreateView",
    "SessionRemoveView",
    "SessionUpdateView",
    "SpaceEventListView",
]
