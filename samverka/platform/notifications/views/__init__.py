from samverka.platform.notifications.views.outbox import (
    OutboxListView,
    OutboxMessageDetailView,
    OutboxMessageRetryView,
    SpaceOutboxListView,
    SpaceOutboxMessageDetailView,
    SpaceOutboxMessageRetryView,
)

__all__ = [
    "OutboxListView",
    "OutboxMessageDetailView",
    "OutboxMessageRetryView",
    "SpaceOutboxListView",
    "SpaceOutboxMessageDetailView",
    "SpaceOutboxMessageRetryView",
]
