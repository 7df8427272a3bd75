"""Agenda pages: add, edit, move and remove items; attach, download and remove documents."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.forms import AgendaDocumentForm, AgendaItemForm
from samverka.collaboration.meetings.models import AgendaDocument, AgendaItem
from samverka.collaboration.meetings.views.meetings import MeetingMixin
from samverka.platform.core.downloads import stored_file_response
from samverka.platform.core.forms import add_service_error


class AgendaItemMixin(MeetingMixin):
    """An agenda item of the URL's (visible) meeting."""

    @cached_property
    def item(self) -> AgendaItem:
        item = AgendaItem.objects.filter(meeting=self.meeting, pk=self.kwargs["item"]).first()
        if item is None:
            raise Http404
        item.meeting = self.meeting
        return item

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        return context


class AgendaItemCreateView(MeetingMixin, FormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/agenda_item_form.html"
    form_class = AgendaItemForm

    def form_valid(self, form: AgendaItemForm) -> HttpResponse:
        try:
            services.agenda_item_add(actor=self.request.user, meeting=self.meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The item was added to the agenda."))
        if "add_another" in self.request.POST:
            return redirect(self.request.path)
        return redirect(self.meeting_url() + "#agenda")


class AgendaItemUpdateView(AgendaItemMixin, FormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/agenda_item_form.html"
    form_class = AgendaItemForm

    def get_initial(self) -> dict[str, Any]:
        item = self.item
        return {
            "title": item.title,
            "kind": item.kind,
            "presenter": item.presenter,
            "duration_minutes": item.duration_minutes,
            "description": item.description,
        }

    def form_valid(self, form: AgendaItemForm) -> HttpResponse:
        try:
            services.agenda_item_update(
                actor=self.request.user, item=self.item, data=services.AgendaItemData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The agenda item was saved."))
        return redirect(self.meeting_url() + f"#item-{self.item.pk}")


class AgendaItemMoveView(AgendaItemMixin, View):
    """POST ``direction=up|down``: move the item one step."""

    permission_required = "meetings.change_meeting"
    http_method_names = ["post"]

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.agenda_item_move(actor=request.user, item=self.item, direction=request.POST.get("direction", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(self.meeting_url() + f"#item-{self.item.pk}")


class AgendaItemRemoveView(AgendaItemMixin, TemplateView):
    """Confirm, then remove an agenda item."""

    permission_required = "meetings.change_meeting"
    template_name = "meetings/agenda_item_remove.html"

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.agenda_item_remove(actor=request.user, item=self.item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.meeting_url() + f"#item-{self.item.pk}")
        messages.success(request, _("The item was removed from the agenda."))
        return redirect(self.meeting_url() + "#agenda")


class AgendaDocumentCreateView(AgendaItemMixin, FormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/agenda_document_form.html"
    form_class = AgendaDocumentForm

    def form_valid(self, form: AgendaDocumentForm) -> HttpResponse:
        try:
            document = services.agenda_document_add(
                actor=self.request.user,
                item=self.item,
                upload=form.cleaned_data["file"],
                is_public=form.cleaned_data.get("is_public", False),
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s was attached.") % {"name": document.name})
        return redirect(self.meeting_url() + f"#item-{self.item.pk}")


class AgendaDocumentMixin(MeetingMixin):
    @cached_property
    def document(self) -> AgendaDocument:
        document = (
            AgendaDocument.objects.filter(agenda_item__meeting=self.meeting, pk=self.kwargs["document"])
            .select_related("agenda_item")
            .first()
        )
        if document is None:
            raise Http404
        document.agenda_item.meeting = self.meeting
        return document


class AgendaDocumentDownloadView(AgendaDocumentMixin, View):
    """The document under its original (sanitised) name: a public one to everyone who sees the meeting,
    an internal one only to the meeting's inside (the body's members, the invitees, the space's
    participants). Others get 404, as if it did not exist."""

    permission_required = "meetings.view_meeting"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        document = self.document
        if not request.user.has_perm("meetings.view_agenda_document", document):
            if not request.user.is_authenticated:  # a member following a link logs in first
                return redirect_to_login(request.get_full_path())
            raise Http404
        return stored_file_response(document.file, name=document.name, content_type=document.content_type)


class AgendaDocumentVisibilityView(AgendaDocumentMixin, View):
    """POST ``is_public=1`` (public) or ``is_public=0`` (internal) for a document on the agenda."""

    permission_required = "meetings.change_meeting"
    http_method_names = ["post"]

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        public = request.POST.get("is_public") == "1"
        try:
            services.agenda_document_set_public(actor=request.user, document=self.document, is_public=public)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            message = (
                _("%(name)s is now public: everyone who sees the agenda may download it.")
                if public
                else _("%(name)s is now internal: only the meeting's members and invitees may download it.")
            )
            messages.success(request, message % {"name": self.document.name})
        return redirect(self.meeting_url() + f"#item-{self.document.agenda_item_id}")


class AgendaDocumentRemoveView(AgendaDocumentMixin, View):
    permission_required = "meetings.change_meeting"
    http_method_names = ["post"]

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        item_pk = self.document.agenda_item_id
        try:
            services.agenda_document_remove(actor=request.user, document=self.document)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document was removed."))
        return redirect(self.meeting_url() + f"#item-{item_pk}")
