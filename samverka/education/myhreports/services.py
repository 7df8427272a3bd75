"""Every write of the yearly reports to MYH: one function per action, each in one transaction.

The steps are draft → review → decided → registered → submitted; a jump that skips a step is refused
naming the expected next one. A submitted report is frozen: every service that would change it raises a
ValidationError, and the only way to change it is ``report_correct``, which logs who, when, what and why
and keeps the submitted version (``MyhReport.submitted_snapshot``).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.collaboration.meetings.models import Decision
from samverka.education.myhreports import exports, generate
from samverka.education.myhreports.models import (
    STATUS_ORDER,
    Confidence,
    MyhReport,
    NeedEntry,
    ReportComment,
    ReportCorrection,
    ReportFigure,
    ReportStatus,
    ReportTemplate,
)
from samverka.education.myhreports.sections import METHOD
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.spaces.models import Space
from samverka.records.registry import selectors as registry_selectors
from samverka.records.registry import services as registry
from samverka.records.registry.models import Direction, RegisteredDocument

#: The language of the report's stored content (MYH reads Swedish).
REPORT_LANGUAGE = "sv"

FROZEN_MESSAGE = (
    "The report was submitted to MYH and is frozen: it cannot be changed. Record a correction with a reason instead."
)


def _ensure_not_frozen(report: MyhReport) -> None:
    if report.is_frozen:
        raise ValidationError(_(FROZEN_MESSAGE))


def _ensure_editable(report: MyhReport) -> None:
    """Content changes only in draft and review."""
    _ensure_not_frozen(report)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.REVIEW):
        raise ValidationError(
            _("The report is %(status)s: its content can only be changed in draft or review.")
            % {"status": report.get_status_display().lower()}
        )


def _locked(report: MyhReport) -> MyhReport:
    """The report's row, locked for this transaction and read again (so a status checked is the status)."""
    return MyhReport.objects.select_for_update().select_related("space", "template").get(pk=report.pk)


@transaction.atomic
def template_for_year(*, year: int) -> ReportTemplate:
    """The year's template; the shipped sections when the year has none yet."""
    template, _created = ReportTemplate.objects.get_or_create(
        year=year, defaults={"sections": ReportTemplate.shipped_sections()}
    )
    return template


@transaction.atomic
def template_update(*, template: ReportTemplate, sections: list[dict[str, str]]) -> ReportTemplate:
    """Change a template's sections; refused once a report has used it (a fixed template)."""
    template = ReportTemplate.objects.select_for_update().get(pk=template.pk)
    if template.frozen_at is not None or template.reports.exists():
        raise ValidationError(
            _("The template for %(year)s is in use by a report and can no longer change.") % {"year": template.year}
        )
    template.sections = sections
    template.save(update_fields=["sections"])
    return template


@transaction.atomic
def report_create(*, space: Space, year: int, actor: User) -> MyhReport:
    """Start the space's report for ``year`` as a draft filled from the data the space has today."""
    ensure(actor.has_perm("myhreports.add_report", space))
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
    if MyhReport.objects.filter(space=space, year=year).exists():
        raise ValidationError({"year": _("The space already has a report for %(year)s.") % {"year": year}})
    template = template_for_year(year=year)
    if template.frozen_at is None:
        template.frozen_at = timezone.now()
        template.save(update_fields=["frozen_at"])
    report = MyhReport.objects.create(space=space, year=year, template=template, created_by=actor)
    return report_generate(report=report, actor=actor)


@transaction.atomic
def report_generate(*, report: MyhReport, actor: User) -> MyhReport:
    """Fill (or fill again) every section from live data, replacing the figures. Only in draft."""
    ensure(actor.has_perm("myhreports.change_myhreport", report))
    report = _locked(report)
    _ensure_not_frozen(report)
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("Only a draft can be generated again from the data."))
    now = timezone.now()
    # The report goes to a Swedish agency: its snapshot (labels, sources, vintages) is written in Swedish
    # whatever language the person generating it reads the site in.
    with translation.override(REPORT_LANGUAGE):
        figures = generate.collect(space=report.space, actor=actor, fetched_at=now)
        method_intro = _("The figures were taken from these sources when the draft was generated:")
    report.figures.all().delete()
    positions: dict[str, int] = {}
    rows = []
    for figure in figures:
        position = positions.get(figure.section, 0)
        positions[figure.section] = position + 1
        rows.append(
            ReportFigure(
                report=report,
                section=figure.section,
                position=position,
                key=figure.key[:120],
                label=figure.label[:300],
                value=figure.value,
                unit=figure.unit[:60],
                source_name=figure.source_name[:300],
                dataset_version=figure.version,
                vintage=figure.vintage[:200],
                fetched_at=now,
            )
        )
    ReportFigure.objects.bulk_create(rows, batch_size=500)
    texts = dict(report.texts)
    if not texts.get(METHOD):
        sources = generate.sources_used(figures)
        lines = [method_intro, *sources]
        texts[METHOD] = "\n".join(lines) if sources else ""
    report.texts = texts
    report.generated_at, report.generated_by = now, actor
    report.save(update_fields=["texts", "generated_at", "generated_by"])
    return report


@transaction.atomic
def report_set_text(*, report: MyhReport, actor: User, section: str, text: str) -> MyhReport:
    """The analyst's text of one section (free text: investments, establishments, method notes, …)."""
    ensure(actor.has_perm("myhreports.change_myhreport", report))
    report = _locked(report)
    _ensure_editable(report)
    if section not in {key for key, _title in report.template.section_list()}:
        raise ValidationError({"section": _("The template has no such section.")})
    report.texts = {**report.texts, section: text.strip()}
    report.save(update_fields=["texts"])
    return report


@dataclass(frozen=True, kw_only=True)
class NeedData(ServiceData):
    yh_area: str | Unset = UNSET
    ssyk: str | Unset = UNSET
    motivation: str | Unset = UNSET
    evidence: str | Unset = UNSET
    confidence: str | Unset = UNSET
    sources: str | Unset = UNSET
    priority: int | None | Unset = UNSET


def _check_need(need: NeedEntry) -> None:
    errors: dict[str, str] = {}
    if not need.motivation.strip():
        errors["motivation"] = _("Say why the need exists.")
    if need.confidence not in Confidence.values:
        errors["confidence"] = _("Choose low, medium or high.")
    if need.ssyk and not (need.ssyk.isdigit() and 1 <= len(need.ssyk) <= 4):
        errors["ssyk"] = _("An SSYK code is one to four digits.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def need_create(*, report: MyhReport, actor: User, data: NeedData) -> NeedEntry:
    ensure(actor.has_perm("myhreports.change_myhreport", report))
    report = _locked(report)
    _ensure_editable(report)
    need = NeedEntry(report=report, **data.given())
    _check_need(need)
    need.save()
    return need


@transaction.atomic
def need_update(*, need: NeedEntry, actor: User, data: NeedData) -> NeedEntry:
    ensure(actor.has_perm("myhreports.change_myhreport", need.report))
    _ensure_editable(_locked(need.report))
    for name, value in data.given().items():
        setattr(need, name, value)
    _check_need(need)
    need.save()
    return need


@transaction.atomic
def need_delete(*, need: NeedEntry, actor: User) -> None:
    ensure(actor.has_perm("myhreports.change_myhreport", need.report))
    _ensure_editable(_locked(need.report))
    need.delete()


@transaction.atomic
def comment_add(*, report: MyhReport, actor: User, section: str, text: str) -> ReportComment:
    """A review comment on one section (in draft or review)."""
    ensure(actor.has_perm("myhreports.comment_myhreport", report))
    report = _locked(report)
    _ensure_editable(report)
    if section not in {key for key, _title in report.template.section_list()}:
        raise ValidationError({"section": _("The template has no such section.")})
    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    return ReportComment.objects.create(report=report, section=section, author=actor, text=text.strip())


def _snapshot(report: MyhReport) -> dict[str, object]:
    return {
        "texts": dict(report.texts),
        "figures": [
            {
                "section": f.section,
                "key": f.key,
                "label": f.label,
                "value": f.value,
                "unit": f.unit,
                "source": f.source_name,
                "vintage": f.vintage,
            }
            for f in report.figures.order_by("section", "position")
        ],
        "needs": [
            {
                "yh_area": n.yh_area,
                "ssyk": n.ssyk,
                "motivation": n.motivation,
                "evidence": n.evidence,
                "confidence": n.confidence,
                "sources": n.sources,
                "priority": n.priority,
            }
            for n in report.needs.all()
        ],
    }


#: Who the report is sent to, as the registry records the outgoing document's recipient.
MYH_NAME = "Myndigheten för yrkeshögskolan"


def _register(report: MyhReport, actor: User, *, case_reference: str, document_reference: str) -> RegisteredDocument:
    """The registered document that is the report in the space's registry (call inside the transaction).

    With ``case_reference`` the report's PDF is registered as an outgoing document to MYH in that case of the
    space, through the registry's service, by an actor who may register in the case; with
    ``document_reference`` a document already registered in the space's registry is linked instead. A refusal is
    a ValidationError on the field, before anything is written."""
    case_reference, document_reference = case_reference.strip(), document_reference.strip()
    if case_reference and document_reference:
        raise ValidationError(
            _("Give either the case to register the report in or an already registered document, not both.")
        )
    if document_reference:
        document = registry_selectors.document_by_reference(report.space, actor, document_reference)
        if document is None:
            raise ValidationError(
                {
                    "document_reference": _("The space's registry has no document %(reference)s.")
                    % {"reference": document_reference[:60]}
                }
            )
        if document.is_voided or document.case.is_voided:
            raise ValidationError(
                {"document_reference": _("%(reference)s is voided.") % {"reference": document.reference}}
            )
        return document
    if not case_reference:
        raise ValidationError(
            {
                "case_reference": _(
                    "Give the case number (e.g. SAM 2026/0012) to register the report in, or the number of a "
                    "document already registered."
                )
            }
        )
    case = registry_selectors.case_by_reference(report.space, actor, case_reference)
    if case is None:
        raise ValidationError(
            {
                "case_reference": _("The space's registry has no case %(reference)s.")
                % {"reference": case_reference[:60]}
            }
        )
    if not actor.has_perm("registry.register", case):
        raise ValidationError(
            {
                "case_reference": _(
                    "You may not register documents in %(case)s: a registrar of the space must register the report."
                )
                % {"case": case.reference}
            }
        )
    with translation.override(REPORT_LANGUAGE):
        subject = _("Yearly report to MYH %(year)s") % {"year": report.year}
        pdf = ContentFile(exports.report_pdf(report), name=f"myh-rapport-{report.space.slug}-{report.year}.pdf")
    return registry.document_register(
        actor=actor,
        case=case,
        direction=Direction.OUTGOING,
        subject=subject,
        counterpart=MYH_NAME,
        files=[pdf],
    )


@transaction.atomic
def report_advance(
    *,
    report: MyhReport,
    actor: User,
    to: str,
    decision: Decision | None = None,
    case_reference: str = "",
    document_reference: str = "",
) -> MyhReport:
    """Take the report one step on: review, decided (optionally linking a body's decision), registered (in the
    space's registry: see ``_register``), submitted (frozen). Any other jump is refused, naming the expected next
    step."""
    ensure(actor.has_perm("myhreports.change_myhreport", report))
    report = _locked(report)
    _ensure_not_frozen(report)
    if to not in ReportStatus.values:
        raise ValidationError(_("Unknown step."))
    expected = report.next_status
    if to != expected:
        raise ValidationError(
            _("The report is %(status)s; the next step is “%(next)s”, not “%(to)s”.")
            % {
                "status": report.get_status_display().lower(),
                "next": ReportStatus(expected).label if expected else "—",
                "to": ReportStatus(to).label,
            }
        )
    now = timezone.now()
    fields = ["status"]
    if to == ReportStatus.DECIDED:
        if decision is not None and decision.body.space_id != report.space_id:
            raise ValidationError({"decision": _("Choose a decision of a body in this space.")})
        report.decision, report.decided_at, report.decided_by = decision, now, actor
        fields += ["decision", "decided_at", "decided_by"]
    elif to == ReportStatus.REGISTERED:
        document = _register(report, actor, case_reference=case_reference, document_reference=document_reference)
        report.registered_document, report.registration_number = document, document.reference[:60]
        report.registered_at, report.registered_by = now, actor
        fields += ["registered_document", "registration_number", "registered_at", "registered_by"]
    elif to == ReportStatus.SUBMITTED:
        report.submitted_at, report.submitted_by = now, actor
        report.submitted_snapshot = _snapshot(report)
        fields += ["submitted_at", "submitted_by", "submitted_snapshot"]
    assert STATUS_ORDER.index(ReportStatus(to)) == STATUS_ORDER.index(ReportStatus(report.status)) + 1
    report.status = to
    report.save(update_fields=fields)
    return report


@transaction.atomic
def report_correct(*, report: MyhReport, actor: User, section: str, text: str, reason: str) -> ReportCorrection:
    """Change a section's text of a submitted report through a logged correction (who, when, what, why).
    The submitted version stays as it was sent."""
    ensure(actor.has_perm("myhreports.correct_myhreport", report))
    report = _locked(report)
    if not report.is_frozen:
        raise ValidationError(_("Only a submitted report is corrected; change a report in draft or review directly."))
    errors: dict[str, str] = {}
    if section not in {key for key, _title in report.template.section_list()}:
        errors["section"] = _("The template has no such section.")
    if not reason.strip():
        errors["reason"] = _("Say why the submitted report is corrected.")
    before = str(report.texts.get(section, ""))
    if not errors and text.strip() == before:
        errors["text"] = _("The correction changes nothing.")
    if errors:
        raise ValidationError(errors)
    correction = ReportCorrection.objects.create(
        report=report, corrected_by=actor, section=section, before=before, after=text.strip(), reason=reason.strip()
    )
    report.texts = {**report.texts, section: text.strip()}
    report.save(update_fields=["texts"])
    return correction
