"""What every registry service shares: the permission check, the case log and required text."""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.records.registry.models import (
    Case,
    CaseEvent,
)

MAX_TITLE = 255
logger = logging.getLogger(__name__)


def _allowed(actor: User | None, perm: str, obj: Model) -> None:
    ensure(actor is None or actor.has_perm(perm, obj))


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def log_event(
    *, case: Case, kind: str, text: str = "", data: dict[str, Any] | None = None, by: User | None = None
) -> CaseEvent:
    """Log a change to a case. Every write to a case or its documents ends here, so this is also where
    the case's full-text search entries and its documents' diary columns are brought in step, in the same
    transaction."""
    from samverka.records.registry import diary, search

    event = CaseEvent.objects.create(case=case, kind=kind, text=text, data=data or {}, by=_user(by))
    search.reindex_case(case)
    diary.sync_case(case)
    return event


def _required_text(value: str, field: str, message: str, limit: int = MAX_TITLE) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return value
