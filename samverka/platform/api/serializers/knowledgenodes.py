"""Knowledge nodes: the node-responsible municipality, the area, the period and what the node offers.

Contact persons and industry actors are given by id, and only those the caller may see in the actor
register (its own rules: insiders see contact persons; the public sees organisations on a published map).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.education.knowledgenodes.models import AreaKind, KnowledgeNode, YhArea
from samverka.education.knowledgenodes.selectors import SCHEME
from samverka.insight.classifications.selectors import labels
from samverka.platform.api.schema import NamedChoiceField


class KnowledgeNodeSerializer(serializers.ModelSerializer[KnowledgeNode]):
    space: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    area_kind = NamedChoiceField(
        choices=AreaKind.choices, enum_name="KnowledgeNodeAreaKind", label=_("kind of area"), read_only=True
    )
    area_name = serializers.SerializerMethodField(help_text=_("The name of the SUN field, YH area or SNI section."))
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    is_current = serializers.SerializerMethodField(help_text=_("In force today."))
    contacts = serializers.SerializerMethodField(
        help_text=_("Contact persons (ids) you may see in the actor register.")
    )
    industry_actors = serializers.SerializerMethodField(
        help_text=_("Industry actors (organisation ids) you may see in the actor register.")
    )

    class Meta:
        model = KnowledgeNode
        fields = [
            "id",
            "space",
            "municipality",
            "municipality_name",
            "area_kind",
            "area_code",
            "area_name",
            "name",
            "valid_from",
            "valid_to",
            "is_current",
            "offers",
            "contact_text",
            "contacts",
            "industry_actors",
            "url",
            "is_published",
        ]
        read_only_fields = fields

    def _cache(self) -> dict[str, Any]:
        root: Any = self.root if self.root is not None else self
        if not hasattr(root, "_node_cache"):
            root._node_cache = {}
        return root._node_cache  # type: ignore[no-any-return]

    def _user(self) -> Any:
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_area_name(self, node: KnowledgeNode) -> str:
        if node.area_kind == AreaKind.YH_AREA:
            return str(dict(YhArea.choices).get(node.area_code, node.area_code))
        scheme = SCHEME.get(node.area_kind)  # type: ignore[call-overload]
        cache = self._cache()
        if scheme not in cache:
            cache[scheme] = labels(scheme)
        return str(cache[scheme].get(node.area_code, node.area_code))

    def get_is_current(self, node: KnowledgeNode) -> bool:
        return node.is_current()

    def get_contacts(self, node: KnowledgeNode) -> list[int]:
        cache = self._cache()
        if "contacts" not in cache:
            cache["contacts"] = set(Contact.objects.restrict(self._user()).values_list("pk", flat=True))
        return sorted(contact.pk for contact in node.contacts.all() if contact.pk in cache["contacts"])

    def get_industry_actors(self, node: KnowledgeNode) -> list[int]:
        cache = self._cache()
        if "organisations" not in cache:
            cache["organisations"] = set(
                Organisation.objects.restrict(self._user())
                .filter(knowledge_nodes__isnull=False)
                .values_list("pk", flat=True)
            )
        return sorted(o.pk for o in node.industry_actors.all() if o.pk in cache["organisations"])
