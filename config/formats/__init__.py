"""How dates and numbers are written (``FORMAT_MODULE_PATH``), and one Swedish rule Django lacks.

Swedish: "6 december 2026" (months in lower case), a space between groups of thousands ("391 224",
a no-break space so a number never breaks over two lines) and a decimal comma ("12,5"). Django's own
``sv`` formats already say so; ``sv/formats.py`` states them here so that they are ours to keep.

Django groups every number of four digits or more. Swedish writing rules (Svenska skrivregler) group
from five digits: "4000" but "40 000", and a year is never grouped ("2026", not "2 026").
``install_grouping_threshold`` makes Django's number formatting leave numbers below 10 000 ungrouped,
in every language: years, and ids and page numbers written into links and form values by templates,
stay plain. Larger numbers written into HTML attributes or form values must use ``|unlocalize``;
form fields with ``localize=True`` render and read the grouped form ("12 500,5") both ways.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import numberformat

#: Numbers below this are written without a thousands separator.
GROUPING_THRESHOLD = 10_000


def _below_threshold(number: Any) -> bool:
    try:
        return abs(Decimal(str(number))) < GROUPING_THRESHOLD
    except (InvalidOperation, ValueError, ArithmeticError):
        return False


def install_grouping_threshold() -> None:
    """Wrap ``django.utils.numberformat.format`` (idempotent); called by ``CoreConfig.ready``."""
    original = numberformat.format
    if getattr(original, "samverka_threshold", False):
        return

    def format(  # noqa: A001 - the name Django calls
        number: Any,
        decimal_sep: str,
        decimal_pos: int | None = None,
        grouping: Any = 0,
        thousand_sep: str = "",
        force_grouping: bool = False,
        use_l10n: bool | None = None,
    ) -> str:
        if grouping and _below_threshold(number):
            grouping = 0
        return original(number, decimal_sep, decimal_pos, grouping, thousand_sep, force_grouping, use_l10n)

    format.samverka_threshold = True  # type: ignore[attr-defined]
    numberformat.format = format
