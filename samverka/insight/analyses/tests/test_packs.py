"""Data packs for an industry forum's quarter theme: the right numbers, a PDF and CSVs, and the agenda."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from samverka.collaboration.meetings.models import AgendaDocument
from samverka.collaboration.meetings.tests.helpers import make_meeting
from samverka.insight.analyses import services
from samverka.insight.analyses.models import BodyCoverage, DataPack
from samverka.insight.analyses.packs import covered
from samverka.insight.analyses.tests.factories import make_employment
from samverka.platform.core.pdf import page_texts, render_document
from samverka.platform.core.uploads import XLSX
from samverka.testing.factories import make_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(space):
    body = make_body(space=space, name="Branschforum Industri", kind="industry_forum")
    services.coverage_set(body=body, actor=None, ssyk_codes="72, 5321", sni_codes="C")
    return body


def test_coverage_codes_are_checked_and_take_in_finer_codes(forum):
    coverage = BodyCoverage.objects.get(body=forum)
    assert coverage.ssyk_codes == ["5321", "72"] and coverage.sni_codes == ["C"]
    assert covered(["72"], [["7212", "Svetsare"], ["2221", "Sjuksköterskor"]]) == ["7212"]
    with pytest.raises(ValidationError) as caught:
        services.coverage_set(body=forum, actor=None, ssyk_codes="72, svets", sni_codes="")
    assert "svets" in str(caught.value)


def test_pack_holds_the_covered_occupations_only_and_attaches_to_the_agenda(space, forum, make_role_user):
    version = make_employment(space)
    meeting = make_meeting(forum, title="Branschforum kvartal 2")
    item = meeting.agenda_items.exclude(is_follow_up=True).first() or meeting.agenda_items.first()
    secretariat = make_role_user(space, "secretariat")
    pack = services.data_pack_create(body=forum, actor=secretariat, theme="q2", versions=[version], agenda_item=item)

    document = AgendaDocument.objects.get(pk=pack.agenda_document_id)
    assert document.agenda_item == item and document.content_type == "application/pdf"
    assert document.file.read().startswith(b"%PDF")
    assert pack.meeting_title and pack.table_count >= 2
    # The tables go on the agenda too, as an Excel workbook with a sheet per table.
    workbook_document = AgendaDocument.objects.get(agenda_item=item, name__endswith=".xlsx")
    assert workbook_document.content_type == XLSX.content_type
    workbook = load_workbook(io.BytesIO(workbook_document.file.read()))
    assert len(workbook.sheetnames) == pack.table_count and workbook.sheetnames[0].startswith("01 ")
    cells = {str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "Undersköterskor" in cells and "Sjuksköterskor" not in cells
    assert pack.workbook.read() == workbook_document.file.open("rb").read()

    with zipfile.ZipFile(io.BytesIO(pack.csv_zip.read())) as archive:
        names = archive.namelist()
        text = "".join(archive.read(name).decode("utf-8") for name in names)
    assert len(names) == pack.table_count
    assert "Undersköterskor" in text and "Svetsare" in text
    assert "sjuksköterskor" not in text  # 2221 is not covered by the forum
    assert "Undersköterskor;5321;1340;8110" in text  # by occupation (name, code) and sex, summed over the counties


def test_pack_pdf_has_a_page_per_view_with_headings(space, forum):
    from samverka.insight.analyses.packs import build_pack

    version = make_employment(space)
    built = build_pack(body=forum, theme="q2", versions=[version], coverage=BodyCoverage.objects.get(body=forum))
    assert built.pdf.startswith(b"%PDF")
    from samverka.insight.analyses.rendering import table_figure

    figures = [
        table_figure(t, kind=k, dom_id=f"p{n}") for n, (t, k) in enumerate(zip(built.tables, built.kinds, strict=True))
    ]
    from django.utils import timezone

    from samverka.insight.analyses.models import QuarterTheme

    document = render_document(
        "analyses/pdf/pack.html",
        {
            "space": space,
            "body": forum,
            "theme": QuarterTheme.Q2.label,
            "figures": figures,
            "coverage": BodyCoverage.objects.get(body=forum),
            "versions": [version],
            "generated": timezone.now(),
        },
    )
    pages = page_texts(document)
    assert len(pages) == 1 + len(built.tables)
    assert "Q2 Future needs" in pages[0] and "Branschforum Industri" in pages[0]
    for page, table in zip(pages[1:], built.tables, strict=True):
        assert table.title in page


def test_an_analyst_without_meeting_rights_cannot_attach_and_nothing_is_kept(space, forum, make_role_user):
    version = make_employment(space)
    item = make_meeting(forum).agenda_items.first()
    analyst = make_role_user(space, "analyst")
    with pytest.raises(PermissionDenied):
        services.data_pack_create(body=forum, actor=analyst, theme="q1", versions=[version], agenda_item=item)
    assert not DataPack.objects.exists() and not AgendaDocument.objects.exists()
    pack = services.data_pack_create(body=forum, actor=analyst, theme="q1", versions=[version])
    assert pack.agenda_document_id is None


def test_pack_page_makes_and_serves_packs(
    client, space, other_space, forum, make_role_user, django_capture_on_commit_callbacks
):
    version = make_employment(space)
    client.force_login(make_role_user(space, "analyst"))
    packs = reverse("analyses:pack-list", kwargs={"space": space.slug})
    page = client.get(packs).content.decode()
    assert "Branschforum Industri" in page and "5321, 72" in page
    with django_capture_on_commit_callbacks(execute=True):  # the pack is made by a task after the commit
        response = client.post(packs, {"body": forum.pk, "theme": "q4", "versions": [version.pk]})
    assert response.status_code == 302
    pack = DataPack.objects.get()
    pdf = client.get(reverse("analyses:pack-pdf", kwargs={"space": space.slug, "pk": pack.pk}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("analyses:pack-zip", kwargs={"space": space.slug, "pk": pack.pk})).status_code == 200
    excel = client.get(reverse("analyses:pack-xlsx", kwargs={"space": space.slug, "pk": pack.pk}))
    assert excel.status_code == 200 and excel["Content-Type"] == XLSX.content_type
    assert len(load_workbook(io.BytesIO(b"".join(excel.streaming_content))).sheetnames) == pack.table_count
    # The analyst may not change coverage (those who run the space do); an outsider sees no packs.
    assert (
        client.get(reverse("analyses:coverage-update", kwargs={"space": space.slug, "body": forum.pk})).status_code
        == 403
    )
    client.force_login(make_role_user(other_space, "analyst"))
    assert client.get(reverse("analyses:pack-pdf", kwargs={"space": space.slug, "pk": pack.pk})).status_code == 403
    assert client.get(reverse("analyses:pack-xlsx", kwargs={"space": space.slug, "pk": pack.pk})).status_code == 403
    response = client.post(packs, {"body": forum.pk, "theme": "q4", "versions": [version.pk]})
    assert response.status_code == 403


def test_secretariat_sets_coverage_through_the_page(client, space, forum, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    url = reverse("analyses:coverage-update", kwargs={"space": space.slug, "body": forum.pk})
    response = client.post(url, {"ssyk_codes": "7212;7213", "sni_codes": "25"})
    assert response.status_code == 302
    assert BodyCoverage.objects.get(body=forum).ssyk_codes == ["7212", "7213"]
    response = client.post(url, {"ssyk_codes": "99999", "sni_codes": ""})
    assert response.status_code == 200 and "99999" in response.content.decode()


def test_indicators_of_the_theme_join_the_pack_and_can_be_charted(space, forum):
    from samverka.insight.analyses.packs import pack_tables
    from samverka.insight.analyses.queries import chart_table
    from samverka.insight.analyses.rendering import table_figure
    from samverka.insight.indicators import catalogue

    version = make_employment(space, measure="employed")
    expected = catalogue.compute("share_women", version=version, params={})
    tables, kinds = pack_tables(theme="q4", versions=[version], coverage=BodyCoverage.objects.get(body=forum))
    shares = [t for t in tables if t.title == expected.title]
    assert len(shares) == 1
    assert [row[0] for row in shares[0].rows] == [row[0] for row in expected.rows if "sjuksköterskor" not in row[0]]
    chart = services.chart_create(
        space=space,
        actor=None,
        data=services.ChartData(
            title="Andel kvinnor per län",
            kind="map_county",
            source="indicator",
            version=version,
            indicator_key="share_women",
            indicator_params={"ssyk": "5321"},
        ),
    )
    table = chart_table(chart)
    assert table.title == "Andel kvinnor per län" and table.codes == ["04", "18"]
    figure = table_figure(table, kind="map_county", dom_id="m", for_pdf=False)
    assert set(figure.map_data["areas"]) == {"04", "18"}
