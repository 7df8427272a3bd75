"""Every read of the e-mail outbox, filtered to what the user may see."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from samverka.platform.accounts.models import User
from samverka.platform.notifications.models import OutboxMessage, OutboxStatus
from samverka.platform.spaces.models import Space

#: Columns the list page does not need (bodies and attachments can be large).
_LIST_DEFERRED = ("body", "html_body", "attachments", "last_error")


def outbox_visible_to(user: User | AnonymousUser) -> QuerySet[OutboxMessage]:
    """All messages for platform administrators; for others those of the spaces they manage."""
    return OutboxMessage.objects.restrict(user)


def outbox_list(*, user: User | AnonymousUser, space: Space | None = None, status: str = "") -> QuerySet[OutboxMessage]:
    """Messages newest first, optionally of one space and one status."""
    messages = outbox_visible_to(user).select_related("space").defer(*_LIST_DEFERRED)
    if space is not None:
        messages = messages.filter(space=space)
    if status in OutboxStatus.values:
        messages = messages.filter(status=status)
    return messages.order_by("-created_at", "-pk")


def outbox_message(*, user: User | AnonymousUser, pk: int, space: Space | None = None) -> OutboxMessage | None:
    """One message the user may see (of ``space`` when given), or None."""
    messages = outbox_visible_to(user).select_related("space")
    if space is not None:
        messages = messages.filter(space=space)
    return messages.filter(pk=pk).first()


def outbox_counts(*, user: User | AnonymousUser, space: Space | None = None) -> dict[str, int]:
    """How many messages per status (one query)."""
    from django.db.models import Count

    messages = outbox_visible_to(user)
    if space is not None:
        messages = messages.filter(space=space)
    counts = dict.fromkeys(OutboxStatus.values, 0)
    for row in messages.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
