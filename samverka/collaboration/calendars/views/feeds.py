"""Calendar feeds (ICS) and the page where a member gets their personal feed address."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samverka.collaboration.calendars import selectors, services
from samverka.platform.core.ics import build_calendar
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.spaces.models import Space

NEW_TOKEN_SESSION_KEY = "calendars_new_feed_token"


def calendar_response(events: list[Any], *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(build_calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # Feeds may carry private meetings: never stored by shared caches.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


def feed_user(request: HttpRequest) -> Any:
    """Who the feed is for: the owner of ``?token=`` (calendar apps have no session), else the visitor.

    A token that is wrong or revoked answers 404 rather than silently showing the public part.
    """
    token = request.GET.get("token", "")
    if not token:
        return request.user
    user = selectors.user_for_feed_token(token)
    if user is None:
        raise Http404
    return user


class PersonalFeedView(PermissionMixin, View):
    """All meetings of the bodies where the token's owner sits. The secret token is the permission."""

    permission_required = PUBLIC

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        user = selectors.user_for_feed_token(token)
        if user is None:
            raise Http404
        # The token's owner sits in these bodies: they see the online links.
        events = [selectors.meeting_event(m, with_details=True) for m in selectors.personal_feed_meetings(user)]
        return calendar_response(events, name=_("My meetings in Samverka"), filename="samverka.ics")


class BodyFeedView(PermissionMixin, View):
    """A body's meetings, for whoever may see the body (404 otherwise); ``?token=`` for calendar apps."""

    # Visibility is decided by Body.objects.restrict(feed user), so a hidden body answers 404.
    permission_required = PUBLIC

    def get(self, request: HttpRequest, space: str, pk: int) -> HttpResponse:
        user = feed_user(request)
        found = get_object_or_404(Space, slug=space)
        body = selectors.feed_body(found, pk, user)
        if body is None:
            raise Http404
        events = selectors.feed_events(selectors.body_feed_meetings(body), user)
        return calendar_response(events, name=body.name, filename=f"body-{body.pk}.ics")


class SpaceFeedView(PermissionMixin, View):
    """Meetings of every body of the space the feed user may see."""

    # Filtered by Meeting.objects.restrict(feed user).
    permission_required = PUBLIC

    def get(self, request: HttpRequest, space: str) -> HttpResponse:
        user = feed_user(request)
        found = get_object_or_404(Space, slug=space)
        events = selectors.feed_events(selectors.space_feed_meetings(found, user), user)
        return calendar_response(events, name=found.name, filename=f"{found.slug}.ics")


class PublicFeedView(PermissionMixin, View):
    """Public events and public meetings of public bodies, for anyone."""

    permission_required = PUBLIC

    def get(self, request: HttpRequest) -> HttpResponse:
        # For everyone: an online link only where the meeting marked it public.
        events = [selectors.meeting_event(m, with_details=False) for m in selectors.public_feed_meetings()]
        events += selectors.public_events()
        events.sort(key=lambda e: (e.start, e.uid))
        return calendar_response(events, name=_("Samverka – public events"), filename="samverka-public.ics")


class FeedsView(PermissionMixin, TemplateView):
    """My calendar: the personal feed address (shown once when made), revoke, and the other feeds."""

    permission_required = "calendars.view_feeds"
    template_name = "calendars/feeds.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["token"] = selectors.active_feed_token(user)
        context["polls"] = list(selectors.polls_for_user(user)[:50])
        context["scheduling_bodies"] = selectors.scheduling_bodies(user)
        context["public_feed_url"] = self.request.build_absolute_uri(reverse("calendars:public-events-feed"))
        # The new secret is shown on the page after the redirect, once, then forgotten.
        token = self.request.session.pop(NEW_TOKEN_SESSION_KEY, "")
        subscriptions = selectors.feed_subscriptions(user)
        suffix = f"?{urlencode({'token': token})}" if token else ""
        context["body_feeds"] = [
            (
                body,
                self.request.build_absolute_uri(
                    reverse("calendars:body-feed", kwargs={"space": body.space.slug, "pk": body.pk})
                )
                + suffix,
            )
            for body in subscriptions["bodies"]
        ]
        context["space_feeds"] = [
            (
                space,
                self.request.build_absolute_uri(reverse("calendars:space-feed", kwargs={"space": space.slug})) + suffix,
            )
            for space in subscriptions["spaces"]
        ]
        if token:
            context["new_feed_url"] = self.request.build_absolute_uri(
                reverse("calendars:personal-feed", kwargs={"token": token})
            )
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        action = request.POST.get("action")
        if action == "create":
            request.session[NEW_TOKEN_SESSION_KEY] = services.feed_token_create(actor=request.user)
            messages.success(
                request, _("Your new calendar address is shown below. Copy it now: it is shown only once.")
            )
        elif action == "revoke":
            services.feed_token_revoke(actor=request.user)
            messages.success(
                request, _("The calendar address was revoked. Calendar apps subscribed to it no longer get updates.")
            )
        return redirect("calendars:feeds")
