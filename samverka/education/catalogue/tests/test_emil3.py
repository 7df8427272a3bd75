"""The EMIL3 importer on the shipped synthetic Sörmland fixtures (no network): full and delta runs, removals,
local additions kept, bad items named by id, atomic runs, the county filter and queries per run."""

import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.education.catalogue.emil3 import (
    SORMLAND_BAD,
    SORMLAND_DELTA,
    SORMLAND_FULL,
    sormland,
    sormland_educations,
    synthetic,
)
from samverka.education.catalogue.models import (
    Education,
    EducationOccupation,
    ImportPage,
    ImportRun,
    Offering,
    OfferingOccupation,
    Provider,
    Source,
)
from samverka.education.catalogue.services.emil3 import DirectorySource, HttpSource, import_emil3
from samverka.testing import factories

pytestmark = pytest.mark.django_db

SORMLAND = {"0428", "0461", "0480", "0481", "0482", "0483", "0484", "0486", "0488"}


def full(space: Any, **kwargs: Any) -> ImportRun:
    return import_emil3(space=space, source=DirectorySource(SORMLAND_FULL), **kwargs)


def offering(space: Any, source_id: str) -> Offering:
    return Offering.objects.get(space=space, source=Source.EMIL3, source_id=source_id)


def write(directory: Path, feed: dict[str, list[Any]], **kwargs: Any) -> Path:
    synthetic.write_feed(directory, feed, **kwargs)
    return directory


def catalogue_state(space: Any) -> list[Any]:
    return [
        sorted(Provider.objects.filter(space=space).values_list("source_id", "name", "removed_at")),
        sorted(Education.objects.filter(space=space).values_list("source_id", "title", "removed_at")),
        sorted(Offering.objects.filter(space=space).values_list("source_id", "places", "is_cancelled", "removed_at")),
        sorted(EducationOccupation.objects.filter(education__space=space).values_list("education_id", "ssyk_code")),
    ]


def test_full_run_imports_sormland_with_provenance(space: Any) -> None:
    run = full(space)

    assert run.status == "done", run.message
    assert run.problems == []
    assert run.total == run.done == len(sum(sormland.full_feed().values(), []))
    assert run.counts["offerings"]["created"] == Offering.objects.filter(space=space).count() == 88
    assert run.counts["offerings"]["outside_county"] == 4
    offerings = Offering.objects.filter(space=space)
    assert set(offerings.values_list("municipality_id", flat=True)) == SORMLAND
    assert set(offerings.values_list("county_code", flat=True)) == {"04"}
    assert set(Education.objects.filter(space=space).values_list("school_type", flat=True)) == {
        "GY",
        "VUXGY",
        "YH",
        "FHS",
        "AUB",
    }
    # Every raw page is kept, as received.
    pages = {(p.endpoint, p.page) for p in ImportPage.objects.filter(run=run)}
    names = [path.stem.split("-page-") for path in SORMLAND_FULL.glob("*-page-*.json")]
    assert pages == {(endpoint, int(number)) for endpoint, number in names}
    first = ImportPage.objects.get(run=run, endpoint="educationEvents", page=0)
    assert first.body == json.loads((SORMLAND_FULL / "educationEvents-page-0.json").read_text(encoding="utf-8"))

    cnc = offering(space, "e.0484.komvux.vux.cnc.0484.2027-01.100")
    assert cnc.source == "emil3" and cnc.source_updated_at is not None and cnc.removed_at is None
    assert cnc.education.title == "CNC-operatör" and cnc.education.school_type == "VUXGY"
    assert cnc.provider.name == "Komvux Eskilstuna" and cnc.provider.responsible_body_type == "municipal"
    assert str(cnc.start_date) == "2027-01-18" and str(cnc.hidden_after) == "2027-06-11"
    assert str(cnc.application_closes) == "2026-12-15"
    assert cnc.search_text == "cnc-operatör komvux eskilstuna eskilstuna eskilstuna"
    assert cnc.url == "https://komvux-esk.example/yrkesvux/cnc"
    assert cnc.education.sun_field == "521c" and cnc.education.credits == 800
    occupations = EducationOccupation.objects.filter(education=cnc.education)
    assert [(o.ssyk_code, o.is_primary, o.is_local) for o in occupations] == [("7223", True, False)]
    assert offering(space, "e.0484.aub.lokal.2027b").is_cancelled
    distance = offering(space, "e.0480.yhs.suska.2027")
    assert distance.is_distance and distance.onsite_sessions == 4 and distance.pace_percent == 50


def test_county_filter_keeps_the_county_and_a_course_given_in_it(space: Any) -> None:
    full(space)

    ids = set(Offering.objects.filter(space=space).values_list("source_id", flat=True))
    assert "e.1980.yh.auto.2027" not in ids  # in Västerås
    assert "e.1980.yh.auto.2027d" not in ids  # distance, by a provider outside the county
    assert not any(i.startswith("e.0580.") for i in ids)  # Linköping
    kept = offering(space, "e.1980.yh.cnc.2027")  # a Västerås provider's course given in Eskilstuna
    assert kept.municipality_id == "0484" and kept.provider.source_id == "p.1980.yh"
    assert not Provider.objects.filter(space=space, source_id="p.0580.komvux").exists()
    assert not Education.objects.filter(space=space, source_id="i.1980.yh.auto").exists()


def test_another_county_gets_nothing_of_sormland(other_space: Any) -> None:
    run = import_emil3(space=other_space, source=DirectorySource(SORMLAND_FULL))

    assert run.status == "done"
    assert not Offering.objects.filter(space=other_space).exists()
    assert not Provider.objects.filter(space=other_space).exists()
    assert run.counts["offerings"]["outside_county"] == 92


def test_running_the_same_feed_again_changes_nothing(space: Any) -> None:
    full(space)
    before = catalogue_state(space)

    run = full(space)

    assert catalogue_state(space) == before
    assert run.counts["offerings"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 88,
        "removed": 0,
        "outside_county": 4,
        "rejected": 0,
    }


def test_delta_run_changes_adds_and_soft_deletes(space: Any) -> None:
    full(space)

    run = import_emil3(space=space, source=DirectorySource(SORMLAND_DELTA))

    assert run.status == "done" and run.problems == []
    assert run.updated_since is not None and run.updated_since.isoformat().startswith("2026-11-01")
    cnc = offering(space, "e.0484.komvux.vux.cnc.0484.2027-01.100")
    assert cnc.places == 20 and str(cnc.application_closes) == "2027-01-08"
    assert offering(space, "e.0480.komvux.vux.lbf.0480.2027-01.100").is_cancelled
    truck = offering(space, "e.0484.komvux.vux.truck.2027")
    assert truck.education.title == "Truckförare och lagerarbete"
    # Marked removed: kept, hidden (removed_at), never deleted.
    gone = offering(space, "e.0482.lcflen.vux.bsk.0482.2027-08.50")
    assert gone.removed_at is not None
    assert not Offering.objects.restrict(None).filter(pk=gone.pk).exists()
    removed_education = Education.objects.get(space=space, source_id="i.0484.aub.lokal")
    assert removed_education.removed_at is not None
    assert all(o.removed_at is not None for o in removed_education.offerings.all())
    # A delta leaves what it does not mention alone.
    assert offering(space, "e.0488.larcentrum.vux.bsk.0488.2027-08.100").removed_at is None
    assert Offering.objects.filter(space=space, removed_at__isnull=True).count() == 88 + 2 - 3
    # The renamed education's offerings outside the delta get its new title in their search text.
    usk = offering(space, "e.0484.komvux.vux.usk.0484.2027-08.50")
    assert usk.search_text.startswith("undersköterska med inriktning äldreomsorg")
    assert Provider.objects.get(space=space, source_id="p.0484.komvux").phone == "016-710 10 00"


def test_full_run_soft_deletes_what_the_feed_no_longer_has_and_brings_it_back(space: Any, tmp_path: Path) -> None:
    full(space)
    feed = sormland.full_feed()
    feed["educationEvents"] = [e for e in feed["educationEvents"] if e["id"] != "e.0481.vux.vux.svets.0481.2027-01.100"]

    run = import_emil3(space=space, source=DirectorySource(write(tmp_path / "less", feed)))

    dropped = offering(space, "e.0481.vux.vux.svets.0481.2027-01.100")
    assert run.counts["offerings"]["removed"] == 1 and dropped.removed_at is not None
    full(space)
    dropped.refresh_from_db()
    assert dropped.removed_at is None


def test_local_additions_survive_reimport(space: Any) -> None:
    full(space)
    editor = factories.make_user()
    cnc = offering(space, "e.0484.komvux.vux.usk.0484.2027-01.100")
    Offering.objects.filter(pk=cnc.pk).update(local_note="Studiebesök på Mälarsjukhuset", is_published=False)
    OfferingOccupation.objects.create(offering=cnc, ssyk_code="5342", added_by=editor)
    education = cnc.education
    EducationOccupation.objects.create(education=education, ssyk_code="5343", is_primary=False, is_local=True)
    local = Offering.objects.create(
        space=space,
        education=education,
        provider=cnc.provider,
        municipality_id="0484",
        locality="Torshälla",
        places=8,
        source=Source.LOCAL,
    )
    local_before = Offering.objects.filter(pk=local.pk).values().get()

    full(space)
    run = import_emil3(space=space, source=DirectorySource(SORMLAND_DELTA))

    assert run.status == "done"
    cnc.refresh_from_db()
    assert cnc.local_note == "Studiebesök på Mälarsjukhuset" and cnc.is_published is False
    assert list(cnc.local_occupations.values_list("ssyk_code", flat=True)) == ["5342"]
    education.refresh_from_db()
    assert education.title == "Undersköterska med inriktning äldreomsorg"  # the feed's field follows the feed
    codes = {(o.ssyk_code, o.is_local) for o in education.occupations.all()}
    assert codes == {("5321", False), ("5343", True)}  # the feed dropped 5323; the local row stays
    assert Offering.objects.filter(pk=local.pk).values().get() == local_before


def test_bad_items_are_reported_by_id_and_the_rest_imported(space: Any) -> None:
    full(space)
    provider_before = Provider.objects.filter(space=space, source_id="p.0481.vux").values("name", "updated_at").get()

    run = import_emil3(space=space, source=DirectorySource(SORMLAND_BAD))

    assert run.status == "done"
    problems = {(p["endpoint"], p["id"]): p["message"] for p in run.problems}
    assert problems == {
        ("educationProviders", "p.0481.vux"): "The provider has no name.",
        ("educationInfos", "i.0488.bad.sun"): "Unknown SUN 2020 field 999q.",
        ("educationInfos", "i.0488.bad.type"): "Unknown school type XYZ.",
        ("educationInfos", "i.0488.bad.ssyk"): "Unknown occupation code (SSYK 2012) 9998.",
        ("educationInfos", "i.0488.bad.title"): "The education has no title.",
        ("educationEvents", "e.0488.bad.muni"): "Unknown municipality code 0499.",
        ("educationEvents", "e.0488.bad.noedu"): "The offering names no education.",
        ("educationEvents", "e.0488.bad.lostedu"): "Its education i.finns.inte is not in the feed.",
        ("educationEvents", "e.0488.bad.dates"): "It ends (2027-01-18) before it starts (2027-06-11).",
        ("educationEvents", "e.0488.bad.date"): "The start is not a date: 2027-13-01",
        ("educationEvents", "e.0488.bad.pace"): "The study pace must lie between 1 and 100, not 150.",
        ("educationEvents", "e.0488.bad.badinfo"): "Its education i.0488.bad.sun was not accepted (see above).",
        ("educationEvents", "(no id)"): "Item 9 has no id.",
    }
    assert offering(space, "e.0488.bad.ok").education.source_id == "i.0488.bad.usk"
    assert not Education.objects.filter(space=space, source_id__in=["i.0488.bad.sun", "i.0488.bad.type"]).exists()
    assert (
        not Offering.objects.filter(space=space, source_id__startswith="e.0488.bad.")
        .exclude(source_id="e.0488.bad.ok")
        .exists()
    )
    # A rejected item leaves the row it would have changed as it was.
    assert Provider.objects.filter(space=space, source_id="p.0481.vux").values("name", "updated_at").get() == (
        provider_before
    )


def test_a_feed_failing_half_way_leaves_the_catalogue_as_it_was(space: Any, tmp_path: Path) -> None:
    full(space)
    before = catalogue_state(space)
    truncated = tmp_path / "truncated"
    shutil.copytree(SORMLAND_DELTA, truncated)
    page = json.loads((truncated / "educationEvents-page-0.json").read_text(encoding="utf-8"))
    page["totalPages"] = 2  # the answer promises a second page the feed never gives
    (truncated / "educationEvents-page-0.json").write_text(json.dumps(page), encoding="utf-8")

    run = import_emil3(space=space, source=DirectorySource(truncated))

    assert run.status == "failed" and run.finished_at is not None
    assert "Page 1 of educationEvents is missing." in run.message
    assert catalogue_state(space) == before
    assert run.pages.count() == 3  # what was received is kept for the diagnosis


def test_an_interrupted_run_keeps_nothing(space: Any) -> None:
    def interrupt(done: int, total: int) -> None:
        if Provider.objects.filter(space=space).exists():
            raise RuntimeError("stopped by the operator")

    run = full(space, progress=interrupt)

    assert run.status == "failed" and "stopped by the operator" in run.message
    assert not Provider.objects.filter(space=space).exists()
    assert not Education.objects.filter(space=space).exists()
    assert not Offering.objects.filter(space=space).exists()


def test_provider_is_linked_to_the_actor_with_its_organisation_number(space: Any) -> None:
    actor = factories.make_organisation(
        name="Eskilstuna kommun", org_number=sormland_educations.org_number("212000032")
    )

    full(space)

    assert Provider.objects.get(space=space, source_id="p.0484.komvux").organisation == actor
    assert Provider.objects.get(space=space, source_id="p.0484.rinman").organisation is None


def _queries(space: Any, directory: Path, offerings: int) -> tuple[int, int]:
    """(statements other than INSERT, INSERT statements) of a run importing ``offerings`` offerings."""
    feed = synthetic.national_feed(offerings, county_codes=[(c, sormland.TOWNS[c]) for c in sorted(SORMLAND)])
    write(directory, feed, size=10_000)
    with CaptureQueriesContext(connection) as queries:
        run = import_emil3(space=space, source=DirectorySource(directory))
    assert run.status == "done" and run.counts["offerings"]["created"] == offerings
    inserts = sum(1 for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("INSERT"))
    return len(queries) - inserts, inserts


def test_queries_of_a_run_do_not_grow_with_the_items(space: Any, tmp_path: Path) -> None:
    _queries(space, tmp_path / "first", 5)  # the first run of a process reads the code lists once
    small, _small_inserts = _queries(factories.make_space(county_id="04"), tmp_path / "small", 20)
    large, large_inserts = _queries(factories.make_space(county_id="04"), tmp_path / "large", 400)

    assert large == small  # reads, updates and removals: per run, not per item
    assert large_inserts <= 400 // 10  # rows are inserted in batches (as many per statement as the database takes)


def test_http_source_asks_the_api_page_by_page(space: Any) -> None:
    asked: list[str] = []

    def transport(url: str) -> tuple[int, bytes]:
        """Answers from the recorded delta folder, as the API would (no network)."""
        asked.append(url)
        endpoint, query = url.rsplit("/", 1)[1].split("?")
        number = dict(part.split("=") for part in query.split("&"))["page"]
        path = SORMLAND_DELTA / f"{endpoint}-page-{number}.json"
        return (200, path.read_bytes()) if path.exists() else (404, b"")

    full(space)
    source = HttpSource("https://api.example/susa-navet/emil3/", transport=transport)
    since = DirectorySource(SORMLAND_DELTA).updated_since

    run = import_emil3(space=space, source=source, updated_since=since)

    assert run.status == "done", run.message
    assert asked[0] == (
        "https://api.example/susa-navet/emil3/educationProviders?page=0&size=500&updatedSince=2026-11-01T00%3A00%3A00Z"
    )
    assert offering(space, "e.0484.komvux.vux.truck.2027").places == 14


def test_an_api_error_fails_the_run(space: Any) -> None:
    source = HttpSource("https://api.example/emil3", transport=lambda url: (503, b"busy"))

    run = import_emil3(space=space, source=source)

    assert run.status == "failed"
    assert "answered 503 for page 0 of educationProviders" in run.message


def test_command_prints_progress_and_the_counts(space: Any) -> None:
    out = StringIO()

    call_command("import_emil3", "sormland", "--dir", str(SORMLAND_FULL), stdout=out)

    text = out.getvalue()
    assert f"174 of {174} items (100%)" in text
    assert "offerings: 88 created" in text
    assert "(full) into sormland done" in text
    assert Offering.objects.filter(space=space).count() == 88


def test_an_older_version_of_an_item_never_overwrites_a_newer_one(space: Any) -> None:
    full(space)
    import_emil3(space=space, source=DirectorySource(SORMLAND_DELTA))

    run = full(space)  # the full answer was recorded before the delta's changes

    assert run.status == "done"
    assert offering(space, "e.0484.komvux.vux.cnc.0484.2027-01.100").places == 20
    usk = Education.objects.get(space=space, source_id="i.0484.komvux.vux.usk")
    assert usk.title == "Undersköterska med inriktning äldreomsorg"
