"""The EMIL3 importer keeps an offering's orderers and contractor (``OfferingParty``), resolves a provider named
by id to its organisation number, and replaces them when the feed changes the offering."""

from pathlib import Path
from typing import Any

import pytest

from samverka.education.catalogue.emil3 import sormland, synthetic
from samverka.education.catalogue.models import Offering, OfferingParty, Source
from samverka.education.catalogue.services.emil3 import DirectorySource, import_emil3

pytestmark = pytest.mark.django_db

EVENT = "e.0484.rinman.gy.ee.ht2026"


def run(space: Any, directory: Path, feed: dict[str, Any]) -> None:
    synthetic.write_feed(directory, feed)
    assert import_emil3(space=space, source=DirectorySource(directory)).status == "done"


def parties(space: Any) -> set[tuple[str, str, str, str]]:
    offering = Offering.objects.get(space=space, source=Source.EMIL3, source_id=EVENT)
    return set(
        OfferingParty.objects.filter(offering=offering).values_list("role", "name", "org_number", "municipality_code")
    )


def test_orderers_and_contractor_are_kept_and_replaced_on_reimport(space: Any, tmp_path: Path) -> None:
    feed = sormland.full_feed()
    [event] = [e for e in feed["educationEvents"] if e["id"] == EVENT]
    event["content"]["orderers"] = [
        {
            "id": "k.0484",
            "name": {"strings": [{"lang": "swe", "value": "Eskilstuna kommun"}]},
            "organisationNumber": "2120000221",
            "municipalityCode": "0484",
        },
        {"id": "k.9999", "municipalityCode": "9999"},
    ]
    event["content"]["contractor"] = "p.0484.rinman"  # a provider of the feed, by id
    run(space, tmp_path / "first", feed)
    assert parties(space) == {
        ("orderer", "Eskilstuna kommun", "212000-0221", "0484"),
        ("orderer", "", "", ""),  # an unknown municipality code is left out; the id is kept
        ("contractor", "", "212000-0308", ""),
    }

    del event["content"]["orderers"]
    event["lastEdited"] = "2026-11-01T06:30:00Z"
    run(space, tmp_path / "second", feed)
    assert parties(space) == {("contractor", "", "212000-0308", "")}
