"""Registered documents: register, the document page, files (upload, download), marking and voiding.

A secrecy-marked document's page and files need ``registry.view_marked_document``; every opening
of a marked document's page and every download is written to the DocumentAccessLog.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.platform.core.actions import PostedActionMixin
from samverka.platform.core.downloads import stored_file_response
from samverka.platform.core.forms import add_service_error
from samverka.records.registry import secrecy, selectors, services, workflow
from samverka.records.registry.forms import DocumentCorrectionForm, DocumentForm, FileForm, MarkingForm, VoidForm
from samverka.records.registry.models import AccessAction, RegisteredDocument
from samverka.records.registry.secrecy import is_marked
from samverka.records.registry.views.cases import CaseObjectMixin


class DocumentCreateView(CaseObjectMixin, FormView):
    permission_required = "registry.register"
    template_name = "registry/document_form.html"
    form_class = DocumentForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["space"] = self.space
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        return context

    def form_valid(self, form: DocumentForm) -> HttpResponse:
        data = form.cleaned_data
        if self.case.is_voided:
            form.add_error(None, _("The case is voided; register the document in another case."))
            return self.form_invalid(form)
        duplicates = selectors.document_duplicates(
            self.case, self.request.user, subject=data["subject"], received_on=data.get("received_on")
        )
        if duplicates and not data.get("register_anyway"):
            form.show_register_anyway()
            form.add_error(
                None,
                _("The case already has a document with this subject and date: %(documents)s. Is it the same one?")
                % {"documents": ", ".join(f"{self.case.reference}-{d.number}" for d in duplicates)},
            )
            return self.form_invalid(form)
        try:
            # Files are checked and hashed before the transaction: no write lock waits for them.
            files = services.files_check(data.get("attachments") or [])
        except ValidationError as error:
            form.add_error("attachments", error.messages)
            return self.form_invalid(form)
        try:
            document = self._register(form, files)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The document %(reference)s was registered.") % {"reference": document.reference}
        )
        return redirect(self.case.get_absolute_url())

    def _register(self, form: DocumentForm, files: list[services.CheckedFile]) -> RegisteredDocument:
        data = form.cleaned_data
        return services.document_register_and_mark(
            actor=self.request.user,
            case=self.case,
            marking=form.marking(authority=self.space.name),
            direction=data["direction"],
            subject=data["subject"],
            counterpart=data.get("counterpart") or "",
            received_on=data.get("received_on"),
            created_on=data.get("created_on"),
            document_type=data.get("document_type") or "",
            files=files,
        )


class DocumentObjectMixin(CaseObjectMixin):
    """A document of the URL's case; it is the permission object (``registry.view_marked_document``)."""

    @cached_property
    def document(self) -> RegisteredDocument:
        return selectors.document_for(self.case, self.kwargs["number"])

    def has_permission(self) -> bool:
        # The view's own rule is checked on the case; a marked document is besides only for the granted roles.
        return super().has_permission() and self.request.user.has_perm("registry.view_marked_document", self.document)


class DocumentDetailView(DocumentObjectMixin, TemplateView):
    permission_required = "registry.view_case"
    template_name = "registry/document_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_marked(self.document):
            services.log_access(user=request.user, document=self.document, action=AccessAction.VIEW)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        document = self.document
        user = self.request.user
        can_change = user.has_perm("registry.register", self.case) and not (document.is_voided or self.case.is_voided)
        marking = secrecy.marking_of(document)
        context.update(
            case=self.case,
            document=document,
            files=list(document.files.defer("text").order_by("version")),
            marking=marking,
            marked=is_marked(document),
            document_type_name=selectors.document_types(self.space.pk).get(document.document_type, "")
            if document.document_type
            else "",
            can_change=can_change,
            access_log=list(document.access_log.select_related("user")[:20]) if is_marked(document) else [],
        )
        if can_change:
            context.setdefault("file_form", FileForm(prefix="file"))
            context.setdefault("marking_form", MarkingForm(prefix="marking", initial={"authority": self.space.name}))
            context.setdefault("void_form", VoidForm(prefix="void"))
        return context


class _DocumentActionView(PostedActionMixin, DocumentDetailView):
    """A form posted from the document page; errors show on the document page (status 400)."""

    permission_required = "registry.register"

    def get_success_url(self) -> str:
        return reverse(
            "registry:document-detail",
            kwargs={"space": self.space.slug, "pk": self.case.pk, "number": self.document.number},
        )


class FileUploadView(_DocumentActionView):
    form_name = "file_form"

    def make_form(self) -> FileForm:
        return FileForm(self.request.POST, self.request.FILES, prefix="file")

    def act(self, form: FileForm) -> str:
        [checked] = services.files_check([form.cleaned_data["file"]])  # before the transaction opens
        stored = services.document_add_file(actor=self.request.user, document=self.document, upload=checked)
        return _("Version %(version)d of the file was added.") % {"version": stored.version}


class MarkingView(_DocumentActionView):
    form_name = "marking_form"

    def make_form(self) -> MarkingForm:
        return MarkingForm(self.request.POST, prefix="marking")

    def act(self, form: MarkingForm) -> str:
        data = form.cleaned_data
        services.secrecy_mark(
            actor=self.request.user,
            document=self.document,
            provision=data["provision"],
            authority=data["authority"],
            marked_on=data.get("marked_on"),
            masks_counterpart=data["masks_counterpart"],
            masks_subject=data["masks_subject"],
        )
        return _("The document is marked secret.")


class MarkingLiftView(_DocumentActionView):
    def make_form(self) -> Any:
        from django import forms

        return forms.Form(self.request.POST)

    def act(self, form: Any) -> str:
        services.secrecy_lift(actor=self.request.user, document=self.document)
        return _("The secrecy marking is lifted.")


class DocumentVoidView(_DocumentActionView):
    permission_required = "registry.change_case"
    form_name = "void_form"

    def make_form(self) -> VoidForm:
        return VoidForm(self.request.POST, prefix="void")

    def act(self, form: VoidForm) -> str:
        workflow.document_void(actor=self.request.user, document=self.document, reason=form.cleaned_data["reason"])
        return _("The document is voided. The registration stays, marked, with the reason.")


class FileDownloadView(DocumentObjectMixin, View):
    """A file version, to those who may see the document; every download is logged."""

    permission_required = "registry.view_case"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        stored = selectors.file_for(self.document, self.kwargs["file"])
        if stored.disposed_at is not None or not stored.file:
            raise Http404
        response = stored_file_response(stored.file, name=stored.name, content_type=stored.content_type)
        services.log_access(user=request.user, document=self.document, action=AccessAction.DOWNLOAD)
        response["Cache-Control"] = "private, no-store"
        return response


class DocumentCorrectView(DocumentObjectMixin, FormView):
    """Correct a document's registration; the old and new values go to the case's history."""

    permission_required = "registry.change_case"
    template_name = "registry/document_correct.html"
    form_class = DocumentCorrectionForm

    def get_initial(self) -> dict[str, Any]:
        document = self.document
        return {field: getattr(document, field) for field in workflow.DOCUMENT_CORRECTABLE}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(space=self.space, current_type=self.document.document_type)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, document=self.document)
        return context

    def form_valid(self, form: DocumentCorrectionForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            workflow.document_correct(actor=self.request.user, document=self.document, changes=data, reason=reason)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The correction is recorded in the case's history."))
        return redirect("registry:document-detail", space=self.space.slug, pk=self.case.pk, number=self.document.number)
