"""What every API view shares: the permission rule, JSON only, services' errors as 400/403."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from samverka.platform.api.exceptions import as_api_error


class ApiViewMixin:
    """Shared behaviour of the API views.

    - ``permission_required`` (dict action → rule, or ``"public"``) is checked
      by ``samverka.platform.api.permissions.RulesPermission`` (the default class).
    - JSON in and out: people browse the API through the Swagger UI at ``docs/``.
    - A ``ValidationError`` from a service answers 400 with its messages.
    - Token clients get messages in the language of their profile (the
      language middleware only knows session users).
    """

    permission_required: dict[str, str] | str | None = None
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    request: Request

    def get_permission_object(self) -> Any:
        """The object a collection action's rule is checked against (a create's parent); ``None`` by default."""
        return None

    def perform_authentication(self, request: Request) -> None:
        super().perform_authentication(request)  # type: ignore[misc]
        user = request.user
        if (
            user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.language in dict(settings.LANGUAGES)
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language  # type: ignore[attr-defined]

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["Content-Language"] = translation.get_language()
        return response

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, DjangoValidationError):
            exc = as_api_error(exc)
        return super().handle_exception(exc)  # type: ignore[misc]

    def object_from_request(self, field: str, queryset: QuerySet[Any], *, lookup: str = "pk") -> Model:
        """The object a create refers to by ``field`` in the request body; 400 when missing or unknown.

        Used by ``get_permission_object`` so that the rule is checked against
        the space or body the new row will belong to, before anything is written.
        """
        if not hasattr(self, "_object_from_request"):
            value = self.request.data.get(field) if hasattr(self.request.data, "get") else None
            if value in (None, ""):
                raise serializers.ValidationError({field: [_("This field is required.")]})
            try:
                found = queryset.filter(**{lookup: value}).first()
            except (TypeError, ValueError, DjangoValidationError):
                found = None
            if found is None:
                raise serializers.ValidationError({field: [_("No such object: %(value)s.") % {"value": value}]})
            self._object_from_request = found
        return self._object_from_request


class ReadOnlyApiViewSet(ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet):  # type: ignore[misc]
    """List and retrieve."""


class ServiceApiViewSet(ReadOnlyApiViewSet):
    """List, retrieve, create and update, where every write goes through a service.

    ``serializer_class`` describes the object in responses;
    ``create_serializer_class`` and ``update_serializer_class`` validate the
    request body. Subclasses implement ``perform_service_create(data)`` and
    ``perform_service_update(instance, data)`` by calling the app's service;
    serializers never save.
    """

    create_serializer_class: type[serializers.Serializer] | None = None
    update_serializer_class: type[serializers.Serializer] | None = None

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "create" and self.create_serializer_class is not None:
            return self.create_serializer_class
        if self.action in {"update", "partial_update"} and self.update_serializer_class is not None:
            return self.update_serializer_class
        return super().get_serializer_class()

    def represent(self, instance: Model) -> Any:
        """The response body for ``instance`` (the read serializer)."""
        return self.serializer_class(instance, context=self.get_serializer_context()).data  # type: ignore[misc]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.perform_service_create(dict(serializer.validated_data))
        return Response(self.represent(instance), status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        instance = self.perform_service_update(instance, dict(serializer.validated_data))
        return Response(self.represent(instance))

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def perform_service_create(self, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def perform_service_update(self, instance: Any, data: dict[str, Any]) -> Model:
        raise NotImplementedError
