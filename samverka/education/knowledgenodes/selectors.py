"""Reads of knowledge nodes, always through ``KnowledgeNode.objects.restrict(user)``.

Also the region's gaps: which SUN 2020 fields (two digits) and YH education areas no current node of
the space covers. A SUN node covers a field when one code starts with the other (a node for "5" covers
"52", "54" and "58"; a node for "521" counts for "52").
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.education.knowledgenodes.models import AreaKind, KnowledgeNode, KnowledgeNodeQuerySet, YhArea
from samverka.insight.classifications.models import ClassificationItem
from samverka.platform.accounts.models import User
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space

SCHEME = {AreaKind.SUN_FIELD: "sun2020_field", AreaKind.INDUSTRY: "sni2007"}
#: SUN 2020 two-digit fields that are not an area a node could hold ("unknown").
NOT_AN_AREA = frozenset({"99"})

Viewer = User | AnonymousUser | None


def area_choices() -> dict[str, list[tuple[str, str]]]:
    """kind → [(code, "code name")]: SUN 2020 fields (one and two digits), YH areas, SNI 2007 sections."""
    rows = ClassificationItem.objects.filter(scheme="sun2020_field", level__lte=2).exclude(code__in=NOT_AN_AREA)
    sun = [(code, f"{code} {name}") for code, name in rows.order_by("code").values_list("code", "name")]
    sni = ClassificationItem.objects.filter(scheme="sni2007", level=1).order_by("code").values_list("code", "name")
    return {
        AreaKind.SUN_FIELD: sun,
        AreaKind.YH_AREA: [(str(key), str(label)) for key, label in YhArea.choices],
        AreaKind.INDUSTRY: [(code, f"{code} {name}") for code, name in sni],
    }


def is_area(kind: str, code: str) -> bool:
    if kind == AreaKind.YH_AREA:
        return code in YhArea.values
    scheme = SCHEME.get(kind)  # type: ignore[call-overload]
    if scheme is None or not code:
        return False
    items = ClassificationItem.objects.filter(scheme=scheme, code=code)
    if kind == AreaKind.INDUSTRY:
        items = items.filter(level=1)
    return items.exclude(code__in=NOT_AN_AREA).exists()


def with_area_names(nodes: list[KnowledgeNode]) -> list[KnowledgeNode]:
    """Give each node the SUN/SNI name of its area (one query for the lot)."""
    wanted: dict[str, set[str]] = {}
    for node in nodes:
        scheme = SCHEME.get(node.area_kind)  # type: ignore[call-overload]
        if scheme:
            wanted.setdefault(scheme, set()).add(node.area_code)
    names: dict[tuple[str, str], str] = {}
    if wanted:
        condition = Q(pk__in=[])
        for scheme, codes in wanted.items():
            condition |= Q(scheme=scheme, code__in=codes)
        for scheme, code, name in ClassificationItem.objects.filter(condition).values_list("scheme", "code", "name"):
            names[(scheme, code)] = name
    for node in nodes:
        scheme = SCHEME.get(node.area_kind)  # type: ignore[call-overload]
        node._area_names = {node.area_code: names.get((scheme, node.area_code), node.area_code)}  # type: ignore[attr-defined]
    return nodes


def _base(user: Viewer) -> KnowledgeNodeQuerySet:
    return (
        KnowledgeNode.objects.restrict(user)
        .select_related("municipality", "space")
        .prefetch_related(Prefetch("industry_actors", queryset=Organisation.objects.order_by("name")))
    )


def visible_nodes(user: Viewer) -> KnowledgeNodeQuerySet:
    """Every node ``user`` may read (the API)."""
    return _base(user)


def space_nodes(space: Space, user: Viewer) -> list[KnowledgeNode]:
    """The nodes of ``space`` the person may read, current ones first."""
    nodes = list(_base(user).filter(space=space))
    today = timezone.localdate()
    nodes.sort(key=lambda node: (not node.is_current(today), node.municipality.name, node.area_kind, node.area_code))
    return with_area_names(nodes)


def public_nodes(space: Space, today: date | None = None) -> list[KnowledgeNode]:
    """The space's published nodes that hold today (the public page)."""
    nodes = list(_base(None).filter(space=space, is_published=True).current(today))
    return with_visible_actors(with_area_names(nodes), None)


def node_get(space: Space, user: Viewer, pk: Any) -> KnowledgeNode:
    """The node, or 404 when it is not in ``space`` or the person may not read it."""
    node = get_object_or_404(_base(user), space=space, pk=pk)
    return with_area_names([node])[0]


def node_contacts(node: KnowledgeNode, user: Viewer) -> list[Contact]:
    """The node's contact persons the person may see (the actor register's rule: insiders)."""
    return list(Contact.objects.restrict(user).filter(knowledge_nodes=node).select_related("organisation"))


def node_industry_actors(node: KnowledgeNode, user: Viewer) -> list[Organisation]:
    """The node's industry actors the person may see (the register's rule: the published map for the public)."""
    return with_visible_actors([node], user)[0].visible_actors  # type: ignore[attr-defined, no-any-return]


def with_visible_actors(nodes: list[KnowledgeNode], user: Viewer) -> list[KnowledgeNode]:
    """Give each node ``visible_actors``: its industry actors the person may see (one query for the lot)."""
    visible = set(Organisation.objects.restrict(user).filter(knowledge_nodes__in=nodes).values_list("pk", flat=True))
    for node in nodes:
        node.visible_actors = [o for o in node.industry_actors.all() if o.pk in visible]  # type: ignore[attr-defined]
    return nodes


def county_municipalities(space: Space) -> QuerySet[Municipality]:
    """The municipalities a node of ``space`` may be held by: the space's county (all of them, nationally)."""
    municipalities = Municipality.objects.order_by("name")
    return municipalities.filter(county_id=space.county_id) if space.county_id else municipalities


def contact_choices(space: Space, user: Viewer) -> QuerySet[Contact]:
    contacts = Contact.objects.restrict(user).select_related("organisation").order_by("name")
    return contacts.filter(organisation__county_id=space.county_id) if space.county_id else contacts


def industry_actor_choices(space: Space, user: Viewer) -> QuerySet[Organisation]:
    organisations = Organisation.objects.restrict(user).filter(is_active=True).order_by("name")
    return organisations.filter(county_id=space.county_id) if space.county_id else organisations


@dataclass(frozen=True)
class Coverage:
    """Per kind of area: the areas a current node holds (with its nodes) and those none covers."""

    covered: list[tuple[str, str, list[KnowledgeNode]]]
    uncovered: list[tuple[str, str]]


def _sun_covers(node_code: str, field: str) -> bool:
    return node_code.startswith(field) or field.startswith(node_code)


def coverage(space: Space, user: Viewer, today: date | None = None) -> dict[str, Coverage]:
    """Which SUN 2020 fields (two digits) and YH areas the space's current nodes cover, and which none does."""
    nodes = with_area_names(list(_base(user).filter(space=space).current(today)))
    sun_fields = ClassificationItem.objects.filter(scheme="sun2020_field", level=2).exclude(code__in=NOT_AN_AREA)
    result: dict[str, Coverage] = {}
    areas: dict[str, list[tuple[str, str]]] = {
        AreaKind.SUN_FIELD: [(code, f"{code} {name}") for code, name in sun_fields.values_list("code", "name")],
        AreaKind.YH_AREA: [(str(key), str(label)) for key, label in YhArea.choices],
    }
    for kind, kind_areas in areas.items():
        of_kind = [node for node in nodes if node.area_kind == kind]
        covered, uncovered = [], []
        for code, label in kind_areas:
            if kind == AreaKind.SUN_FIELD:
                holders = [node for node in of_kind if _sun_covers(node.area_code, code)]
            else:
                holders = [node for node in of_kind if node.area_code == code]
            if holders:
                covered.append((code, label, holders))
            else:
                uncovered.append((code, label))
        result[kind] = Coverage(covered=covered, uncovered=uncovered)
    return result


def map_rows(space: Space, nodes: list[KnowledgeNode]) -> list[tuple[str, str, int]]:
    """(municipality code, name, number of nodes) for every municipality of the space's county."""
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node.municipality_id] = counts.get(node.municipality_id, 0) + 1
    return [(m.code, m.name, counts.get(m.code, 0)) for m in county_municipalities(space)]
