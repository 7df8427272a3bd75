"""The data migration loads every classification with its codes as strings."""

import pytest

from samverka.insight.classifications import selectors
from samverka.insight.classifications.loading import expand_level_range
from samverka.insight.classifications.models import ClassificationItem

pytestmark = pytest.mark.django_db


def _level_counts(scheme: str) -> list[int]:
    counts = selectors.scheme_counts()[scheme]
    return [counts[level] for level in sorted(counts)]


def test_ssyk_has_633_items_on_four_levels() -> None:
    assert ClassificationItem.objects.filter(scheme="ssyk2012").count() == 633
    assert _level_counts("ssyk2012") == [10, 46, 148, 429]


def test_sun_and_sni_counts_match_the_published_structures() -> None:
    assert ClassificationItem.objects.filter(scheme="sun2020_level").count() == 71
    assert ClassificationItem.objects.filter(scheme="sun2020_field").count() == 531
    assert ClassificationItem.objects.filter(scheme="sun2000_field").count() == 504
    assert _level_counts("sni2007") == [21, 88, 272, 615, 821]


def test_codes_keep_their_leading_zeros() -> None:
    assert "0110" in selectors.codes("ssyk2012", 4)
    assert "010" in selectors.codes("sun2020_field", 3)
    assert "01.110" in selectors.codes("sni2007", 5)
    officer = ClassificationItem.objects.get(scheme="ssyk2012", code="011")
    assert officer.parent_code == "01"


def test_old_level_ranges_expand_to_existing_two_digit_levels() -> None:
    assert expand_level_range("41-52", ["33", "41", "52", "53"]) == ["41", "52"]
    assert expand_level_range("33", ["33", "41"]) == ["33"]
    mapping = selectors.sun_old_level_map("2020")
    assert mapping["5"] == ["41", "52"]
    assert mapping["7"] == ["60", "62", "64"]
    assert len(selectors.sun_old_level_map("2000")) == 7
