"""Knowledge nodes for tests, made through the service (as the system)."""

from datetime import date
from typing import Any

from samverka.education.knowledgenodes import services
from samverka.education.knowledgenodes.models import KnowledgeNode
from samverka.platform.core.models import Municipality


def make_node(space: Any, **fields: Any) -> KnowledgeNode:
    code = fields.pop("municipality", None)
    if code is None:  # Eskilstuna in Sörmland, else the first municipality of the space's county
        in_county = Municipality.objects.filter(county_id=space.county_id).order_by("code")
        code = "0484" if space.county_id in (None, "04") else in_county.values_list("code", flat=True).first()
    data: dict[str, Any] = {
        "municipality": Municipality.objects.get(code=code),
        "area_kind": "sun_field",
        "area_code": "52",
        "name": "",
        "valid_from": date(2025, 1, 1),
        "is_published": True,
        **fields,
    }
    return services.node_create(space=space, actor=None, data=services.NodeData(**data))
