"""Reading the classifications and the region codes (the interface other apps code against)."""

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from samverka.insight.classifications.models import ClassificationItem, Scheme, SunOldLevel

_codes_cache: dict[tuple[str, int | None], frozenset[str]] = {}
_region_codes_cache: dict[str, frozenset[str]] = {}


def clear_cache() -> None:
    """Forget the per-process caches (after reloading the reference data)."""
    from samverka.insight.classifications import matching

    _codes_cache.clear()
    _region_codes_cache.clear()
    matching.clear_cache()


def is_scheme(scheme: str) -> bool:
    return scheme in Scheme.values


def codes(scheme: str, level: int | None = None) -> frozenset[str]:
    """Every code of ``scheme`` (or of one level of it); cached per process once the table is loaded."""
    key = (scheme, level)
    cached = _codes_cache.get(key)
    if cached is not None:
        return cached
    items = ClassificationItem.objects.filter(scheme=scheme)
    if level is not None:
        items = items.filter(level=level)
    result = frozenset(items.values_list("code", flat=True))
    if result:  # never cache an empty answer: the table may be loaded later (tests flush it)
        _codes_cache[key] = result
    return result


def labels(scheme: str) -> dict[str, str]:
    """``{code: Swedish name}`` of every item of ``scheme``."""
    return dict(ClassificationItem.objects.filter(scheme=scheme).values_list("code", "name"))


def item(scheme: str, code: str) -> ClassificationItem | None:
    return ClassificationItem.objects.filter(scheme=scheme, code=code).first()


def children(scheme: str, code: str) -> list[ClassificationItem]:
    """The items directly under ``code`` in source order (``code=""`` gives the top level)."""
    return list(ClassificationItem.objects.filter(scheme=scheme, parent_code=code).order_by("position"))


def ancestors(scheme: str, code: str) -> list[ClassificationItem]:
    """The parents of ``code`` from the top level down (not the item itself)."""
    found: list[ClassificationItem] = []
    current = item(scheme, code)
    while current is not None and current.parent_code:
        current = item(scheme, current.parent_code)
        if current is not None:
            found.append(current)
    return list(reversed(found))


def search(scheme: str | None, query: str, limit: int = 200) -> list[ClassificationItem]:
    """Items whose code starts with ``query`` or whose name contains it (case-insensitive)."""
    query = query.strip()
    if not query:
        return []
    items = ClassificationItem.objects.all()
    if scheme:
        items = items.filter(scheme=scheme)
    # SQLite's LIKE folds only ASCII case, so match the name in Python for å, ä, ö.
    by_code = list(items.filter(Q(code__istartswith=query)).order_by("scheme", "position")[:limit])
    needle = query.casefold()
    seen = {(i.scheme, i.code) for i in by_code}
    by_name = [
        i
        for i in items.order_by("scheme", "position")
        if needle in i.name.casefold() and (i.scheme, i.code) not in seen
    ]
    return (by_code + by_name)[:limit]


def scheme_counts() -> dict[str, dict[int, int]]:
    """``{scheme: {level: number of items}}``."""
    result: dict[str, dict[int, int]] = {}
    rows = ClassificationItem.objects.values("scheme", "level").annotate(n=Count("id")).order_by("scheme", "level")
    for row in rows:
        result.setdefault(row["scheme"], {})[row["level"]] = row["n"]
    return result


def region_codes() -> frozenset[str]:
    """``"00"`` (Sweden) and the codes of the 21 counties and 290 municipalities."""
    cached = _region_codes_cache.get("all")
    if cached is not None:
        return cached
    from samverka.platform.core.models import County, Municipality

    found = set(County.objects.values_list("code", flat=True)) | set(
        Municipality.objects.values_list("code", flat=True)
    )
    result = frozenset({"00"} | found)
    if found:
        _region_codes_cache["all"] = result
    return result


def region_labels() -> dict[str, str]:
    """``{code: name}``: "00" is Sweden (translated), counties and municipalities by their names."""
    from samverka.platform.core.models import County, Municipality

    result = {"00": _("Sweden")}
    result.update(dict(County.objects.values_list("code", "name")))
    result.update(dict(Municipality.objects.values_list("code", "name")))
    return result


def sun_old_level_map(version: str = "2020") -> dict[str, list[str]]:
    """SCB's old 7-step level code -> the two-digit SUN levels it covers, e.g. ``{"5": ["41", "52"]}``."""
    return {row.code: list(row.level_codes) for row in SunOldLevel.objects.filter(version=version).order_by("code")}


# --- counties and municipalities (stored in core, browsed here) ------------------------------------


def counties_with_municipality_counts() -> list[Any]:
    """The 21 counties in code order, each with ``municipality_count``."""
    from samverka.platform.core.models import County

    return list(County.objects.annotate(municipality_count=Count("municipalities")).order_by("code"))


def region(code: str) -> Any:
    """The county (two digits) or municipality (four digits, with its county) of ``code``; None if none."""
    from samverka.platform.core.models import County, Municipality

    if len(code) == 2 and code.isdigit():
        return County.objects.filter(code=code).first()
    if len(code) == 4 and code.isdigit():
        return Municipality.objects.select_related("county").filter(code=code).first()
    return None


def municipalities_of(county_code: str) -> list[Any]:
    from samverka.platform.core.models import Municipality

    return list(Municipality.objects.filter(county_id=county_code).order_by("code"))


def search_regions(query: str, limit: int = 200) -> list[Any]:
    """Counties and municipalities whose code starts with ``query`` or whose name contains it."""
    from samverka.platform.core.models import County, Municipality

    query = query.strip()
    if not query:
        return []
    needle = query.casefold()
    areas: list[Any] = [*County.objects.order_by("code"), *Municipality.objects.order_by("code")]
    found: list[Any] = []
    for area in areas:
        if area.code.startswith(query) or needle in area.name.casefold():
            found.append(area)
    return found[:limit]
