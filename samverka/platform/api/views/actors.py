"""The actor register: organisations (public) and their contacts (insiders only)."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from samverka.collaboration.actors import selectors as actor_selectors
from samverka.collaboration.actors import services
from samverka.collaboration.actors.models import Contact, Organisation
from samverka.platform.api.filters import ContactFilter, OrganisationFilter
from samverka.platform.api.serializers.actors import (
    ContactCreateSerializer,
    ContactSerializer,
    OrganisationCreateSerializer,
    OrganisationSerializer,
    SimilarOrganisationSerializer,
    SimilarOrganisationsErrorSerializer,
)
from samverka.platform.api.views.base import ServiceApiViewSet

_TAGS = ["organisations"]


@extend_schema_view(
    list=extend_schema(summary="Search the actor register", tags=_TAGS),
    retrieve=extend_schema(summary="An organisation", tags=_TAGS),
    create=extend_schema(
        summary="Register an organisation",
        tags=_TAGS,
        request=OrganisationCreateSerializer,
        responses={
            201: OrganisationSerializer,
            400: OpenApiResponse(
                SimilarOrganisationsErrorSerializer,
                description="Invalid fields (messages by field), or organisations with a similar name exist "
                "(listed under 'similar'; send confirm_similar=true to register anyway).",
            ),
        },
    ),
    update=extend_schema(summary="Change an organisation", tags=_TAGS),
    partial_update=extend_schema(summary="Change some fields of an organisation", tags=_TAGS),
)
class OrganisationViewSet(ServiceApiViewSet):
    """The public register of actors around competence supply."""

    permission_required = {
        "list": "actors.view_organisation",
        "retrieve": "actors.view_organisation",
        "create": "actors.add_organisation",
        "update": "actors.change_organisation",
        "partial_update": "actors.change_organisation",
    }
    serializer_class = OrganisationSerializer
    lookup_value_regex = r"\d+"
    create_serializer_class = OrganisationCreateSerializer
    filterset_class = OrganisationFilter
    ordering = ("name", "pk")

    def get_queryset(self) -> QuerySet[Organisation]:
        # The list is filtered by OrganisationFilter through actors.selectors.organisation_list, which gives
        # editors the live register and everyone else the published landscape maps (with published values).
        return Organisation.objects.restrict(self.request.user).with_related()

    def get_object(self) -> Organisation:
        """Live for editors (who may change it), else as last published (404 when on no published map)."""
        organisation = actor_selectors.organisation_get(self.request.user, self.kwargs.get("pk"))
        if organisation is None:
            raise Http404
        self.check_object_permissions(self.request, organisation)
        return organisation

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return super().create(request, *args, **kwargs)
        except services.SimilarOrganisationsError as error:
            similar = SimilarOrganisationSerializer(error.similar, many=True).data
            return Response(
                {api_settings.NON_FIELD_ERRORS_KEY: error.messages, "similar": similar},
                status=status.HTTP_400_BAD_REQUEST,
            )

    def perform_service_create(self, data: dict[str, Any]) -> Organisation:
        confirm = bool(data.pop("confirm_similar", False))
        if not confirm:
            confirm = self.request.query_params.get("confirm_similar", "").lower() in {"true", "1", "yes"}
        return services.organisation_create(
            actor=self.request.user, data=services.OrganisationData(**data), confirm_similar=confirm
        )

    def perform_service_update(self, instance: Organisation, data: dict[str, Any]) -> Organisation:
        return services.organisation_update(
            actor=self.request.user, organisation=instance, data=services.OrganisationData(**data)
        )


@extend_schema_view(
    list=extend_schema(summary="List contact persons", tags=_TAGS),
    retrieve=extend_schema(summary="A contact person", tags=_TAGS),
    create=extend_schema(
        summary="Add a contact person", tags=_TAGS, request=ContactCreateSerializer, responses={201: ContactSerializer}
    ),
    update=extend_schema(summary="Change a contact person", tags=_TAGS),
    partial_update=extend_schema(summary="Change some fields of a contact person", tags=_TAGS),
)
class ContactViewSet(ServiceApiViewSet):
    """People at the organisations: personal data, for the insiders of some space only."""

    permission_required = {
        "list": "actors.view_contact",
        "retrieve": "actors.view_contact",
        "create": "actors.add_contact",
        "update": "actors.change_contact",
        "partial_update": "actors.change_contact",
    }
    serializer_class = ContactSerializer
    lookup_value_regex = r"\d+"
    create_serializer_class = ContactCreateSerializer
    filterset_class = ContactFilter
    ordering = ("name", "pk")

    def get_queryset(self) -> QuerySet[Contact]:
        return Contact.objects.restrict(self.request.user)

    def check_permissions(self, request: Request) -> None:
        """The register's people are for the insiders of any space, whichever person it is: the rule is
        asked before a person is looked up, so an anonymous client hears 401 (sign in), not 404."""
        super().check_permissions(request)
        if self.detail and not request.user.has_perm("actors.view_contact"):
            self.permission_denied(request)

    def get_permission_object(self) -> Any:
        if self.action == "create":
            return self.object_from_request("organisation", Organisation.objects.all())
        return None

    def perform_service_create(self, data: dict[str, Any]) -> Contact:
        organisation = data.pop("organisation")
        return services.contact_create(
            actor=self.request.user, organisation=organisation, data=services.ContactData(**data)
        )

    def perform_service_update(self, instance: Contact, data: dict[str, Any]) -> Contact:
        return services.contact_update(actor=self.request.user, contact=instance, data=services.ContactData(**data))
