"""The secrecy rule of education orders, in one place: what an order's secrecy marking hides, and from whom.

An order under a marking (``EducationOrder.secrecy_provision`` not blank; OSL) hides, from everyone without
the right (``orders.view_secret_parts``):

* its rationale (``RATIONALE``) when the marking masks it;
* the addressees' reasons for their line decisions (``REASONS``) when the marking masks them;
* the reason given for the marking itself (always).

Who has the right: the space's secrecy grant (the registry's rule, ``records.registry.secrecy``: the roles the
space chose, admin and registrar when it chose none, and platform admins) and whoever runs the ordering body
(they wrote the order and edit it). The public pages never show a masked part to anyone. Every channel — the
order's page, the public pages, the API and the CSV export — asks ``shown`` here; a hidden value reads
``mask()``.
"""

from typing import Any

from django.utils.translation import gettext as _

from samverka.education.orders.models import EducationOrder

RATIONALE = "rationale"
REASONS = "reasons"
MARKING_REASON = "marking_reason"
#: The parts a marking may hide, with the order's flag that hides them (None: always).
_HIDES: dict[str, str | None] = {
    RATIONALE: "secrecy_masks_rationale",
    REASONS: "secrecy_masks_reasons",
    MARKING_REASON: None,
}


def mask() -> str:
    """What a hidden value shows ("[sekretessmarkerad]" in Swedish)."""
    return _("[secrecy marked]")


def is_marked(order: EducationOrder) -> bool:
    return bool(order.secrecy_provision)


def hidden_parts(order: EducationOrder) -> frozenset[str]:
    """What the order's marking hides from those without the right (nothing when it is not marked)."""
    if not is_marked(order):
        return frozenset()
    return frozenset(part for part, flag in _HIDES.items() if flag is None or getattr(order, flag))


def may_see(user: Any, order: EducationOrder) -> bool:
    """Whether ``user`` sees what the order's marking hides (True for an order that is not marked)."""
    return not is_marked(order) or bool(user is not None and user.has_perm("orders.view_secret_parts", order))


def shown(order: EducationOrder, part: str, value: Any, *, granted: bool) -> Any:
    """``value`` of the order's ``part`` as someone with or without the right may see it."""
    if value and not granted and part in hidden_parts(order):
        return mask()
    return value


def shows(order: EducationOrder, part: str, granted: bool) -> bool:
    """Whether someone with (or without) the right sees the order's ``part`` unmasked."""
    return granted or part not in hidden_parts(order)
