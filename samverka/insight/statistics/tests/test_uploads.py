"""CSV and Excel uploads: encodings, separators, Swedish numbers, and the bad input that must be refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from samverka.insight.statistics import services
from samverka.insight.statistics.models import DatasetVersion, Observation
from samverka.insight.statistics.tabular import preview_csv, preview_excel
from samverka.insight.statistics.tests.factories import make_dataset
from samverka.insight.statistics.uploads import check_upload

pytestmark = pytest.mark.django_db
MAPPING = {"Län": "region", "Kön": "sex", "År": "period"}
CSV = "Län;Kön;År;Antal\n04;1;2023;1 234,5\n04;2;2023;987\n04;1;2024;..\n"


def import_csv(space, content: bytes, **extra):
    data = {"mapping": MAPPING, "value_column": "Antal"}
    data.update(extra)
    return services.import_csv(
        actor=None, dataset=make_dataset(space=space, source="csv"), content=content, file_name="f.csv", **data
    )


def messages(error) -> str:
    return " ".join(error.value.messages)


@pytest.mark.parametrize(
    "content",
    [
        CSV.encode("utf-8"),
        b"\xef\xbb\xbf" + CSV.encode("utf-8"),  # with a BOM, as Excel writes "CSV UTF-8"
        CSV.replace(";", ",").replace("1 234,5", '"1 234,5"').encode(),  # commas, the decimal comma quoted
    ],
)
def test_utf8_csv_with_or_without_bom_and_either_separator(space, content):
    version = import_csv(space, content)
    assert version.cell_count == 3
    values = dict(Observation.objects.filter(version=version).values_list("period", "value").filter(sex="1"))
    assert values == {"2023": 1234.5, "2024": None}
    assert Observation.objects.get(version=version, period="2024").status == ".."
    assert version.quality["checks"]["missing"]["count"] == 1


def test_the_preview_finds_columns_encoding_and_separator():
    preview = preview_csv(b"\xef\xbb\xbf" + CSV.encode())
    assert preview.columns == ["Län", "Kön", "År", "Antal"] and preview.delimiter == ";"
    assert preview.encoding == "utf-8-sig" and preview.rows[0] == ["04", "1", "2023", "1 234,5"]


def test_windows_1252_is_refused_with_the_line_named(space):
    content = ("Län;Kön;År;Antal\n04;1;2023;5\n" + "04;2;2023;5\n").encode("cp1252")
    with pytest.raises(ValidationError) as error:
        import_csv(space, content)
    assert "not UTF-8" in messages(error) and "line 1" in messages(error) and "Windows-1252" in messages(error)
    assert not DatasetVersion.objects.exists()


def test_utf16_is_refused(space):
    with pytest.raises(ValidationError, match="UTF-16"):
        import_csv(space, CSV.encode("utf-16"))


@pytest.mark.parametrize(
    ("line", "cell"),
    [
        ("=cmd|' /C calc'!A0;1;2023;5", "A3"),
        ("04;@SUM(1+1);2023;5", "B3"),
        ('04;1;+HYPERLINK("http://x");5', "C3"),
        ("04;1;2023;-2+3+cmd|' /C calc'!A0", "D3"),
    ],
)
def test_formula_injection_is_refused_with_the_cell_named(space, line, cell):
    content = f"Län;Kön;År;Antal\n04;2;2023;5\n{line}\n".encode()
    with pytest.raises(ValidationError) as error:
        import_csv(space, content)
    assert f"Cell {cell} reads as a formula" in messages(error)
    assert not Observation.objects.exists()


def test_negative_numbers_and_codes_like_minus_nine_are_not_formulas(space):
    content = "Län;Ålder;År;Förändring\n04;-9;2023;-12,5\n04;10-19;2023;+3\n".encode()
    version = import_csv(
        space, content, mapping={"Län": "region", "Ålder": "age", "År": "period"}, value_column="Förändring"
    )
    assert sorted(Observation.objects.filter(version=version).values_list("age", "value")) == [
        ("-9", -12.5),
        ("10-19", 3.0),
    ]


def test_a_value_that_is_not_a_number_is_named(space):
    with pytest.raises(ValidationError, match=r"Cell D3 is not a number: tolv"):
        import_csv(space, "Län;Kön;År;Antal\n04;1;2023;5\n04;2;2023;tolv\n".encode())


def test_a_missing_column_or_an_empty_code_is_named(space):
    with pytest.raises(ValidationError, match="no column Kommun"):
        import_csv(space, CSV.encode(), mapping={"Kommun": "region"})
    with pytest.raises(ValidationError, match="Cell B2 is empty"):
        import_csv(space, "Län;Kön;År;Antal\n04;;2023;5\n".encode())


def test_a_million_rows_is_refused_before_anything_is_stored(space, tmp_path):
    path = tmp_path / "big.csv"
    row = b"04;1;2023;5\n"
    path.write_bytes("Län;Kön;År;Antal\n".encode() + row * 1_000_001)
    with pytest.raises(ValidationError) as error:
        import_csv(space, path.read_bytes())
    assert "1 000 001 rows" in messages(error) and "Nothing was stored" in messages(error)
    assert not DatasetVersion.objects.exists() and not Observation.objects.exists()


def xlsx(rows, merge: str = "", formula_at: str = "") -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    if formula_at:
        sheet[formula_at] = "=SUM(D2:D3)"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_excel(space, content: bytes):
    return services.import_excel(
        actor=None,
        dataset=make_dataset(space=space, source="excel"),
        content=content,
        file_name="f.xlsx",
        mapping=MAPPING,
        value_column="Antal",
    )


ROWS = [["Län", "Kön", "År", "Antal"], ["04", 1, 2023, 1234.5], ["04", 2, 2023, 987]]


def test_an_excel_sheet_imports(space):
    version = import_excel(space, xlsx(ROWS))
    assert sorted(Observation.objects.filter(version=version).values_list("sex", "value")) == [
        ("1", 1234.5),
        ("2", 987),
    ]
    assert preview_excel(xlsx(ROWS)).columns == ["Län", "Kön", "År", "Antal"]


def test_merged_header_cells_are_refused_with_the_cells_named(space):
    with pytest.raises(ValidationError, match=r"merged cells \(A1:B1\)"):
        import_excel(space, xlsx(ROWS, merge="A1:B1"))


def test_an_excel_formula_is_not_evaluated_but_refused(space):
    with pytest.raises(ValidationError, match="Cell D3 holds a formula"):
        import_excel(space, xlsx(ROWS, formula_at="D3"))
    assert not Observation.objects.exists()


def test_the_upload_check_limits_size_and_names(settings):
    settings.STATISTICS_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="largest file accepted"):
        check_upload(SimpleUploadedFile("a.csv", CSV.encode()))
    settings.STATISTICS_MAX_UPLOAD_BYTES = 10**6
    checked = check_upload(SimpleUploadedFile("../../etc/<script>data.csv", CSV.encode()))
    assert checked.name == "_script_data.csv" and checked.kind == "csv"
    assert check_upload(SimpleUploadedFile("t.xlsx", xlsx(ROWS))).kind == "excel"
    assert check_upload(SimpleUploadedFile("t.json", b'{"class": "dataset"}')).kind == "jsonstat"
    with pytest.raises(ValidationError, match=r"\.xls"):
        check_upload(SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100))
