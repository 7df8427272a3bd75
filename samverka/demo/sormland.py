"""Region Sörmland's competence platform (seed 004, "Kompetensverkstan Sörmland").

The structure follows the programme declaration: industry forums (green area)
with executive committees and programme councils reporting to them, the two
collaboration councils (blue and yellow areas), the local competence workshop
piloted in Eskilstuna and local collaboration groups (RAR-LG). Public bodies
and schools carry their real names; companies are made up; people are fictional.
"""

from datetime import date

from samverka.demo.spec import BodySpec, Org, seat

L, R, N = "local", "regional", "national"
EMP, EDU, MUN = "employer", "education_provider", "municipality"
IND, UNION, CIV = "industry_organisation", "union", "civil_society"
GREEN, BLUE, YELLOW = "education_matching", "transition_guidance", "preparatory"

#: (key, SCB code, name) of the nine municipalities of Södermanland county.
MUNICIPALITIES = (
    ("eskilstuna", "0484", "Eskilstuna kommun"),
    ("flen", "0482", "Flens kommun"),
    ("gnesta", "0461", "Gnesta kommun"),
    ("katrineholm", "0483", "Katrineholms kommun"),
    ("nykoping", "0480", "Nyköpings kommun"),
    ("oxelosund", "0481", "Oxelösunds kommun"),
    ("strangnas", "0486", "Strängnäs kommun"),
    ("trosa", "0488", "Trosa kommun"),
    ("vingaker", "0428", "Vingåkers kommun"),
)

# fmt: off
ORGANISATIONS: tuple[Org, ...] = (
    Org("sormland-region", "Region Sörmland", "region", R, municipality="0480", roles="e",
        domain="regionsormland.example", website="https://regionsormland.se/",
        description="Regionalt utvecklingsansvarig aktör; driver den regionala kompetensplattformen."),
    *(
        Org(f"m-{key}", name, MUN, L, municipality=code, roles="eug", domain=f"{key}.kommun.example")
        for key, code, name in MUNICIPALITIES
    ),
    Org("lst-d", "Länsstyrelsen i Södermanlands län", "agency", R, municipality="0480",
        domain="lansstyrelsen-d.example"),
    Org("rar", "Samordningsförbundet RAR i Sörmland", "other", R, municipality="0484", roles="g",
        domain="rar.example", description="Finansiell samordning av rehabilitering; leder arbetet med förberedande insatser."),
    # Education providers.
    Org("mdu", "Mälardalens universitet", EDU, R, municipality="0484", roles="eu", domain="mdu.example",
        website="https://www.mdu.se/"),
    Org("rinman", "Rinmansgymnasiet", EDU, L, municipality="0484", roles="u", domain="rinman.example"),
    Org("steskil", "S:t Eskils gymnasium", EDU, L, municipality="0484", roles="u", domain="steskil.example"),
    Org("komvux-esk", "Komvux Eskilstuna", EDU, L, municipality="0484", roles="ug", domain="komvux-esk.example"),
    Org("nyk-gy", "Nyköpings gymnasium", EDU, L, municipality="0480", roles="u", domain="nykgy.example"),
    Org("okna", "Öknaskolan naturbruksgymnasium", EDU, L, municipality="0480", roles="u", domain="okna.example"),
    Org("thomas", "Thomasgymnasiet", EDU, L, municipality="0486", roles="u", domain="thomas.example"),
    Org("duveholm", "Duveholmsgymnasiet", EDU, L, municipality="0483", roles="u", domain="duveholm.example"),
    Org("viadidakt", "Viadidakt", EDU, L, municipality="0483", roles="ug", domain="viadidakt.example",
        description="Vuxenutbildning och arbetsmarknadsinsatser för Katrineholm och Vingåker."),
    Org("esk-fhsk", "Eskilstuna folkhögskola", EDU, L, municipality="0484", roles="ug", domain="eskfhsk.example"),
    Org("asa-fhsk", "Åsa folkhögskola", EDU, L, municipality="0483", roles="ug", domain="asafhsk.example"),
    Org("yh-sorm", "Yrkeshögskolan Sörmland", EDU, R, municipality="0480", roles="u", domain="yhsormland.example"),
    Org("lc-flen", "Lärcentrum Flen", EDU, L, municipality="0482", roles="ug", domain="lcflen.example"),
    # Employers (fictional companies).
    Org("emv", "Eskilstuna Mekaniska Verkstad AB", EMP, L, municipality="0484", roles="e", domain="foretag.example"),
    Org("torsh-gjut", "Torshälla Gjuteri AB", EMP, L, municipality="0484", roles="e", domain="torshallagjuteri.example"),
    Org("sorm-akeri", "Sörmlands Åkeri och Logistik AB", EMP, R, municipality="0483", roles="e",
        domain="sormlandsakeri.example"),
    Org("nyk-hamn", "Nyköpings Hamnlogistik AB", EMP, L, municipality="0480", roles="e", domain="nykhamn.example"),
    Org("oxd-stal", "Oxelösunds Stålservice AB", EMP, L, municipality="0481", roles="e", domain="oxstal.example"),
    Org("mal-buss", "Mälardalens Buss AB", EMP, R, municipality="0484", roles="e", domain="malbuss.example"),
    Org("kat-lantbruk", "Katrineholms Lantbruk och Maskin AB", EMP, L, municipality="0483", roles="e",
        domain="katlantbruk.example"),
    Org("gnesta-tradg", "Gnesta Trädgård och Grönt AB", EMP, L, municipality="0461", roles="e",
        domain="gnestatradgard.example"),
    Org("flen-skog", "Flens Skog och Mark AB", EMP, L, municipality="0482", roles="e", domain="flenskog.example"),
    Org("ving-livs", "Vingåkers Livsmedel AB", EMP, L, municipality="0428", roles="e", domain="vinglivs.example"),
    Org("trosa-omsorg", "Trosa Omsorg AB", EMP, L, municipality="0488", roles="e", domain="trosaomsorg.example"),
    Org("strang-vard", "Strängnäs Vård och Hälsa AB", EMP, L, municipality="0486", roles="e",
        domain="strangnasvard.example"),
    Org("nyk-el", "Nyköpings Elinstallation AB", EMP, L, municipality="0480", roles="e", domain="nykel.example"),
    Org("malarbygg", "Mälarbygg Sörmland AB", EMP, R, municipality="0486", roles="e", domain="malarbygg.example"),
    # Industry organisations, unions, civil society, networks.
    Org("lrf", "LRF Mälardalen", IND, R, county="04", domain="lrf-malardalen.example"),
    Org("agro", "Agro Sörmland", IND, R, county="04", domain="agrosormland.example",
        description="Länets samverkansplattform för de gröna näringarna."),
    Org("foretagarna", "Företagarna Sörmland", IND, R, county="04", domain="foretagarna-sorm.example"),
    Org("teknikf", "Teknikföretagen Mälardalen", IND, R, county="04", domain="teknikf-mal.example"),
    Org("akerif", "Sveriges Åkeriföretag Mälardalen", IND, R, county="04", domain="akerif-mal.example"),
    Org("vardf", "Vårdföretagarna Mälardalen", IND, R, county="04", domain="vardf-mal.example"),
    Org("ifmetall", "IF Metall Mälardalen", UNION, R, county="04", domain="ifmetall-mal.example"),
    Org("kommunal", "Kommunal Mellan", UNION, R, county="04", domain="kommunal-mellan.example"),
    Org("vardforb", "Vårdförbundet Sörmland", UNION, R, county="04", domain="vardforbundet-sorm.example"),
    Org("transport", "Transportarbetareförbundet Mälardalen", UNION, R, county="04", domain="transport-mal.example"),
    Org("abf", "ABF Sörmland", CIV, R, county="04", roles="ug", domain="abf-sorm.example"),
    Org("sv-sorm", "Studieförbundet Vuxenskolan Sörmland", CIV, R, county="04", roles="ug", domain="sv-sorm.example"),
    Org("esk-stadsm", "Eskilstuna Stadsmission", CIV, L, municipality="0484", roles="g", domain="eskstadsmission.example"),
    Org("redo", "Redo för jobb", "network", R, county="04", roles="u", domain="redoforjobb.example",
        description="Länets gemensamma webbplats för yrkesutbildning för vuxna, med regionen och de nio kommunerna."),
)
# fmt: on

#: Organisations added before the second landscape-map revision (see loader.LANDSCAPE_CHANGES).
ADDED_LATER: tuple[Org, ...] = (
    Org("trosa-bygg", "Trosa Hantverk och Bygg AB", EMP, L, municipality="0488", roles="e", domain="trosabygg.example"),
    Org("lc-gnesta", "Lärcentrum Gnesta", EDU, L, municipality="0461", roles="ug", domain="lcgnesta.example"),
)

COORD = "@samordnare@sormland.example"
ANALYST = "@analytiker@sormland.example"
GUEST = "@gast@foretag.example"
S = date(2024, 1, 15)

# fmt: off
BODIES: tuple[BodySpec, ...] = (
    # --- green area: industry forums, each with an executive committee ---------------------------
    BodySpec(
        "bf-industri", "Branschforum Industri och teknik", "industry_forum", GREEN, owner="sormland-region", start=S,
        mandate="Arbetsgivare och branschorganisationer inom industri och teknik driver forumet. Behov av "
        "kompetens formuleras som beställningar till utbildare och lokala kompetensverkstäder.",
        seats=(
            seat("emv", "chair", function="VD", person="emv-vd"),
            seat("torsh-gjut", function="Produktionschef", person="torsh-prod"),
            seat("oxd-stal", function="HR-chef"),
            seat("nyk-el", function="VD"),
            seat("teknikf", function="Regionchef", person="teknikf-chef"),
            seat("foretagarna", function="Regionchef"),
            seat("ifmetall", function="Ombudsman"),
            seat("rinman", function="Rektor", person="rinman-rektor"),
            seat("mdu", function="Samverkansansvarig"),
            seat("af", function="Sektionschef Arbetsförmedlingen Eskilstuna", person="af-esk"),
            seat("sormland-region", "secretary", function="Samordnare kompetensplattformen", person=COORD),
        ),
    ),
    BodySpec(
        "au-industri", "Arbetsutskott Industri och teknik", "executive_committee", GREEN, parent="bf-industri",
        owner="sormland-region", start=S, mandate="Verkställer och bereder mellan forumets möten.",
        seats=(
            seat("emv", "chair", function="VD", person="emv-vd"),
            seat("teknikf", function="Regionchef", person="teknikf-chef"),
            seat("rinman", function="Rektor", person="rinman-rektor"),
            seat("yh-sorm", function="Utbildningsledare"),
            seat("sormland-region", "secretary", function="Samordnare kompetensplattformen", person=COORD),
        ),
    ),
    BodySpec(
        "bf-transport", "Branschforum Transport och logistik", "industry_forum", GREEN, owner="sormland-region",
        start=S,
        seats=(
            seat("sorm-akeri", "chair", function="VD", person="akeri-vd"),
            seat("nyk-hamn", function="Driftchef"),
            seat("mal-buss", function="HR-chef"),
            seat("akerif", function="Regionchef", person="akerif-chef"),
            seat("transport", function="Ombudsman"),
            seat("duveholm", function="Rektor", person="duveholm-rektor"),
            seat("af", function="Arbetsförmedlare"),
            seat("sormland-region", "secretary", function="Samordnare kompetensplattformen", person=COORD),
        ),
    ),
    BodySpec(
        "au-transport", "Arbetsutskott Transport och logistik", "executive_committee", GREEN, parent="bf-transport",
        owner="sormland-region", start=S,
        seats=(
            seat("sorm-akeri", "chair", function="VD", person="akeri-vd"),
            seat("akerif", function="Regionchef", person="akerif-chef"),
            seat("duveholm", function="Rektor", person="duveholm-rektor"),
            seat("viadidakt", function="Rektor vuxenutbildning"),
        ),
    ),
    BodySpec(
        "bf-grona", "Branschforum Gröna näringar", "industry_forum", GREEN, owner="sormland-region", start=S,
        mandate="LRF, Agro Sörmland, Länsstyrelsen och regionen samlar jord, skog, trädgård och livsmedel.",
        seats=(
            seat("lrf", "chair", function="Regionchef", person="lrf-chef"),
            seat("agro", function="Verksamhetsledare", person="agro-vl"),
            seat("kat-lantbruk", function="VD"),
            seat("gnesta-tradg", function="VD", person="gnesta-vd"),
            seat("flen-skog", function="Skogsförvaltare"),
            seat("ving-livs", function="Produktionschef"),
            seat("lst-d", function="Handläggare landsbygdsutveckling"),
            seat("okna", function="Rektor", person="okna-rektor"),
            seat("sormland-region", "secretary", function="Samordnare kompetensplattformen", person=COORD),
        ),
    ),
    BodySpec(
        "au-grona", "Arbetsutskott Gröna näringar", "executive_committee", GREEN, parent="bf-grona",
        owner="sormland-region", start=S,
        seats=(
            seat("agro", "chair", function="Verksamhetsledare", person="agro-vl"),
            seat("gnesta-tradg", function="VD", person="gnesta-vd"),
            seat("okna", function="Rektor", person="okna-rektor"),
            seat("yh-sorm", function="Utbildningsledare"),
        ),
    ),
    # Employers are in minority here: the representativeness check warns about it.
    BodySpec(
        "bf-vard", "Branschforum Vård och omsorg", "industry_forum", GREEN, owner="sormland-region",
        start=date(2025, 2, 1),
        mandate="Nystartat forum; arbetsgivarsidan ska förstärkas under året.",
        seats=(
            seat("m-eskilstuna", "chair", function="Förvaltningschef vård och omsorg"),
            seat("trosa-omsorg", function="Verksamhetschef", person="trosa-vc"),
            seat("strang-vard", function="HR-chef"),
            seat("sormland-region", function="HR-strateg"),
            seat("steskil", function="Rektor", person="steskil-rektor"),
            seat("thomas", function="Rektor"),
            seat("komvux-esk", function="Rektor", person="komvux-rektor"),
            seat("kommunal", function="Ombudsman"),
            seat("vardforb", function="Ordförande"),
            seat("af", function="Arbetsförmedlare", person="af-esk"),
            seat("sormland-region", "secretary", function="Samordnare kompetensplattformen", person=COORD),
        ),
    ),
    BodySpec(
        "au-vard", "Arbetsutskott Vård och omsorg", "executive_committee", GREEN, parent="bf-vard",
        owner="sormland-region", start=date(2025, 2, 1),
        seats=(
            seat("trosa-omsorg", "chair", function="Verksamhetschef", person="trosa-vc"),
            seat("steskil", function="Rektor", person="steskil-rektor"),
            seat("komvux-esk", function="Rektor", person="komvux-rektor"),
            seat("vardf", function="Regionansvarig"),
        ),
    ),
    # --- programme councils (required for every vocational programme), reporting to a forum ----------
    BodySpec(
        "pr-in-esk", "Programråd Industritekniska programmet, Eskilstuna", "programme_council", GREEN,
        parent="bf-industri", owner="rinman", start=S,
        seats=(
            seat("rinman", "chair", function="Rektor", person="rinman-rektor"),
            seat("rinman", "secretary", function="Yrkeslärare"),
            seat("emv", function="Produktionstekniker", person=GUEST),
            seat("torsh-gjut", function="Produktionschef", person="torsh-prod"),
            seat("oxd-stal", function="Underhållschef"),
            seat("ifmetall", function="Ombudsman"),
        ),
    ),
    BodySpec(
        "pr-ee-nyk", "Programråd El- och energiprogrammet, Nyköping", "programme_council", GREEN,
        parent="bf-industri", owner="nyk-gy", start=S,
        seats=(
            seat("nyk-gy", "chair", function="Rektor"),
            seat("nyk-el", function="Elinstallatör"),
            seat("malarbygg", function="Arbetsledare"),
            seat("m-nykoping", function="Fastighetschef"),
        ),
    ),
    BodySpec(
        "pr-ft-kat", "Programråd Fordons- och transportprogrammet, Katrineholm", "programme_council", GREEN,
        parent="bf-transport", owner="duveholm", start=S,
        seats=(
            seat("duveholm", "chair", function="Rektor", person="duveholm-rektor"),
            seat("sorm-akeri", function="Trafikledare"),
            seat("mal-buss", function="Utbildningsansvarig"),
            seat("transport", function="Ombudsman"),
        ),
    ),
    BodySpec(
        "pr-nb-okna", "Programråd Naturbruksprogrammet, Öknaskolan", "programme_council", GREEN,
        parent="bf-grona", owner="okna", start=S,
        seats=(
            seat("okna", "chair", function="Rektor", person="okna-rektor"),
            seat("kat-lantbruk", function="Lantbrukare"),
            seat("flen-skog", function="Skogsförvaltare"),
            seat("lrf", function="Rådgivare"),
        ),
    ),
    BodySpec(
        "pr-vo-esk", "Programråd Vård- och omsorgsprogrammet, Eskilstuna", "programme_council", GREEN,
        parent="bf-vard", owner="steskil", start=S,
        seats=(
            seat("steskil", "chair", function="Rektor", person="steskil-rektor"),
            seat("m-eskilstuna", function="Enhetschef hemtjänst"),
            seat("sormland-region", function="Vårdenhetschef"),
            seat("kommunal", function="Skyddsombud"),
        ),
    ),
    BodySpec(
        "pr-vo-str", "Programråd Vård- och omsorgsprogrammet, Strängnäs", "programme_council", GREEN,
        parent="bf-vard", owner="thomas", start=S,
        seats=(
            seat("thomas", "chair", function="Biträdande rektor"),
            seat("strang-vard", function="Enhetschef"),
            seat("m-strangnas", function="Enhetschef äldreomsorg"),
        ),
    ),
    # --- blue and yellow areas: the two collaboration councils ----------------------------------------
    BodySpec(
        "sr-vo", "Samverkansråd Vägledning och omställning", "collaboration_council", BLUE,
        owner="sormland-region", start=S,
        mandate="Nya utbildningslösningar för dem som behöver ställa om; studie- och yrkesvägledarna "
        "sammanfattar de sökandes behov.",
        seats=(
            seat("sormland-region", "chair", function="Enhetschef kompetensförsörjning", person="region-enhetschef"),
            seat("af", function="Sektionschef", person="af-esk"),
            seat("komvux-esk", function="Rektor", person="komvux-rektor"),
            seat("viadidakt", function="Studie- och yrkesvägledare"),
            seat("esk-fhsk", function="Rektor"),
            seat("asa-fhsk", function="Biträdande rektor"),
            seat("yh-sorm", function="Utbildningsledare"),
            seat("abf", function="Verksamhetsutvecklare"),
            seat("m-nykoping", function="Studie- och yrkesvägledare"),
            seat("sormland-region", "secretary", function="Samordnare kompetensplattformen", person=COORD),
        ),
    ),
    BodySpec(
        "sr-fi", "Samverkansråd Förberedande insatser", "collaboration_council", YELLOW, owner="rar", start=S,
        mandate="Insatser för dem som står längst från arbetsmarknaden; leds av Samordningsförbundet RAR.",
        seats=(
            seat("rar", "chair", function="Förbundschef", person="rar-chef"),
            seat("af", function="Arbetsförmedlare rehabilitering"),
            seat("komvux-esk", function="Biträdande rektor sfi"),
            seat("sv-sorm", function="Verksamhetsutvecklare"),
            seat("m-katrineholm", function="Arbetsmarknadschef"),
            seat("sormland-region", function="Folkhälsostrateg"),
            seat("esk-stadsm", function="Verksamhetsledare"),
        ),
    ),
    # --- local level ------------------------------------------------------------------------------------
    BodySpec(
        "lkv-esk", "Lokal kompetensverkstad Eskilstuna", "local_competence_workshop", GREEN, owner="m-eskilstuna",
        parent="bf-industri", start=date(2024, 9, 1),
        mandate="Fattar de linjebeslut som gör branschforumens beställningar till inrättade utbildningar "
        "(piloten Kompetensråd Teknik).",
        seats=(
            seat("m-eskilstuna", "chair", function="Näringslivsdirektör"),
            seat("af", function="Sektionschef", person="af-esk"),
            seat("komvux-esk", function="Rektor", person="komvux-rektor"),
            seat("m-eskilstuna", function="Chef socialförvaltningen"),
            seat("rinman", function="Rektor", person="rinman-rektor"),
            seat("mdu", function="Samverkansansvarig"),
        ),
    ),
    BodySpec(
        "lg-kv", "RAR-LG Katrineholm och Vingåker", "local_collaboration_group", YELLOW, parent="sr-fi",
        owner="rar", start=S,
        seats=(
            seat("rar", "chair", function="Processledare"),
            seat("m-katrineholm", function="Enhetschef arbetsmarknad"),
            seat("m-vingaker", function="Socialsekreterare"),
            seat("viadidakt", function="Studie- och yrkesvägledare"),
            seat("af", function="Arbetsförmedlare"),
        ),
    ),
    BodySpec(
        "lg-not", "RAR-LG Nyköping, Oxelösund och Trosa", "local_collaboration_group", YELLOW, parent="sr-fi",
        owner="rar", start=S,
        seats=(
            seat("rar", "chair", function="Processledare"),
            seat("m-nykoping", function="Arbetsmarknadschef"),
            seat("m-oxelosund", function="Enhetschef"),
            seat("m-trosa", function="Socialsekreterare"),
        ),
    ),
    BodySpec(
        "lg-syv-str", "Lokal samverkansgrupp studie- och yrkesvägledning Strängnäs", "local_collaboration_group",
        BLUE, parent="sr-vo", owner="m-strangnas", start=S,
        seats=(
            seat("m-strangnas", "chair", function="Studie- och yrkesvägledare"),
            seat("thomas", function="Studie- och yrkesvägledare"),
            seat("m-gnesta", function="Studie- och yrkesvägledare"),
            seat("lc-flen", function="Samordnare"),
        ),
    ),
    BodySpec(
        "an-net", "Analysnätverket Sörmland", "network", GREEN, owner="sormland-region", start=S, is_public=False,
        mandate="Analytiker i region och kommuner: gemensamt analysformat, kvalitetssäkring av statistik.",
        seats=(
            seat("sormland-region", "chair", function="Analytiker", person=ANALYST),
            seat("m-eskilstuna", function="Utredare"),
            seat("m-nykoping", function="Statistiker"),
            seat("m-katrineholm", function="Utredare"),
        ),
    ),
)
# fmt: on

#: Pending suggestions to correct the landscape map: (organisation key or "", message, name, e-mail).
SUGGESTIONS = (
    (
        "okna",
        "Öknaskolan driver även introduktionsprogram och borde ha rollen ”har fokus på vissa grupper”.",
        "Sven Åberg",
        "sven.aberg@example.se",
    ),
    ("m-vingaker", "Vuxenutbildningen i Vingåker sköts av Viadidakt: hänvisa dit i stället för till kommunen.", "", ""),
)
