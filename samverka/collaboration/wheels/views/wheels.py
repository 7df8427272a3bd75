"""The annual-wheel pages: a body's wheel, the space's wheel, and adopting a template."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from samverka.collaboration.bodies import selectors as body_selectors
from samverka.collaboration.bodies.models import Body
from samverka.collaboration.wheels import drawing, selectors, services
from samverka.collaboration.wheels.forms import AdoptForm, YearForm
from samverka.collaboration.wheels.planning import holiday_name
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.core.views import CachedObjectMixin
from samverka.platform.spaces.mixins import SpaceMixin


def _year(request: Any) -> tuple[YearForm, int]:
    form = YearForm(request.GET or None)
    return form, form.year_or_current()


def _context(year: int, marks: list[selectors.WheelMark]) -> dict[str, Any]:
    rows = []
    for mark in marks:
        link = mark.link
        moved_from = link.original_date if link is not None and link.original_date else None
        rows.append(
            {
                "mark": mark,
                "theme": link.slot.display_title if link is not None else "",
                "template": link.slot.template.display_name if link is not None else "",
                "moved_from": moved_from,
                "move_reason": link.get_move_reason_display() if link is not None and link.move_reason else "",
                "holiday": holiday_name(moved_from) if moved_from else None,
            }
        )
    return {
        "year": year,
        "previous_year": year - 1,
        "next_year": year + 1,
        "wheel": drawing.wheel(year, marks),
        "timeline": drawing.timeline(year, marks),
        "rows": rows,
    }


class BodyMixin(SpaceMixin, CachedObjectMixin, PermissionMixin):
    """A body of the URL's space that the user may see (else 404); it is the permission object."""

    model = Body
    kwargs: dict[str, Any]
    request: Any

    def get_queryset(self) -> QuerySet[Body]:
        return body_selectors.visible_bodies(self.space, self.request.user).select_related("space")

    @cached_property
    def body(self) -> Body:
        return self.get_object()  # type: ignore[no-any-return]


class BodyWheelView(BodyMixin, DetailView):
    """A body's year: the wheel, the timeline and the list of meetings by month."""

    permission_required = "wheels.view_body_wheel"
    template_name = "wheels/body_wheel.html"
    context_object_name = "body"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year_form, year = _year(self.request)
        marks = selectors.body_wheel(self.body, self.request.user, year)
        context.update(_context(year, marks))
        context.update(
            {
                "year_form": year_form,
                "adoptions": selectors.body_adoptions(self.body, year),
                "can_adopt": self.request.user.has_perm("wheels.adopt_wheel", self.body),
            }
        )
        return context


class SpaceWheelView(SpaceMixin, PermissionMixin, TemplateView):
    """The space's year: the meetings the bodies' annual wheels generated (those the user may see)."""

    permission_required = PUBLIC
    template_name = "wheels/space_wheel.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year_form, year = _year(self.request)
        context.update(_context(year, selectors.space_wheel(self.space, self.request.user, year)))
        context["year_form"] = year_form
        return context


class WheelAdoptView(BodyMixin, SingleObjectMixin, FormView):
    """Choose a template and a year, see what would happen (create / keep / move), then confirm."""

    permission_required = "wheels.adopt_wheel"
    template_name = "wheels/wheel_adopt.html"
    form_class = AdoptForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["space"] = self.space
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        """``?template=KEY&year=YYYY``: an adoption the body already has opens with its time and place,
        so generating again without changes keeps them."""
        initial = super().get_initial()
        key = self.request.GET.get("template", "")
        raw_year = self.request.GET.get("year", "")
        year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else None
        if year is not None:
            initial["year"] = year
        if key:
            initial["template"] = key
            template = selectors.template_for(self.space, key)
            adoption = (
                selectors.adoption_for(self.body, template, year or timezone.localdate().year) if template else None
            )
            if adoption is not None:
                initial.update(year=adoption.year, time_of_day=adoption.time_of_day, place=adoption.place)
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = self.body
        context = super().get_context_data(**kwargs)
        context["body"] = self.body
        return context

    def form_valid(self, form: AdoptForm) -> HttpResponse:
        data = form.cleaned_data
        template = selectors.template_for(self.space, data["template"])
        if template is None:  # pragma: no cover - the form offers only existing templates
            form.add_error("template", _("Choose a template."))
            return self.form_invalid(form)
        time_of_day, place = data.get("time_of_day"), data.get("place") or ""
        include_past = bool(data.get("include_past"))
        if self.request.POST.get("action") != "confirm":
            try:
                plan = selectors.adoption_plan(
                    body=self.body,
                    template=template,
                    year=data["year"],
                    time_of_day=time_of_day,
                    place=place,
                    include_past=include_past,
                )
            except ValidationError as error:
                add_service_error(form, error)
                return self.form_invalid(form)
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    plan=plan,
                    template=template,
                    existing=selectors.adoption_for(self.body, template, data["year"]),
                    changes=sum(1 for row in plan if row.changes),
                )
            )
        try:
            result = services.wheel_adopt(
                actor=self.request.user,
                body=self.body,
                template_key=template.key,
                year=data["year"],
                time_of_day=time_of_day,
                place=place,
                include_past=include_past,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(template)s %(year)d: %(created)d meetings created, %(moved)d moved, %(kept)d kept as they were.")
            % {
                "template": template.display_name,
                "year": data["year"],
                "created": len(result.created) + len(result.linked),
                "moved": len(result.moved),
                "kept": result.kept,
            },
        )
        url = reverse("wheels:body-wheel", kwargs={"space": self.space.slug, "pk": self.body.pk})
        return redirect(f"{url}?year={data['year']}")
