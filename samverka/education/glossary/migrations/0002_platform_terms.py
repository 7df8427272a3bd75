"""The platform-wide glossary: the words of education and validation, each definition with its source.

Written for Samverka from public facts (laws, the agencies' own descriptions, the regions' reports). Where
actors mean different things by a word, each actor's meaning is its own definition, named by its source.
Kept here (not imported from the app) so the migration stays as it was written.
"""

from django.db import migrations

SKOLLAGEN = (
    "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/skollag-2010800_sfs-2010-800/"
)
SKOLVERKET = "https://www.skolverket.se/"
MYH = "https://www.myh.se/"
SCB = "https://www.scb.se/"
CSN = "https://www.csn.se/"

TOPICS = [
    ("education", "Utbildning", "Education", 10),
    ("validation", "Validering", "Validation", 20),
    ("knowledge-nodes", "Kunskapsnoder", "Knowledge nodes", 30),
    ("classifications", "Klassificeringar", "Classifications", 40),
]

SAMVERKA = "Samverka"
FIVE_STEPS = "Samverka (stegen som regionernas valideringsstrukturer använder)"

#: (slug, Swedish, English, abbreviation, topics, [(source, url, Swedish text, English text), ...])
TERMS = [
    (
        "validering",
        "validering",
        "validation",
        "",
        ["validation"],
        [
            (
                "Skollagen (2010:800) 1 kap. 3 §",
                SKOLLAGEN,
                "En process som innebär en strukturerad bedömning, värdering, dokumentation och ett erkännande av "
                "kunskaper och kompetens som en person har, oberoende av hur de har förvärvats.",
                "A process of structured assessment, evaluation, documentation and recognition of the knowledge "
                "and competence a person has, regardless of how they were acquired.",
            ),
            (
                "Region Dalarna (Dala Valideringscentrum)",
                "",
                "En strukturerad kartläggning, värdering, dokumentation och ett erkännande av en persons kunskaper "
                "och kompetens, oberoende av hur de förvärvats – ett sätt att korta utbildningstiden och snabbare "
                "etablera fler på arbetsmarknaden.",
                "A structured mapping, evaluation, documentation and recognition of a person's knowledge and "
                "competence, however acquired – a way to shorten education and get more people into work sooner.",
            ),
            (
                "Branschernas valideringsmodeller",
                "",
                "Prövning av en yrkesverksam persons kompetens mot branschens egen kompetensstandard för ett yrke. "
                "Resultatet är branschens intyg, kompetensbevis eller yrkesbevis, som arbetsgivarna i branschen känner "
                "igen.",
                "Testing a working person's competence against the industry's own competence standard for an "
                "occupation. The result is the industry's certificate or professional certificate, which employers "
                "in the industry recognise.",
            ),
            (
                "Arbetsförmedlingen",
                "",
                "En insats för arbetssökande där yrkeskunskaper från arbete eller utbildning, ofta från ett annat land, "
                "bedöms och dokumenteras så att vägen till arbete eller vidare studier blir kortare.",
                "A service for job seekers in which occupational skills from work or education, often from another "
                "country, are assessed and documented so that the way to work or further studies is shorter.",
            ),
            (
                SAMVERKA,
                "",
                "Här räknas en validering efter hur långt personen kom: kartläggning, bedömning, dokumentation och "
                "erkännande, och efter resultatet (kartläggningsutlåtande, kompetensintyg, betyg, yrkesbevis eller "
                "delar med kompletterande utbildning). Utfall redovisas sammanräknade, aldrig per person, och små tal "
                "döljs.",
                "Here a validation is counted by how far the person got: mapping, assessment, documentation and "
                "recognition, and by its result (mapping statement, competence certificate, grade, professional "
                "certificate, or parts with complementary education). Outcomes are shown aggregated, never per "
                "person, and small numbers are masked.",
            ),
        ],
    ),
    (
        "kartlaggning",
        "kartläggning",
        "mapping",
        "",
        ["validation"],
        [
            (
                FIVE_STEPS,
                "",
                "Valideringens första steg: en samlad bild av vad personen kan tas fram genom samtal, självskattning "
                "och intyg, för att se om en validering är meningsfull och mot vilka krav (kurs, yrke, branschmodell).",
                "The first step of validation: a picture of what the person knows is built from interviews, "
                "self-assessment and certificates, to see whether a validation makes sense and against which "
                "requirements (course, occupation, industry model).",
            ),
            (
                "Regionernas utvecklingsarbete",
                "",
                "I regional utveckling: en genomgång av vilka aktörer som arbetar med något (t.ex. validering), "
                "målgrupper, ansvarsfördelning och finansiering – ett underlag för samordning, inte en bedömning av en "
                "person.",
                "In regional development: a survey of which actors work on something (e.g. validation), the target "
                "groups, who is responsible and how it is funded – a basis for coordination, not an assessment of a "
                "person.",
            ),
        ],
    ),
    (
        "bedomning",
        "bedömning",
        "assessment",
        "",
        ["validation", "education"],
        [
            (
                FIVE_STEPS,
                "",
                "Steget där personens kunskaper och kompetens prövas mot angivna krav, t.ex. med praktiska prov, "
                "arbetsprov, teoretiska prov eller fördjupade samtal med en yrkeskunnig bedömare.",
                "The step in which the person's knowledge and competence are tested against stated requirements, "
                "e.g. by practical tests, work trials, written tests or in-depth interviews with an assessor from "
                "the trade.",
            ),
            (
                "Skolverket",
                SKOLVERKET,
                "I skolan och komvux: lärarens bedömning av elevens kunskaper mot kursens kunskapskrav, som leder "
                "till betyg. En validering inom komvux kan ge betyg på en hel kurs.",
                "In school and municipal adult education: the teacher's assessment of the student's knowledge against "
                "the course's grading criteria, leading to a grade. A validation in adult education can give a grade "
                "for a whole course.",
            ),
        ],
    ),
    (
        "dokumentation",
        "dokumentation",
        "documentation",
        "",
        ["validation"],
        [
            (
                FIVE_STEPS,
                "",
                "Resultatet av bedömningen skrivs ned så att personen kan visa det: kompetensintyg, kompetensbevis, "
                "betyg eller intyg om de delar som är validerade.",
                "The result of the assessment is written down so that the person can show it: a competence "
                "certificate, a professional certificate, a grade or a statement of the parts validated.",
            ),
        ],
    ),
    (
        "erkannande",
        "erkännande",
        "recognition",
        "",
        ["validation"],
        [
            (
                FIVE_STEPS,
                "",
                "När en arbetsgivare, en bransch eller en utbildning godtar den dokumenterade kompetensen – som betyg, "
                "yrkesbevis eller tillgodoräknande – så att personen slipper lära sig det hon redan kan en gång till.",
                "When an employer, an industry or an education accepts the documented competence – as a grade, a "
                "professional certificate or credit transfer – so that the person does not have to learn again what "
                "she already knows.",
            ),
        ],
    ),
    (
        "branschvalidering",
        "branschvalidering",
        "industry validation",
        "",
        ["validation"],
        [
            (
                "Myndigheten för yrkeshögskolan",
                MYH,
                "Validering mot en branschs valideringsmodell, som branschens organisationer tagit fram och "
                "kvalitetssäkrar (t.ex. inom vård och omsorg, industri, transport, el och bygg). Resultatet är ett "
                "branschintyg, kompetensbevis eller yrkesbevis.",
                "Validation against an industry's validation model, developed and quality-assured by the industry's "
                "organisations (e.g. in health and social care, manufacturing, transport, electrical and "
                "construction). The result is an industry certificate or professional certificate.",
            ),
        ],
    ),
    (
        "kunskapsnod",
        "kunskapsnod",
        "knowledge node",
        "",
        ["knowledge-nodes", "validation"],
        [
            (
                "Region Dalarna (Dala Valideringscentrum)",
                "",
                "En kommun som tar ansvar för validering och utbildning inom ett område för hela regionens räkning, "
                "eftersom alla kommuner inte kan vara experter på allt. Nodansvarig kommun har upparbetade kontakter "
                "med branschen och samlar spetskompetensen inom området.",
                "A municipality that takes responsibility for validation and education in one field on behalf of the "
                "whole region, since not every municipality can be expert in everything. The node-responsible "
                "municipality has established contacts with the industry and gathers the expertise of the field.",
            ),
            (
                SAMVERKA,
                "",
                "Här: en nodansvarig kommun och ett område (SUN-inriktning, YH-utbildningsområde eller bransch) under "
                "en giltighetstid, med kontakter, de branschaktörer noden samarbetar med och vad noden erbjuder.",
                "Here: a node-responsible municipality and a field (SUN field, YH education area or industry) over a "
                "period of validity, with contacts, the industry actors the node works with and what the node offers.",
            ),
        ],
    ),
    (
        "yrkeshogskola",
        "yrkeshögskola",
        "higher vocational education",
        "YH",
        ["education"],
        [
            (
                "Myndigheten för yrkeshögskolan",
                MYH,
                "Eftergymnasiala yrkesutbildningar som tas fram tillsammans med arbetslivet efter arbetsmarknadens "
                "behov. Myndigheten beslutar vilka utbildningar som får ges. Omfattningen anges i yrkeshögskolepoäng "
                "(200 poäng motsvarar ett års heltidsstudier) och utbildningen leder till yrkeshögskoleexamen eller "
                "kvalificerad yrkeshögskoleexamen.",
                "Post-secondary vocational programmes designed together with employers to meet the needs of the "
                "labour market. The agency decides which programmes may be given. Their extent is counted in YH "
                "credits (200 credits are one year of full-time study) and they lead to a higher vocational diploma "
                "or an advanced higher vocational diploma.",
            ),
        ],
    ),
    (
        "komvux",
        "kommunal vuxenutbildning",
        "municipal adult education",
        "komvux",
        ["education", "validation"],
        [
            (
                "Skolverket",
                SKOLVERKET,
                "Kommunens utbildning för vuxna på grundläggande och gymnasial nivå och i svenska för invandrare "
                "(sfi). Kurserna ger betyg och kan kombineras till yrkespaket; komvux kan också validera kunskaper mot "
                "en kurs.",
                "The municipality's education for adults at basic and upper secondary level and in Swedish for "
                "immigrants (sfi). Courses give grades and can be combined into vocational packages; adult education "
                "can also validate knowledge against a course.",
            ),
        ],
    ),
    (
        "sun",
        "Svensk utbildningsnomenklatur",
        "Swedish Standard Classification of Education",
        "SUN",
        ["classifications", "education", "knowledge-nodes"],
        [
            (
                "SCB",
                SCB,
                "Statistiska centralbyråns klassificering av utbildningar efter nivå och inriktning. SUN 2020 är den "
                "gällande versionen; inriktningen används här för utbildningar, valideringar och kunskapsnoder.",
                "Statistics Sweden's classification of education by level and field. SUN 2020 is the current "
                "version; the field is used here for educations, validations and knowledge nodes.",
            ),
        ],
    ),
    (
        "ssyk",
        "Standard för svensk yrkesklassificering",
        "Swedish Standard Classification of Occupations",
        "SSYK",
        ["classifications", "education", "validation"],
        [
            (
                "SCB",
                SCB,
                "Statistiska centralbyråns klassificering av yrken. SSYK 2012 bygger på den internationella ISCO-08 "
                "och har fyra siffror på den mest detaljerade nivån; här anger den vilka yrken en utbildning eller "
                "validering leder till.",
                "Statistics Sweden's classification of occupations. SSYK 2012 is based on the international ISCO-08 "
                "and has four digits at its most detailed level; here it names the occupations an education or "
                "validation leads to.",
            ),
        ],
    ),
    (
        "seqf",
        "Sveriges referensram för kvalifikationer",
        "Swedish Qualifications Framework",
        "SeQF",
        ["classifications", "education", "validation"],
        [
            (
                "Myndigheten för yrkeshögskolan",
                MYH,
                "En ram med åtta nivåer som beskriver vad en person vet, kan och kan använda efter en kvalifikation, "
                "kopplad till den europeiska referensramen EQF. Myndigheten för yrkeshögskolan är samordnande "
                "myndighet och nivåplacerar bl.a. branschers kvalifikationer.",
                "A framework of eight levels describing what a person knows, can do and can apply after a "
                "qualification, linked to the European Qualifications Framework (EQF). The Swedish National Agency "
                "for Higher Vocational Education coordinates it and places, among others, industry qualifications "
                "on a level.",
            ),
        ],
    ),
    (
        "utbildningstillfalle",
        "utbildningstillfälle",
        "offering",
        "",
        ["education"],
        [
            (
                "Skolverket (EMIL, SS 10700)",
                SKOLVERKET,
                "Ett tillfälle då en utbildning ges: när (start, slut, ansökningstid), var (kommun, ort, distans) och "
                "hur (studietakt, språk, platser). Samma utbildning kan ges vid många tillfällen; i standarden heter "
                "det educationEvent.",
                "An occasion on which an education is given: when (start, end, application period), where "
                "(municipality, locality, distance) and how (pace, language, places). The same education may be "
                "given many times; the standard calls it educationEvent.",
            ),
        ],
    ),
    (
        "utbildningsanordnare",
        "utbildningsanordnare",
        "education provider",
        "",
        ["education"],
        [
            (
                "Skolverket (EMIL, SS 10700)",
                SKOLVERKET,
                "Den som ger utbildningen: en kommun, en region, en statlig myndighet, en folkhögskola eller ett "
                "privat företag. Kommunen kan vara huvudman och ändå låta en annan anordnare genomföra utbildningen "
                "på entreprenad.",
                "Whoever gives the education: a municipality, a region, a state agency, a folk high school or a "
                "private company. A municipality may be the responsible body and still contract another provider "
                "to give the education.",
            ),
        ],
    ),
    (
        "larlingsutbildning",
        "lärlingsutbildning",
        "apprenticeship",
        "",
        ["education"],
        [
            (
                "Skolverket",
                SKOLVERKET,
                "En yrkesutbildning där en stor del görs på en arbetsplats: i gymnasieskolan minst hälften av "
                "utbildningen, inom komvux (lärlingsvux) en stor del av yrkeskurserna, med en handledare på "
                "arbetsplatsen.",
                "Vocational education with a large part at a workplace: in upper secondary school at least half of "
                "the programme, in adult education (adult apprenticeship) a large part of the vocational courses, "
                "with a supervisor at the workplace.",
            ),
        ],
    ),
    (
        "uppdragsutbildning",
        "uppdragsutbildning",
        "contract education",
        "",
        ["education"],
        [
            (
                "Förordningen (2002:760) om uppdragsutbildning inom skolväsendet",
                "",
                "Utbildning som en arbetsgivare, en myndighet eller någon annan beställer och betalar för en grupp den "
                "väljer ut, t.ex. sina anställda; deltagarna betalar inte själva.",
                "Education that an employer, an agency or another buyer orders and pays for a group it chooses, e.g. "
                "its employees; the participants do not pay themselves.",
            ),
        ],
    ),
    (
        "csn-berattigande",
        "CSN-berättigande",
        "eligibility for student aid (CSN)",
        "",
        ["education"],
        [
            (
                "CSN",
                CSN,
                "Att en utbildning ger rätt till studiemedel från Centrala studiestödsnämnden. Utbildningen ska vara "
                "godkänd för studiestöd och den studerande läsa minst på halvfart och minst tre veckor i följd.",
                "That an education gives the right to student aid from the Swedish Board of Student Finance (CSN). "
                "The education must be approved for student aid, and the student must study at least half time for "
                "at least three consecutive weeks.",
            ),
        ],
    ),
    (
        "nodansvarig-kommun",
        "nodansvarig kommun",
        "node-responsible municipality",
        "",
        ["knowledge-nodes"],
        [
            (
                SAMVERKA,
                "",
                "Den kommun som håller en kunskapsnod: den samordnar området för regionens kommuner, håller kontakten "
                "med branschen och är den som andra kommuner hänvisar till.",
                "The municipality that holds a knowledge node: it coordinates the field for the region's "
                "municipalities, keeps in touch with the industry and is the one other municipalities refer to.",
            ),
        ],
    ),
]


def add_terms(apps, schema_editor):
    Topic = apps.get_model("glossary", "Topic")
    Term = apps.get_model("glossary", "Term")
    Definition = apps.get_model("glossary", "Definition")
    topics = {}
    for slug, name_sv, name_en, position in TOPICS:
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug, defaults={"name_sv": name_sv, "name_en": name_en, "position": position}
        )
    for slug, term_sv, term_en, abbreviation, term_topics, definitions in TERMS:
        term, _ = Term.objects.update_or_create(
            slug=slug, defaults={"term_sv": term_sv, "term_en": term_en, "abbreviation": abbreviation}
        )
        term.topics.set([topics[topic] for topic in term_topics])
        term.definitions.all().delete()
        for position, (source, url, text_sv, text_en) in enumerate(definitions):
            Definition.objects.create(
                term=term, source=source, source_url=url, text_sv=text_sv, text_en=text_en, position=position
            )


def remove_terms(apps, schema_editor):
    apps.get_model("glossary", "Term").objects.filter(slug__in=[row[0] for row in TERMS]).delete()
    apps.get_model("glossary", "Topic").objects.filter(slug__in=[row[0] for row in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("glossary", "0001_initial")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
