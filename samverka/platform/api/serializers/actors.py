"""Organisations (the public actor register) and their contacts (personal data, insiders only)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.collaboration.actors.services import ORGANISATION_FIELDS


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    """An organisation as the API shows it, and the body of an update (PUT/PATCH)."""

    # Checked and normalised (to NNNNNN-NNNN, unique) by the service, which explains what is wrong.
    org_number = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        label=_("organisation number"),
        help_text=_("Ten digits, NNNNNN-NNNN."),
    )
    county_name = serializers.CharField(source="county.name", read_only=True, allow_null=True, default=None)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Organisation
        fields = [
            "id",
            *ORGANISATION_FIELDS,
            "county_name",
            "municipality_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class OrganisationCreateSerializer(OrganisationSerializer):
    """The body of a create; ``confirm_similar`` registers it although similar names exist."""

    confirm_similar = serializers.BooleanField(
        write_only=True,
        default=False,
        help_text=_(
            "Organisations with a similar name make the create fail with 400 and list them under "
            "'similar'; send true to register the organisation anyway."
        ),
    )

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "confirm_similar"]


class SimilarOrganisationSerializer(serializers.ModelSerializer[Organisation]):
    municipality_name = serializers.CharField(source="municipality.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Organisation
        fields = ["id", "name", "org_number", "municipality_name"]


class SimilarOrganisationsErrorSerializer(serializers.Serializer[Any]):
    """The 400 answer of a create when organisations with a similar name exist."""

    non_field_errors = serializers.ListField(child=serializers.CharField())
    similar = SimilarOrganisationSerializer(many=True)


CONTACT_WRITE_FIELDS = ["name", "function", "email", "gender", "born_abroad"]


class ContactSerializer(serializers.ModelSerializer[Contact]):
    """A contact person and the body of an update (the organisation cannot change)."""

    class Meta:
        model = Contact
        fields = ["id", "organisation", *CONTACT_WRITE_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "organisation", "created_at", "updated_at"]


class ContactCreateSerializer(serializers.ModelSerializer[Contact]):
    """The body of a create: the organisation the person works at and their details."""

    class Meta:
        model = Contact
        fields = ["id", "organisation", *CONTACT_WRITE_FIELDS]
        read_only_fields = ["id"]
