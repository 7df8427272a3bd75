"""The industry forum's data pack gains the offerings, places and validations for the forum's occupations
(the card knowledge nodes register in the insight layer's place): in the PDF, the workbook and the CSV
files, only what the public may see, small validation figures masked."""

import io
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from samverka.education.catalogue.tests.factories import make_education, make_offering
from samverka.education.knowledgenodes.packcard import pack_education_card
from samverka.education.validation.tests.conftest import make_offer, make_outcome
from samverka.insight.analyses import services as analyses
from samverka.insight.analyses.models import BodyCoverage
from samverka.insight.analyses.pack_cards import pack_cards
from samverka.insight.analyses.packs import build_pack
from samverka.insight.analyses.tests.factories import make_employment
from samverka.testing.factories import make_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(space):
    body = make_body(space=space, name="Branschforum Vård och omsorg", kind="industry_forum")
    analyses.coverage_set(body=body, actor=None, ssyk_codes="532", sni_codes="")  # 532x: assistant nurses
    return body


@pytest.fixture
def education_world(space, other_space):
    nursing = make_education(space=space, title="Vård- och omsorgsprogrammet", occupations=("5321", "5323"))
    make_offering(space=space, education=nursing, places=24)
    make_offering(space=space, education=nursing, municipality="0480", places=None)
    general = make_education(space=space, title="Allmän kurs i svenska")
    make_offering(space=space, education=general, local_occupations=("5321",), places=10)  # added locally
    make_offering(space=space, education=make_education(space=space, title="Sjuksköterska", occupations=("2221",)))
    hidden = make_education(space=space, title="Ej publicerad vårdutbildning", occupations=("5321",))
    make_offering(space=space, education=hidden, is_published=False)
    make_offering(
        space=space, education=make_education(space=space, title="Inställd", occupations=("5321",)), is_cancelled=True
    )
    elsewhere = make_education(space=other_space, title="Annan regions utbildning", occupations=("5321",))
    make_offering(space=other_space, education=elsewhere, municipality="0180")
    make_offer(space, title="Validering till undersköterska")
    make_offer(space, title="Intern validering", is_published=False)
    make_offer(space, title="Validering till svetsare", ssyk_codes=["7212"], industry_model_owner="Svetskommissionen")
    make_outcome(space)  # started 12 women, 3 men: the men's figures and totals under 5 are masked


def test_the_card_counts_offerings_and_places_per_covered_occupation(space, forum, education_world):
    data = pack_education_card(forum, BodyCoverage.objects.get(body=forum))
    by_occupation = {row[0].split()[0]: row[1:] for row in data["offerings_by_occupation"].rows}
    assert by_occupation == {"5321": [3, 34], "5323": [2, 24]}  # unknown places count as none
    titles = [row[0] for row in data["offerings"].rows]
    assert sorted(titles) == ["Allmän kurs i svenska", "Vård- och omsorgsprogrammet", "Vård- och omsorgsprogrammet"]
    assert [row[0] for row in data["validation_offers"].rows] == ["Validering till undersköterska"]
    (outcome,) = data["validation_outcomes"].rows
    assert outcome[:2] == ["2025", outcome[1]] and outcome[1].startswith("5321")
    # started and completed: the men's 3 and 2 are masked, so their totals are too (else 15 − 12 gives them
    # away); then work 8 is shown; then further education 1 is masked
    assert outcome[2:] == ["<5", "<5", 8, "<5"]


def test_a_body_without_occupations_gets_no_card(space, education_world):
    body = make_body(space=space, name="Branschforum utan yrken", kind="industry_forum")
    assert pack_education_card(body, None) == {}


def test_the_pack_carries_the_card_in_its_pdf_workbook_and_csv_files(space, forum, education_world):
    assert "education" in [panel.key for panel in pack_cards.registered()]  # registered in ready()
    version = make_employment(space)
    built = build_pack(body=forum, theme="q2", versions=[version], coverage=BodyCoverage.objects.get(body=forum))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(built.pdf)).pages)
    assert "Education and validation for the forum's occupations" in text
    assert "Vård- och omsorgsprogrammet" in text and "Validering till undersköterska" in text
    assert "Ej publicerad vårdutbildning" not in text and "Intern validering" not in text
    workbook = load_workbook(io.BytesIO(built.workbook))
    assert len(workbook.sheetnames) == len(built.tables) + 4
    cells = {str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "Allmän kurs i svenska" in cells and "<5" in cells
    assert "Sjuksköterska" not in cells and "Annan regions utbildning" not in cells and "Inställd" not in cells
    with zipfile.ZipFile(io.BytesIO(built.csv_zip)) as archive:
        csv_text = "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert "Validering till undersköterska" in csv_text and "Validering till svetsare" not in csv_text
