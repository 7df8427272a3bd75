"""The registry in the API: cases and documents for the space's insiders (marked documents masked for those
without the grant), the public diary for everyone, and the questions between bodies."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.viewsets import GenericViewSet

from samverka.platform.api.pagination import KeysetPagination
from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.registry import (
    CaseSerializer,
    DiaryRowSerializer,
    DocumentSerializer,
    QuestionSerializer,
)
from samverka.platform.api.views.base import ApiViewMixin, ReadOnlyApiViewSet
from samverka.platform.spaces.models import Space
from samverka.records.questions.models import Question
from samverka.records.registry import search
from samverka.records.registry.models import Case, DocumentFile, RegisteredDocument
from samverka.records.registry.selectors import DIARY_ORDERING, public_registrations


@extend_schema_view(
    list=extend_schema(summary="List the cases of your spaces", tags=["registry"]),
    retrieve=extend_schema(summary="A case", tags=["registry"]),
)
class CaseViewSet(ReadOnlyApiViewSet):
    """Registered cases; filter by ``space__slug``, ``year``, ``status``, ``case_type``, ``body``."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "registry.view_case"}
    serializer_class = CaseSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["space__slug", "year", "status", "case_type", "body"]

    def get_queryset(self) -> QuerySet[Case]:
        return (
            Case.objects.restrict(self.request.user)
            .select_related("space", "series")
            .order_by("-year", "-number", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary="List the registered documents of your spaces' cases",
        tags=["registry"],
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                description="Full-text search (Swedish stemming, file contents); needs `space`. A marked "
                "document is never found through what its marking hides unless you have the grant.",
            ),
            OpenApiParameter("space", OpenApiTypes.STR, description="The space to search in (with `q`)."),
        ],
    ),
    retrieve=extend_schema(summary="A registered document with its files", tags=["registry"]),
)
class DocumentViewSet(ReadOnlyApiViewSet):
    """Registered documents; filter by ``case``, ``direction``; search with ``q`` and ``space``. A
    secrecy-marked document is masked, and its files left out, for those the space has not granted
    access to marked documents."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "registry.view_case"}
    serializer_class = DocumentSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["case", "direction"]

    def get_queryset(self) -> QuerySet[RegisteredDocument]:
        files = Prefetch("files", queryset=DocumentFile.objects.order_by("version", "pk"))
        documents = (
            RegisteredDocument.objects.restrict(self.request.user)
            .select_related("case__series", "case__space", "secrecy", "counterpart_organisation")
            .prefetch_related(files)
            .order_by("-case__year", "-case__number", "-number")
        )
        query = self.request.query_params.get("q", "").strip()
        if query and self.action == "list":
            documents = documents.filter(pk__in=self._search_hits(query))
        return documents

    def _search_hits(self, query: str) -> Any:
        """The documents the full-text search finds in ``space`` for this user (the same entries as the page)."""
        slug = self.request.query_params.get("space", "")
        if not slug:
            raise serializers.ValidationError({"space": [_("Give the space to search in (space=…).")]})
        space = get_object_or_404(Space, slug=slug)
        if not self.request.user.has_perm("registry.view_case", space):
            return []
        return [
            entry.document_id for entry in search.search(space, self.request.user, query, documents_only=True).entries
        ]

    def check_object_permissions(self, request: Any, obj: Any) -> None:
        # The rule takes the case (the document's visibility is the case's; masking is the serializer's).
        super().check_object_permissions(request, obj.case)


class DiaryCursorPagination(KeysetPagination):
    """The diary's pages: a cursor over the diary's index (newest first), at most ``max_page_size`` rows."""

    ordering = DIARY_ORDERING
    max_page_size = 200


@extend_schema_view(
    list=extend_schema(
        summary="The public diary of a space (masked where marked)",
        tags=["registry"],
        parameters=[
            OpenApiParameter("space", OpenApiTypes.STR, required=True, description="The space's short name."),
            OpenApiParameter("q", OpenApiTypes.STR, description="Search (a registration number or words)."),
            OpenApiParameter("year", OpenApiTypes.INT),
        ],
    ),
)
class DiaryViewSet(ApiViewMixin, mixins.ListModelMixin, GenericViewSet):  # type: ignore[misc]
    """The public diary: every registration of the space, for everyone, with marked fields masked.

    Paged by a cursor (``next``/``previous`` links; no count): as fast on the last page as on the first."""

    permission_required = {"list": PUBLIC_RULE}
    serializer_class = DiaryRowSerializer
    pagination_class = DiaryCursorPagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[RegisteredDocument]:
        slug = self.request.query_params.get("space", "")
        if not slug:
            raise serializers.ValidationError({"space": [_("This field is required.")]})
        space = get_object_or_404(Space, slug=slug)
        year = self.request.query_params.get("year", "")
        if year and not (year.isdigit() and 1000 <= int(year) <= 9999):
            raise serializers.ValidationError({"year": [_("Give a year with four digits.")]})
        return public_registrations(
            space, query=self.request.query_params.get("q", ""), year=int(year) if year else None
        )


@extend_schema_view(
    list=extend_schema(summary="List the questions and orders between the bodies you may see", tags=["questions"]),
    retrieve=extend_schema(summary="A question, request or education order", tags=["questions"]),
)
class QuestionViewSet(ReadOnlyApiViewSet):
    """Questions between bodies; filter by ``from_body``, ``to_body``, ``status``, ``kind``."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "questions.view_question"}
    serializer_class = QuestionSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["from_body", "to_body", "status", "kind"]

    def get_queryset(self) -> QuerySet[Question]:
        return Question.objects.restrict(self.request.user).select_related("space").order_by("due_on", "pk")
