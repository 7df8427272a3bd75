"""The national collaboration MSV KLL (seeds 000 and 001): its agencies and its organs.

The agencies are real public bodies (organisation numbers left blank on
purpose); the people sitting in the organs are fictional.
"""

from datetime import date

from samverka.demo.spec import BodySpec, Org, seat

AGENCY = "agency"
NATIONAL = "national"

# fmt: off
ORGANISATIONS: tuple[Org, ...] = (
    Org("af", "Arbetsförmedlingen", AGENCY, NATIONAL, roles="ug", domain="arbetsformedlingen.example",
        website="https://arbetsformedlingen.se/",
        description="Statlig myndighet för arbetsmarknadspolitiken: matchning, arbetsmarknadsutbildning, stöd."),
    Org("myh", "Myndigheten för yrkeshögskolan", AGENCY, NATIONAL, roles="u", domain="myh.example",
        website="https://www.myh.se/",
        description="Ansvarar för yrkeshögskolan, konst- och kulturutbildningar och nationell samordning av validering."),
    Org("skolverket", "Skolverket", AGENCY, NATIONAL, roles="u", domain="skolverket.example",
        website="https://www.skolverket.se/",
        description="Förvaltningsmyndighet för skolväsendet, inklusive gymnasieskolan och komvux."),
    Org("esf", "Svenska ESF-rådet", AGENCY, NATIONAL, roles="g", domain="esf.example",
        website="https://www.esf.se/",
        description="Förvaltar Europeiska socialfonden+ i Sverige."),
    Org("tvv", "Tillväxtverket", AGENCY, NATIONAL, domain="tillvaxtverket.example",
        website="https://tillvaxtverket.se/",
        description="Stödjer regionernas arbete med kompetensförsörjning och regional utveckling."),
    Org("uka", "Universitetskanslersämbetet", AGENCY, NATIONAL, domain="uka.example",
        website="https://www.uka.se/",
        description="Granskar kvaliteten i högre utbildning och följer upp högskolorna."),
    Org("uhr", "Universitets- och högskolerådet", AGENCY, NATIONAL, roles="u", domain="uhr.example",
        website="https://www.uhr.se/",
        description="Antagning till högre utbildning, bedömning av utländsk utbildning, studie- och yrkesvägledning."),
    Org("fbr", "Folkbildningsrådet", "civil_society", NATIONAL, roles="ug", domain="folkbildningsradet.example",
        website="https://www.folkbildningsradet.se/",
        description="Ideell förening med myndighetsuppdrag: fördelar statsbidrag till folkhögskolor och studieförbund."),
    Org("vinnova", "Vinnova", AGENCY, NATIONAL, domain="vinnova.example",
        website="https://www.vinnova.se/",
        description="Sveriges innovationsmyndighet."),
    Org("scb", "Statistiska centralbyrån", AGENCY, NATIONAL, domain="scb.example",
        website="https://www.scb.se/",
        description="Officiell statistik, bland annat om utbildning och arbetsmarknad."),
    # Regions taking part in the national project (besides Sörmland and Örebro, defined with their spaces).
    Org("vgr", "Västra Götalandsregionen", "region", "regional", county="14", roles="e",
        domain="vgregion.example"),
    Org("skane", "Region Skåne", "region", "regional", county="12", roles="e", domain="skane.example"),
    Org("norrbotten", "Region Norrbotten", "region", "regional", county="25", roles="e",
        domain="norrbotten.example"),
    Org("gotland", "Region Gotland", "region", "regional", municipality="0980", roles="eug",
        domain="gotland.example"),
)
# fmt: on

AGENCY_KEYS = ("af", "myh", "skolverket", "esf", "tvv", "uka", "uhr", "fbr", "vinnova", "scb")

#: Agency head titles, for the GD group.
_HEAD_TITLE = {"esf": "Direktör", "fbr": "Generalsekreterare", "uka": "Universitetskansler"}

START = date(2024, 1, 1)
N = "national"

# fmt: off
BODIES: tuple[BodySpec, ...] = (
    BodySpec(
        "gd", "GD-gruppen", "gd_group", N, owner="myh", start=date(2022, 1, 1),
        mandate="Myndighetscheferna beslutar om MSV KLL:s mål och prioriteringar vid årets GD-möte i mars.",
        seats=tuple(
            seat(key, "chair" if key == "myh" else "member", function=_HEAD_TITLE.get(key, "Generaldirektör"),
                 person=f"gd-{key}")
            for key in AGENCY_KEYS
        ),
    ),
    BodySpec(
        "sg", "Styrgruppen", "steering_group", N, parent="gd", owner="myh", start=date(2022, 1, 1),
        mandate="Styr samverkan mellan GD-mötena, bereder målen och följer upp arbetsgrupper och projekt.",
        seats=(
            seat("tvv", "chair", function="Avdelningschef", person="sg-chair"),
            seat("af", function="Enhetschef", person="sg-af"),
            seat("myh", function="Avdelningschef", person="sg-myh"),
            seat("skolverket", function="Avdelningschef", person="sg-skolverket"),
            seat("esf", function="Enhetschef"),
            seat("uka", function="Avdelningschef"),
            seat("uhr", function="Avdelningschef"),
            seat("fbr", function="Biträdande generalsekreterare"),
            seat("vinnova", function="Enhetschef"),
            seat("scb", function="Avdelningschef"),
            seat("myh", "secretary", function="Sekretariatets huvudkontakt", person="sek-main"),
        ),
    ),
    BodySpec(
        "bg", "Beredningsgruppen", "preparation_group", N, parent="sg", owner="myh", start=date(2022, 1, 1),
        mandate="Bereder ärenden till styrgruppen och GD-gruppen.",
        seats=tuple(seat(key, function="Utredare") for key in AGENCY_KEYS)
        + (seat("myh", "chair", function="Sekretariatets huvudkontakt", person="sek-main"),),
    ),
    BodySpec(
        "sek", "Sekretariatet", "secretariat", N, parent="sg", owner="myh", start=date(2022, 1, 1),
        mandate="Driver samverkan i vardagen: möten, diarium, kommunikation och kontakterna med regionerna.",
        seats=(
            seat("myh", "chair", function="Sekretariatets huvudkontakt", person="sek-main"),
            seat("myh", "secretary", function="Handläggare", person="@sekretariat@msv.example"),
            seat("myh", function="Registrator", person="@registrator@msv.example"),
            seat("af", function="Kommunikatör"),
            seat("tvv", function="Handläggare regional utveckling", person="sek-tvv"),
        ),
    ),
    BodySpec(
        "wg-stem", "Arbetsgrupp STEM", "working_group", N, parent="sg", owner="skolverket", start=date(2024, 1, 1),
        mandate="Kompetensförsörjning inom naturvetenskap, teknik, ingenjörsvetenskap och matematik.",
        seats=(
            seat("skolverket", "process_leader", function="Undervisningsråd", person="@processledare@msv.example"),
            seat("uhr", function="Utredare"),
            seat("uka", function="Utredare"),
            seat("myh", function="Utbildningsansvarig"),
            seat("vinnova", function="Programansvarig"),
            seat("af", function="Analytiker"),
        ),
    ),
    BodySpec(
        "wg-syv", "Arbetsgrupp Studie- och yrkesvägledning", "working_group", N, parent="sg", owner="uhr",
        start=date(2023, 1, 1),
        mandate="Vägledning genom hela livet: samordning av myndigheternas vägledningsinsatser.",
        seats=(
            seat("uhr", "process_leader", function="Utredare", person="pl-syv"),
            seat("skolverket", function="Undervisningsråd"),
            seat("af", function="Verksamhetsutvecklare vägledning"),
            seat("fbr", function="Handläggare"),
            seat("myh", function="Utredare"),
        ),
    ),
    BodySpec(
        "wg-val", "Arbetsgrupp Validering", "working_group", N, parent="sg", owner="myh", start=date(2023, 1, 1),
        mandate="En sammanhållen struktur för validering: branschvalidering, validering för studier.",
        seats=(
            seat("myh", "process_leader", function="Samordnare validering", person="pl-val"),
            seat("af", function="Verksamhetsutvecklare"),
            seat("skolverket", function="Undervisningsråd"),
            seat("uhr", function="Handläggare"),
            seat("esf", function="Handläggare"),
        ),
    ),
    BodySpec(
        "wg-analys", "Arbetsgrupp Analys", "working_group", N, parent="sg", owner="scb", start=date(2024, 1, 1),
        mandate="Gemensamma analyser av kompetensbehov; kvalitetssäkring av statistik som sprids i samverkan.",
        seats=(
            seat("scb", "process_leader", function="Statistiker", person="pl-analys"),
            seat("af", function="Analytiker"),
            seat("tvv", function="Analytiker"),
            seat("uka", function="Analytiker"),
            seat("myh", function="Analytiker"),
        ),
    ),
    BodySpec(
        "wg-rb", "Arbetsgrupp Regioner och branscher", "working_group", N, parent="sg", owner="tvv",
        start=date(2020, 3, 1),
        mandate="Kontakter med regioner och branscher (inrättad 2020).",
        seats=(
            seat("tvv", "process_leader", function="Handläggare regional utveckling", person="sek-tvv"),
            seat("af", function="Verksamhetsutvecklare"),
            seat("myh", function="Utredare"),
            seat("esf", function="Handläggare"),
        ),
        close=(
            date(2025, 6, 30),
            "Arbetsgruppen avslutas enligt rutinen för avslut av arbetsgrupp. Kontakterna med regionerna går "
            "från och med hösten 2025 via dialoggruppen och Regional kontakt; projekten väljer en av de tre "
            "deltagandemodellerna. Öppna frågor har lämnats över till sekretariatet.",
        ),
    ),
    BodySpec(
        "pl-net", "Processledarnätverket", "network", N, parent="sg", owner="myh", start=date(2023, 1, 1),
        mandate="Processledarna och sekretariatet träffas var sjätte vecka och lämnar lägesrapporter två gånger per år.",
        seats=(
            seat("myh", "chair", function="Sekretariatets huvudkontakt", person="sek-main"),
            seat("skolverket", function="Undervisningsråd", person="@processledare@msv.example"),
            seat("uhr", function="Utredare", person="pl-syv"),
            seat("myh", function="Samordnare validering", person="pl-val"),
            seat("scb", function="Statistiker", person="pl-analys"),
            seat("myh", function="Projektledare", person="pl-projekt"),
        ),
    ),
    BodySpec(
        "dialog", "Dialoggruppen för Regional kontakt", "dialogue_group", N, parent="sg", owner="myh",
        start=date(2025, 9, 1),
        mandate="Styrgruppens ordförande och två styrgruppsmedlemmar möter Regional kontakt två gånger per år, "
        "kopplat till årscykeln (seed 000, 2.3).",
        seats=(
            seat("tvv", "chair", function="Avdelningschef", person="sg-chair"),
            seat("af", function="Enhetschef", person="sg-af"),
            seat("myh", function="Sekretariatets huvudkontakt", person="sek-main",
                 note="Sekretariatets huvudkontakt för regionerna"),
        ),
    ),
    BodySpec(
        "proj", "Projekt Validering och regional matchning", "project", N, parent="sg", owner="myh",
        start=date(2026, 1, 1), end=date(2027, 6, 30),
        mandate="Tidsavgränsat projekt 2026–2027. Uppdragsbeskrivningen anger hur det regionala perspektivet "
        "beaktas: regionerna deltar enligt en av de tre deltagandemodellerna.",
        seats=(
            seat("myh", "process_leader", function="Projektledare", person="pl-projekt"),
            seat("af", function="Verksamhetsutvecklare"),
            seat("uhr", function="Utredare"),
            seat("sormland-region", function="Strateg kompetensförsörjning", person="sormland-strateg",
                 model="continuous"),
            seat("vgr", function="Utvecklingsledare kompetensförsörjning", model="continuous"),
            seat("orebro-region", function="Utvecklingsledare", person="orebro-utv", model="reference_group"),
            seat("skane", function="Analytiker", person="skane-analytiker", model="reference_group"),
            seat("norrbotten", function="Strateg", model="on_demand", note="Workshop om valideringsbehov"),
            seat("gotland", function="Strateg kompetensförsörjning", model="on_demand", note="Enkät till aktörer"),
        ),
    ),
    BodySpec(
        "proj-ref", "Regional referensgrupp – Validering och regional matchning", "reference_group", N,
        parent="proj", owner="myh", start=date(2026, 2, 1), end=date(2027, 6, 30),
        mandate="Regionerna som deltar enligt referensgruppsmodellen förankrar projektets förslag.",
        seats=(
            seat("myh", "chair", function="Projektledare", person="pl-projekt"),
            seat("orebro-region", function="Utvecklingsledare", person="orebro-utv"),
            seat("skane", function="Analytiker", person="skane-analytiker"),
        ),
    ),
)
# fmt: on
