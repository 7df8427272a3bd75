"""Pages anyone may open: the public list, the event page with its registration form, the cancel link,
and a space's list of events."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from samverka.collaboration.events import mails, selectors, services
from samverka.collaboration.events.forms import RegistrationForm
from samverka.collaboration.events.models import Event, Registration, RegistrationStatus
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space

PAGE_SIZE = 20


class EventListView(PermissionMixin, TemplateView):
    """Coming (or, with ?past=1, past) public events of every space."""

    permission_required = PUBLIC
    template_name = "events/event_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        past = self.request.GET.get("past") == "1"
        events = selectors.public_event_list(upcoming=not past)
        context["page_obj"] = Paginator(events, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["past"] = past
        return context


class SpaceEventListView(SpaceMixin, PermissionMixin, TemplateView):
    """The events of a space that the user may see; organisers also see drafts."""

    permission_required = "events.view_space_events"
    template_name = "events/space_event_list.html"

    def get_permission_object(self) -> Space:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        past = self.request.GET.get("past") == "1"
        events = selectors.space_event_list(space=self.space, user=self.request.user, upcoming=not past)
        context["page_obj"] = Paginator(events, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["past"] = past
        context["can_add"] = self.request.user.has_perm("events.add_event", self.space)
        return context


class EventDetailView(PermissionMixin, TemplateView):
    """The event, its programme and (while open) the registration form; anonymous visitors welcome."""

    permission_required = "events.view_event"
    template_name = "events/event_detail.html"

    @cached_property
    def event(self) -> Event:
        found = selectors.event_detail(user=self.request.user, pk=self.kwargs["pk"])
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> Event:
        return self.event

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from samverka.platform.spaces.navigation import menu_context

        context = super().get_context_data(**kwargs)
        user, event = self.request.user, self.event
        state = event.registration_state()
        can_manage = user.has_perm("events.change_event", event)
        places_left = None
        if event.capacity is not None:
            places_left = max(event.capacity - event.confirmed_count, 0)  # type: ignore[attr-defined]
        context.update(
            {
                "event": event,
                "space": event.space,
                "sessions": list(event.sessions.all()),
                "state": state,
                "places_left": places_left,
                "can_manage": can_manage,
                "can_register": state == "open" and user.has_perm("events.register_for_event", event),
                "is_announced": selectors.is_announced(event),
                **menu_context(self.request, event.space),
            }
        )
        if "form" not in context:
            initial = {}
            if user.is_authenticated:
                initial = {"name": getattr(user, "full_name", ""), "email": user.email}
            context["form"] = RegistrationForm(initial=initial)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                registration = services.registration_create(
                    event=self.event,
                    data=services.RegistrationData(**form.cleaned_data),
                    actor=request.user,
                    language=get_language() or "sv",
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, registered_message(registration))
                return redirect(self.event.get_absolute_url() + "#registration")
        return self.render_to_response(self.get_context_data(form=form))


def registered_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CONFIRMED:
        return _("You are registered. A confirmation with a calendar file has been sent to %(email)s.") % {
            "email": registration.email
        }
    return _(
        "The event is full, so you are on the waiting list in place %(position)d. We have sent an e-mail to "
        "%(email)s and will write again if you get a place."
    ) % {"position": registration.waitlist_position, "email": registration.email}


class EventIcsView(EventDetailView):
    """The event as a calendar file, for "add to my calendar"."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = HttpResponse(
            mails.event_ics(
                self.event, method="PUBLISH", with_link=self.request.user.has_perm("events.change_event", self.event)
            ),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="event-{self.event.pk}.ics"'
        return response

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseNotAllowed(["GET"])


class RegistrationCancelLinkView(PermissionMixin, TemplateView):
    """The link in the confirmation e-mail: GET asks, POST cancels. The secret token is the permission."""

    permission_required = PUBLIC
    template_name = "events/registration_cancel.html"

    @cached_property
    def registration(self) -> Registration:
        found = selectors.registration_by_token(self.kwargs["token"])
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["registration"] = self.registration
        context["event"] = self.registration.event
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.registration_cancel(registration=self.registration, actor=None)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages), status=400)
        return self.render_to_response(self.get_context_data(done=True))
