"""The content of Sörmland's synthetic EMIL3 fixtures (``full/``, ``delta/``, ``bad/``); run to rewrite them.

    python -m samverka.education.catalogue.emil3.sormland

Everything here is invented in the shape of the published schema: providers, titles and dates are plausible,
the organisation numbers are made up (valid check digit, not real organisations), the municipality, SUN 2020
and SSYK 2012 codes are real codes (checked against ``insight/classifications/data`` when this runs).
Sörmland is county 04 with nine municipalities; a few items lie in Västmanland (19) and Östergötland (05)
so the county filter has something to leave out.
"""

import csv
from pathlib import Path
from typing import Any

from samverka.education.catalogue.emil3 import SORMLAND_BAD, SORMLAND_DELTA, SORMLAND_FULL
from samverka.education.catalogue.emil3.sormland_educations import (
    BAD_SINCE,
    DELTA_EDITED,
    DELTA_SINCE,
    FULL_EDITED,
    GY_OFFERS,
    PROVIDER_SPECS,
    TOWNS,
    VUX_APPLICATION,
    VUX_ENDS,
    VUX_OFFERS,
    P,
    info_specs,
    provider_items,
)
from samverka.education.catalogue.emil3.synthetic import (
    EVENTS,
    INFOS,
    PROVIDERS,
    EventSpec,
    InfoSpec,
    removed,
    write_feed,
)


def event_specs() -> list[EventSpec]:
    events: list[EventSpec] = []
    for pid, programmes in GY_OFFERS.items():
        provider = P[pid]
        for key in programmes:
            education = f"i.{pid[2:]}.gy.{key.lower()}"
            for year in (2026, 2027):
                events.append(
                    EventSpec(
                        id=f"e.{pid[2:]}.gy.{key.lower()}.ht{year}",
                        education=education,
                        provider=pid,
                        municipality=provider.municipality,
                        town=provider.town,
                        start=f"{year}-08-1{7 if year == 2026 else 6}",
                        end=f"{year + 3}-06-1{2 if year == 2026 else 1}",
                        application_first=f"{year}-01-15",
                        application_last=f"{year}-02-15",
                        places=32 if key in ("TE", "SA") else 24,
                        web=f"{provider.web}program/{key.lower()}",
                        last_edited=FULL_EDITED,
                    )
                )
    for pid, offers in VUX_OFFERS.items():
        provider = P[pid]
        for key, code, start, pace in offers:
            opens, closes = VUX_APPLICATION[start]
            events.append(
                EventSpec(
                    id=f"e.{pid[2:]}.vux.{key}.{code}.{start[:7]}.{pace}",
                    education=f"i.{pid[2:]}.vux.{key}",
                    provider=pid,
                    municipality=code,
                    town=TOWNS[code],
                    start=start,
                    end=VUX_ENDS[start] if pace == 100 else ("2027-12-17" if start < "2027-06" else "2028-06-09"),
                    application_first=opens,
                    application_last=closes,
                    pace=pace,
                    places=16 if key != "usk" else 24,
                    apprenticeship=key == "vvs",
                    web=f"{provider.web}yrkesvux/{key}",
                    last_edited=FULL_EDITED,
                    # Katrineholm orders its truck-driver places from Viadidakt (the joint adult education).
                    orderers=(("kommun.0483", "Katrineholms kommun", "0483"),)
                    if (key, code) == ("lbf", "0483")
                    else (),
                )
            )
    yh = P["p.0480.yhs"]
    events += [
        EventSpec(
            "e.0480.yhs.uht.2027",
            "i.0480.yhs.uht",
            yh.id,
            "0484",
            "Eskilstuna",
            "2027-08-23",
            "2029-06-08",
            "2027-02-15",
            "2027-04-15",
            places=30,
            web=f"{yh.web}underhallstekniker",
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0480.yhs.suska.2027",
            "i.0480.yhs.suska",
            yh.id,
            "0480",
            "Nyköping",
            "2027-01-25",
            "2027-12-17",
            "2026-10-01",
            "2026-12-20",
            pace=50,
            distance=True,
            sessions=4,
            places=35,
            web=f"{yh.web}specialistundersköterska",
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0480.yhs.logl.2027",
            "i.0480.yhs.logl",
            yh.id,
            "0483",
            "Katrineholm",
            "2027-08-23",
            "2029-06-08",
            "2027-02-15",
            "2027-04-15",
            places=30,
            web=f"{yh.web}logistikledare",
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0480.yhs.prodt.2027",
            "i.0480.yhs.prodt",
            yh.id,
            "0486",
            "Strängnäs",
            "2027-08-23",
            "2029-06-08",
            "2027-02-15",
            "2027-04-15",
            places=25,
            web=f"{yh.web}produktionstekniker",
            last_edited=FULL_EDITED,
        ),
        # Ended last spring: hidden from the public search by itself (hidden_after).
        EventSpec(
            "e.0480.yhs.suska.2026",
            "i.0480.yhs.suska",
            yh.id,
            "0480",
            "Nyköping",
            "2026-01-26",
            "2026-06-12",
            "2025-10-01",
            "2025-12-15",
            pace=50,
            distance=True,
            sessions=4,
            places=35,
            last_edited=FULL_EDITED,
        ),
    ]
    esk, asa, aub = P["p.0484.eskfhsk"], P["p.0461.asafhsk"], P["p.0484.aub"]
    events += [
        EventSpec(
            "e.0484.eskfhsk.allman.2027",
            "i.0484.eskfhsk.allman",
            esk.id,
            "0484",
            "Eskilstuna",
            "2027-08-16",
            "2028-06-02",
            "2027-02-01",
            "2027-04-15",
            places=40,
            web=f"{esk.web}allman-kurs",
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0484.eskfhsk.fritid.2027",
            "i.0484.eskfhsk.fritid",
            esk.id,
            "0484",
            "Eskilstuna",
            "2027-08-16",
            "2029-06-01",
            "2027-02-01",
            "2027-04-15",
            places=25,
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0461.asafhsk.allman.2027",
            "i.0461.asafhsk.allman",
            asa.id,
            "0461",
            "Stjärnhov",
            "2027-08-16",
            "2028-06-02",
            "2027-02-01",
            "2027-04-15",
            places=30,
            web=f"{asa.web}allman-kurs",
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0461.asafhsk.beh.2027",
            "i.0461.asafhsk.beh",
            asa.id,
            "0461",
            "Stjärnhov",
            "2027-08-16",
            "2029-06-01",
            "2027-02-01",
            "2027-04-15",
            pace=100,
            distance=True,
            sessions=6,
            places=30,
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0484.aub.lbf.2027",
            "i.0484.aub.lbf",
            aub.id,
            "0484",
            "Eskilstuna",
            "2027-01-11",
            "2027-05-28",
            continuous=True,
            places=12,
            fee=0,
            fee_note="Anvisas av Arbetsförmedlingen",
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0484.aub.lbf.2027b",
            "i.0484.aub.lbf",
            aub.id,
            "0480",
            "Nyköping",
            "2027-03-01",
            "2027-07-16",
            continuous=True,
            places=12,
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0484.aub.cnc.2027",
            "i.0484.aub.cnc",
            aub.id,
            "0484",
            "Eskilstuna",
            "2027-02-01",
            "2027-05-21",
            continuous=True,
            places=10,
            last_edited=FULL_EDITED,
        ),
        EventSpec(
            "e.0484.aub.lokal.2027",
            "i.0484.aub.lokal",
            aub.id,
            "0482",
            "Flen",
            "2027-01-11",
            "2027-03-05",
            continuous=True,
            places=10,
            last_edited=FULL_EDITED,
        ),
        # Cancelled by the provider: kept, marked cancelled.
        EventSpec(
            "e.0484.aub.lokal.2027b",
            "i.0484.aub.lokal",
            aub.id,
            "0488",
            "Trosa",
            "2027-03-15",
            "2027-05-07",
            continuous=True,
            places=10,
            cancelled=True,
            last_edited=FULL_EDITED,
        ),
        # Outside the county (Västerås, 1980): left out.
        EventSpec(
            "e.1980.yh.auto.2027",
            "i.1980.yh.auto",
            "p.1980.yh",
            "1980",
            "Västerås",
            "2027-08-23",
            "2029-06-08",
            "2027-02-15",
            "2027-04-15",
            places=30,
            last_edited=FULL_EDITED,
        ),
        # Distance without a place, by a provider outside the county: left out.
        EventSpec(
            "e.1980.yh.auto.2027d",
            "i.1980.yh.auto",
            "p.1980.yh",
            "",
            "",
            "2027-08-23",
            "2029-06-08",
            "2027-02-15",
            "2027-04-15",
            distance=True,
            sessions=5,
            places=20,
            last_edited=FULL_EDITED,
        ),
        # By a provider outside the county but given in Eskilstuna: kept (with its education and provider).
        EventSpec(
            "e.1980.yh.cnc.2027",
            "i.1980.yh.cnc",
            "p.1980.yh",
            "0484",
            "Eskilstuna",
            "2027-08-30",
            "2028-06-09",
            "2027-02-15",
            "2027-04-15",
            places=20,
            last_edited=FULL_EDITED,
        ),
    ]
    return events


def full_feed() -> dict[str, list[dict[str, Any]]]:
    return {
        PROVIDERS: provider_items(),
        INFOS: [spec.item() for spec in info_specs()],
        EVENTS: [spec.item() for spec in event_specs()],
    }


def delta_feed() -> dict[str, list[dict[str, Any]]]:
    """Changed, new and removed items since ``DELTA_SINCE``."""
    infos = {spec.id: spec for spec in info_specs()}
    events = {spec.id: spec for spec in event_specs()}
    providers = {spec.id: spec for spec in PROVIDER_SPECS}

    komvux = providers["p.0484.komvux"]
    komvux.phone, komvux.last_edited = "016-710 10 00", DELTA_EDITED
    usk = infos["i.0484.komvux.vux.usk"]
    usk.title, usk.credits, usk.last_edited = "Undersköterska med inriktning äldreomsorg", 1600, DELTA_EDITED
    usk.occupations = [("5321", True)]
    cnc = events["e.0484.komvux.vux.cnc.0484.2027-01.100"]
    cnc.places, cnc.application_last, cnc.last_edited = 20, "2027-01-08", DELTA_EDITED
    lbf = events["e.0480.komvux.vux.lbf.0480.2027-01.100"]
    lbf.cancelled, lbf.last_edited = True, DELTA_EDITED

    new_info = InfoSpec(
        "i.0484.komvux.vux.truck",
        "p.0484.komvux",
        "YRKVUX-TRUCK",
        "Truckförare och lagerarbete",
        "VUXGY",
        "840b",
        "313",
        [("8344", True), ("4321", False)],
        "Truckkort A och B, lager och logistik.",
        4,
        400,
        "gyp",
        (20, "weeks"),
        True,
        "",
        True,
        "kurspaket",
        DELTA_EDITED,
    )
    new_events = [
        EventSpec(
            "e.0484.komvux.vux.truck.2027",
            new_info.id,
            "p.0484.komvux",
            "0484",
            "Eskilstuna",
            "2027-02-15",
            "2027-06-18",
            "2026-11-20",
            "2027-01-20",
            places=14,
            last_edited=DELTA_EDITED,
        ),
        EventSpec(
            "e.0486.vux.usk.0486.2027-08",
            "i.0486.vux.vux.usk",
            "p.0486.vux",
            "0486",
            "Strängnäs",
            "2027-08-16",
            "2028-01-14",
            "2027-04-01",
            "2027-05-15",
            places=24,
            last_edited=DELTA_EDITED,
        ),
    ]
    return {
        PROVIDERS: [komvux.item()],
        INFOS: [usk.item(), new_info.item(), removed("i.0484.aub.lokal", DELTA_EDITED)],
        EVENTS: [
            cnc.item(),
            lbf.item(),
            *(spec.item() for spec in new_events),
            removed("e.0482.lcflen.vux.bsk.0482.2027-08.50", DELTA_EDITED),
            removed("e.0484.aub.lokal.2027", DELTA_EDITED),
            removed("e.0484.aub.lokal.2027b", DELTA_EDITED),
        ],
    }


def bad_feed() -> dict[str, list[dict[str, Any]]]:
    """A small feed in which some items are wrong; each is reported by id, the rest are imported."""
    good_provider = P["p.0488.larcentrum"].item()
    nameless = P["p.0481.vux"].item()
    nameless["content"]["name"] = {"strings": []}
    good = InfoSpec(
        "i.0488.bad.usk",
        good_provider["id"],
        "YRKVUX-USK",
        "Undersköterska",
        "VUXGY",
        "723o",
        "317",
        [("5321", True)],
        credits=1500,
        credit_system="gyp",
        vocational=True,
    ).item()
    unknown_sun = InfoSpec(
        "i.0488.bad.sun", good_provider["id"], "X1", "Okänd inriktning", "VUXGY", "999q", "317", []
    ).item()
    unknown_type = InfoSpec(
        "i.0488.bad.type", good_provider["id"], "X2", "Okänd skolform", "XYZ", "723o", "317", []
    ).item()
    unknown_ssyk = InfoSpec(
        "i.0488.bad.ssyk", good_provider["id"], "X3", "Okänt yrke", "VUXGY", "723o", "317", [("9998", True)]
    ).item()
    untitled = InfoSpec("i.0488.bad.title", good_provider["id"], "X4", "", "VUXGY", "723o", "317", []).item()
    event = EventSpec(
        "e.0488.bad.ok",
        good["id"],
        good_provider["id"],
        "0488",
        "Trosa",
        "2027-01-18",
        "2027-06-11",
        "2026-10-15",
        "2026-12-15",
        places=20,
    ).item()
    unknown_place = EventSpec(
        "e.0488.bad.muni", good["id"], good_provider["id"], "0499", "Ingenstans", "2027-01-18", "2027-06-11"
    ).item()
    no_education = EventSpec("e.0488.bad.noedu", "", good_provider["id"], "0488", "Trosa", "2027-01-18").item()
    del no_education["content"]["education"]
    lost_education = EventSpec(
        "e.0488.bad.lostedu", "i.finns.inte", good_provider["id"], "0488", "Trosa", "2027-01-18"
    ).item()
    backwards = EventSpec(
        "e.0488.bad.dates", good["id"], good_provider["id"], "0488", "Trosa", "2027-06-11", "2027-01-18"
    ).item()
    bad_date = EventSpec("e.0488.bad.date", good["id"], good_provider["id"], "0488", "Trosa", "2027-13-01").item()
    bad_pace = EventSpec(
        "e.0488.bad.pace", good["id"], good_provider["id"], "0488", "Trosa", "2027-01-18", pace=150
    ).item()
    after_bad_info = EventSpec(
        "e.0488.bad.badinfo", "i.0488.bad.sun", good_provider["id"], "0488", "Trosa", "2027-01-18"
    ).item()
    no_id = EventSpec("", good["id"], good_provider["id"], "0488", "Trosa", "2027-01-18").item()
    return {
        PROVIDERS: [good_provider, nameless],
        INFOS: [good, unknown_sun, unknown_type, unknown_ssyk, untitled],
        EVENTS: [
            event,
            unknown_place,
            no_education,
            lost_education,
            backwards,
            bad_date,
            bad_pace,
            after_bad_info,
            no_id,
        ],
    }


def check_codes() -> None:
    """Every municipality, SUN 2020 and SSYK 2012 code of the good fixtures exists in the shipped lists."""
    root = Path(__file__).resolve().parents[3] / "insight" / "classifications" / "data"

    def read(name: str) -> set[str]:
        with open(root / name, encoding="utf-8") as handle:
            return {row["code"] for row in csv.DictReader(handle)}

    sun_fields, sun_levels, ssyk = read("sun2020_inriktning.csv"), read("sun2020_niva.csv"), read("ssyk2012.csv")
    for spec in info_specs():
        assert spec.sun_field in sun_fields, spec
        assert spec.sun_level in sun_levels, spec
        assert all(code in ssyk for code, _primary in spec.occupations), spec


def build() -> None:
    check_codes()
    for directory in (SORMLAND_FULL, SORMLAND_DELTA, SORMLAND_BAD):
        for old in directory.glob("*.json"):
            old.unlink()
    write_feed(SORMLAND_FULL, full_feed(), size=40, note="A full answer: every item, no updatedSince.")
    write_feed(
        SORMLAND_DELTA,
        delta_feed(),
        size=40,
        updated_since=DELTA_SINCE,
        note="A delta answer: the items changed, added or removed since updatedSince.",
    )
    write_feed(
        SORMLAND_BAD,
        bad_feed(),
        size=40,
        updated_since=BAD_SINCE,
        note="A delta answer with items with unknown codes and missing fields.",
    )


if __name__ == "__main__":
    build()
