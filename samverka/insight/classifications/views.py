"""Public pages: the classifications, browsing one as a tree or by level, an item, search, and the regions."""

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from samverka.insight.classifications import selectors
from samverka.insight.classifications.models import ClassificationItem, Scheme
from samverka.platform.core.permissions import PUBLIC, PermissionMixin

#: Where each scheme's file comes from (details in classifications/data/SOURCES.md).
SOURCES = {
    Scheme.SSYK2012: _("SCB's SSYK 2012 names via the DAIOE dataset (Oluoch, Zenodo), CC BY 4.0"),
    Scheme.SUN2020_LEVEL: _("SCB (SUN 2020) via JobTech/Arbetsförmedlingen"),
    Scheme.SUN2020_FIELD: _("SCB (SUN 2020) via JobTech/Arbetsförmedlingen"),
    Scheme.SUN2000_LEVEL: _("SCB (SUN 2000) via JobTech/Arbetsförmedlingen"),
    Scheme.SUN2000_FIELD: _("SCB (SUN 2000) via JobTech/Arbetsförmedlingen"),
    Scheme.SNI2007: _("SCB's SNI 2007 hierarchy (SCB open data)"),
}

PAGE_SIZE = 50


def _scheme_or_404(value: str) -> Scheme:
    if not selectors.is_scheme(value):
        raise Http404
    return Scheme(value)


class ClassificationIndexView(PermissionMixin, TemplateView):
    """The schemes with their sizes and sources; ``?q=`` searches code and name."""

    permission_required = PUBLIC
    template_name = "classifications/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        counts = selectors.scheme_counts()
        context["schemes"] = [
            {
                "scheme": scheme,
                "levels": sorted(counts.get(scheme.value, {}).items()),
                "total": sum(counts.get(scheme.value, {}).values()),
                "source": SOURCES[scheme],
            }
            for scheme in Scheme
        ]
        query = self.request.GET.get("q", "").strip()[:100]
        scheme = self.request.GET.get("scheme", "")
        scheme = scheme if selectors.is_scheme(scheme) else ""
        context.update(query=query, chosen_scheme=scheme, scheme_choices=Scheme.choices)
        counties = selectors.counties_with_municipality_counts()
        context["region_counts"] = (len(counties), sum(county.municipality_count for county in counties))
        if query:
            results = selectors.search(scheme or None, query)
            labels = dict(Scheme.choices)
            context["results"] = [(labels[i.scheme], i) for i in results]
            context["region_results"] = selectors.search_regions(query) if not scheme else []
        return context


class SchemeView(PermissionMixin, TemplateView):
    """One scheme as a tree (``?open=<code>`` expands the path to it) or one level as a paged table."""

    permission_required = PUBLIC
    template_name = "classifications/scheme.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        scheme = _scheme_or_404(self.kwargs["scheme"])
        levels = sorted(selectors.scheme_counts().get(scheme.value, {}).items())
        context.update(scheme=scheme, levels=levels)
        level = self.request.GET.get("level", "")
        if level.isdigit() and int(level) in dict(levels):
            items = ClassificationItem.objects.filter(scheme=scheme, level=int(level)).order_by("position")
            page = Paginator(items, PAGE_SIZE).get_page(self.request.GET.get("page"))
            context.update(level=int(level), page_obj=page, items=page.object_list)
            return context
        opened = self.request.GET.get("open", "")
        current = selectors.item(scheme, opened) if opened else None
        path = [*selectors.ancestors(scheme, current.code), current] if current else []
        context["tree"] = self._tree(scheme, "", [i.code for i in path])
        context["opened"] = current
        return context

    def _tree(self, scheme: str, parent: str, path: list[str]) -> list[dict[str, Any]]:
        """The children of ``parent``; the one on ``path`` carries its own children (expanded)."""
        nodes = []
        for child in selectors.children(scheme, parent):
            expanded = bool(path) and child.code == path[0]
            nodes.append(
                {
                    "item": child,
                    "expanded": expanded,
                    "children": self._tree(scheme, child.code, path[1:]) if expanded else [],
                }
            )
        return nodes


class ItemView(PermissionMixin, TemplateView):
    """One code with the path above it and the codes directly under it."""

    permission_required = PUBLIC
    template_name = "classifications/item.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        scheme = _scheme_or_404(self.kwargs["scheme"])
        current = selectors.item(scheme, self.kwargs["code"])
        if current is None:
            raise Http404
        context.update(
            scheme=scheme,
            item=current,
            ancestors=selectors.ancestors(scheme, current.code),
            children=selectors.children(scheme, current.code),
        )
        return context


class RegionsView(PermissionMixin, TemplateView):
    """SCB's regional division: the counties with their municipalities, and a map of their boundaries."""

    permission_required = PUBLIC
    template_name = "classifications/regions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        counties = selectors.counties_with_municipality_counts()
        context.update(
            counties=counties,
            map_geojson=reverse("actors:geojson", kwargs={"level": "counties"}),
            map_names={county.code: county.name for county in counties},
            map_chosen="",
        )
        return context


class RegionView(PermissionMixin, TemplateView):
    """A county with its municipalities, or a municipality with its county, each on a map."""

    permission_required = PUBLIC
    template_name = "classifications/region.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        area = selectors.region(self.kwargs["code"])
        if area is None:
            raise Http404
        is_county = len(area.code) == 2
        county_code = area.code if is_county else area.county_id
        municipalities = selectors.municipalities_of(county_code)
        geojson = reverse("actors:geojson", kwargs={"level": "municipalities"})
        context.update(
            area=area,
            is_county=is_county,
            county=area if is_county else area.county,
            municipalities=municipalities,
            map_geojson=f"{geojson}?{urlencode({'county': county_code})}",
            map_names={municipality.code: municipality.name for municipality in municipalities},
            map_chosen="" if is_county else area.code,
        )
        return context
