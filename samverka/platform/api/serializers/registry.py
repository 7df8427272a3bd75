"""Cases and registered documents (masked where a secrecy marking requires it), the public diary, and the
questions and orders between bodies."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samverka.platform.api.schema import NamedChoiceField
from samverka.records.questions.models import Question, QuestionKind, QuestionStatus
from samverka.records.registry import secrecy
from samverka.records.registry.models import Case, CaseStatus, CaseType, Direction, RegisteredDocument
from samverka.records.registry.secrecy import is_marked, may_see_marked_in
from samverka.records.registry.selectors import public_row


class CaseSerializer(serializers.ModelSerializer[Case]):
    """A registered case; ``reference`` is the registration number, e.g. "MSV 2027/0042"."""

    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    reference = serializers.CharField(read_only=True)
    case_type = NamedChoiceField(choices=CaseType.choices, enum_name="CaseType", label=_("case type"), read_only=True)
    status = NamedChoiceField(choices=CaseStatus.choices, enum_name="CaseStatus", label=_("status"), read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "space",
            "reference",
            "year",
            "number",
            "title",
            "public_title",
            "case_type",
            "status",
            "responsible",
            "body",
            "deadline",
            "opened_on",
            "closed_on",
            "decision",
            "meeting",
            "legal_hold",
            "is_voided",
        ]
        read_only_fields = fields


class DocumentFileSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    url = serializers.CharField(help_text=_("Downloads through the page, which checks the permission and logs it."))


class DocumentSerializer(serializers.ModelSerializer[RegisteredDocument]):
    """A registered document. Under a secrecy marking, someone without the space's grant gets the masked
    sender/recipient and subject the public diary shows, and no files."""

    reference = serializers.CharField(read_only=True)
    direction = NamedChoiceField(
        choices=Direction.choices, enum_name="DocumentDirection", label=_("direction"), read_only=True
    )
    is_marked = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()

    class Meta:
        model = RegisteredDocument
        fields = [
            "id",
            "case",
            "reference",
            "number",
            "direction",
            "subject",
            "counterpart",
            "received_on",
            "created_on",
            "dispatched_on",
            "document_type",
            "registered_at",
            "is_voided",
            "is_marked",
            "files",
        ]
        read_only_fields = fields

    def _hidden(self, document: RegisteredDocument) -> frozenset[str]:
        """What the document's marking hides from the requesting user (``registry.secrecy``)."""
        if not secrecy.hidden_fields(document):
            return frozenset()
        request = self.context.get("request")
        granted = may_see_marked_in(getattr(request, "user", None), document.case.space_id)
        return secrecy.hidden_for(document, granted=granted)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_marked(self, document: RegisteredDocument) -> bool:
        return is_marked(document)

    @extend_schema_field(DocumentFileSerializer(many=True))
    def get_files(self, document: RegisteredDocument) -> list[dict[str, Any]]:
        if secrecy.FILES in self._hidden(document):
            return []
        case = document.case
        files = []
        for item in document.files.all():
            if item.disposed_at is not None:
                continue
            path = reverse(
                "registry:file-download",
                kwargs={"space": case.space.slug, "pk": case.pk, "number": document.number, "file": item.pk},
            )
            request = self.context.get("request")
            files.append(
                {
                    "version": item.version,
                    "name": item.name,
                    "size": item.size,
                    "sha256": item.sha256,
                    "url": request.build_absolute_uri(path) if request else path,
                }
            )
        return files

    def to_representation(self, instance: RegisteredDocument) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        hidden = self._hidden(instance)
        for field in (secrecy.SUBJECT, secrecy.COUNTERPART):
            if field in hidden and data[field]:
                data[field] = secrecy.MASK
        return data


class DiaryRowSerializer(serializers.Serializer[Any]):
    """A row of the public diary: marked fields show "[sekretessmarkerad]"."""

    reference = serializers.CharField()
    case_reference = serializers.CharField()
    date = serializers.DateField()
    direction = serializers.CharField()
    case_title = serializers.CharField()
    counterpart = serializers.CharField()
    subject = serializers.CharField()
    is_marked = serializers.BooleanField()
    provision = serializers.CharField()

    def to_representation(self, instance: RegisteredDocument) -> dict[str, Any]:
        return super().to_representation(public_row(instance))


class QuestionSerializer(serializers.ModelSerializer[Question]):
    """A question, request or education order from one body to another; ``escalated_from`` links the chain."""

    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    kind = NamedChoiceField(choices=QuestionKind.choices, enum_name="QuestionKind", label=_("kind"), read_only=True)
    status = NamedChoiceField(
        choices=QuestionStatus.choices, enum_name="QuestionStatus", label=_("status"), read_only=True
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "space",
            "from_body",
            "to_body",
            "kind",
            "title",
            "text",
            "due_on",
            "status",
            "answer",
            "escalated_from",
            "created_at",
            "closed_at",
        ]
        read_only_fields = fields
