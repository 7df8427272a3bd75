"""Education orders (utbildningsbeställningar) as a tracked chain (seed 004 ch. 6.4.4, app. 6).

An industry forum or another body of a space orders an education: which occupations (SSYK) and how many
places a year, where, in which forms and when. The order goes to several addressees (local competence
workshops, providers, Arbetsförmedlingen, a YH consortium), each of which records its own line decision
(accepted, partly, rejected with a reason). The order then moves one step at a time through
``OrderStatus`` — draft → sent → received → under assessment → decided → in delivery → delivered →
outcome reported → closed — each step with its own due date; every step is an ``OrderEvent``. An order that
is overdue is escalated up the origin body's reporting line (``services.send_order_reminders``).

An order may grow out of an education-order question (``question``), and it links the catalogue offerings
that deliver it (``offerings``; orders may not write catalogue models, so the link lives here) and, for a
validation order, the validation offers that deliver it (``validation_offers``).

An order may carry a secrecy marking (``secrecy_provision``, OSL); what it masks is in ``orders.secrecy``.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.spaces.visibility import insider_rows


class OrderType(models.TextChoices):
    NEW = "new", _("New education")
    CHANGE = "change", _("Change of an education")
    BASIC = "basic", _("Basic education")
    FURTHER = "further", _("Further education")
    VALIDATION = "validation", _("Validation")


class OrderForm(models.TextChoices):
    """The forms of education an order may ask for."""

    GY = "gy", _("Upper secondary school (GY)")
    VUX = "vux", _("Municipal adult education (Komvux)")
    YH = "yh", _("Higher vocational education (YH)")
    AUB = "aub", _("Labour market training (AUB)")
    FHS = "fhs", _("Folk high school (FHS)")
    HS = "hs", _("Higher education (HS)")
    CONTRACT = "contract", _("Contract education")


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    DECIDED = "decided", _("Decided")
    IN_DELIVERY = "in_delivery", _("In delivery")
    DELIVERED = "delivered", _("Delivered")
    OUTCOME_REPORTED = "outcome_reported", _("Outcome reported")
    CLOSED = "closed", _("Closed")


#: The chain, in order: an order only ever moves to the next step.
STATUS_CHAIN: tuple[str, ...] = tuple(OrderStatus.values)


def next_status(status: str) -> str | None:
    """The step after ``status``, or None after the last."""
    index = STATUS_CHAIN.index(status)
    return STATUS_CHAIN[index + 1] if index + 1 < len(STATUS_CHAIN) else None


#: Statuses in which the order waits for someone (its due date counts).
ACTIVE_STATUSES = frozenset(STATUS_CHAIN[1:-1])


class EducationOrderQuerySet(RestrictedQuerySet["EducationOrder"]):
    """Orders are for the space's insiders and the leaders of the ordering and the addressee bodies; a
    published order is open to all."""

    def restriction(self, user: Any, action: str) -> Q:
        from samverka.collaboration.bodies.permissions import body_seats

        condition = Q(is_published=True) | insider_rows(user)
        leader = sorted(body_seats(user)["leader"])
        if leader:
            condition |= Q(origin_body_id__in=leader) | Q(
                pk__in=OrderAddressee.objects.filter(body_id__in=leader).values("order_id")
            )
        return condition

    def active(self) -> "EducationOrderQuerySet":
        return self.filter(status__in=ACTIVE_STATUSES)

    def overdue(self, today: date | None = None) -> "EducationOrderQuerySet":
        return self.active().filter(due_on__lt=today or timezone.localdate())


class EducationOrder(TimeStampedModel):
    """An education order from a body of a space, tracked from draft to closed."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="education_orders", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    origin_body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="education_orders", verbose_name=_("ordered by")
    )
    origin_decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="education_orders",
        verbose_name=_("decision behind the order"),
    )
    registration_number = models.CharField(_("registration number"), max_length=50, blank=True)
    question = models.OneToOneField(
        "questions.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tracked_order",
        verbose_name=_("education order message"),
    )
    order_type = models.CharField(_("type of order"), max_length=12, choices=OrderType.choices)
    sun_field = models.CharField(_("SUN 2020 field"), max_length=4, blank=True)
    municipalities = models.ManyToManyField(
        "core.Municipality", blank=True, related_name="+", verbose_name=_("municipalities")
    )
    forms = models.JSONField(_("desired forms"), default=list, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    status = models.CharField(_("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.DRAFT)
    due_on = models.DateField(_("due date of the current step"), null=True, blank=True)
    sent_on = models.DateField(_("sent"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "bodies.Body",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("escalated to"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    offerings = models.ManyToManyField(
        "catalogue.Offering", blank=True, related_name="education_orders", verbose_name=_("delivering offerings")
    )
    validation_offers = models.ManyToManyField(
        "validation.ValidationOffer",
        blank=True,
        related_name="education_orders",
        verbose_name=_("delivering validation offers"),
    )
    #: What the rationale rests on: the space's analyses and the ordering forum's (Q2) trend discussion.
    analyses = models.ManyToManyField(
        "analyses.Analysis", blank=True, related_name="+", verbose_name=_("analyses behind the rationale")
    )
    trend_meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the forum's trend discussion"),
        help_text=_("The meeting where the forum discussed the trends the order answers (the Q2 theme)."),
    )
    #: A secrecy marking (OSL): the provision it is made under; blank when the order is not marked.
    secrecy_provision = models.CharField(
        _("secrecy provision"), max_length=120, blank=True, help_text=_("e.g. OSL 19 kap. 1 §")
    )
    secrecy_reason = models.TextField(_("reason for the secrecy marking"), blank=True)
    secrecy_masks_rationale = models.BooleanField(_("mask the rationale"), default=True)
    secrecy_masks_reasons = models.BooleanField(_("mask the addressees' reasons"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = EducationOrderQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("education order")
        verbose_name_plural = _("education orders")
        indexes = [models.Index(fields=["space", "status", "due_on"], name="order_space_status_due")]
        constraints = [
            models.CheckConstraint(condition=Q(priority__gte=1, priority__lte=3), name="order_priority_1_3"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("orders:order-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("orders:public-order", kwargs={"pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}

    @property
    def next_status(self) -> str | None:
        return next_status(self.status)

    def next_status_label(self) -> str:
        step = self.next_status
        return str(OrderStatus(step).label) if step else ""

    def is_overdue(self, today: date | None = None) -> bool:
        return (
            self.status in ACTIVE_STATUSES and self.due_on is not None and self.due_on < (today or timezone.localdate())
        )

    def form_labels(self) -> list[str]:
        return [str(OrderForm(code).label) for code in self.forms if code in OrderForm.values]


class OrderOccupation(models.Model):
    """An occupation (SSYK 2012) the order asks for, with the places wanted in one year."""

    order = models.ForeignKey(EducationOrder, on_delete=models.CASCADE, related_name="occupations")
    ssyk_code = models.CharField(_("SSYK 2012"), max_length=4)
    year = models.PositiveSmallIntegerField(_("year"))
    volume = models.PositiveIntegerField(_("places"))

    class Meta:
        ordering = ["ssyk_code", "year"]
        verbose_name = _("ordered occupation")
        verbose_name_plural = _("ordered occupations")
        constraints = [
            models.UniqueConstraint(fields=["order", "ssyk_code", "year"], name="order_occupation_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.ssyk_code} {self.year}: {self.volume}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.order.space_id}


class LineDecision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    REJECTED = "rejected", _("Rejected")


class OrderAddressee(models.Model):
    """One addressee of an order — a body or an organisation — and its own line decision."""

    order = models.ForeignKey(EducationOrder, on_delete=models.CASCADE, related_name="addressees")
    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("body")
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    decision = models.CharField(_("line decision"), max_length=10, choices=LineDecision.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        constraints = [
            models.CheckConstraint(
                condition=Q(body__isnull=False, organisation__isnull=True)
                | Q(body__isnull=True, organisation__isnull=False),
                name="order_addressee_body_or_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.body is not None:
            return self.body.name
        return self.organisation.name if self.organisation is not None else ""

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.order.space_id}


class ConsultationKind(models.TextChoices):
    KOMVUX_GRANT = "komvux_grant", _("Komvux state grant")
    YH_APPLICATION = "yh_application", _("YH application")


class ConsultationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")


class OrderConsultation(models.Model):
    """An application that follows from the order: a Komvux state grant or a YH application."""

    order = models.ForeignKey(EducationOrder, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices)
    application_round = models.CharField(_("application round"), max_length=50)
    status = models.CharField(
        _("status"), max_length=10, choices=ConsultationStatus.choices, default=ConsultationStatus.APPLIED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.application_round}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.order.space_id}


class OrderEvent(models.Model):
    """One step in an order's life: who moved it, from which status to which, and their note."""

    order = models.ForeignKey(EducationOrder, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("order event")
        verbose_name_plural = _("order events")

    def __str__(self) -> str:
        return f"{self.order_id} {self.from_status}→{self.to_status}"


class AgendaKind(models.TextChoices):
    """Which of the industry forum's annual-wheel meetings the item is on (seed 004 ch. 6.4)."""

    OPEN_ORDERS = "q4", _("Q4: new and open orders")
    OUTCOMES = "q3", _("Q3: outcomes of earlier orders")


class OrderAgendaItem(models.Model):
    """The agenda item the orders put on a forum's Q3 or Q4 meeting, kept in step by ``agenda_sync``.

    The item itself is the meetings app's (written through its services); this row remembers which one it is,
    so a second sync updates it instead of adding another, and who is to bring the Q3 analysis by when.
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="order_agenda_items", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=2, choices=AgendaKind.choices)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responsible = models.ForeignKey(
        "actors.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible for the analysis"),
    )
    analysis_due = models.DateField(_("analysis due"), null=True, blank=True)
    orders = models.ManyToManyField(EducationOrder, related_name="agenda_items", blank=True, verbose_name=_("orders"))
    synced_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["meeting__start", "pk"]
        verbose_name = _("orders on an agenda")
        verbose_name_plural = _("orders on agendas")
        constraints = [models.UniqueConstraint(fields=["meeting", "kind"], name="order_agenda_once_per_meeting")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.kind}"
