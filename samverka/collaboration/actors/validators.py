"""Validation of Swedish organisation numbers (organisationsnummer)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PATTERN = re.compile(r"^(16)?(\d{6})-?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by Swedish personal and organisation numbers."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def normalise_org_number(value: str) -> str:
    """Return the number as NNNNNN-NNNN, or raise ValidationError with a clear message."""
    cleaned = re.sub(r"\s", "", value or "")
    match = _PATTERN.match(cleaned)
    if not match:
        raise ValidationError(
            _("An organisation number has ten digits, written NNNNNN-NNNN (e.g. 232100-0164)."),
            code="org_number_format",
        )
    digits = match.group(2) + match.group(3)
    if int(digits[2]) < 2:
        raise ValidationError(
            _("The third digit of an organisation number is at least 2; this looks like a personal identity number."),
            code="org_number_personal",
        )
    if not luhn_ok(digits):
        raise ValidationError(
            _("The check digit does not match: please check the organisation number for typing errors."),
            code="org_number_checksum",
        )
    return f"{digits[:6]}-{digits[6:]}"


def validate_org_number(value: str) -> None:
    normalise_org_number(value)
