"""Tracked education orders: the order, its occupations, addressees with their line decisions, applications."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.education.orders import secrecy
from samverka.education.orders.models import (
    ConsultationKind,
    ConsultationStatus,
    EducationOrder,
    LineDecision,
    OrderAddressee,
    OrderConsultation,
    OrderOccupation,
    OrderStatus,
    OrderType,
)
from samverka.platform.api.schema import NamedChoiceField


class OrderOccupationSerializer(serializers.ModelSerializer[OrderOccupation]):
    class Meta:
        model = OrderOccupation
        fields = ["ssyk_code", "year", "volume"]
        read_only_fields = fields


class OrderAddresseeSerializer(serializers.ModelSerializer[OrderAddressee]):
    """An addressee (a body, an organisation) and its line decision, per municipality."""

    body_name = serializers.CharField(source="body.name", read_only=True, default="")
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, default="")
    decision = NamedChoiceField(
        choices=LineDecision.choices, enum_name="OrderLineDecision", label=_("line decision"), read_only=True
    )
    reference = serializers.CharField(source="decision_reference", read_only=True)

    class Meta:
        model = OrderAddressee
        fields = [
            "id",
            "body",
            "body_name",
            "organisation",
            "organisation_name",
            "municipality",
            "decision",
            "reason",
            "decided_at",
            "reference",
        ]
        read_only_fields = fields


class OrderConsultationSerializer(serializers.ModelSerializer[OrderConsultation]):
    kind = NamedChoiceField(
        choices=ConsultationKind.choices, enum_name="OrderConsultationKind", label=_("kind"), read_only=True
    )
    status = NamedChoiceField(
        choices=ConsultationStatus.choices, enum_name="OrderConsultationStatus", label=_("status"), read_only=True
    )

    class Meta:
        model = OrderConsultation
        fields = ["id", "kind", "application_round", "status", "note"]
        read_only_fields = fields


class EducationOrderSerializer(serializers.ModelSerializer[EducationOrder]):
    """A tracked education order from a body, from draft to closed."""

    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    origin_body_name = serializers.CharField(source="origin_body.name", read_only=True)
    order_type = NamedChoiceField(
        choices=OrderType.choices, enum_name="EducationOrderType", label=_("type of order"), read_only=True
    )
    status = NamedChoiceField(
        choices=OrderStatus.choices, enum_name="EducationOrderStatus", label=_("status"), read_only=True
    )
    forms = serializers.ListField(child=serializers.CharField(), read_only=True)
    municipalities = serializers.SerializerMethodField()
    occupations = OrderOccupationSerializer(many=True, read_only=True)
    addressees = OrderAddresseeSerializer(many=True, read_only=True)
    consultations = OrderConsultationSerializer(many=True, read_only=True)
    offerings = serializers.SerializerMethodField()
    validation_offers = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = EducationOrder
        fields = [
            "id",
            "space",
            "title",
            "origin_body",
            "origin_body_name",
            "origin_decision",
            "registration_number",
            "order_type",
            "sun_field",
            "municipalities",
            "forms",
            "start_year",
            "end_year",
            "rationale",
            "priority",
            "status",
            "due_on",
            "sent_on",
            "is_overdue",
            "escalated_at",
            "is_published",
            "occupations",
            "addressees",
            "consultations",
            "offerings",
            "validation_offers",
            "secrecy_provision",
            "secrecy_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_municipalities(self, order: EducationOrder) -> list[str]:
        """The municipalities' codes (e.g. 0484)."""
        return sorted(municipality.pk for municipality in order.municipalities.all())

    def get_offerings(self, order: EducationOrder) -> list[int]:
        """The ids of the delivering offerings."""
        return sorted(offering.pk for offering in order.offerings.all())

    def get_validation_offers(self, order: EducationOrder) -> list[int]:
        """The ids of the delivering validation offers the requester may see (the view prefetches them so)."""
        return sorted(offer.pk for offer in order.validation_offers.all())

    def get_is_overdue(self, order: EducationOrder) -> bool:
        return order.is_overdue()

    def to_representation(self, instance: EducationOrder) -> dict[str, Any]:
        """Under a secrecy marking, someone without the right gets the masked parts as "[sekretessmarkerad]"."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        granted = secrecy.may_see(getattr(request, "user", None), instance)
        if not granted:
            data["rationale"] = secrecy.shown(instance, secrecy.RATIONALE, data["rationale"], granted=False)
            data["secrecy_reason"] = secrecy.shown(
                instance, secrecy.MARKING_REASON, data["secrecy_reason"], granted=False
            )
            for addressee in data["addressees"]:
                addressee["reason"] = secrecy.shown(instance, secrecy.REASONS, addressee["reason"], granted=False)
        return data
