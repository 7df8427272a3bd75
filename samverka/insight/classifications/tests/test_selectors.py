"""The selectors other apps read classifications and regions through."""

import pytest

from samverka.insight.classifications import selectors

pytestmark = pytest.mark.django_db


def test_codes_by_level_and_whole_scheme() -> None:
    four_digit = selectors.codes("ssyk2012", 4)
    assert len(four_digit) == 429
    assert "2221" in four_digit  # Grundutbildade sjuksköterskor
    assert len(selectors.codes("ssyk2012")) == 633
    assert len(selectors.codes("sun2020_level", 2)) == 14
    assert selectors.codes("no-such-scheme") == frozenset()


def test_labels_and_children_follow_the_source() -> None:
    assert selectors.labels("ssyk2012")["0110"] == "Officerare"
    assert selectors.labels("sni2007")["A"] == "Jordbruk, skogsbruk och fiske"
    top = selectors.children("ssyk2012", "")
    assert [i.code for i in top] == [str(n) for n in range(10)]
    nurses = selectors.children("ssyk2012", "222")
    assert [i.code for i in nurses] == ["2221", "2222", "2223", "2224", "2225", "2226", "2227", "2228"]
    assert nurses[1].name == "Barnmorskor"
    assert [i.code for i in selectors.ancestors("sni2007", "01.110")] == ["A", "01", "01.1", "01.11"]


def test_search_matches_code_prefix_and_name_ignoring_case() -> None:
    found = selectors.search("ssyk2012", "sjuksköterskor")
    assert "2221" in {i.code for i in found}
    assert all(i.scheme == "ssyk2012" for i in found)
    by_code = selectors.search(None, "0110")
    assert ("ssyk2012", "0110") in {(i.scheme, i.code) for i in by_code}
    assert selectors.search(None, "   ") == []


def test_region_codes_and_labels() -> None:
    regions = selectors.region_codes()
    assert len(regions) == 1 + 21 + 290
    assert {"00", "04", "0484", "0180"} <= regions
    names = selectors.region_labels()
    assert names["00"] == "Sweden"
    assert names["0484"] == "Eskilstuna"
    assert names["04"] == "Södermanlands län"
