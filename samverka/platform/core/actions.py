"""The shared shape of a small action posted from an object's page (void, mark, assign, reject …)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.generic.base import ContextMixin, TemplateResponseMixin

from samverka.platform.core.forms import add_service_error


class PostedActionMixin(TemplateResponseMixin, ContextMixin):
    """A small form posted from an object's page, put in front of that page's view.

    A valid form goes to ``act(form)``, which calls the service and returns the message shown after the
    redirect to ``get_success_url()``. An invalid form, or a service's ``ValidationError``, shows the
    object's page again with status 400: the form named ``form_name`` in the page's context carries its
    errors beside its fields; without a ``form_name`` the errors are shown as messages on top.
    """

    request: HttpRequest
    http_method_names = ["post"]
    #: The name the page's template knows the form by ("" when the page does not show the form).
    form_name = ""

    def make_form(self) -> BaseForm:
        raise NotImplementedError

    def act(self, form: Any) -> str:
        """Call the service with the cleaned form; return the success message."""
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form()
        if form.is_valid():
            try:
                message = self.act(form)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, message)
                return redirect(self.get_success_url())
        if self.form_name:
            context = self.get_context_data(**{self.form_name: form})
        else:
            for field_errors in form.errors.values():
                for text in field_errors:
                    messages.error(request, str(text))
            context = self.get_context_data()
        return self.render_to_response(context, status=400)
