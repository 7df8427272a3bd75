"""Loading the classification CSV files in ``classifications/data`` (see data/SOURCES.md).

Every code is read as a string: leading zeros matter ("0110", "010").
"""

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

#: scheme -> (file name, name column)
FILES: dict[str, tuple[str, str]] = {
    "ssyk2012": ("ssyk2012.csv", "name_sv"),
    "sun2020_level": ("sun2020_niva.csv", "name"),
    "sun2020_field": ("sun2020_inriktning.csv", "name"),
    "sun2000_level": ("sun2000_niva.csv", "name"),
    "sun2000_field": ("sun2000_inriktning.csv", "name"),
    "sni2007": ("sni2007.csv", "name"),
}

OLD_LEVEL_FILES = {"2020": "sun2020_niva_old_1digit.csv", "2000": "sun2000_niva_old_1digit.csv"}


def read_items(scheme: str) -> list[dict[str, Any]]:
    """The rows of one scheme's file as dicts (level, code, name, parent_code, position)."""
    file_name, name_column = FILES[scheme]
    with open(DATA / file_name, encoding="utf-8", newline="") as fh:
        return [
            {
                "level": int(row["level"]),
                "code": row["code"].strip(),
                "name": row[name_column].strip(),
                "parent_code": row["parent_code"].strip(),
                "position": position,
            }
            for position, row in enumerate(csv.DictReader(fh))
        ]


def expand_level_range(spec: str, two_digit_codes: list[str]) -> list[str]:
    """``"41-52"`` -> the existing two-digit codes from 41 to 52 (``["41", "52"]``); ``"33"`` -> ``["33"]``."""
    low, _sep, high = spec.strip().partition("-")
    high = high or low
    return [code for code in two_digit_codes if int(low) <= int(code) <= int(high)]


def read_old_levels(version: str) -> list[dict[str, Any]]:
    """SCB's old 7-step levels of a SUN version with the two-digit level codes each covers."""
    two_digit = [row["code"] for row in read_items(f"sun{version}_level") if row["level"] == 2]
    with open(DATA / OLD_LEVEL_FILES[version], encoding="utf-8", newline="") as fh:
        return [
            {
                "code": row["old_level_code"].strip(),
                "name": row["old_level_name"].strip(),
                "level_codes": expand_level_range(row["corresponding_niva_2digit_codes"], two_digit),
            }
            for row in csv.DictReader(fh)
        ]


def load_classifications(item_model: Any, old_level_model: Any) -> None:
    """Insert every item and old SUN level (used by the data migration and by tests after a flush)."""
    for scheme in FILES:
        item_model.objects.bulk_create(
            [item_model(scheme=scheme, **row) for row in read_items(scheme)], batch_size=1000
        )
    for version in OLD_LEVEL_FILES:
        old_level_model.objects.bulk_create(
            [old_level_model(version=version, **row) for row in read_old_levels(version)]
        )
