"""Every write about knowledge nodes.

Each function is one transaction and checks the rule first (``PermissionDenied``), then the node
(``ValidationError`` by field); when it refuses, nothing has been written. ``actor=None`` is the system
(the demo loader) and skips the permission check.

Decisions recorded here:

* The node-responsible municipality lies in the space's county (a regional space's nodes are its own).
* The area is a real code of its kind: a SUN 2020 field, a YH education area, an SNI 2007 section.
* A municipality holds an area once at a time: a second node for the same municipality and area whose
  period overlaps the first is refused (end the first with ``valid_to``, then add the next).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.education.knowledgenodes import selectors
from samverka.education.knowledgenodes.models import KnowledgeNode
from samverka.platform.accounts.models import User
from samverka.platform.core.models import Municipality
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.spaces.models import Space


@dataclass(frozen=True, kw_only=True)
class NodeData(ServiceData):
    """A node's fields that node_create/node_update accept."""

    municipality: Municipality | Unset = UNSET
    area_kind: str | Unset = UNSET
    area_code: str | Unset = UNSET
    name: str | Unset = UNSET
    valid_from: date | Unset = UNSET
    valid_to: date | None | Unset = UNSET
    offers: str | Unset = UNSET
    contact_text: str | Unset = UNSET
    url: str | Unset = UNSET
    is_published: bool | Unset = UNSET
    contacts: list[Contact] | Unset = UNSET
    industry_actors: list[Organisation] | Unset = UNSET


_RELATIONS = ("contacts", "industry_actors")


def _check(node: KnowledgeNode) -> None:
    errors: dict[str, list[str]] = {}
    space = node.space
    if node.municipality_id and space.county_id and node.municipality.county_id != space.county_id:
        errors.setdefault("municipality", []).append(_("The municipality does not lie in the space's county."))
    if node.area_kind and not selectors.is_area(node.area_kind, node.area_code):
        errors.setdefault("area_code", []).append(
            _("%(code)s is not an area of the chosen kind.") % {"code": node.area_code or "–"}
        )
    if errors:
        raise ValidationError(errors)
    node.full_clean(exclude=["space"])
    overlapping = KnowledgeNode.objects.filter(
        space_id=node.space_id,
        municipality_id=node.municipality_id,
        area_kind=node.area_kind,
        area_code=node.area_code,
    ).exclude(pk=node.pk)
    overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=node.valid_from))
    if node.valid_to is not None:
        overlapping = overlapping.filter(valid_from__lte=node.valid_to)
    if overlapping.exists():
        raise ValidationError(
            {
                "area_code": _(
                    "%(municipality)s already holds a node for this area in that period; end it before adding another."
                )
                % {"municipality": node.municipality.name}
            }
        )


def _set_relations(node: KnowledgeNode, given: dict[str, Any]) -> None:
    for name in _RELATIONS:
        if name in given:
            getattr(node, name).set(given[name])


@transaction.atomic
def node_create(*, space: Space, actor: User | None, data: NodeData) -> KnowledgeNode:
    """Add a knowledge node to ``space``."""
    ensure(actor is None or actor.has_perm("knowledgenodes.add_knowledgenode", space))
    given = data.given()
    node = KnowledgeNode(space=space)
    for field, value in given.items():
        if field not in _RELATIONS:
            setattr(node, field, value)
    _check(node)
    node.save()
    _set_relations(node, given)
    return node


@transaction.atomic
def node_update(*, node: KnowledgeNode, actor: User | None, data: NodeData) -> KnowledgeNode:
    """Change a node (its area, period, contacts, industry actors, offer or publication)."""
    ensure(actor is None or actor.has_perm("knowledgenodes.change_knowledgenode", node))
    node = KnowledgeNode.objects.select_for_update().get(pk=node.pk)
    given = data.given()
    for field, value in given.items():
        if field not in _RELATIONS:
            setattr(node, field, value)
    _check(node)
    node.save()
    _set_relations(node, given)
    return node


@transaction.atomic
def node_delete(*, node: KnowledgeNode, actor: User | None) -> None:
    """Remove a node entered by mistake (a node that has ended is kept: set ``valid_to`` instead)."""
    ensure(actor is None or actor.has_perm("knowledgenodes.change_knowledgenode", node))
    node.delete()
