"""Who may see the e-mail outbox and retry failed messages.

``view_space_outbox`` takes a Space: its administrators and secretariat see the
messages queued for that space. ``view_outbox`` (no object) is the whole outbox,
for platform administrators only; messages without a space (account e-mails and
the like) are visible there only. ``view_outboxmessage`` and
``retry_outboxmessage`` take an OutboxMessage and follow its space.

Members do not see the outbox: message bodies contain personal links (answer
and cancel links) meant for the recipient alone.
"""

from typing import Any

import rules

from samverka.platform.spaces.permissions import is_platform_admin, is_space_manager


@rules.predicate
def manages_message_space(user: Any, message: Any) -> bool:
    return message is not None and message.space_id is not None and is_space_manager(user, message)


rules.add_perm("notifications.view_outbox", is_platform_admin)
rules.add_perm("notifications.view_space_outbox", is_platform_admin | is_space_manager)
rules.add_perm("notifications.view_outboxmessage", is_platform_admin | manages_message_space)
rules.add_perm("notifications.retry_outboxmessage", is_platform_admin | manages_message_space)
