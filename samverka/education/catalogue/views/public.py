"""The public education search: anyone, no login, every page works without JavaScript.

- ``educations/``: the search form (GET, so every search has a stable address to share or bookmark) and
  the matching offerings, page by page by key (``after=``);
- ``educations/map/``: the same search as a map, counties (or a county's municipalities) shaded by the
  number of offerings, drawn on the server as SVG with the figures in a table beside it;
- ``educations/<pk>/``: an offering (what, where, when, how, the provider, its source and last update);
- ``educations/providers/<pk>/``: a provider and its public offerings;
- ``educations/feed/``: an Atom feed of new offerings, ``educations/deadlines.ics``: the application
  deadlines as a calendar; both take the search's filters, so a visitor can follow their own search.

Everything reads through ``catalogue.selectors`` (``Offering.objects.open_to_public()``).
"""

from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.forms.utils import flatatt
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from samverka.education.catalogue import selectors
from samverka.education.catalogue.models import Offering, Provider, SchoolType
from samverka.education.catalogue.selectors import Pace, SearchFilters
from samverka.insight.classifications.models import ClassificationItem
from samverka.platform.core.ics import STOCKHOLM, IcsEvent, build_calendar, uid_for
from samverka.platform.core.models import County, Municipality
from samverka.platform.core.permissions import PUBLIC, PermissionMixin

#: Query-string names that are not filters (the page key).
PAGE_KEYS = ("after",)


def _occupation_codes(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The SSYK codes ``text`` names: a code (or the start of one) or a word of an occupation's name."""
    text = text.strip()
    items = ClassificationItem.objects.filter(scheme="ssyk2012")
    if text.isdigit():
        found = list(items.filter(code__startswith=text).order_by("code").values_list("code", "name")[:1])
        return ([text] if found or len(text) < 4 else []), found
    needle = text.casefold()
    # SQLite's LIKE folds only ASCII case: match the unit groups' names in Python (429 short rows).
    found = [
        (code, name) for code, name in items.filter(level=4).values_list("code", "name") if needle in name.casefold()
    ]
    return [code for code, _name in found], found


class PlainSelect(forms.Select):
    """A select (with option groups) written out directly: the municipality list has 290 options, and
    rendering each through a widget template cost more than the whole search."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = str(value[0] if isinstance(value, list | tuple) and value else value or "")

        def option(code: Any, label: Any) -> str:
            selected = " selected" if str(code) == chosen else ""
            return f'<option value="{escape(code)}"{selected}>{escape(label)}</option>'

        parts = [f"<select{flatatt(final)}>"]
        for code, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(code)}">')
                parts += [option(inner, text) for inner, text in label]
                parts.append("</optgroup>")
            else:
                parts.append(option(code, label))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value escaped above)


class PublicSearchForm(forms.Form):
    """The filters of the public search; every field optional, a wrong one is named beside the field."""

    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Words in the name of the education, the provider or the place."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = forms.MultipleChoiceField(
        label=gettext_lazy("School type"),
        required=False,
        choices=SchoolType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    county = forms.ChoiceField(label=gettext_lazy("County"), required=False, widget=PlainSelect)
    municipality = forms.ChoiceField(label=gettext_lazy("Municipality"), required=False, widget=PlainSelect)
    distance = forms.BooleanField(
        label=gettext_lazy("Include distance education from elsewhere"),
        required=False,
    )
    start_from = forms.DateField(
        label=gettext_lazy("Starts on or after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    start_to = forms.DateField(
        label=gettext_lazy("Starts on or before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    open = forms.BooleanField(label=gettext_lazy("Open for application now"), required=False)
    pace = forms.ChoiceField(
        label=gettext_lazy("Study pace"),
        required=False,
        choices=[
            ("", gettext_lazy("Any pace")),
            (Pace.FULL, gettext_lazy("Full time")),
            (Pace.PART, gettext_lazy("Part time")),
        ],
    )
    sun = forms.ChoiceField(label=gettext_lazy("Education field (SUN)"), required=False, widget=PlainSelect)
    occupation = forms.CharField(
        label=gettext_lazy("Target occupation"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("An occupation, e.g. 'undersköterska', or its SSYK code, e.g. 5321."),
    )
    degree = forms.BooleanField(label=gettext_lazy("Leads to a degree"), required=False)
    csn = forms.BooleanField(label=gettext_lazy("Eligible for student aid (CSN)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counties = list(County.objects.order_by("code").values_list("code", "name"))
        self.fields["county"].choices = [("", _("All of Sweden")), *counties]  # type: ignore[attr-defined]
        by_county: dict[str, list[tuple[str, str]]] = {}
        for code, name, county in Municipality.objects.order_by("county_id", "name").values_list(
            "code", "name", "county_id"
        ):
            by_county.setdefault(county, []).append((code, name))
        self.fields["municipality"].choices = [  # type: ignore[attr-defined]
            ("", _("All municipalities")),
            *((name, by_county.get(code, [])) for code, name in counties),
        ]
        self.fields["sun"].choices = [  # type: ignore[attr-defined]
            ("", _("All fields")),
            *ClassificationItem.objects.filter(scheme="sun2020_field", level=2)
            .order_by("code")
            .values_list("code", "name"),
        ]
        self.occupation_matches: list[tuple[str, str]] = []
        self._occupation_codes: list[str] = []

    def clean_occupation(self) -> str:
        text = self.cleaned_data.get("occupation", "").strip()
        if text:
            codes, matches = _occupation_codes(text)
            if not codes:
                raise forms.ValidationError(
                    _("No occupation matches '%(text)s'. Try another word or an SSYK code.") % {"text": text}
                )
            self._occupation_codes, self.occupation_matches = codes, matches
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_from"), data.get("start_to")
        if start and end and start > end:
            self.add_error("start_to", _("The last start date must be on or after the first."))
        county, municipality = data.get("county"), data.get("municipality")
        if county and municipality and not municipality.startswith(county):
            self.add_error("municipality", _("The municipality is not in the county chosen."))
        return data

    def filters(self) -> SearchFilters:
        """The valid filters (a field with an error is left out, and named beside the field)."""
        self.is_valid()
        data = {name: value for name, value in getattr(self, "cleaned_data", {}).items() if name not in self.errors}
        return SearchFilters(
            q=data.get("q") or "",
            school_types=tuple(data.get("type") or ()),
            county=data.get("county") or "",
            municipality=data.get("municipality") or "",
            include_distance=bool(data.get("distance")),
            start_from=data.get("start_from"),
            start_to=data.get("start_to"),
            open_now=bool(data.get("open")),
            pace=data.get("pace") or "",
            sun_field=data.get("sun") or "",
            occupations=tuple(self._occupation_codes) if "occupation" in data else (),
            leads_to_degree=bool(data.get("degree")),
            csn=bool(data.get("csn")),
        )


def filter_query(request: HttpRequest, **replace: str) -> str:
    """The request's query string without the page key (``replace`` sets parameters): for links between views."""
    query = request.GET.copy()
    for key in PAGE_KEYS:
        query.pop(key, None)
    for key, value in replace.items():
        query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


class SearchMixin(PermissionMixin):
    permission_required = PUBLIC
    request: HttpRequest

    @cached_property
    def form(self) -> PublicSearchForm:
        return PublicSearchForm(self.request.GET or None)

    @cached_property
    def filters(self) -> SearchFilters:
        return self.form.filters() if self.request.GET else SearchFilters()

    def search_context(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "filter_query": filter_query(self.request),
            "has_filters": any(key not in PAGE_KEYS for key in self.request.GET),
        }


class OfferingSearchView(SearchMixin, TemplateView):
    """The public search: the form and one page of matching offerings."""

    template_name = "catalogue/public_search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = selectors.public_search(self.filters, after=self.request.GET.get("after"))
        context.update(self.search_context())
        context.update(
            {
                "page": page,
                "next_url": filter_query(self.request, after=page.next_key) if page.next_key else "",
                "first_url": filter_query(self.request) or "?",
            }
        )
        return context


class OfferingMapView(SearchMixin, TemplateView):
    """The search as a map: the counties, or with a county chosen its municipalities, by number of offerings."""

    template_name = "catalogue/public_map.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from samverka.insight.analyses.maps import render_map_svg
        from samverka.insight.analyses.tables import Table

        context = super().get_context_data(**kwargs)
        filters = self.filters
        county = County.objects.filter(code=filters.county).first() if filters.county else None
        if county is not None:
            areas = list(Municipality.objects.filter(county=county).order_by("name").values_list("code", "name"))
            counts = selectors.counts_by_area(_without_place(filters), by="municipality")
            kind, heading, title = "map_municipality", _("Municipality"), _("Offerings by municipality in %(county)s")
            title %= {"county": county.name}
        else:
            areas = list(County.objects.order_by("code").values_list("code", "name"))
            counts = selectors.counts_by_area(_without_place(filters), by="county")
            kind, heading, title = "map_county", _("County"), _("Offerings by county")
        rows: list[dict[str, Any]] = [
            {"code": code, "name": name, "count": counts.get(code, 0), "url": self._area_url(code, county)}
            for code, name in areas
        ]
        table = Table(
            title=title,
            columns=[heading, _("Offerings")],
            rows=[[row["name"], row["count"]] for row in rows],
            unit="",
            codes=[row["code"] for row in rows],
        )
        context.update(self.search_context())
        context.update(
            {
                "county": county,
                "rows": rows,
                "area_heading": heading,
                "map_title": title,
                "chart": render_map_svg(table, kind=kind, dom_id="offering-map"),
                "total": sum(row["count"] for row in rows),
            }
        )
        return context

    def _area_url(self, code: str, county: County | None) -> str:
        """The list of offerings in an area (a municipality), or the map of a county."""
        if county is not None:
            return reverse("catalogue:public-search") + filter_query(
                self.request, municipality=code, county=county.code
            )
        return reverse("catalogue:public-map") + filter_query(self.request, county=code, municipality="")


def _without_place(filters: SearchFilters) -> SearchFilters:
    """The filters without the municipality: the map shows every municipality of the county."""
    from dataclasses import replace

    return replace(filters, municipality="", county="", include_distance=False)


class OfferingDetailView(PermissionMixin, TemplateView):
    """One offering: what is taught, where, when and how, by whom, from which source and when last updated."""

    permission_required = PUBLIC
    template_name = "catalogue/public_offering.html"

    @cached_property
    def offering(self) -> Offering:
        found = selectors.public_offering(self.kwargs["pk"])
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        offering = self.offering
        occupations = [*offering.education.occupations.all()]
        local = [row.ssyk_code for row in offering.local_occupations.all()]
        codes = [row.ssyk_code for row in occupations] + [
            code for code in local if code not in {o.ssyk_code for o in occupations}
        ]
        names = dict(ClassificationItem.objects.filter(scheme="ssyk2012", code__in=codes).values_list("code", "name"))
        sun = {}
        if offering.education.sun_field:
            sun = dict(
                ClassificationItem.objects.filter(
                    scheme="sun2020_field", code=offering.education.sun_field
                ).values_list("code", "name")
            )
        context.update(
            {
                "offering": offering,
                "education": offering.education,
                "provider": offering.provider,
                "occupations": [{"code": code, "name": names.get(code, "")} for code in codes],
                "sun_name": sun.get(offering.education.sun_field, ""),
                "others": selectors.other_offerings(offering),
                "open_now": selectors.public_offerings().open_for_application().filter(pk=offering.pk).exists(),  # type: ignore[attr-defined]
            }
        )
        return context


class ProviderDetailView(PermissionMixin, TemplateView):
    """A provider's public page: who they are, how to reach them, and their offerings the public may see."""

    permission_required = PUBLIC
    template_name = "catalogue/public_provider.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        provider = (
            Provider.objects.restrict(AnonymousUser())
            .select_related("municipality")
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if provider is None:
            raise Http404
        offerings = list(
            selectors.public_offerings()
            .filter(provider=provider)
            .select_related("education", "municipality")
            .order_by("start_date", "pk")[:200]
        )
        context.update({"provider": provider, "offerings": offerings})
        return context


class NewOfferingsFeed(Feed):
    """An Atom feed of the newest public offerings (the search's filters apply)."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> SearchFilters:
        self.request = request
        return PublicSearchForm(request.GET or None).filters() if request.GET else SearchFilters()

    def title(self) -> str:
        return _("New educations – Samverka")

    def link(self) -> str:
        return reverse("catalogue:public-search") + filter_query(self.request)

    def subtitle(self) -> str:
        return _("Offerings of education newly added to the education search.")

    def items(self, filters: SearchFilters) -> list[Offering]:
        return selectors.newest_offerings(filters)

    def item_title(self, item: Offering) -> str:
        return f"{item.education.title} – {_place(item)}"

    def item_description(self, item: Offering) -> str:
        return describe(item)

    def item_link(self, item: Offering) -> str:
        return item.get_public_url()

    def item_pubdate(self, item: Offering) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Offering) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Offering) -> str:
        return item.provider.name


def _place(offering: Offering) -> str:
    place = offering.locality or (offering.municipality.name if offering.municipality else "")
    if offering.is_distance:
        place = f"{place}, {_('distance')}" if place else _("distance")
    return place


def describe(offering: Offering) -> str:
    """One line about an offering for the feed and the calendar: provider, start, pace, last application day."""
    parts = [offering.provider.name]
    if offering.start_date:
        parts.append(_("starts %(date)s") % {"date": date_format(offering.start_date, "j F Y")})
    if offering.pace_percent:
        parts.append(_("pace %(pace)s %%") % {"pace": offering.pace_percent})
    if offering.continuous_admission:
        parts.append(_("continuous admission"))
    elif offering.application_closes:
        parts.append(_("last application day %(date)s") % {"date": date_format(offering.application_closes, "j F Y")})
    return ", ".join(parts)


class NewOfferingsFeedView(PermissionMixin, View):
    """The Atom feed of new offerings."""

    permission_required = PUBLIC

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return NewOfferingsFeed()(request)


class DeadlinesIcsView(PermissionMixin, View):
    """The last application days of the matching offerings as a calendar to subscribe to."""

    permission_required = PUBLIC

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filters = PublicSearchForm(request.GET or None).filters() if request.GET else SearchFilters()
        offerings = selectors.application_deadlines(filters)
        events = []
        for offering in offerings:
            day: date = offering.application_closes  # type: ignore[assignment]
            start = datetime.combine(day, time.min, tzinfo=STOCKHOLM)
            events.append(
                IcsEvent(
                    uid=uid_for("offering-deadline", offering.pk),
                    start=start,
                    end=start + timedelta(days=1),
                    summary=_("Last application day: %(title)s (%(place)s)")
                    % {"title": offering.education.title, "place": _place(offering)},
                    description=describe(offering),
                    location=_place(offering),
                    url=request.build_absolute_uri(offering.get_public_url()),
                    last_modified=offering.updated_at,
                )
            )
        stamp = max((offering.updated_at for offering in offerings), default=timezone.now())
        response = HttpResponse(
            build_calendar(events, name=_("Application deadlines – education search"), stamp=stamp),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = 'inline; filename="application-deadlines.ics"'
        return response


def search_url(**filters: Any) -> str:
    """The address of a search (for links from other pages): ``search_url(county="04", type=["YH"])``."""
    query = urlencode(filters, doseq=True)
    return reverse("catalogue:public-search") + (f"?{query}" if query else "")


urlpatterns = [
    path("educations/", OfferingSearchView.as_view(), name="public-search"),
    path("educations/map/", OfferingMapView.as_view(), name="public-map"),
    path("educations/feed/", NewOfferingsFeedView.as_view(), name="public-feed"),
    path("educations/deadlines.ics", DeadlinesIcsView.as_view(), name="public-deadlines-ics"),
    path("educations/<int:pk>/", OfferingDetailView.as_view(), name="public-offering"),
    path("educations/providers/<int:pk>/", ProviderDetailView.as_view(), name="public-provider"),
]
