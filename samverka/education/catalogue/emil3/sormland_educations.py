"""Sörmland's synthetic providers and educations (the first half of the fixtures ``sormland`` writes).

Invented in the shape of the published schema; see ``sormland`` for what is real (the codes) and what is not.
"""

from typing import Any

from samverka.education.catalogue.emil3.synthetic import (
    InfoSpec,
    ProviderSpec,
)

FULL_EDITED = "2026-10-05T06:30:00Z"
DELTA_SINCE = "2026-11-01T00:00:00Z"
DELTA_EDITED = "2026-11-24T07:15:00Z"
BAD_SINCE = "2026-11-25T00:00:00Z"

TOWNS = {
    "0428": "Vingåker",
    "0461": "Gnesta",
    "0480": "Nyköping",
    "0481": "Oxelösund",
    "0482": "Flen",
    "0483": "Katrineholm",
    "0484": "Eskilstuna",
    "0486": "Strängnäs",
    "0488": "Trosa",
    "1980": "Västerås",
    "0580": "Linköping",
}


def org_number(nine: str) -> str:
    """A made-up organisation number with a valid Luhn check digit (``nine`` = the first nine digits)."""
    total = 0
    for index, char in enumerate(nine):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{nine[:6]}-{nine[6:]}{(10 - total % 10) % 10}"


def _provider(key: str, name: str, nine: str, body: str, street: str, postcode: str, code: str, domain: str) -> Any:
    return ProviderSpec(
        id=f"p.{code}.{key}",
        name=name,
        org_number=org_number(nine),
        body=body,
        street=street,
        postcode=postcode,
        town=TOWNS[code],
        municipality=code,
        email=f"info@{domain}",
        phone=f"0{code[1:3]}-{nine[-6:-3]} {nine[-3:]}0",
        web=f"https://{domain}/",
        last_edited=FULL_EDITED,
    )


PROVIDER_SPECS = [
    _provider("rinman", "Rinmansgymnasiet", "212000030", "KOMMUN", "Kyrkogatan 19", "63220", "0484", "rinman.example"),
    _provider(
        "steskil", "S:t Eskils gymnasium", "212000031", "KOMMUN", "Djurgårdsgatan 8", "63220", "0484", "steskil.example"
    ),
    _provider(
        "komvux", "Komvux Eskilstuna", "212000032", "KOMMUN", "Drottninggatan 35", "63220", "0484", "komvux-esk.example"
    ),
    _provider("nykgy", "Nyköpings gymnasium", "212000280", "KOMMUN", "Tessins väg 1", "61131", "0480", "nykgy.example"),
    _provider(
        "okna", "Öknaskolan naturbruksgymnasium", "232100016", "REGION", "Ökna 1", "61193", "0480", "okna.example"
    ),
    _provider(
        "komvux", "Komvux Nyköping", "212000281", "KOMMUN", "Brunnsgatan 5", "61132", "0480", "komvux-nyk.example"
    ),
    _provider(
        "thomas", "Thomasgymnasiet", "212000300", "KOMMUN", "Gyllenhjelmsgatan 2", "64530", "0486", "thomas.example"
    ),
    _provider(
        "vux",
        "Vuxenutbildningen Strängnäs",
        "212000301",
        "KOMMUN",
        "Eskilstunavägen 4",
        "64530",
        "0486",
        "vux-strangnas.example",
    ),
    _provider(
        "duveholm", "Duveholmsgymnasiet", "212000310", "KOMMUN", "Idrottsvägen 8", "64136", "0483", "duveholm.example"
    ),
    _provider(
        "viadidakt", "Viadidakt", "222000160", "KOMMUN", "Järnvägsgatan 20", "64130", "0483", "viadidakt.example"
    ),
    _provider("lcflen", "Lärcentrum Flen", "212000320", "KOMMUN", "Storgatan 34", "64230", "0482", "lcflen.example"),
    _provider(
        "vux",
        "Vuxenutbildningen Oxelösund",
        "212000330",
        "KOMMUN",
        "Järntorget 1",
        "61330",
        "0481",
        "vux-oxelosund.example",
    ),
    _provider(
        "larcentrum",
        "Gnesta Lärcentrum",
        "212000340",
        "KOMMUN",
        "Västra Storgatan 15",
        "64630",
        "0461",
        "lc-gnesta.example",
    ),
    _provider(
        "larcentrum",
        "Trosa Lärcentrum",
        "212000350",
        "KOMMUN",
        "Västra Långgatan 20",
        "61930",
        "0488",
        "lc-trosa.example",
    ),
    _provider(
        "eskfhsk",
        "Eskilstuna folkhögskola",
        "817600123",
        "OVRIG",
        "Skjulstagatan 1",
        "63347",
        "0484",
        "eskfhsk.example",
    ),
    _provider("asafhsk", "Åsa folkhögskola", "232100017", "REGION", "Åsa 100", "64692", "0461", "asafhsk.example"),
    _provider(
        "yhs",
        "Yrkeshögskolan Sörmland",
        "232100018",
        "REGION",
        "Gästabudsvägen 2",
        "61162",
        "0480",
        "yhsormland.example",
    ),
    _provider(
        "aub",
        "Sörmlands Arbetsmarknadsutbildning AB",
        "559012345",
        "ENSKILD",
        "Verkstadsgatan 3",
        "63229",
        "0484",
        "sormland-aub.example",
    ),
    # Outside the county: left out, except the Västerås provider, which also gives a course in Eskilstuna.
    _provider(
        "yh",
        "Västerås Yrkeshögskola",
        "212000198",
        "KOMMUN",
        "Kopparbergsvägen 10",
        "72213",
        "1980",
        "vasteras-yh.example",
    ),
    _provider(
        "komvux", "Komvux Linköping", "212000058", "KOMMUN", "Klostergatan 12", "58223", "0580", "komvux-lkpg.example"
    ),
]
P = {spec.id: spec for spec in PROVIDER_SPECS}

#: Upper secondary programmes: (code, title, SUN field, SUN level, occupations, vocational, degree).
GY_PROGRAMMES = {
    "VO": ("Vård- och omsorgsprogrammet", "723o", "337", [("5321", True), ("5323", False)], True, "Yrkesexamen"),
    "EE": ("El- och energiprogrammet", "522c", "337", [("7411", True), ("7412", False)], True, "Yrkesexamen"),
    "IN": ("Industritekniska programmet", "521c", "337", [("7223", True), ("7212", False)], True, "Yrkesexamen"),
    "FT": ("Fordons- och transportprogrammet", "840b", "337", [("8332", True), ("7231", False)], True, "Yrkesexamen"),
    "BA": ("Bygg- och anläggningsprogrammet", "582c", "337", [("7111", True), ("7112", False)], True, "Yrkesexamen"),
    "BF": ("Barn- och fritidsprogrammet", "761a", "337", [("5311", True), ("3423", False)], True, "Yrkesexamen"),
    "NB": ("Naturbruksprogrammet", "621c", "337", [("8341", True), ("6113", False)], True, "Yrkesexamen"),
    "RL": ("Restaurang- och livsmedelsprogrammet", "811c", "337", [("5120", True)], True, "Yrkesexamen"),
    "TE": ("Teknikprogrammet", "520", "336", [], False, "Högskoleförberedande examen"),
    "SA": ("Samhällsvetenskapsprogrammet", "010b", "336", [], False, "Högskoleförberedande examen"),
}

#: Adult vocational courses (yrkesvux, VUXGY): key → (title, SUN field, SUN level, occupations, credits, weeks).
VUX_COURSES = {
    "usk": ("Undersköterska", "723o", "317", [("5321", True), ("5323", False)], 1500, 60),
    "cnc": ("CNC-operatör", "521c", "313", [("7223", True)], 800, 30),
    "lbf": ("Lastbilsförare CE", "840b", "313", [("8332", True)], 900, 36),
    "el": ("Elinstallatör", "522c", "317", [("7411", True)], 1400, 60),
    "bsk": ("Barnskötare", "761b", "313", [("5311", True)], 800, 40),
    "kock": ("Kock", "811c", "313", [("5120", True)], 1000, 40),
    "pa": ("Personlig assistent", "723t", "313", [("5343", True), ("5342", False)], 400, 20),
    "buss": ("Bussförare", "840b", "313", [("8331", True)], 700, 26),
    "svets": ("Svetsare", "521c", "313", [("7212", True)], 600, 26),
    "vvs": ("VVS-montör", "582f", "317", [("7125", True)], 1200, 52),
}

GY_OFFERS = {  # provider id → programmes it gives
    "p.0484.rinman": ["EE", "IN", "FT", "BA", "TE"],
    "p.0484.steskil": ["VO", "BF", "RL", "SA"],
    "p.0480.nykgy": ["VO", "EE", "BA", "TE", "SA"],
    "p.0480.okna": ["NB"],
    "p.0486.thomas": ["VO", "BF", "TE", "SA"],
    "p.0483.duveholm": ["VO", "IN", "FT", "RL", "SA"],
}
VUX_OFFERS = {  # provider id → (course, municipality of the offering, start, pace)
    "p.0484.komvux": [
        ("usk", "0484", "2027-01-18", 100),
        ("cnc", "0484", "2027-01-18", 100),
        ("el", "0484", "2027-08-16", 100),
        ("kock", "0484", "2027-08-16", 100),
        ("svets", "0484", "2027-01-18", 100),
        ("usk", "0484", "2027-08-16", 50),
    ],
    "p.0480.komvux": [
        ("usk", "0480", "2027-01-18", 100),
        ("lbf", "0480", "2027-01-18", 100),
        ("bsk", "0480", "2027-08-16", 75),
        ("vvs", "0480", "2027-08-16", 100),
    ],
    "p.0486.vux": [("usk", "0486", "2027-01-18", 100), ("pa", "0486", "2027-01-18", 50)],
    "p.0483.viadidakt": [
        ("usk", "0483", "2027-01-18", 100),
        ("lbf", "0483", "2027-08-16", 100),
        ("usk", "0428", "2027-01-18", 75),
        ("cnc", "0428", "2027-08-16", 100),
        ("buss", "0483", "2027-01-18", 100),
    ],
    "p.0482.lcflen": [("usk", "0482", "2027-01-18", 100), ("bsk", "0482", "2027-08-16", 50)],
    "p.0481.vux": [("svets", "0481", "2027-01-18", 100), ("usk", "0481", "2027-08-16", 100)],
    "p.0461.larcentrum": [("pa", "0461", "2027-01-18", 50), ("usk", "0461", "2027-08-16", 100)],
    "p.0488.larcentrum": [("usk", "0488", "2027-01-18", 100), ("bsk", "0488", "2027-08-16", 100)],
    "p.0580.komvux": [("usk", "0580", "2027-01-18", 100), ("cnc", "0580", "2027-01-18", 100)],
}

VUX_ENDS = {"2027-01-18": "2027-06-11", "2027-08-16": "2028-01-14"}
VUX_APPLICATION = {"2027-01-18": ("2026-10-15", "2026-12-15"), "2027-08-16": ("2027-04-01", "2027-05-15")}


def provider_items() -> list[dict[str, Any]]:
    return [spec.item() for spec in PROVIDER_SPECS]


def info_specs() -> list[InfoSpec]:
    infos: list[InfoSpec] = []
    for pid, programmes in GY_OFFERS.items():
        for key in programmes:
            title, sun, level, occupations, vocational, degree = GY_PROGRAMMES[key]
            infos.append(
                InfoSpec(
                    id=f"i.{pid[2:]}.gy.{key.lower()}",
                    provider=pid,
                    code=key,
                    title=title,
                    school_type="GY",
                    sun_field=sun,
                    sun_level=level,
                    occupations=occupations,
                    description=f"{title} vid {P[pid].name}: tre år, 2 500 gymnasiepoäng.",
                    seqf=4,
                    credits=2500,
                    credit_system="gyp",
                    extent=(3, "year"),
                    vocational=vocational,
                    degree=degree,
                    csn=True,
                    last_edited=FULL_EDITED,
                )
            )
    for pid, offers in VUX_OFFERS.items():
        for key in dict.fromkeys(course for course, *_rest in offers):
            title, sun, level, occupations, credits, weeks = VUX_COURSES[key]
            infos.append(
                InfoSpec(
                    id=f"i.{pid[2:]}.vux.{key}",
                    provider=pid,
                    code=f"YRKVUX-{key.upper()}",
                    title=title,
                    school_type="VUXGY",
                    sun_field=sun,
                    sun_level=level,
                    occupations=occupations,
                    description=f"Yrkesutbildning inom komvux: {title.lower()}, {credits} gymnasiepoäng.",
                    seqf=4,
                    credits=credits,
                    credit_system="gyp",
                    extent=(weeks, "weeks"),
                    vocational=True,
                    csn=True,
                    configuration="kurspaket",
                    last_edited=FULL_EDITED,
                )
            )
    infos += [
        InfoSpec(
            "i.0480.yhs.uht",
            "p.0480.yhs",
            "YH00421",
            "Underhållstekniker",
            "YH",
            "522d",
            "415",
            [("3113", True), ("7412", False)],
            "Underhåll av el- och automationssystem i industrin.",
            5,
            400,
            "yhp",
            (80, "weeks"),
            True,
            "Yrkeshögskoleexamen",
            True,
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0480.yhs.suska",
            "p.0480.yhs",
            "YH00433",
            "Specialistundersköterska inom äldreomsorg",
            "YH",
            "723r",
            "415",
            [("5321", True)],
            "Fördjupning i äldres hälsa och vård.",
            5,
            200,
            "yhp",
            (40, "weeks"),
            True,
            "Yrkeshögskoleexamen",
            True,
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0480.yhs.logl",
            "p.0480.yhs",
            "YH00447",
            "Logistikledare",
            "YH",
            "341z",
            "525",
            [("4321", True)],
            "Planering och ledning av lager, terminal och transport.",
            6,
            400,
            "yhp",
            (80, "weeks"),
            True,
            "Kvalificerad yrkeshögskoleexamen",
            True,
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0480.yhs.prodt",
            "p.0480.yhs",
            "YH00452",
            "Produktionstekniker",
            "YH",
            "521c",
            "525",
            [("3114", True), ("3122", False)],
            "Lean, kvalitet och automation i tillverkande industri.",
            6,
            400,
            "yhp",
            (80, "weeks"),
            True,
            "Kvalificerad yrkeshögskoleexamen",
            True,
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0484.eskfhsk.allman",
            "p.0484.eskfhsk",
            "FHS-ALL",
            "Allmän kurs",
            "FHS",
            "010a",
            "312",
            [],
            "Grundläggande och gymnasial behörighet i folkhögskolans form.",
            None,
            40,
            "weeks",
            (40, "weeks"),
            False,
            "",
            True,
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0484.eskfhsk.fritid",
            "p.0484.eskfhsk",
            "FHS-FRL",
            "Fritidsledare",
            "FHS",
            "761c",
            "415",
            [("3423", True)],
            "Yrkesutbildning till fritidsledare, två år.",
            5,
            80,
            "weeks",
            (80, "weeks"),
            True,
            "",
            True,
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0461.asafhsk.allman",
            "p.0461.asafhsk",
            "FHS-ALL",
            "Allmän kurs",
            "FHS",
            "010a",
            "312",
            [],
            "Allmän kurs med internat.",
            None,
            40,
            "weeks",
            (40, "weeks"),
            False,
            "",
            True,
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0461.asafhsk.beh",
            "p.0461.asafhsk",
            "FHS-BEH",
            "Behandlingspedagog",
            "FHS",
            "762c",
            "415",
            [("3411", True)],
            "Socialpedagogiskt behandlingsarbete.",
            5,
            80,
            "weeks",
            (80, "weeks"),
            True,
            "",
            True,
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0484.aub.lbf",
            "p.0484.aub",
            "AUB-LBF",
            "Lastbilsförare CE",
            "AUB",
            "840b",
            "313",
            [("8332", True)],
            "Arbetsmarknadsutbildning på uppdrag av Arbetsförmedlingen.",
            None,
            20,
            "weeks",
            (20, "weeks"),
            True,
            "",
            False,
            "kurs",
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0484.aub.cnc",
            "p.0484.aub",
            "AUB-CNC",
            "CNC-operatör",
            "AUB",
            "521c",
            "313",
            [("7223", True)],
            "Arbetsmarknadsutbildning: CNC-fräsning och svarvning.",
            None,
            16,
            "weeks",
            (16, "weeks"),
            True,
            "",
            False,
            "kurs",
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.0484.aub.lokal",
            "p.0484.aub",
            "AUB-LOK",
            "Lokalvårdare",
            "AUB",
            "814b",
            "313",
            [("9111", True)],
            "Arbetsmarknadsutbildning inom lokalvård.",
            None,
            8,
            "weeks",
            (8, "weeks"),
            True,
            "",
            False,
            "kurs",
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.1980.yh.auto",
            "p.1980.yh",
            "YH00519",
            "Automationsingenjör",
            "YH",
            "523f",
            "525",
            [("3113", True)],
            "Automation och robotik.",
            6,
            400,
            "yhp",
            (80, "weeks"),
            True,
            "Kvalificerad yrkeshögskoleexamen",
            True,
            last_edited=FULL_EDITED,
        ),
        InfoSpec(
            "i.1980.yh.cnc",
            "p.1980.yh",
            "YH00533",
            "CNC-tekniker",
            "YH",
            "521c",
            "415",
            [("7223", True)],
            "CNC-programmering, given på plats i Eskilstuna.",
            5,
            200,
            "yhp",
            (40, "weeks"),
            True,
            "Yrkeshögskoleexamen",
            True,
            last_edited=FULL_EDITED,
        ),
    ]
    return infos
