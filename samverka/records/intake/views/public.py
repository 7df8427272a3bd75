"""The public pages of a space's registry: the diary, "request a copy" and the contact form.

They are open to everyone. Nothing under a secrecy marking is shown: every row goes through
``registry.selectors.public_row``, which masks the marked fields.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from samverka.platform.core.forms import add_service_error
from samverka.platform.core.links import row_url
from samverka.platform.core.paging import InvalidCursor, KeysetPage, bounded_count, keyset_page
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.records.intake import services
from samverka.records.intake.forms import ContactForm, CopyRequestForm, DiarySearchForm
from samverka.records.registry import selectors as registry_selectors
from samverka.records.registry.models import RegisteredDocument

PAGE_SIZE = 50


def client_ip(request: HttpRequest) -> str:
    """The address the request came from (the proxy in front must set REMOTE_ADDR correctly)."""
    return str(request.META.get("REMOTE_ADDR") or "")


class PublicPageMixin(SpaceMixin, PermissionMixin):
    permission_required = PUBLIC


class DiaryView(PublicPageMixin, TemplateView):
    """The public diary: every registration of the space, newest first, searchable, masked where marked.

    Paged by a cursor over the diary's index (as fast on the last page as on the first); the count is
    bounded ("more than 1,000"). A garbled or tampered cursor is a 400 with a link to the first page."""

    template_name = "intake/diary.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=400 if context.get("cursor_error") else 200)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = DiarySearchForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        documents = registry_selectors.public_registrations(
            self.space, query=filters.get("q") or "", year=filters.get("year")
        )
        context["form"] = form
        try:
            page = keyset_page(
                documents,
                query=self.request.GET,
                ordering=registry_selectors.DIARY_ORDERING,
                path=self.request.path,
                page_size=PAGE_SIZE,
            )
        except InvalidCursor as error:
            context["cursor_error"] = str(error)
            page = KeysetPage(rows=[], next_url=None, previous_url=None, first_url=self.request.path)
        context["page"] = page
        context["count"] = bounded_count(documents)
        # The copy link and the ISO date are made once per row here, not by a tag per cell in the template.
        copy_url = row_url("intake:copy-request", space=self.space.slug)
        rows = []
        for document in page.rows:
            row = registry_selectors.public_row(document)
            row["pk"] = document.pk
            row["copy_url"] = copy_url(document.pk)
            row["iso_date"] = row["date"].isoformat() if row["date"] else ""
            rows.append(row)
        context["rows"] = rows
        return context


class RateLimitedFormMixin:
    """Public forms: a honeypot (a filled-in ``website`` is thanked and dropped) and a per-address limit."""

    request: HttpRequest

    def spam_response(self) -> HttpResponse:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()  # type: ignore[attr-defined]
        if form.is_spam:
            return self.spam_response()
        if not form.is_valid():
            return self.form_invalid(form)  # type: ignore[attr-defined]
        try:
            services.rate_limit_hit(client_ip(request))
        except services.RateLimited:
            form.add_error(
                None,
                _("We have received many messages from your address in the last hour. Please try again later."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)  # type: ignore[attr-defined]
        return self.form_valid(form)  # type: ignore[attr-defined]


class CopyRequestView(RateLimitedFormMixin, PublicPageMixin, FormView):
    """Ask for a copy of one registered document; registered as a request-for-documents case."""

    template_name = "intake/copy_request.html"
    form_class = CopyRequestForm

    @cached_property
    def document(self) -> RegisteredDocument:
        found = registry_selectors.public_registrations(self.space).filter(pk=self.kwargs["pk"]).first()
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["row"] = registry_selectors.public_row(self.document)
        return context

    def spam_response(self) -> HttpResponse:
        messages.success(self.request, _("Thank you. Your request has been received."))
        return redirect(reverse("intake:diary", kwargs={"space": self.space.slug}))

    def form_valid(self, form: CopyRequestForm) -> HttpResponse:
        try:
            data = form.cleaned_data
            request = services.copy_request_register(
                space=self.space,
                document=self.document,
                name=data["name"],
                email=data["email"],
                organisation=data.get("organisation") or "",
                message=data.get("message") or "",
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you. Your request is registered as case %(reference)s; a receipt is on its way to %(email)s.")
            % {"reference": request.case.reference, "email": request.requester_email},
        )
        return redirect(reverse("intake:diary", kwargs={"space": self.space.slug}))


class ContactView(RateLimitedFormMixin, PublicPageMixin, FormView):
    """One way in: anyone writes to the space; the message goes to the triage queue."""

    template_name = "intake/contact.html"
    form_class = ContactForm

    def _done(self) -> HttpResponse:
        return redirect(reverse("intake:contact-done", kwargs={"space": self.space.slug}))

    def spam_response(self) -> HttpResponse:
        return self._done()

    def form_valid(self, form: ContactForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            services.contact_receive(
                space=self.space,
                name=data["name"],
                email=data["email"],
                organisation=data.get("organisation") or "",
                subject=data["subject"],
                text=data["text"],
                uploads=data.get("attachments") or [],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        return self._done()


class ContactDoneView(PublicPageMixin, TemplateView):
    template_name = "intake/contact_done.html"
