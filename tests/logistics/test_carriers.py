"""The carrier list and the tracking-number checks."""

import pytest

from core.errors import ValidationFailed
from logistics.carriers import CARRIER_LIST, carrier_resolve, s10_check_digit_valid, waybill_check


def test_nine_carriers_each_accept_their_example_and_refuse_a_typo():
    assert {c.code for c in CARRIER_LIST} == {"SF", "ZTO", "YTO", "STO", "YD", "JD", "EMS", "YZPY", "HTKY"}
    for carrier in CARRIER_LIST:
        assert waybill_check(carrier=carrier.code, tracking_number=carrier.example) == (carrier, carrier.example)
        with pytest.raises(ValidationFailed) as error:
            waybill_check(carrier=carrier.code, tracking_number=carrier.example[:-4])
        assert "tracking_number" in error.value.fields


@pytest.mark.parametrize(
    ("carrier", "number", "code"),
    [
        ("顺丰速运", "sf 1234-5678-90123", "SF"),
        ("SF Express", "SF123456789012", "SF"),
        ("中通", "75123456789012", "ZTO"),
        ("yunda", "4312345678901", "YD"),
        ("China Post", "9812345678901", "YZPY"),
        ("EMS", "EA123456785CN", "EMS"),
    ],
)
def test_names_and_scanned_numbers_are_normalised(carrier, number, code):
    found, normalised = waybill_check(carrier=carrier, tracking_number=number)
    assert found.code == code and " " not in normalised and "-" not in normalised


def test_an_s10_number_needs_its_check_digit():
    assert s10_check_digit_valid("EA123456785CN")
    with pytest.raises(ValidationFailed):
        waybill_check(carrier="EMS", tracking_number="EA123456784CN")


def test_unknown_carrier_and_a_number_of_another_carrier_are_refused():
    with pytest.raises(ValidationFailed) as error:
        waybill_check(carrier="Pigeon post", tracking_number="")
    assert set(error.value.fields) == {"carrier", "tracking_number"}
    with pytest.raises(ValidationFailed):
        waybill_check(carrier="SF", tracking_number="YT1234567890123")
    assert carrier_resolve("nope") is None
