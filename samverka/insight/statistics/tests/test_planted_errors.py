"""Item 12: errors planted in SCB's real TAB6471 (its JSON-stat answer, and the same table as SCB's CSV
export) are each named with where they are: a row and cell of the file, a cell of the cube, or the
category of a dimension; either in the quality report or in the refusal of the import.

Every plant states the check (or the refusal) that must name it, the place that must be named and
the value. :func:`test_the_planted_error_tally_is_complete` runs them all and prints the tally.
"""

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from samverka.insight.statistics import services
from samverka.insight.statistics.quality_rows import problem_rows
from samverka.insight.statistics.tests.factories import make_dataset
from samverka.insight.statistics.tests.scb import recorded

pytestmark = pytest.mark.django_db

REGIONS = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21"]
REGIONS += ["22", "23", "24", "25"]
AGES = ["0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90-99", "100+10"]
SEXES = ["TotSa", "1", "2"]
MONTHS = ["2026M01", "2026M02", "2026M03", "2026M04"]
SEX_WORDS = {"TotSa": "totalt", "1": "män", "2": "kvinnor"}
HEADER = ["region", "ålder", "kön", "månad", "Folkmängden per månad"]
MAPPING = {"region": "region", "ålder": "age", "kön": "sex", "månad": "period"}


def cell(region: str, age: str, sex: str, month: str) -> int:
    """The position of a cell in the JSON-stat value list (the last dimension varies fastest)."""
    return ((REGIONS.index(region) * 11 + AGES.index(age)) * 3 + SEXES.index(sex)) * 4 + MONTHS.index(month)


def row(region: str, age: str, sex: str, month: str) -> int:
    """The row of a cell in the CSV export (the header is row 1), which lists the cells in the same order."""
    return cell(region, age, sex, month) + 2


def scb_csv(data: dict[str, Any]) -> list[list[str]]:
    """TAB6471 as SCB's web interface exports it: "code name" regions, labels for age and sex, a row per cell."""
    labels = data["dimension"]["Region"]["category"]["label"]
    rows = [list(HEADER)]
    for position, value in enumerate(data["value"]):
        region, rest = divmod(position, 11 * 3 * 4)
        age, rest = divmod(rest, 3 * 4)
        sex, month = divmod(rest, 4)
        code = REGIONS[region]
        rows.append([f"{code} {labels[code]}", f"{AGES[age]} år", SEX_WORDS[SEXES[sex]], MONTHS[month], str(value)])
    return rows


@dataclass
class Plant:
    """An error planted in the real table, and what must name it and where."""

    name: str
    kind: str  # "jsonstat" or "csv"
    plant: Callable[[Any], Any]
    #: The quality check that must report it, or "refused" when the import must be refused naming it.
    check: str
    #: What the report's place (or the refusal) must say, e.g. "row 40" or "cell 36".
    place: str
    #: The value (or text) that must be named with it.
    value: str = ""


def at(position: int, value: Any) -> Callable[[dict[str, Any]], None]:
    def plant(data: dict[str, Any]) -> None:
        data["value"][position] = value

    return plant


def add(position: int, amount: float) -> Callable[[dict[str, Any]], None]:
    def plant(data: dict[str, Any]) -> None:
        data["value"][position] += amount

    return plant


def times(position: int, factor: float) -> Callable[[dict[str, Any]], None]:
    def plant(data: dict[str, Any]) -> None:
        data["value"][position] *= factor

    return plant


def relabel(dimension: str, code: str, label: str) -> Callable[[dict[str, Any]], None]:
    def plant(data: dict[str, Any]) -> None:
        data["dimension"][dimension]["category"]["label"][code] = label

    return plant


def recode(dimension: str, old: str, new: str) -> Callable[[dict[str, Any]], None]:
    def plant(data: dict[str, Any]) -> None:
        category = data["dimension"][dimension]["category"]
        category["index"] = {(new if code == old else code): i for code, i in category["index"].items()}
        category["label"][new] = category["label"].pop(old)

    return plant


def swap_sexes(data: dict[str, Any]) -> None:
    data["dimension"]["Kon"]["category"]["label"].update({"1": "kvinnor", "2": "män"})


def status(position: int, mark: str) -> Callable[[dict[str, Any]], None]:
    def plant(data: dict[str, Any]) -> None:
        data["status"] = {str(position): mark}

    return plant


def twice_in_index(data: dict[str, Any]) -> None:
    index = data["dimension"]["Kon"]["category"]["index"]
    data["dimension"]["Kon"]["category"]["index"] = [*sorted(index, key=index.get)[:2], "1"]


def formula_dimension_label(data: dict[str, Any]) -> None:
    data["dimension"]["Alder"]["label"] = '=HYPERLINK("http://x.example")'


# --- CSV plants (they change the rows of the export) ----------------------------------------------


def csv_cell(number: int, column: int, text: str) -> Callable[[list[list[str]]], None]:
    def plant(rows: list[list[str]]) -> None:
        rows[number - 1][column] = text

    return plant


def csv_times(number: int, factor: float) -> Callable[[list[list[str]]], None]:
    def plant(rows: list[list[str]]) -> None:
        rows[number - 1][4] = str(round(float(rows[number - 1][4]) * factor))

    return plant


def csv_add(number: int, amount: int) -> Callable[[list[list[str]]], None]:
    def plant(rows: list[list[str]]) -> None:
        rows[number - 1][4] = str(int(rows[number - 1][4]) + amount)

    return plant


def extra_field(number: int) -> Callable[[list[list[str]]], None]:
    def plant(rows: list[list[str]]) -> None:
        rows[number - 1].append("71")

    return plant


def short_row(number: int) -> Callable[[list[list[str]]], None]:
    def plant(rows: list[list[str]]) -> None:
        del rows[number - 1][4]

    return plant


def repeat_row(number: int) -> Callable[[list[list[str]]], None]:
    def plant(rows: list[list[str]]) -> None:
        rows.append(list(rows[number - 1]))

    return plant


STOCKHOLM_30 = cell("01", "30-39", "TotSa", "2026M01")  # 390,924 people: SCB's largest total here
LAST_ROW = len(REGIONS) * 11 * 3 * 4 + 1
PLANTS = [
    # JSON-stat: the report names the cell of the cube or the category
    Plant("unknown region code", "jsonstat", recode("Region", "25", "26"), "unknown_codes", "category 21 of 21", "26"),
    Plant(
        "impossible month",
        "jsonstat",
        recode("Tid", "2026M04", "2026M13"),
        "unknown_codes",
        "category 4 of 4",
        "2026M13",
    ),
    Plant(
        "total off by 1000",
        "jsonstat",
        add(cell("04", "30-39", "TotSa", "2026M02"), 1000),
        "totals",
        f"cell {cell('04', '30-39', 'TotSa', '2026M02')}",
    ),
    Plant("total off by 300 in 391,224", "jsonstat", add(STOCKHOLM_30, 300), "totals", f"cell {STOCKHOLM_30}", "391"),
    Plant(
        "part off by 400",
        "jsonstat",
        add(cell("12", "40-49", "2", "2026M03"), 400),
        "totals",
        f"cell {cell('12', '40-49', 'TotSa', '2026M03')}",
    ),
    Plant(
        "missing value",
        "jsonstat",
        at(cell("01", "90-99", "1", "2026M03"), None),
        "missing",
        f"cell {cell('01', '90-99', '1', '2026M03')}",
    ),
    Plant(
        "status mark",
        "jsonstat",
        status(cell("03", "100+10", "2", "2026M04"), ".."),
        "suppressed",
        f"cell {cell('03', '100+10', '2', '2026M04')}",
        "..",
    ),
    Plant(
        "tripled value",
        "jsonstat",
        times(cell("12", "20-29", "1", "2026M03"), 3),
        "jumps",
        f"cell {cell('12', '20-29', '1', '2026M03')}",
    ),
    Plant(
        "negative count",
        "jsonstat",
        at(cell("05", "50-59", "2", "2026M01"), -412),
        "negative",
        f"cell {cell('05', '50-59', '2', '2026M01')}",
        "-412",
    ),
    Plant(
        "region label contradicting its code",
        "jsonstat",
        relabel("Region", "04", "Stockholms län"),
        "labels",
        "category 3 of 21",
        "Stockholms län",
    ),
    Plant(
        "formula as a category label",
        "jsonstat",
        relabel("Alder", "30-39", '=HYPERLINK("http://x.example")'),
        "labels",
        "category 4 of 11",
        "=HYPERLINK",
    ),
    Plant(
        "formula as a dimension label", "jsonstat", formula_dimension_label, "labels", "dimension Alder", "=HYPERLINK"
    ),
    Plant("sex labels swapped", "jsonstat", swap_sexes, "labels", "category 2 of 3", "1 kvinnor"),
    Plant(
        "value written as text",
        "jsonstat",
        at(5, "245 284"),
        "refused",
        "cell 5 (Region 01, Alder 0-9, Kon 1",
        "245 284",
    ),
    Plant("value true", "jsonstat", at(7, True), "refused", "cell 7 (Region 01, Alder 0-9, Kon 1", "true"),
    Plant("value not finite", "jsonstat", at(9, float("nan")), "refused", "cell 9 (Region 01, Alder 0-9, Kon 2", "nan"),
    Plant("category listed twice", "jsonstat", twice_in_index, "refused", "category 1 twice (positions 1, 2)", "Kon"),
    Plant(
        "status too long",
        "jsonstat",
        status(3, "suppressed-by-scb"),
        "refused",
        "status of cell 3",
        "suppressed-by-scb",
    ),
    # CSV: the report or the refusal names the row and the cell of the file
    Plant(
        "extra field in a row",
        "csv",
        extra_field(row("04", "20-29", "1", "2026M01")),
        "structure",
        f"row {row('04', '20-29', '1', '2026M01')}",
        "71",
    ),
    Plant(
        "missing field in a row",
        "csv",
        short_row(row("06", "10-19", "2", "2026M02")),
        "structure",
        f"row {row('06', '10-19', '2', '2026M02')}",
    ),
    Plant(
        "duplicated row",
        "csv",
        repeat_row(row("07", "60-69", "1", "2026M03")),
        "duplicates",
        f"rows {row('07', '60-69', '1', '2026M03')}, {LAST_ROW + 1}",
    ),
    Plant(
        "negative count",
        "csv",
        csv_cell(row("08", "70-79", "2", "2026M04"), 4, "-17"),
        "negative",
        f"row {row('08', '70-79', '2', '2026M04')}",
        "-17",
    ),
    Plant(
        "total off by 300",
        "csv",
        csv_add(row("01", "30-39", "TotSa", "2026M01"), 300),
        "totals",
        f"row {row('01', '30-39', 'TotSa', '2026M01')}",
    ),
    Plant(
        "missing value",
        "csv",
        csv_cell(row("09", "80-89", "1", "2026M01"), 4, ""),
        "missing",
        f"row {row('09', '80-89', '1', '2026M01')}",
    ),
    Plant(
        "status mark",
        "csv",
        csv_cell(row("10", "90-99", "2", "2026M02"), 4, ".."),
        "suppressed",
        f"row {row('10', '90-99', '2', '2026M02')}",
        "..",
    ),
    Plant(
        "tripled value",
        "csv",
        csv_times(row("13", "20-29", "2", "2026M02"), 3),
        "jumps",
        f"row {row('13', '20-29', '2', '2026M02')}",
    ),
    Plant(
        "region name contradicting its code",
        "csv",
        csv_cell(row("14", "40-49", "1", "2026M01"), 0, "14 Stockholms län"),
        "labels",
        f"row {row('14', '40-49', '1', '2026M01')}",
        "14 Stockholms län",
    ),
    Plant(
        "unknown county",
        "csv",
        csv_cell(row("17", "0-9", "1", "2026M01"), 0, "26 Okänt län"),
        "refused",
        f"row {row('17', '0-9', '1', '2026M01')}",
        "26 Okänt län",
    ),
    Plant(
        "misspelt county",
        "csv",
        csv_cell(row("18", "0-9", "2", "2026M01"), 0, "Örebro lään"),
        "refused",
        f"row {row('18', '0-9', '2', '2026M01')}",
        "Did you mean 18 Örebro län",
    ),
    Plant(
        "value not a number",
        "csv",
        csv_cell(row("19", "0-9", "1", "2026M02"), 4, "12 34x"),
        "refused",
        f"Cell E{row('19', '0-9', '1', '2026M02')}",
        "12 34x",
    ),
    Plant(
        "formula in a code",
        "csv",
        csv_cell(row("20", "0-9", "1", "2026M02"), 1, "=1+1"),
        "refused",
        f"Cell B{row('20', '0-9', '1', '2026M02')}",
        "=1+1",
    ),
    Plant(
        "formula as the value",
        "csv",
        csv_cell(row("21", "0-9", "1", "2026M02"), 4, "=SUM(E2:E9)"),
        "refused",
        f"Cell E{row('21', '0-9', '1', '2026M02')}",
        "=SUM",
    ),
    Plant(
        "empty code",
        "csv",
        csv_cell(row("22", "0-9", "1", "2026M02"), 2, ""),
        "refused",
        f"Cell C{row('22', '0-9', '1', '2026M02')}",
        "empty",
    ),
    Plant(
        "impossible month",
        "csv",
        csv_cell(row("23", "0-9", "1", "2026M02"), 3, "2026M14"),
        "unknown_codes",
        f"row {row('23', '0-9', '1', '2026M02')}",
        "2026M14",
    ),
    Plant("Windows-1252 encoding", "csv", lambda rows: "cp1252", "refused", "line 1", "Windows-1252"),  # "ålder"
]


@dataclass
class Outcome:
    plant: Plant
    #: the import was refused (its message) or the report's problem rows
    refusal: str = ""
    problems: list[dict[str, Any]] | None = None

    @property
    def signalled(self) -> bool:
        return bool(self.refusal) or any(self._of_check())

    def _of_check(self) -> list[dict[str, Any]]:
        return [p for p in self.problems or [] if p["check"] == self.plant.check]

    @property
    def named_with_place(self) -> bool:
        """The right check (or a refusal) names the planted place and value."""
        value = self.plant.value.lower()
        if self.plant.check == "refused":
            text = self.refusal.lower()
            return self.plant.place.lower() in text and value in text
        return any(
            self.plant.place in f"{p['place']} {p['cells']}" and value in f"{p['value']} {p['column']}".lower()
            for p in self._of_check()
        )

    def describe(self) -> str:
        if self.refusal:
            return f"refused: {self.refusal[:300]}"
        return (
            "; ".join(f"{p['check']} @ {p['place']} [{p['value']}] {p['problem']}" for p in self.problems or [])
            or "nothing"
        )


def run(space: Any, plant: Plant) -> Outcome:
    data = copy.deepcopy(recorded("TAB6471_data.jsonstat2.json"))
    try:
        if plant.kind == "jsonstat":
            plant.plant(data)
            dataset = make_dataset(space=space)
            version = services.import_jsonstat(actor=None, dataset=dataset, content=data)
        else:
            rows = scb_csv(data)
            encoding = plant.plant(rows) or "utf-8"
            text = "\n".join(";".join(r) for r in rows) + "\n"
            version = services.import_csv(
                actor=None,
                dataset=make_dataset(space=space, source="csv"),
                content=text.encode(encoding),
                file_name="TAB6471.csv",
                mapping=MAPPING,
                value_column="Folkmängden per månad",
            )
    except ValidationError as error:
        return Outcome(plant, refusal=" ".join(error.messages))
    return Outcome(plant, problems=problem_rows(version.quality, list(version.dimensions.all())))


#: Outcomes of the tests above, read by the tally at the end (which runs what is missing itself).
OUTCOMES: dict[str, Outcome] = {}


def key(plant: Plant) -> str:
    return f"{plant.kind}: {plant.name}"


def test_the_real_table_raises_no_alarm_in_either_form(space):
    clean = Plant("nothing", "csv", lambda rows: None, "", "")
    outcome = run(space, clean)
    assert outcome.refusal == "" and outcome.problems == [], outcome.describe()
    clean.kind = "jsonstat"
    outcome = run(space, clean)
    assert outcome.refusal == "" and outcome.problems == [], outcome.describe()


@pytest.mark.parametrize("plant", PLANTS, ids=key)
def test_each_planted_error_is_named_where_it_is(space, plant):
    outcome = run(space, plant)
    OUTCOMES[key(plant)] = outcome
    assert outcome.named_with_place, outcome.describe()


def test_the_planted_error_tally_is_complete(space, capsys):
    outcomes = [OUTCOMES.get(key(plant)) or run(space, plant) for plant in PLANTS]
    signalled = sum(o.signalled for o in outcomes)
    named = sum(o.named_with_place for o in outcomes)
    with capsys.disabled():
        print(f"\nplanted errors: {len(PLANTS)}, signalled: {signalled}, named with their place: {named}")
    missed = [f"{key(o.plant)} -> {o.describe()}" for o in outcomes if not o.named_with_place]
    assert named == signalled == len(PLANTS), "\n".join(missed)
    assert json.dumps([o.plant.name for o in outcomes])  # every plant ran
