"""The registry (diarium): registration series, cases, registered documents with files,
secrecy markings (OSL 5 kap. 5 §), dispatches, the case event log and the document access log.

A registration is never edited away: corrections and voiding are logged as CaseEvents and a
voided row stays, marked, with its reason.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.platform.core.querysets import RestrictedQuerySet, rows_in
from samverka.platform.core.uploads import random_storage_name
from samverka.platform.spaces.visibility import insider_rows


class CaseType(models.TextChoices):
    DECISION_MATTER = "decision_matter", _("Decision matter")
    GOVERNMENT_ASSIGNMENT = "government_assignment", _("Government assignment")
    INQUIRY = "inquiry", _("Inquiry")
    EXTERNAL_REQUEST = "external_request", _("External request")
    CONSULTATION_RESPONSE = "consultation_response", _("Consultation response")
    DOCUMENT_REQUEST = "document_request", _("Request for official documents")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    INITIATED = "initiated", _("Initiated")
    PREPARATION = "preparation", _("In preparation")
    READY = "ready_for_decision", _("Ready for decision")
    DECIDED = "decided", _("Decided")
    DISPATCHED = "dispatched", _("Dispatched")
    CLOSED = "closed", _("Closed")


class Direction(models.TextChoices):
    INCOMING = "incoming", pgettext_lazy("document direction", "Incoming")
    OUTGOING = "outgoing", pgettext_lazy("document direction", "Outgoing")
    INTERNAL = "internal", _("Internal (drawn up)")


class DispatchMethod(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    E_SERVICE = "e_service", _("E-service")
    COURIER = "courier", _("Courier")


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Case registered")
    STATUS = "status", _("Status changed")
    DOCUMENT = "document", _("Document registered")
    FILE = "file", _("File added")
    CORRECTION = "correction", _("Correction")
    VOIDED = "voided", _("Voided")
    DECISION = "decision", _("Decision linked")
    DISPATCH = "dispatch", _("Dispatched")
    MARKING = "marking", _("Secrecy marking")
    DISPOSAL = "disposal", _("Disposal")
    ARCHIVED = "archived", _("Delivered to the archive")


class RegistrationSeries(models.Model):
    """A series of case numbers in a space, e.g. "MSV" or "RS-KV"."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="registration_series", verbose_name=_("space")
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("Prefix of the case numbers, e.g. MSV."))
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["space", "code"]
        verbose_name = _("registration series")
        verbose_name_plural = _("registration series")
        constraints = [models.UniqueConstraint(fields=["space", "code"], name="registry_series_code_per_space")]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class CaseCounter(models.Model):
    """The last case number given per series and year; locked while the next one is taken."""

    series = models.ForeignKey(RegistrationSeries, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="registry_one_counter_per_year")]

    def __str__(self) -> str:
        return f"{self.series_id}:{self.year}:{self.last}"


#: Room for a case number (at most six digits) and a document number (at most five) in one sort key.
CASE_NUMBER_SPAN = 1_000_000
DOCUMENT_NUMBER_SPAN = 100_000


def diary_key(year: int, case_number: int = 0, number: int = 0) -> int:
    """A registration's place in the diary as one integer: year, case number and document number.

    The diary sorts and pages by this key alone (newest first); a year is the range
    ``diary_key(year) <= key < diary_key(year + 1)``."""
    return (year * CASE_NUMBER_SPAN + case_number) * DOCUMENT_NUMBER_SPAN + number


class CaseQuerySet(RestrictedQuerySet["Case"]):
    def restriction(self, user: Any, action: str) -> Q:
        """A space's insiders (every role but guest) see its cases; the platform admin sees all.

        (The public diary is another read: ``registry.selectors.public_registrations``.)
        """
        return insider_rows(user)


class Case(models.Model):
    """A registered case (ärende) with its number in a series and year."""

    series = models.ForeignKey(
        RegistrationSeries, on_delete=models.PROTECT, related_name="cases", verbose_name=_("series")
    )
    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="cases", verbose_name=_("space"))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    public_title = models.CharField(
        _("public title"), max_length=255, blank=True, help_text=_("Shown in the public diary; blank = the title.")
    )
    case_type = models.CharField(_("case type"), max_length=30, choices=CaseType.choices, default=CaseType.OTHER)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INITIATED)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registry_cases",
        verbose_name=_("responsible officer"),
    )
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registry_cases",
        verbose_name=_("body"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registry_cases",
        verbose_name=_("decision"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registry_cases",
        verbose_name=_("meeting"),
    )
    legal_hold = models.BooleanField(
        _("legal hold"), default=False, help_text=_("Nothing in the case may be disposed of while this is set.")
    )
    is_voided = models.BooleanField(_("voided"), default=False)
    voided_reason = models.TextField(_("reason for voiding"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
        help_text=_("Empty when the system registered the case (e.g. from the public web form)."),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    #: year and number as one sortable integer (numbers never change), so the case list pages by one key.
    sort_key = models.GeneratedField(
        expression=Cast("year", models.BigIntegerField()) * CASE_NUMBER_SPAN + models.F("number"),
        output_field=models.BigIntegerField(),
        db_persist=True,
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "number"], name="registry_case_number_unique"),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False), name="registry_closed_case_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["space", "status"], name="registry_case_space_status"),
            models.Index(fields=["space", "-opened_on"], name="registry_case_space_opened"),
            # The case list: a space's cases newest number first, paged by a cursor on (sort_key, id).
            models.Index(fields=["space", "-sort_key", "-id"], name="registry_case_space_sort"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("registry:case-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    @property
    def reference(self) -> str:
        return f"{self.series.code} {self.year}/{self.number:04d}"

    @property
    def shown_title(self) -> str:
        return self.public_title or self.title

    @property
    def is_overdue(self) -> bool:
        """Past its deadline and not yet decided, dispatched or closed."""
        open_statuses = (CaseStatus.INITIATED, CaseStatus.PREPARATION, CaseStatus.READY)
        return (
            self.deadline is not None
            and not self.is_voided
            and self.status in open_statuses
            and self.deadline < timezone.localdate()
        )

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class CaseEvent(models.Model):
    """One step in a case's history: registration, workflow, correction, voiding, dispatch…"""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    text = models.TextField(_("text"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.case.space_id}


class RegisteredDocumentQuerySet(RestrictedQuerySet["RegisteredDocument"]):
    def restriction(self, user: Any, action: str) -> Q:
        """The documents of the cases ``user`` may see. What a secrecy marking hides inside a visible
        document is ``registry.secrecy``'s rule, not this one."""
        return rows_in("case", Case.objects.restrict(user))


class RegisteredDocument(models.Model):
    """A registered document (allmän handling) in a case, numbered within the case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents", verbose_name=_("case"))
    number = models.PositiveIntegerField(_("number"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    subject = models.CharField(_("subject"), max_length=255, help_text=_("What the document concerns."))
    counterpart = models.CharField(_("sender or recipient"), max_length=255, blank=True)
    counterpart_organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_documents",
        verbose_name=_("organisation"),
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    created_on = models.DateField(_("drawn up on"), null=True, blank=True)
    dispatched_on = models.DateField(_("dispatched on"), null=True, blank=True)
    document_type = models.CharField(_("document type"), max_length=60, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    is_voided = models.BooleanField(_("voided"), default=False)
    voided_reason = models.TextField(_("reason for voiding"), blank=True)
    personal_data_removed_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)
    # What the public diary sorts, filters and searches by, copied from the case so that one index serves
    # it without a join (``registry.diary`` keeps these in step; see ``fill_diary_fields`` for new rows).
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="+", db_index=False, editable=False
    )
    #: ``diary_key(case year, case number, number)``; numbers never change.
    diary_key = models.BigIntegerField(default=0, editable=False)
    #: The document or its case is voided (voided registrations are left out of the diary and its index).
    diary_voided = models.BooleanField(default=False, editable=False)
    #: The stemmed words the public may find the registration by: never what a marking hides, nor the
    #: internal title of a case with a public title (full-text indexed, see migration 0010).
    diary_words = models.TextField(blank=True, editable=False)

    objects = RegisteredDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["case", "number"]
        verbose_name = _("registered document")
        verbose_name_plural = _("registered documents")
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="registry_document_number_unique")]
        indexes = [
            # The public diary: WHERE space = ? AND NOT diary_voided [AND key range] ORDER BY diary_key DESC, id DESC.
            # Partial, because the ORM writes "NOT diary_voided", which no index column can take as an equality.
            models.Index(
                fields=["space", "-diary_key", "-id"], condition=Q(diary_voided=False), name="registry_doc_diary"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and not self.space_id:
            self.fill_diary_fields()
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"{self.case.reference}-{self.number}"

    @property
    def date(self) -> Any:
        """The date that matters for the diary: received, dispatched or drawn up."""
        return self.received_on or self.dispatched_on or self.created_on or self.registered_at.date()

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.case.space_id}

    def fill_diary_fields(self) -> None:
        """Copy what the diary needs from the case onto a new row (the services refresh it on every change)."""
        from samverka.records.registry.diary import words_of

        case = self.case
        self.space_id = case.space_id
        self.diary_key = diary_key(case.year, case.number, self.number)
        self.diary_voided = self.is_voided or case.is_voided
        self.diary_words = words_of(self)


class TextState(models.TextChoices):
    """How far a file's text has been read for search (by a task after the registering transaction)."""

    PENDING = "pending", _("Being read")
    DONE = "done", _("Read")
    PARTIAL = "partial", _("Read in part (too large)")
    FAILED = "failed", _("Could not be read")
    NONE = "none", _("No text to read")


def _file_path(instance: "DocumentFile", filename: str) -> str:
    # A random name: the original (sanitised) name is only shown, never used as a path.
    return random_storage_name("registry", filename)


class DocumentFile(models.Model):
    """One version of a registered document's file, with its SHA-256 checksum."""

    document = models.ForeignKey(
        RegisteredDocument, on_delete=models.CASCADE, related_name="files", verbose_name=_("document")
    )
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_file_path, max_length=255, blank=True)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    disposed_at = models.DateTimeField(_("disposed of"), null=True, blank=True)
    #: The file's text for full-text search (PDF, Word, OpenDocument, plain text), read once after upload
    #: by ``registry.tasks.read_file_text`` (outside the registering transaction) within bounded limits.
    text = models.TextField(_("text"), blank=True, editable=False)
    text_state = models.CharField(
        _("text for search"), max_length=10, choices=TextState.choices, default=TextState.PENDING, editable=False
    )

    class Meta:
        ordering = ["document", "version"]
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        constraints = [models.UniqueConstraint(fields=["document", "version"], name="registry_file_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.document.case.space_id}


class SecrecyMarking(models.Model):
    """A secrecy marking (sekretessmarkering, OSL 5 kap. 5 §): provision, date, authority and who marked."""

    document = models.OneToOneField(
        RegisteredDocument, on_delete=models.CASCADE, related_name="secrecy", verbose_name=_("document")
    )
    provision = models.CharField(_("provision"), max_length=120, help_text=_("e.g. OSL 21 kap. 7 §"))
    marked_on = models.DateField(_("marked on"))
    authority = models.CharField(_("authority"), max_length=200)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("marked by")
    )
    masks_counterpart = models.BooleanField(_("mask sender/recipient"), default=True)
    masks_subject = models.BooleanField(_("mask subject"), default=False)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    class Meta:
        verbose_name = _("secrecy marking")
        verbose_name_plural = _("secrecy markings")

    def __str__(self) -> str:
        return self.provision

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.document.case.space_id}


class SecrecyGrant(models.Model):
    """A space role that may see marked documents (default when a space has none: admin, registrar)."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, related_name="secrecy_grants", verbose_name=_("space")
    )
    role = models.CharField(_("role"), max_length=20)

    class Meta:
        verbose_name = _("secrecy grant")
        verbose_name_plural = _("secrecy grants")
        constraints = [models.UniqueConstraint(fields=["space", "role"], name="registry_grant_unique")]

    def __str__(self) -> str:
        return f"{self.space_id}: {self.role}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class SecrecyGrantChange(models.Model):
    """A change of the roles that may see a space's secrecy-marked documents: who, when, before and after.

    Kept for the series page's history (the SecrecyGrant rows themselves are also in the audit trail)."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, related_name="secrecy_grant_changes", verbose_name=_("space")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    roles_before = models.JSONField(_("roles before"), default=list)
    roles_after = models.JSONField(_("roles after"), default=list)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("change of secrecy grants")
        verbose_name_plural = _("changes of secrecy grants")

    def __str__(self) -> str:
        return f"{self.space_id}: {self.roles_before} → {self.roles_after}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class Dispatch(models.Model):
    """A case's dispatch (expediering): to whom, when, how and which document."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="dispatches", verbose_name=_("case"))
    recipient = models.CharField(_("recipient"), max_length=255)
    sent_on = models.DateField(_("sent on"))
    method = models.CharField(_("method"), max_length=12, choices=DispatchMethod.choices)
    document = models.ForeignKey(
        RegisteredDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispatches",
        verbose_name=_("document"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dispatched by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["case", "sent_on", "pk"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")

    def __str__(self) -> str:
        return f"{self.recipient} ({self.sent_on})"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.case.space_id}


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    DOWNLOAD = "download", _("Downloaded")


class DocumentAccessLog(models.Model):
    """Every opening of a marked document and every file download."""

    document = models.ForeignKey(
        RegisteredDocument, on_delete=models.CASCADE, related_name="access_log", verbose_name=_("document")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=10, choices=AccessAction.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("document access")
        verbose_name_plural = _("document access log")

    def __str__(self) -> str:
        return f"{self.document_id} {self.action} {self.at}"


class SearchAudience(models.TextChoices):
    """Who a search entry is for: a marked document has a masked entry and a full one for the granted."""

    ALL = "all", _("Everyone who sees the case")
    MASKED = "masked", _("Those without the secrecy grant")
    GRANTED = "granted", _("Those with the secrecy grant")


class SearchEntry(models.Model):
    """The stemmed words of a case or a registered document (``registry.search`` keeps these in step).

    Matching runs on PostgreSQL full-text search (a GIN index over ``stemmed``) or SQLite FTS5 (a
    virtual table kept in step by triggers); both are created by migration 0005 for their vendor."""

    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(RegisteredDocument, on_delete=models.CASCADE, null=True, related_name="+")
    audience = models.CharField(max_length=8, choices=SearchAudience.choices)
    date = models.DateField()
    stemmed = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["space", "-date", "-id"], name="registry_search_space")]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.document_id or '-'} ({self.audience})"
