"""Region Örebro län's platform, smaller than Sörmland's (seeds 002 and 003).

The region gathers all actors twice a year in a regional competence forum,
runs a competence office with process leaders for the action plan's 22 goals,
and coordinates regional vocational adult education with the municipalities.
Companies are made up; people are fictional.
"""

from datetime import date

from samverka.demo.spec import BodySpec, Org, seat

L, R = "local", "regional"
EMP, EDU, MUN = "employer", "education_provider", "municipality"
GREEN, BLUE = "education_matching", "transition_guidance"

MUNICIPALITIES = (
    ("orebro", "1880", "Örebro kommun"),
    ("karlskoga", "1883", "Karlskoga kommun"),
    ("kumla", "1881", "Kumla kommun"),
    ("lindesberg", "1885", "Lindesbergs kommun"),
    ("hallsberg", "1861", "Hallsbergs kommun"),
)

# fmt: off
ORGANISATIONS: tuple[Org, ...] = (
    Org("orebro-region", "Region Örebro län", "region", R, municipality="1880", roles="e",
        domain="regionorebrolan.example", website="https://www.regionorebrolan.se/"),
    *(
        Org(f"m-{key}", name, MUN, L, municipality=code, roles="eug", domain=f"{key}.kommun.example")
        for key, code, name in MUNICIPALITIES
    ),
    Org("lst-t", "Länsstyrelsen i Örebro län", "agency", R, municipality="1880", domain="lansstyrelsen-t.example"),
    Org("oru", "Örebro universitet", EDU, R, municipality="1880", roles="eu", domain="oru.example",
        website="https://www.oru.se/"),
    Org("valcent", "Örebro Valideringscentrum", EDU, R, municipality="1880", roles="ug", domain="valcent.example"),
    Org("karlskoga-gy", "Karlskoga gymnasium", EDU, L, municipality="1883", roles="u", domain="karlskogagy.example"),
    Org("bergslagens-verk", "Bergslagens Verkstäder AB", EMP, L, municipality="1883", roles="e",
        domain="bergslagensverk.example"),
    Org("narke-log", "Närkes Logistikcenter AB", EMP, L, municipality="1861", roles="e", domain="narkelog.example"),
    Org("kumla-omsorg", "Kumla Omsorg och Hälsa AB", EMP, L, municipality="1881", roles="e",
        domain="kumlaomsorg.example"),
    Org("fastighet-t", "Örebro Fastighetsservice AB", EMP, L, municipality="1880", roles="e",
        domain="orebrofastighet.example"),
    Org("foretagarna-t", "Företagarna Örebro län", "industry_organisation", R, county="18",
        domain="foretagarna-t.example"),
    Org("unionen-t", "Unionen Örebro län", "union", R, county="18", domain="unionen-t.example"),
)
# fmt: on

S = date(2024, 3, 1)

# fmt: off
BODIES: tuple[BodySpec, ...] = (
    BodySpec(
        "t-forum", "Regionalt kompetensforum", "collaboration_council", GREEN, owner="orebro-region", start=S,
        mandate="Samtliga aktörer bjuds in två gånger per år; däremellan särskilda forum vid behov.",
        seats=(
            seat("orebro-region", "chair", function="Utvecklingsledare", person="orebro-utv"),
            seat("m-orebro", function="Arbetsmarknadschef"),
            seat("m-karlskoga", function="Näringslivschef"),
            seat("oru", function="Samverkansansvarig"),
            seat("af", function="Sektionschef"),
            seat("lst-t", function="Handläggare"),
            seat("foretagarna-t", function="Regionchef"),
            seat("unionen-t", function="Ombudsman"),
            seat("bergslagens-verk", function="HR-chef"),
        ),
    ),
    BodySpec(
        "t-kansli", "Kompetenskansliet", "working_group", GREEN, parent="t-forum", owner="orebro-region", start=S,
        mandate="Processansvariga driver handlingsplanens 22 mål; var målen står redovisas öppet.",
        seats=(
            seat("orebro-region", "process_leader", function="Utvecklingsledare", person="orebro-utv"),
            seat("orebro-region", "process_leader", function="Processansvarig"),
            seat("af", "process_leader", function="Processansvarig"),
            seat("oru", "process_leader", function="Processansvarig"),
            seat("lst-t", function="Handläggare"),
        ),
    ),
    BodySpec(
        "t-bf-industri", "Branschforum Industri Örebro län", "industry_forum", GREEN, owner="orebro-region", start=S,
        seats=(
            seat("bergslagens-verk", "chair", function="VD"),
            seat("narke-log", function="Driftchef"),
            seat("fastighet-t", function="VD"),
            seat("foretagarna-t", function="Regionchef"),
            seat("karlskoga-gy", function="Rektor", person="karlskoga-rektor"),
            seat("unionen-t", function="Ombudsman"),
        ),
    ),
    BodySpec(
        "t-pr-in", "Programråd Industritekniska programmet, Karlskoga", "programme_council", GREEN,
        parent="t-bf-industri", owner="karlskoga-gy", start=S,
        seats=(
            seat("karlskoga-gy", "chair", function="Rektor", person="karlskoga-rektor"),
            seat("bergslagens-verk", function="Produktionschef"),
            seat("m-karlskoga", function="Näringslivsutvecklare"),
        ),
    ),
    BodySpec(
        "t-yrkesvux", "Regionalt yrkesvux", "local_collaboration_group", BLUE, parent="t-forum",
        owner="orebro-region", start=S, mandate="Månadsvisa möten om ett gemensamt utbud inom bristyrken.",
        seats=(
            seat("orebro-region", "chair", function="Samordnare yrkesvux"),
            seat("m-orebro", function="Rektor vuxenutbildningen"),
            seat("m-kumla", function="Rektor vuxenutbildningen"),
            seat("m-lindesberg", function="Rektor vuxenutbildningen"),
            seat("m-hallsberg", function="Rektor vuxenutbildningen"),
            seat("af", function="Arbetsförmedlare"),
        ),
    ),
    BodySpec(
        "t-validering", "Valideringsnätverket Örebro län", "network", BLUE, parent="t-forum", owner="valcent",
        start=S,
        seats=(
            seat("valcent", "chair", function="Verksamhetsledare"),
            seat("kumla-omsorg", function="HR-chef"),
            seat("m-orebro", function="Valideringssamordnare"),
            seat("af", function="Arbetsförmedlare"),
        ),
    ),
)
# fmt: on
