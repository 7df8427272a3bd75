"""Swedish organisation numbers: format, the personal-number guard and the Luhn check digit."""

import pytest
from django.core.exceptions import ValidationError

from samverka.collaboration.actors.validators import luhn_ok, normalise_org_number


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("232100-0164", "232100-0164"),  # Region Sörmland
        ("2321000164", "232100-0164"),
        (" 232100 - 0164 ", "232100-0164"),
        ("16232100-0164", "232100-0164"),  # with the century-like prefix 16
        ("202100-5489", "202100-5489"),  # Arbetsförmedlingen
        ("556036-0793", "556036-0793"),  # a limited company
    ],
)
def test_valid_numbers_are_stored_as_nnnnnn_dash_nnnn(given, stored):
    assert normalise_org_number(given) == stored


def test_region_sormland_passes_the_luhn_check():
    assert luhn_ok("2321000164")
    assert not luhn_ok("2321000165")


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("232100-0165", "org_number_checksum"),  # ten digits, wrong check digit
        ("5560360794", "org_number_checksum"),
        ("811218-9876", "org_number_personal"),  # third digit 1: looks like a personal identity number
        ("800101-0000", "org_number_personal"),
        ("AB2100-0164", "org_number_format"),  # letters
        ("232100-016", "org_number_format"),  # too short
        ("232100-01644", "org_number_format"),  # too long
        ("", "org_number_format"),
    ],
)
def test_invalid_numbers_are_refused_with_a_reason(given, code):
    with pytest.raises(ValidationError) as error:
        normalise_org_number(given)
    assert error.value.code == code
    assert error.value.messages[0]
