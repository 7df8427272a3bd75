"""Word lists for the national-scale generator: sectors, programmes, name patterns.

Agencies, national organisations and regions carry their real names; local
companies, schools and associations are made up from these patterns.
"""

#: The regional development actor (RUA) of each county, by SCB county code.
REGIONS = {
    "01": "Region Stockholm", "03": "Region Uppsala", "04": "Region Sörmland", "05": "Region Östergötland",
    "06": "Region Jönköpings län", "07": "Region Kronoberg", "08": "Region Kalmar län", "09": "Region Gotland",
    "10": "Region Blekinge", "12": "Region Skåne", "13": "Region Halland", "14": "Västra Götalandsregionen",
    "17": "Region Värmland", "18": "Region Örebro län", "19": "Region Västmanland", "20": "Region Dalarna",
    "21": "Region Gävleborg", "22": "Region Västernorrland", "23": "Region Jämtland Härjedalen",
    "24": "Region Västerbotten", "25": "Region Norrbotten",
}  # fmt: skip

#: Relative size of the biggest municipalities (everything else weighs 1): more organisations and councils.
MUNICIPALITY_WEIGHT = {
    "0180": 20, "1480": 14, "1280": 9, "0380": 5, "0580": 5, "1880": 4, "1980": 4, "1283": 4, "0581": 4,
    "0680": 4, "2480": 4, "1281": 4, "1490": 3, "0126": 3, "0484": 3, "2180": 3, "0182": 3, "0181": 3,
    "1380": 3, "2281": 3, "1780": 3, "0780": 3, "2580": 3, "2380": 2, "0880": 2, "1290": 2, "2080": 2,
    "2482": 2, "1488": 2, "1080": 2, "0184": 2, "0138": 2, "0162": 2, "0123": 2, "1482": 2,
}  # fmt: skip

#: National organisations: (name, type, system-role letters). The first ten are MSV KLL's members.
NATIONAL_ORGANISATIONS = (
    ("Arbetsförmedlingen", "agency", "ug"), ("Myndigheten för yrkeshögskolan", "agency", "u"),
    ("Skolverket", "agency", "u"), ("Svenska ESF-rådet", "agency", "g"), ("Tillväxtverket", "agency", ""),
    ("Universitetskanslersämbetet", "agency", ""), ("Universitets- och högskolerådet", "agency", "u"),
    ("Folkbildningsrådet", "civil_society", "ug"), ("Vinnova", "agency", ""),
    ("Statistiska centralbyrån", "agency", ""),
    ("Försäkringskassan", "agency", "g"), ("Socialstyrelsen", "agency", ""), ("Trafikverket", "agency", "e"),
    ("Jordbruksverket", "agency", ""), ("Skogsstyrelsen", "agency", ""), ("Migrationsverket", "agency", "g"),
    ("Centrala studiestödsnämnden", "agency", ""), ("Specialpedagogiska skolmyndigheten", "agency", "u"),
    ("Myndigheten för delaktighet", "agency", "g"), ("Delegationen mot segregation", "agency", "g"),
    ("Teknikföretagen", "industry_organisation", ""), ("Byggföretagen", "industry_organisation", ""),
    ("Transportföretagen", "industry_organisation", ""), ("Visita", "industry_organisation", ""),
    ("Svensk Handel", "industry_organisation", ""), ("Vårdföretagarna", "industry_organisation", ""),
    ("Almega", "industry_organisation", ""), ("Livsmedelsföretagen", "industry_organisation", ""),
    ("Skogsindustrierna", "industry_organisation", ""), ("Installatörsföretagen", "industry_organisation", ""),
    ("Sveriges Åkeriföretag", "industry_organisation", ""), ("Företagarna", "industry_organisation", ""),
    ("Svenskt Näringsliv", "industry_organisation", ""), ("Lantbrukarnas Riksförbund", "industry_organisation", ""),
    ("Landsorganisationen i Sverige", "union", ""), ("Tjänstemännens centralorganisation", "union", ""),
    ("Saco", "union", ""), ("IF Metall", "union", ""), ("Svenska Kommunalarbetareförbundet", "union", ""),
    ("Unionen", "union", ""), ("Byggnads", "union", ""), ("Vision", "union", ""), ("Vårdförbundet", "union", ""),
    ("Sveriges Lärare", "union", ""), ("Seko", "union", ""), ("Svenska Transportarbetareförbundet", "union", ""),
    ("Handelsanställdas förbund", "union", ""), ("Hotell- och restaurangfacket", "union", ""),
    ("Svenska Elektrikerförbundet", "union", ""), ("GS-facket", "union", ""),
    ("Svenska Röda korset", "civil_society", "g"), ("Hela Sverige ska leva", "civil_society", "g"),
    ("Rörelsefolkhögskolornas intresseorganisation", "civil_society", "u"),
    ("Studieförbunden", "civil_society", "ug"), ("Coompanion Sverige", "civil_society", "g"),
    ("Sveriges Kommuner och Regioner", "other", ""), ("Reglab", "network", ""),
    ("Nätverket för regional kompetensförsörjning", "network", ""),
)  # fmt: skip

#: Sectors: key → (industry forum name, vocational programmes, company trades).
SECTORS = {
    "industri": (
        "Branschforum Industri och teknik",
        ("Industritekniska programmet", "El- och energiprogrammet"),
        ("Mekaniska", "Verkstad", "Gjuteri", "Plast", "Elektronik", "Industriservice", "Svets", "Automation"),
    ),
    "bygg": (
        "Branschforum Bygg och fastighet",
        ("Bygg- och anläggningsprogrammet", "VVS- och fastighetsprogrammet"),
        ("Bygg", "Måleri", "VVS", "Plåt", "Mark och Anläggning", "Fastighetsservice", "Snickeri", "Golv"),
    ),
    "transport": (
        "Branschforum Transport och logistik",
        ("Fordons- och transportprogrammet",),
        ("Åkeri", "Logistik", "Buss", "Bil och Däck", "Transport", "Lager och Terminal"),
    ),
    "vard": (
        "Branschforum Vård och omsorg",
        ("Vård- och omsorgsprogrammet", "Barn- och fritidsprogrammet"),
        ("Omsorg", "Vård", "Hemtjänst", "Tandvård", "Assistans", "Hälsa"),
    ),
    "grona": (
        "Branschforum Gröna näringar",
        ("Naturbruksprogrammet",),
        ("Lantbruk", "Skog", "Trädgård", "Mejeri", "Livsmedel", "Maskinstation"),
    ),
    "besok": (
        "Branschforum Besöksnäring",
        ("Hotell- och turismprogrammet", "Restaurang- och livsmedelsprogrammet"),
        ("Hotell", "Restaurang", "Konferens", "Camping", "Catering", "Bageri"),
    ),
    "it": (
        "Branschforum IT och digitalisering",
        ("Teknikprogrammet",),
        ("Data", "IT-konsult", "Systemutveckling", "Digitalbyrå", "Nätverksteknik"),
    ),
    "handel": (
        "Branschforum Handel och service",
        ("Handels- och administrationsprogrammet", "Hantverksprogrammet"),
        ("Handel", "Järnhandel", "Livs", "Frisör", "Städ", "Tryckeri", "Redovisning"),
    ),
}

#: Words that make company names from a place or a surname.
COMPANY_FORMS = ("AB", "AB", "AB", "AB", "HB", "ek. för.")

#: Education providers: name patterns ({m} = municipality).
EDUCATION_PATTERNS = (
    "{m} gymnasium",
    "Komvux {m}",
    "{m} folkhögskola",
    "Lärcentrum {m}",
    "Yrkeshögskolan {m}",
    "{s}skolan, {m}",
    "{m} naturbruksgymnasium",
    "Vuxenutbildningen i {m}",
    "{m} tekniska gymnasium",
    "Yrkesakademin {m}",
    "Sfi-centrum {m}",
    "{s}gymnasiet, {m}",
)
#: Surname-like school name stems.
SCHOOL_STEMS = (
    "Björkhaga", "Ekhagen", "Lindbacka", "Solberga", "Vasa", "Kungsholms", "Tallbacka", "Hagaström",
    "Sjöstad", "Strand", "Berga", "Åsbacka", "Polhems", "Rudbeck", "Celsius", "Linné", "Nobel", "Bergslags",
)  # fmt: skip

CIVIL_PATTERNS = (
    "Röda korset {m}",
    "ABF {m}",
    "Studiefrämjandet {m}",
    "Studieförbundet Vuxenskolan {m}",
    "Medborgarskolan {m}",
    "Föreningen Arbetsglädje {m}",
    "Hela {m} ska leva",
    "Stadsmissionen {m}",
    "Kvinnojouren {m}",
    "Integrationsföreningen {m}",
    "Idrottsföreningen {m} IF",
    "Unga Jobb {m}",
)
INDUSTRY_PATTERNS = (
    "Företagarna {m}",
    "{m} Näringsliv",
    "Köpmannaföreningen i {m}",
    "Byggföretagen {c}",
    "Teknikföretagen {c}",
    "Visita {c}",
    "Installatörsföretagen {c}",
    "Sveriges Åkeriföretag {c}",
    "LRF {c}",
    "Svensk Handel {c}",
    "Industriföreningen {m}",
    "Turistföreningen {m}",
)
UNION_PATTERNS = (
    "IF Metall {c}",
    "Kommunal sektion {m}",
    "Byggnads {c}",
    "Unionen {m}",
    "Vision {m}",
    "Vårdförbundet {c}",
    "Sveriges Lärare {m}",
    "Seko {c}",
    "Transport avdelning {c}",
    "Handels {c}",
    "Elektrikerna {c}",
    "LO-facken i {m}",
)
AGENCY_PATTERNS = (
    "Arbetsförmedlingen {m}",
    "Försäkringskassan {m}",
    "Länsstyrelsen {c}",
    "Skatteverket {m}",
    "Trafikverket region {c}",
    "Migrationsverket {m}",
    "Polisen lokalpolisområde {m}",
    "Samordningsförbundet {m}",
)
NETWORK_PATTERNS = (
    "Nätverket för kompetensförsörjning {m}",
    "HR-nätverket {m}",
    "Skola–arbetsliv {m}",
    "Valideringsnätverket {m}",
    "Tjejer i teknik {m}",
)
OTHER_PATTERNS = (
    "{m} Bostäder AB",
    "{m} Energi AB",
    "{m} Vatten och Avfall AB",
    "Science Park {m}",
    "Nyföretagarcentrum {m}",
    "Inkubatorn {m}",
)

#: Functions of contact persons by organisation type.
FUNCTIONS = {
    "employer": ("VD", "HR-chef", "Produktionschef", "Verksamhetschef", "Rekryteringsansvarig", "Platschef"),
    "education_provider": ("Rektor", "Biträdande rektor", "Utbildningsledare", "Studie- och yrkesvägledare",
                           "Yrkeslärare"),
    "municipality": ("Näringslivschef", "Arbetsmarknadschef", "Rektor vuxenutbildningen", "Utvecklingsstrateg",
                     "Förvaltningschef", "Studie- och yrkesvägledare"),
    "region": ("Strateg kompetensförsörjning", "Analytiker", "Utvecklingsledare", "Enhetschef"),
    "agency": ("Sektionschef", "Handläggare", "Arbetsförmedlare", "Utredare", "Samordnare"),
    "industry_organisation": ("Regionchef", "Kompetensansvarig", "Näringspolitisk expert", "Ordförande"),
    "union": ("Ombudsman", "Ordförande", "Studieorganisatör", "Regionalt skyddsombud"),
    "civil_society": ("Verksamhetsledare", "Ordförande", "Projektledare", "Samordnare"),
    "network": ("Samordnare", "Processledare"),
    "other": ("VD", "Verksamhetsledare", "Affärsutvecklare"),
}  # fmt: skip

#: Share of each organisation type among the organisations generated per municipality.
TYPE_MIX = (
    ("employer", 0.68),
    ("education_provider", 0.11),
    ("civil_society", 0.08),
    ("industry_organisation", 0.04),
    ("union", 0.04),
    ("network", 0.02),
    ("agency", 0.015),
    ("other", 0.015),
)
