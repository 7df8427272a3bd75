"""OpenAPI schema details that drf-spectacular cannot infer (imported in ApiConfig.ready)."""

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers


class NamedChoiceField(serializers.ChoiceField):
    """A choice field whose choice set is one named schema component, e.g. ``BodyKindEnum``.

    Two models here have a field ``kind`` with different choices (Space, Body);
    drf-spectacular would name their enums with a hash and warn. Naming the
    choice set where it is declared keeps the schema readable and warning-free.
    """

    def __init__(self, *, enum_name: str, **kwargs: Any) -> None:
        self.enum_name = enum_name
        super().__init__(**kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def get_name(self) -> str:
        return f"{self.target.enum_name}Enum"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        schema: dict[str, Any] = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        schema.pop("x-spec-enum-id", None)
        return schema
