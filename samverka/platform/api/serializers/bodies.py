"""Bodies (forums, councils, groups, projects) and their memberships."""

from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.bodies.models import Body, BodyKind, Membership, ParticipationModel
from samverka.platform.api.schema import NamedChoiceField
from samverka.platform.spaces.models import Space


class VisibleBodyField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A body the requesting user may see; any other id is refused as unknown."""

    def get_queryset(self) -> QuerySet[Body]:
        request = self.context.get("request")
        return Body.objects.restrict(getattr(request, "user", None))


BODY_WRITE_FIELDS = [
    "name",
    "kind",
    "area",
    "mandate",
    "start_date",
    "end_date",
    "owner_organisation",
    "parent",
    "status",
    "is_public",
]


class BodySerializer(serializers.ModelSerializer[Body]):
    """A body as the API shows it."""

    space: serializers.SlugRelatedField[Space] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    kind = NamedChoiceField(choices=BodyKind.choices, enum_name="BodyKind", label=_("kind"), read_only=True)

    class Meta:
        model = Body
        fields = ["id", "space", *BODY_WRITE_FIELDS, "closed_at", "closing_note", "created_at", "updated_at"]
        read_only_fields = fields


class BodyUpdateSerializer(serializers.ModelSerializer[Body]):
    """The body of an update (PUT/PATCH). A body is closed with the ``close`` action, not here."""

    # The metaclass moves declared fields out of the class, so this does not shadow Field.parent.
    parent = VisibleBodyField(  # type: ignore[assignment]
        allow_null=True, required=False, help_text=_("The body this one reports to.")
    )
    kind = NamedChoiceField(choices=BodyKind.choices, enum_name="BodyKind", label=_("kind"))

    class Meta:
        model = Body
        fields = BODY_WRITE_FIELDS


class BodyCreateSerializer(BodyUpdateSerializer):
    """The body of a create: the space (by its short name) and the body's fields."""

    space = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Space.objects.all(),
        help_text=_("The short name (slug) of the space the body belongs to."),
    )

    class Meta(BodyUpdateSerializer.Meta):
        fields = ["space", *BODY_WRITE_FIELDS]


class BodyCloseSerializer(serializers.Serializer[Any]):
    """Close a body (the closing routine): the date and what became of its work."""

    closed_at = serializers.DateField(required=False, help_text=_("The day the body closed; today when left out."))
    closing_note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("What became of the body's work.")
    )


MEMBERSHIP_PERSON_FIELDS = ("contact", "contact_name", "start_date", "end_date", "participation_model", "note")


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    """A seat in a body. Who holds it is shown only to those who may see the body's members
    (``people_visible``); for others the person fields are null and only the organisation
    and the role are told."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    contact_name = serializers.CharField(source="contact.name", read_only=True, allow_null=True)
    participation_model = serializers.ChoiceField(
        choices=ParticipationModel.choices, allow_blank=True, allow_null=True, read_only=True
    )
    people_visible = serializers.SerializerMethodField(
        help_text=_("Whether you may see who holds the seat; when false the person fields are null.")
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "body",
            "organisation",
            "organisation_name",
            "role",
            "people_visible",
            *MEMBERSHIP_PERSON_FIELDS,
        ]
        read_only_fields = fields
        extra_kwargs = {name: {"allow_null": True} for name in ("contact", "note")}

    @extend_schema_field(serializers.BooleanField())
    def get_people_visible(self, membership: Membership) -> bool:
        return self._people_visible(membership)

    def _people_visible(self, membership: Membership) -> bool:
        """Asked once per body and request (cached in the serializer context)."""
        context = cast(dict[str, Any], self.context)
        cache: dict[int, bool] = context.setdefault("people_visible_by_body", {})
        if membership.body_id not in cache:
            request = self.context.get("request")
            user = getattr(request, "user", None)
            cache[membership.body_id] = bool(
                user is not None and user.has_perm("bodies.view_membership_people", membership.body)
            )
        return cache[membership.body_id]

    def to_representation(self, instance: Membership) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not data["people_visible"]:
            data.update(dict.fromkeys(MEMBERSHIP_PERSON_FIELDS))
        return data


MEMBERSHIP_WRITE_FIELDS = ["contact", "organisation", "role", "start_date", "end_date", "participation_model", "note"]


class MembershipUpdateSerializer(serializers.ModelSerializer[Membership]):
    """The body of an update (PUT/PATCH). A membership is ended with the ``end`` action."""

    contact = serializers.PrimaryKeyRelatedField(queryset=Contact.objects.all(), help_text=_("The person."))

    class Meta:
        model = Membership
        fields = MEMBERSHIP_WRITE_FIELDS
        extra_kwargs = {
            "organisation": {
                "required": False,
                "help_text": _("The organisation the person represents; by default the contact's own."),
            }
        }


class MembershipCreateSerializer(MembershipUpdateSerializer):
    """The body of a create: the body (by id) and the seat."""

    body = VisibleBodyField(help_text=_("The body's id."))

    class Meta(MembershipUpdateSerializer.Meta):
        fields = ["body", *MEMBERSHIP_WRITE_FIELDS]


class MembershipEndSerializer(serializers.Serializer[Any]):
    end_date = serializers.DateField(
        required=False, help_text=_("The last day of the membership; today when left out.")
    )
