"""Organisers' pages: create, edit, publish and cancel an event; its programme."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from samverka.collaboration.events import selectors, services
from samverka.collaboration.events.forms import EventCancelForm, EventForm, SessionForm
from samverka.collaboration.events.models import Event, Session
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space


class EventObjectMixin(SpaceMixin, PermissionMixin):
    """An event of the URL's space that the user may see (else 404); it is the permission object."""

    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def event(self) -> Event:
        found = (
            selectors.events_visible_to(self.request.user)
            .filter(space=self.space, pk=self.kwargs["pk"])
            .select_related("space", "body")
            .first()
        )
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> Event:
        return self.event

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["event"] = self.event
        return context


class EventCreateView(SpaceMixin, PermissionMixin, FormView):
    permission_required = "events.add_event"
    template_name = "events/event_form.html"
    form_class = EventForm

    def get_permission_object(self) -> Space:
        return self.space

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(space=self.space, user=self.request.user)
        return kwargs

    def form_valid(self, form: EventForm) -> HttpResponse:
        try:
            event = services.event_create(
                actor=self.request.user, space=self.space, data=services.EventData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The event %(title)s was created as a draft. Add the programme, then publish it.")
            % {"title": event.title},
        )
        return redirect(event.get_absolute_url())


class EventUpdateView(EventObjectMixin, FormView):
    permission_required = "events.change_event"
    template_name = "events/event_form.html"
    form_class = EventForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(space=self.space, user=self.request.user, event=self.event)
        return kwargs

    def form_valid(self, form: EventForm) -> HttpResponse:
        try:
            services.event_update(
                actor=self.request.user, event=self.event, data=services.EventData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.event.get_absolute_url())


class EventPublishView(EventObjectMixin, TemplateView):
    """Asks before publishing (GET); publishes (POST)."""

    permission_required = "events.publish_event"
    template_name = "events/event_publish.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.event_publish(actor=request.user, event=self.event)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages), status=400)
        messages.success(request, _("The event is published and open for registration."))
        return redirect(self.event.get_absolute_url())


class EventCancelView(EventObjectMixin, FormView):
    permission_required = "events.cancel_event"
    template_name = "events/event_cancel.html"
    form_class = EventCancelForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["counts"] = selectors.registration_counts(self.event)
        return context

    def form_valid(self, form: EventCancelForm) -> HttpResponse:
        try:
            services.event_cancel(actor=self.request.user, event=self.event, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The event is cancelled. Everyone registered is told by e-mail."))
        return redirect(self.event.get_absolute_url())


class SessionMixin(EventObjectMixin):
    @cached_property
    def session(self) -> Session:
        found = self.event.sessions.filter(pk=self.kwargs["session"]).first()
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if "session" in self.kwargs:
            context["session"] = self.session
        return context


class SessionCreateView(EventObjectMixin, FormView):
    permission_required = "events.manage_sessions"
    template_name = "events/session_form.html"
    form_class = SessionForm

    def form_valid(self, form: SessionForm) -> HttpResponse:
        try:
            services.session_add(
                actor=self.request.user, event=self.event, data=services.SessionData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The session was added to the programme."))
        return redirect(self.event.get_absolute_url() + "#programme")


class SessionUpdateView(SessionMixin, FormView):
    permission_required = "events.manage_sessions"
    template_name = "events/session_form.html"
    form_class = SessionForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["session"] = self.session
        return kwargs

    def form_valid(self, form: SessionForm) -> HttpResponse:
        try:
            services.session_update(
                actor=self.request.user, session=self.session, data=services.SessionData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The session was saved."))
        return redirect(self.event.get_absolute_url() + "#programme")


class SessionRemoveView(SessionMixin, TemplateView):
    permission_required = "events.manage_sessions"
    template_name = "events/session_remove.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.session_remove(actor=request.user, session=self.session)
        messages.success(request, _("The session was removed from the programme."))
        return redirect(self.event.get_absolute_url() + "#programme")
