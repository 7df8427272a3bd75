"""The inputs of a space: list with filters, register, detail with links and consideration."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.platform.core.downloads import stored_file_response
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space
from samverka.steering.inputs import selectors, services
from samverka.steering.inputs.forms import AttachmentForm, ConsiderationForm, InputFilterForm, InputForm, LinkForm
from samverka.steering.inputs.models import Input

PAGE_SIZE = 50


class SpacePermissionMixin(SpaceMixin, PermissionMixin):
    """The URL's space is the permission object."""

    def get_permission_object(self) -> Space:
        return self.space


class InputListView(SpacePermissionMixin, TemplateView):
    permission_required = "inputs.view_input"
    template_name = "inputs/input_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = InputFilterForm(self.request.GET or None, space=self.space)
        filters = form.cleaned_data if form.is_valid() else {}
        queryset = selectors.input_list(user=self.request.user, space=self.space, filters=filters)
        context["filter_form"] = form
        context["page_obj"] = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["can_change"] = self.request.user.has_perm("inputs.change_input", self.space)
        return context


class InputCreateView(SpacePermissionMixin, FormView):
    permission_required = "inputs.change_input"
    template_name = "inputs/input_form.html"
    form_class = InputForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["space"] = self.space
        return kwargs

    def form_valid(self, form: InputForm) -> HttpResponse:
        data = {**form.cleaned_data}
        uploads = data.pop("attachments", []) or []
        try:
            item = services.input_register(
                actor=self.request.user, space=self.space, data=services.InputData(**data), uploads=uploads
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The input was registered. Record how it was considered when decided."))
        return redirect(item.get_absolute_url())


class InputObjectMixin(SpaceMixin, PermissionMixin):
    """An input of the URL's space that the user may see (else 404); it is the permission object."""

    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def input(self) -> Input:
        found = selectors.input_detail(user=self.request.user, space=self.space, pk=self.kwargs["pk"])
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> Input:
        return self.input

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["input"] = self.input
        context["consideration"] = getattr(self.input, "consideration", None)
        context["can_change"] = self.request.user.has_perm("inputs.change_input", self.input)
        return context


def _consideration_initial(item: Input) -> dict[str, Any]:
    consideration = getattr(item, "consideration", None)
    return {"outcome": consideration.outcome, "reason": consideration.reason} if consideration else {}


class InputDetailView(InputObjectMixin, TemplateView):
    permission_required = "inputs.view_input"
    template_name = "inputs/input_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if context["can_change"]:
            context.setdefault("form", ConsiderationForm(initial=_consideration_initial(self.input)))
            context.setdefault("attachment_form", AttachmentForm(prefix="attachment"))
        return context


class AttachmentUploadView(InputDetailView):
    """Attach one more document to the input (the form is on the input's page)."""

    permission_required = "inputs.change_input"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AttachmentForm(request.POST, request.FILES, prefix="attachment")
        if form.is_valid():
            try:
                services.attachment_add(actor=request.user, input=self.input, upload=form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error.message_dict.get("file", error.messages))
            else:
                messages.success(request, _("The attachment was added."))
                return redirect(self.input.get_absolute_url())
        return self.render_to_response(self.get_context_data(attachment_form=form), status=400)


class InputConsiderView(InputObjectMixin, FormView):
    """Record how the input was considered (the form is also shown on the input's page)."""

    permission_required = "inputs.change_input"
    template_name = "inputs/input_detail.html"
    form_class = ConsiderationForm

    def get_initial(self) -> dict[str, Any]:
        return _consideration_initial(self.input)

    def form_valid(self, form: ConsiderationForm) -> HttpResponse:
        try:
            services.consideration_record(
                actor=self.request.user,
                input=self.input,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("How the input was considered is recorded."))
        return redirect(self.input.get_absolute_url())


class InputLinkView(InputObjectMixin, FormView):
    """Link the input to goals and decisions."""

    permission_required = "inputs.change_input"
    template_name = "inputs/input_links.html"
    form_class = LinkForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["space"] = self.space
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        return {"goals": list(self.input.goals.all()), "decisions": list(self.input.decisions.all())}

    def form_valid(self, form: LinkForm) -> HttpResponse:
        try:
            services.input_link(
                actor=self.request.user,
                input=self.input,
                goals=form.cleaned_data["goals"],
                decisions=form.cleaned_data["decisions"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The links were saved."))
        return redirect(self.input.get_absolute_url())


class AttachmentDownloadView(InputObjectMixin, View):
    """An attachment, to those who may see the input, under its original (sanitised) name."""

    permission_required = "inputs.view_input"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        attachment = next((a for a in self.input.attachments.all() if a.pk == self.kwargs["attachment"]), None)
        if attachment is None:
            raise Http404
        return stored_file_response(attachment.file, name=attachment.name, content_type=attachment.content_type)
