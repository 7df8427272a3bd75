"""The secrecy rule of the registry, in one place: what a secrecy marking hides, and from whom.

A document under an *active* marking (OSL 5 kap. 5 §; not lifted) hides, from everyone without the
space's secrecy grant:

* its files and their text (``FILES``): the document page, downloads, file search and exports are for
  the granted only;
* its sender or recipient (``COUNTERPART``) when the marking masks it;
* its subject (``SUBJECT``) when the marking masks it.

Who has the grant: the space roles the space chose (``SecrecyGrant``; admin and registrar when it has
chosen none) and platform admins.

Every channel asks this module — the public diary and its search, the internal lists and case and
document pages, the full-text search, the global search, forms listing documents, the API, e-mail
receipts, disposal and the archive export — through ``hidden_fields``/``shown`` for values,
``hides_q`` for querysets and ``may_see_marked_in`` for the grant, so a change of the rule is made here
once. A hidden value reads ``MASK``.
"""

from typing import Any

from django.db.models import Q

from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.permissions import is_platform_admin, role_in
from samverka.records.registry.models import RegisteredDocument, SecrecyGrant, SecrecyMarking

#: What a hidden value shows (Swedish in every language: it is the term of the trade).
MASK = "[sekretessmarkerad]"

COUNTERPART = "counterpart"
SUBJECT = "subject"
FILES = "files"
#: The fields a marking may hide, with the marking's flag that hides them (None: always).
_HIDES: dict[str, str | None] = {FILES: None, COUNTERPART: "masks_counterpart", SUBJECT: "masks_subject"}

#: Roles that may see marked documents when a space has not said otherwise.
DEFAULT_GRANTED_ROLES = frozenset({SpaceRole.ADMIN, SpaceRole.REGISTRAR})
_GRANT_CACHE_ATTR = "_samverka_secrecy_grants"


# --- what a marking hides ------------------------------------------------------------------


def marking_of(document: RegisteredDocument) -> SecrecyMarking | None:
    """The document's marking, in force or lifted (the archive keeps both); None when it was never marked.
    Uses the cached relation: select_related("secrecy")."""
    try:
        return document.secrecy
    except RegisteredDocument.secrecy.RelatedObjectDoesNotExist:
        return None


def active_marking(document: RegisteredDocument) -> SecrecyMarking | None:
    """The document's marking while it is in force (not lifted)."""
    marking = marking_of(document)
    return marking if marking is not None and marking.lifted_on is None else None


def is_marked(document: RegisteredDocument) -> bool:
    """Whether the document is under an active secrecy marking."""
    return active_marking(document) is not None


def hidden_fields(document: RegisteredDocument) -> frozenset[str]:
    """What the document's marking hides from those without the grant (nothing when it has none)."""
    marking = active_marking(document)
    if marking is None:
        return frozenset()
    return frozenset(field for field, flag in _HIDES.items() if flag is None or getattr(marking, flag))


def hidden_for(document: RegisteredDocument, *, granted: bool) -> frozenset[str]:
    """What of the document is hidden from someone with (``granted``) or without the secrecy grant."""
    return frozenset() if granted else hidden_fields(document)


def shown(document: RegisteredDocument, field: str, value: Any, *, granted: bool) -> Any:
    """``value`` of the document's ``field`` as someone with or without the grant may see it."""
    if value and field in hidden_for(document, granted=granted):
        return MASK
    return value


def marked_q(prefix: str = "") -> Q:
    """Documents (or, with ``prefix`` like "document__", rows of them) under an active marking."""
    return Q(**{f"{prefix}secrecy__isnull": False, f"{prefix}secrecy__lifted_on__isnull": True})


def hides_q(field: str, prefix: str = "") -> Q:
    """Documents whose active marking hides ``field`` (filter them out of what the ungranted may match)."""
    flag = _HIDES[field]
    condition = marked_q(prefix)
    return condition if flag is None else condition & Q(**{f"{prefix}secrecy__{flag}": True})


# --- for whom ------------------------------------------------------------------------------


def granted_roles(space_id: int, *, user: Any = None) -> frozenset[str]:
    """The roles that may see marked documents of a space (cached on ``user`` when given)."""
    cache: dict[int, frozenset[str]] | None = getattr(user, _GRANT_CACHE_ATTR, None) if user is not None else None
    if cache is not None and space_id in cache:
        return cache[space_id]
    roles = frozenset(SecrecyGrant.objects.filter(space_id=space_id).values_list("role", flat=True))
    roles = roles or DEFAULT_GRANTED_ROLES
    if user is not None:
        if cache is None:
            cache = {}
            try:
                setattr(user, _GRANT_CACHE_ATTR, cache)
            except AttributeError:  # AnonymousUser and the like
                return roles
        cache[space_id] = roles
    return roles


def forget_grants(user: Any) -> None:
    """Drop the grants cached on ``user`` (after they changed)."""
    if user is not None and hasattr(user, _GRANT_CACHE_ATTR):
        delattr(user, _GRANT_CACHE_ATTR)


class _SpaceRef:
    def __init__(self, space_id: int) -> None:
        self.space_id = space_id


def may_see_marked_in(user: Any, space_id: int) -> bool:
    """Whether ``user`` has the secrecy grant of the space: sees what markings hide."""
    if is_platform_admin(user):
        return True
    role = role_in(user, _SpaceRef(space_id))
    return role is not None and role in granted_roles(space_id, user=user)
