"""Which demo objects each file pattern is asked for (``test_exports.py``): a ``cover_*`` function per URL
name yields the requests (URL, who asks, the format expected)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from tests.conftest import sample as sample_objects
from tests.export_checks import page_message

#: Objects sampled per pattern (besides those with missing optional data and one per status).
LIMIT = 12

# --- which objects each pattern is asked for ---------------------------------------------------------------


@dataclass
class Request:
    """One file to fetch: where, what kind, about what, and as whom."""

    url: str
    kind: str
    about: str
    post: dict[str, Any] | None = None
    client: Client | None = None
    synthetic: bool = False


@dataclass
class Context:
    admin: Client
    user: Any
    clients: dict[str, Client] = field(default_factory=dict)


def sample(queryset: Any) -> list[Any]:
    """The objects to try (see tests.conftest.sample), an optional reference left empty on one when no
    demo object leaves it empty (the test's transaction undoes it)."""
    return sample_objects(queryset, LIMIT, clear_missing=True)


def _years() -> list[int]:
    this = date.today().year
    return [this, this - 1, this - 6]  # the last one has no data at all


def _spaces() -> list[Any]:
    from samverka.platform.spaces.models import Space

    return list(Space.objects.order_by("pk"))


def _meetings(ctx: Context, name: str, queryset: Any = None) -> Iterable[Request]:
    from samverka.collaboration.meetings.models import Meeting

    queryset = Meeting.objects.select_related("body__space") if queryset is None else queryset
    for meeting in sample(queryset):
        url = reverse(name, kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})
        yield Request(url, "pdf", f"meeting {meeting.pk} {meeting} (chair: {meeting.chair_id})")


def cover_invitation_pdf(ctx: Context) -> Iterable[Request]:
    return _meetings(ctx, "meetings:invitation-pdf")


def cover_agenda_pdf(ctx: Context) -> Iterable[Request]:
    return _meetings(ctx, "meetings:agenda-pdf")


def cover_minutes_pdf(ctx: Context) -> Iterable[Request]:
    from samverka.collaboration.meetings.models import Meeting, MinutesVersion

    with_minutes = MinutesVersion.objects.values("meeting")
    queryset = Meeting.objects.filter(pk__in=with_minutes).select_related("body__space")
    return _meetings(ctx, "meetings:minutes-pdf", queryset)


def cover_agenda_document(ctx: Context) -> Iterable[Request]:
    from samverka.collaboration.meetings.models import AgendaDocument

    queryset = AgendaDocument.objects.select_related("agenda_item__meeting__body__space")
    for document in sample(queryset):
        meeting = document.agenda_item.meeting
        kwargs = {"space": meeting.body.space.slug, "pk": meeting.pk, "document": document.pk}
        yield Request(reverse("meetings:agenda-document", kwargs=kwargs), "upload", f"agenda document {document}")


def cover_organisation_export(ctx: Context) -> Iterable[Request]:
    url = reverse("actors:organisation-export")
    yield Request(url, "csv", "all organisations")
    for space in _spaces():
        yield Request(f"{url}?space={space.slug}", "csv", f"organisations of {space.slug}")


def cover_landscape_memberships(ctx: Context) -> Iterable[Request]:
    for space in _spaces():
        url = reverse("actors:landscape-memberships-export", kwargs={"space": space.slug})
        yield Request(url, "csv", f"landscape memberships of {space.slug}")
        yield Request(url, "csv", f"landscape memberships of {space.slug}, as a visitor", client=Client())


def cover_system_overview_export(ctx: Context) -> Iterable[Request]:
    for space in _spaces():
        url = reverse("bodies:system-overview-export", kwargs={"space": space.slug})
        yield Request(url, "csv", f"bodies of {space.slug}")
        yield Request(url, "csv", f"bodies of {space.slug}, as a visitor", client=Client())


def cover_geojson(ctx: Context) -> Iterable[Request]:
    for level in ("counties", "municipalities"):
        yield Request(reverse("actors:geojson", kwargs={"level": level}), "geojson", level)
    yield Request(reverse("actors:geojson", kwargs={"level": "municipalities"}) + "?county=04", "geojson", "Sörmland")


def cover_public_feed(ctx: Context) -> Iterable[Request]:
    yield Request(reverse("calendars:public-events-feed"), "ics", "public events", client=Client())


def cover_education_deadlines(ctx: Context) -> Iterable[Request]:
    url = reverse("catalogue:public-deadlines-ics")
    yield Request(url, "ics", "application deadlines of every public offering", client=Client())
    yield Request(
        f"{url}?county=04&type=VUXGY", "ics", "application deadlines, Sörmland's adult education", client=Client()
    )


def cover_personal_feed(ctx: Context) -> Iterable[Request]:
    from samverka.collaboration.calendars.services import feed_token_create
    from samverka.platform.accounts.models import User
    from tests.conftest import ROLE_EMAILS

    for role, email in ROLE_EMAILS.items():
        token = feed_token_create(actor=User.objects.get(email=email))
        url = reverse("calendars:personal-feed", kwargs={"token": token})
        yield Request(url, "ics", f"personal feed of {role}", client=Client())


def cover_space_feed(ctx: Context) -> Iterable[Request]:
    for space in _spaces():
        url = reverse("calendars:space-feed", kwargs={"space": space.slug})
        yield Request(url, "ics", f"space {space.slug} (admin)")
        yield Request(url, "ics", f"space {space.slug} (anonymous)", client=Client())


def cover_body_feed(ctx: Context) -> Iterable[Request]:
    from samverka.collaboration.bodies.models import Body

    for body in sample(Body.objects.select_related("space")):
        url = reverse("calendars:body-feed", kwargs={"space": body.space.slug, "pk": body.pk})
        yield Request(url, "ics", f"body {body.pk} {body}")


def cover_event_ics(ctx: Context) -> Iterable[Request]:
    from samverka.collaboration.events.models import Event

    for event in sample(Event.objects.all()):
        yield Request(reverse("events:event-ics", kwargs={"pk": event.pk}), "ics", f"event {event.pk} {event}")


def _events(name: str, kind: str) -> Iterable[Request]:
    from samverka.collaboration.events.models import Event

    for event in sample(Event.objects.select_related("space")):
        url = reverse(name, kwargs={"space": event.space.slug, "pk": event.pk})
        yield Request(url, kind, f"registrations of event {event.pk} {event}")


def cover_registration_csv(ctx: Context) -> Iterable[Request]:
    return _events("events:registration-export-csv", "csv")


def cover_registration_xlsx(ctx: Context) -> Iterable[Request]:
    return _events("events:registration-export-xlsx", "xlsx")


def _plans(name: str, queryset: Any = None) -> Iterable[Request]:
    from samverka.steering.workplans.models import WorkPlan

    queryset = WorkPlan.objects.select_related("body__space") if queryset is None else queryset
    for plan in sample(queryset):
        kwargs = {"space": plan.body.space.slug, "body": plan.body_id, "pk": plan.pk}
        yield Request(reverse(name, kwargs=kwargs), "pdf", f"work plan {plan.pk} {plan} ({plan.status})")


def cover_assignment_pdf(ctx: Context) -> Iterable[Request]:
    return _plans("workplans:assignment-pdf")


def cover_final_report_pdf(ctx: Context) -> Iterable[Request]:
    from samverka.steering.workplans.models import WorkPlan

    plans = [plan.pk for plan in WorkPlan.objects.all() if plan.has_final_report]
    return _plans("workplans:final-report-pdf", WorkPlan.objects.filter(pk__in=plans).select_related("body__space"))


def _space_years(name: str, kind: str) -> Iterable[Request]:
    for space in _spaces():
        for year in _years():
            url = reverse(name, kwargs={"space": space.slug}) + f"?year={year}"
            yield Request(url, kind, f"{space.slug} {year}")


def cover_perspective_pdf(ctx: Context) -> Iterable[Request]:
    return _space_years("workplans:perspective-report-pdf", "pdf")


def cover_perspective_csv(ctx: Context) -> Iterable[Request]:
    return _space_years("workplans:perspective-report-csv", "csv")


def cover_annual_report_pdf(ctx: Context) -> Iterable[Request]:
    return _space_years("inputs:annual-report-pdf", "pdf")


def _rounds(name: str, kind: str) -> Iterable[Request]:
    from samverka.steering.statusreports.models import StatusRound

    for status_round in sample(StatusRound.objects.select_related("space")):
        url = reverse(name, kwargs={"space": status_round.space.slug, "pk": status_round.pk})
        yield Request(url, kind, f"status round {status_round.pk} {status_round} ({status_round.state})")


def cover_round_pdf(ctx: Context) -> Iterable[Request]:
    return _rounds("statusreports:round-pdf", "pdf")


def cover_round_xlsx(ctx: Context) -> Iterable[Request]:
    return _rounds("statusreports:round-xlsx", "xlsx")


def _demo_pdf() -> Any:
    """One of the demo's registered PDFs (they carry text), as a new upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samverka.records.registry.models import DocumentFile

    stored = DocumentFile.objects.filter(content_type="application/pdf").order_by("pk").first()
    assert stored is not None, "the demo has no registered PDF"
    with stored.file.open("rb") as handle:
        return SimpleUploadedFile("bilaga.pdf", handle.read(), content_type="application/pdf")


def cover_input_attachment(ctx: Context) -> Iterable[Request]:
    from samverka.steering.inputs.models import Input, InputAttachment
    from samverka.steering.inputs.services import attachment_add

    if not InputAttachment.objects.exists():  # the demo's inputs have none: attach one as a person would
        attachment_add(actor=ctx.user, input=Input.objects.order_by("pk").first(), upload=_demo_pdf())
    for attachment in sample(InputAttachment.objects.select_related("input__space")):
        kwargs = {"space": attachment.input.space.slug, "pk": attachment.input_id, "attachment": attachment.pk}
        yield Request(reverse("inputs:attachment-download", kwargs=kwargs), "upload", f"input attachment {attachment}")


def cover_feedback_pdf(ctx: Context) -> Iterable[Request]:
    from samverka.steering.inputs.models import FeedbackReport

    for report in sample(FeedbackReport.objects.select_related("space")):
        url = reverse("inputs:feedback-pdf", kwargs={"space": report.space.slug, "pk": report.pk})
        yield Request(url, "pdf", f"feedback report {report.pk} {report}")


def cover_evaluation_csv(ctx: Context) -> Iterable[Request]:
    from samverka.steering.inputs.models import Evaluation

    for evaluation in sample(Evaluation.objects.select_related("space")):
        url = reverse("inputs:evaluation-questions", kwargs={"space": evaluation.space.slug, "pk": evaluation.pk})
        yield Request(url, "csv", f"evaluation {evaluation.pk} {evaluation}")


def cover_registry_file(ctx: Context) -> Iterable[Request]:
    from samverka.records.registry.models import DocumentFile

    files = DocumentFile.objects.select_related("document__case__space")
    for stored in sample(files):
        document = stored.document
        kwargs = {"space": document.case.space.slug, "pk": document.case_id, "number": document.number}
        url = reverse("registry:file-download", kwargs={**kwargs, "file": stored.pk})
        yield Request(url, "upload", f"registry file {stored.pk} of {document.case} doc {document.number}")


def cover_intake_attachment(ctx: Context) -> Iterable[Request]:
    from samverka.platform.spaces.models import Space
    from samverka.records.intake.models import IncomingAttachment
    from samverka.records.intake.services import contact_receive

    if not IncomingAttachment.objects.exists():  # the demo's messages have none: send one through the form's service
        data = {"name": "Eva Prov", "email": "eva@example.se", "subject": "Underlag", "text": "Se bilagan."}
        contact_receive(space=Space.objects.order_by("pk").first(), **data, uploads=[_demo_pdf()])
    for attachment in sample(IncomingAttachment.objects.select_related("item__space")):
        kwargs = {"space": attachment.item.space.slug, "pk": attachment.item_id, "attachment": attachment.pk}
        yield Request(
            reverse("intake:attachment-download", kwargs=kwargs), "upload", f"incoming attachment {attachment}"
        )


def cover_retention_export(ctx: Context) -> Iterable[Request]:
    from samverka.records.retention import selectors

    for space in _spaces():
        cases = list(selectors.exportable_cases(space)[:3])
        if cases:
            url = reverse("retention:export", kwargs={"space": space.slug})
            post = {"cases": [str(case.pk) for case in cases]}
            yield Request(url, "zip", f"archive package of {len(cases)} closed cases of {space.slug}", post=post)


class _GetForm(HTMLParser):
    """The fields of a page's GET forms: name → chosen value (or the first real option when none is chosen)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.first_option: dict[str, str] = {}
        self._select = ""
        self._in_get_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._in_get_form = found.get("method", "get").lower() == "get"
        elif not self._in_get_form:
            return
        elif tag == "input" and found.get("name") and found.get("type", "text") not in ("submit", "button"):
            if found.get("type") not in ("checkbox", "radio") or "checked" in found:
                self.values.setdefault(found["name"], found.get("value", ""))
        elif tag == "select":
            self._select = found.get("name", "")
        elif tag == "option" and self._select:
            value = found.get("value", "")
            if value and self._select not in self.first_option:
                self.first_option[self._select] = value
            if "selected" in found:
                self.values[self._select] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = ""
        elif tag == "form":
            self._in_get_form = False

    def filled(self) -> dict[str, str]:
        """The values as a person would send them after choosing something in every empty list."""
        chosen = dict(self.values)
        for name, value in self.first_option.items():
            if not chosen.get(name):
                chosen[name] = value
        return chosen


def _csv_link(page: str) -> str:
    found = re.search(r'href="(\?[^"]*format=csv[^"]*)"', page)
    return html.unescape(found.group(1)) if found else ""


def _indicator_csv_url(client: Client, page_url: str, version: int, key: str) -> tuple[str, str]:
    """Open the indicator page as a person would (dataset and indicator chosen, then the parameters as offered,
    something chosen where a list is empty) and follow its “Download as CSV” link; or say why there is none."""
    first = f"{page_url}?{urlencode({'version': version, 'indicator': key})}"
    page = client.get(first).content.decode()
    if link := _csv_link(page):
        return page_url + link, ""
    form = _GetForm()
    form.feed(page)
    values = {**form.filled(), "version": str(version), "indicator": key}
    page = client.get(f"{page_url}?{urlencode(values)}").content.decode()
    if link := _csv_link(page):
        return page_url + link, ""
    return "", page_message(page.encode()) or " (no CSV link on the page)"


def cover_indicator_csv(ctx: Context) -> Iterable[Request]:
    from samverka.insight.indicators.catalogue import INDICATORS
    from samverka.insight.indicators.cube import Cube
    from samverka.insight.statistics.models import DatasetVersion

    for version in DatasetVersion.objects.select_related("dataset__space").order_by("pk"):
        cube = Cube.of(version)
        page_url = reverse("indicators:indicator-page", kwargs={"space": version.dataset.space.slug})
        for key, indicator in INDICATORS.items():
            if indicator.unavailable_reason(cube):
                continue  # the page says it is not available for this version
            about = f"indicator {key} on {version.dataset.slug} v{version.number}"
            url, why = _indicator_csv_url(ctx.admin, page_url, version.pk, key)
            if not url:
                yield Request(
                    f"{page_url}?version={version.pk}&indicator={key}", "missing", f"{about}: offered but no CSV{why}"
                )
                continue
            yield Request(url, "csv", about, synthetic=version.dataset.is_synthetic)


def _analyses(kind: str) -> Iterable[Request]:
    from samverka.insight.analyses.models import Analysis

    for analysis in sample(Analysis.objects.select_related("space").prefetch_related("blocks__chart__version")):
        url = reverse(f"analyses:analysis-{kind}", kwargs={"space": analysis.space.slug, "pk": analysis.pk})
        synthetic = any(
            block.chart is not None and block.chart.version is not None and _is_synthetic(block.chart.version)
            for block in analysis.blocks.all()
        )
        yield Request(url, "pdf", f"analysis {analysis.pk} {analysis} ({analysis.status})", synthetic=synthetic)


def _is_synthetic(version: Any) -> bool:
    return bool(version.dataset.is_synthetic)


def cover_analysis_report(ctx: Context) -> Iterable[Request]:
    return _analyses("report")


def cover_analysis_slides(ctx: Context) -> Iterable[Request]:
    return _analyses("slides")


def _blocks(fmt: str) -> Iterable[Request]:
    from samverka.insight.analyses.models import AnalysisBlock

    blocks = AnalysisBlock.objects.filter(chart__isnull=False).select_related(
        "analysis__space", "chart__version__dataset"
    )
    for block in sample(blocks):
        kwargs = {"space": block.analysis.space.slug, "pk": block.analysis_id, "block": block.pk}
        synthetic = block.chart.version is not None and _is_synthetic(block.chart.version)
        yield Request(
            reverse(f"analyses:block-{fmt}", kwargs=kwargs),
            fmt,
            f"block {block.pk} of {block.analysis}",
            synthetic=synthetic,
        )


def cover_block_csv(ctx: Context) -> Iterable[Request]:
    return _blocks("csv")


def cover_block_xlsx(ctx: Context) -> Iterable[Request]:
    return _blocks("xlsx")


def _charts(fmt: str) -> Iterable[Request]:
    from samverka.insight.analyses.models import ChartDefinition

    for chart in sample(ChartDefinition.objects.select_related("space", "version__dataset")):
        url = reverse(f"analyses:chart-{fmt}", kwargs={"space": chart.space.slug, "pk": chart.pk})
        synthetic = chart.version is not None and _is_synthetic(chart.version)
        yield Request(url, fmt, f"chart {chart.pk} {chart} ({chart.kind})", synthetic=synthetic)


def cover_chart_csv(ctx: Context) -> Iterable[Request]:
    return _charts("csv")


def cover_chart_xlsx(ctx: Context) -> Iterable[Request]:
    return _charts("xlsx")


def _packs(fmt: str) -> Iterable[Request]:
    from samverka.insight.analyses.models import DataPack

    for pack in sample(DataPack.objects.select_related("space")):
        if fmt == "xlsx" and not pack.workbook:
            continue
        url = reverse(f"analyses:pack-{fmt}", kwargs={"space": pack.space.slug, "pk": pack.pk})
        yield Request(url, fmt, f"data pack {pack.pk} {pack}")


def cover_pack_pdf(ctx: Context) -> Iterable[Request]:
    return _packs("pdf")


def cover_pack_xlsx(ctx: Context) -> Iterable[Request]:
    return _packs("xlsx")


def cover_pack_zip(ctx: Context) -> Iterable[Request]:
    return _packs("zip")


def _validation(name: str, fmt: str) -> Callable[[Context], Iterable[Request]]:
    """A space's suppressed validation outcomes, grouped as the page's default and by every dimension."""

    def cover(ctx: Context) -> Iterable[Request]:
        for space in _spaces():
            url = reverse(name, kwargs={"space": space.slug})
            yield Request(url, fmt, f"validation outcomes of {space.slug}")
            by = "by=year&by=occupation&by=industry_model&by=provider&by=municipality"
            yield Request(f"{url}?{by}", fmt, f"validation outcomes of {space.slug} by every dimension")

    return cover


def _myh(fmt: str) -> Callable[[Context], Iterable[Request]]:
    """Every demo report to MYH (a submitted one and a draft)."""

    def cover(ctx: Context) -> Iterable[Request]:
        from samverka.education.myhreports.models import MyhReport

        for report in sample(MyhReport.objects.select_related("space")):
            url = reverse(f"myhreports:report-{fmt}", kwargs={"space": report.space.slug, "pk": report.pk})
            yield Request(url, fmt, f"MYH report {report.year} of {report.space.slug} ({report.status})")

    return cover


def cover_validation_template(ctx: Context) -> Iterable[Request]:
    for space in _spaces():
        yield Request(reverse("validation:outcome-template", kwargs={"space": space.slug}), "xlsx", "the template")


def cover_order_export(ctx: Context) -> Iterable[Request]:
    for space in _spaces():
        yield Request(reverse("orders:order-export", kwargs={"space": space.slug}), "csv", f"orders of {space.slug}")


def _cohorts(name: str, fmt: str) -> Callable[[Context], Iterable[Request]]:
    """A space's suppressed cohort follow-up, all years and one year."""

    def cover(ctx: Context) -> Iterable[Request]:
        for space in _spaces():
            url = reverse(name, kwargs={"space": space.slug})
            yield Request(url, fmt, f"cohort follow-up of {space.slug}")
            yield Request(f"{url}?year=2025", fmt, f"cohort follow-up of {space.slug} in one year")

    return cover


def cover_cohort_template(ctx: Context) -> Iterable[Request]:
    for space in _spaces():
        yield Request(reverse("cohorts:cohort-template", kwargs={"space": space.slug}), "xlsx", "the cohort template")


def _planner(name: str, fmt: str) -> Callable[[Context], Iterable[Request]]:
    """A space's education-planner table, with the page's defaults and with every parameter chosen."""

    def cover(ctx: Context) -> Iterable[Request]:
        for space in _spaces():
            url = reverse(name, kwargs={"space": space.slug})
            yield Request(url, fmt, f"planner table of {space.slug}")
            chosen = "county=04&level=3&school_type=GY&months=1&problem=stale"
            yield Request(f"{url}?{chosen}", fmt, f"planner table of {space.slug}, every parameter chosen")

    return cover


#: URL name → the requests that cover it.
COVERED: dict[str, Callable[[Context], Iterable[Request]]] = {
    "actors:organisation-export": cover_organisation_export,
    "actors:geojson": cover_geojson,
    "actors:landscape-memberships-export": cover_landscape_memberships,
    "bodies:system-overview-export": cover_system_overview_export,
    "meetings:invitation-pdf": cover_invitation_pdf,
    "meetings:agenda-pdf": cover_agenda_pdf,
    "meetings:agenda-document": cover_agenda_document,
    "meetings:minutes-pdf": cover_minutes_pdf,
    "calendars:public-events-feed": cover_public_feed,
    "catalogue:public-deadlines-ics": cover_education_deadlines,
    "calendars:personal-feed": cover_personal_feed,
    "calendars:space-feed": cover_space_feed,
    "calendars:body-feed": cover_body_feed,
    "events:event-ics": cover_event_ics,
    "events:registration-export-csv": cover_registration_csv,
    "events:registration-export-xlsx": cover_registration_xlsx,
    "workplans:assignment-pdf": cover_assignment_pdf,
    "workplans:final-report-pdf": cover_final_report_pdf,
    "workplans:perspective-report-pdf": cover_perspective_pdf,
    "workplans:perspective-report-csv": cover_perspective_csv,
    "statusreports:round-pdf": cover_round_pdf,
    "statusreports:round-xlsx": cover_round_xlsx,
    "inputs:attachment-download": cover_input_attachment,
    "inputs:feedback-pdf": cover_feedback_pdf,
    "inputs:evaluation-questions": cover_evaluation_csv,
    "inputs:annual-report-pdf": cover_annual_report_pdf,
    "registry:file-download": cover_registry_file,
    "intake:attachment-download": cover_intake_attachment,
    "retention:export": cover_retention_export,
    "indicators:indicator-page": cover_indicator_csv,
    "analyses:analysis-report": cover_analysis_report,
    "analyses:analysis-slides": cover_analysis_slides,
    "analyses:block-csv": cover_block_csv,
    "analyses:block-xlsx": cover_block_xlsx,
    "analyses:chart-csv": cover_chart_csv,
    "analyses:chart-xlsx": cover_chart_xlsx,
    "analyses:pack-pdf": cover_pack_pdf,
    "analyses:pack-xlsx": cover_pack_xlsx,
    "analyses:pack-zip": cover_pack_zip,
    **{
        f"catalogue:{table}-{fmt}": _planner(f"catalogue:{table}-{fmt}", fmt)
        for table in ("coverage", "places", "gaps", "quality")
        for fmt in ("csv", "xlsx")
    },
    "validation:outcome-export-csv": _validation("validation:outcome-export-csv", "csv"),
    "validation:outcome-export-xlsx": _validation("validation:outcome-export-xlsx", "xlsx"),
    "validation:public-outcomes-csv": _validation("validation:public-outcomes-csv", "csv"),
    "validation:public-outcomes-xlsx": _validation("validation:public-outcomes-xlsx", "xlsx"),
    "validation:outcome-template": cover_validation_template,
    **{f"myhreports:report-{fmt}": _myh(fmt) for fmt in ("pdf", "xlsx", "docx")},
    "orders:order-export": cover_order_export,
    "cohorts:follow-up-csv": _cohorts("cohorts:follow-up-csv", "csv"),
    "cohorts:follow-up-xlsx": _cohorts("cohorts:follow-up-xlsx", "xlsx"),
    "cohorts:cohort-template": cover_cohort_template,
}
