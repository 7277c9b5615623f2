"""The carriers Taocun ships with, their codes and their tracking-number formats.

Codes are the ones the common Chinese tracking aggregators (Kdniao 快递鸟, Kuaidi100's short codes) use, so a
real provider's subscription needs no mapping table. The formats are the numbers the carriers issue today
(public waybill samples); they catch a typo or a number of another carrier, they do not prove a parcel exists.
EMS and China Post international numbers (UPU S10: two letters, eight digits, a check digit, two letters) also
have their check digit verified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import ValidationFailed


@dataclass(frozen=True)
class Carrier:
    code: str
    name_zh: str
    name: object  # lazy translation
    patterns: tuple[str, ...]
    example: str
    aliases: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name_zh

    def matches(self, number: str) -> bool:
        if any(re.fullmatch(pattern, number) for pattern in self.patterns):
            return not _is_s10(number) or s10_check_digit_valid(number)
        return False


S10 = r"[A-Z]{2}\d{9}[A-Z]{2}"

CARRIER_LIST: tuple[Carrier, ...] = (
    Carrier("SF", "顺丰速运", gettext_lazy("SF Express"), (r"SF\d{12,13}",), "SF1234567890123", ("SF Express", "顺丰")),
    Carrier(
        "ZTO",
        "中通快递",
        gettext_lazy("ZTO Express"),
        (r"7[35]\d{12}", r"\d{12}"),
        "75123456789012",
        ("ZTO Express", "中通"),
    ),
    Carrier(
        "YTO", "圆通速递", gettext_lazy("YTO Express"), (r"YT\d{13,15}",), "YT1234567890123", ("YTO Express", "圆通")
    ),
    Carrier(
        "STO",
        "申通快递",
        gettext_lazy("STO Express"),
        (r"77\d{11}", r"\d{12}"),
        "7712345678901",
        ("STO Express", "申通"),
    ),
    Carrier(
        "YD",
        "韵达速递",
        gettext_lazy("Yunda Express"),
        (r"(43|46|31)\d{11}", r"\d{15}"),
        "4312345678901",
        ("Yunda", "Yunda Express", "韵达"),
    ),
    Carrier(
        "JD",
        "京东物流",
        gettext_lazy("JD Logistics"),
        (r"JD[A-Z0-9]{2}\d{11,13}", r"JD\d{13}"),
        "JDVA12345678901",
        ("JD Logistics", "京东"),
    ),
    Carrier("EMS", "EMS", gettext_lazy("EMS"), (S10, r"1\d{12}"), "1123456789012", ("China EMS",)),
    Carrier(
        "YZPY",
        "中国邮政",
        gettext_lazy("China Post"),
        (r"[A-Z]{2}\d{9}CN", r"9\d{12}"),
        "9812345678901",
        ("China Post", "邮政"),
    ),
    Carrier(
        "HTKY",
        "百世快递",
        gettext_lazy("Best Express"),
        (r"(55|70|71|50)\d{10,13}",),
        "557012345678901",
        ("Best Express", "Best", "百世", "百世汇通"),
    ),
)
CARRIERS: dict[str, Carrier] = {carrier.code: carrier for carrier in CARRIER_LIST}
# Names a person (or an older client) may type for a carrier, folded to lower case without spaces.
_ALIASES: dict[str, str] = {
    re.sub(r"\s+", "", alias).lower(): carrier.code
    for carrier in CARRIER_LIST
    for alias in (carrier.code, carrier.name_zh, *carrier.aliases)
}


def _is_s10(number: str) -> bool:
    return re.fullmatch(S10, number) is not None


def s10_check_digit_valid(number: str) -> bool:
    """UPU S10: weights 8 6 4 2 3 5 9 7 over the eight serial digits; 11 - sum mod 11, 10 -> 0, 11 -> 5."""
    digits = number[2:10]
    total = sum(int(d) * w for d, w in zip(digits, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    check = {10: 0, 11: 5}.get(check, check)
    return int(number[10]) == check


def carrier_choices() -> list[tuple[str, str]]:
    """(code, "顺丰速运 SF Express") for forms and the API's documentation."""
    return [(c.code, f"{c.name_zh} · {c.name}" if c.name_zh != str(c.name) else c.name_zh) for c in CARRIER_LIST]


def carrier_resolve(value: str) -> Carrier | None:
    """The carrier a code or a name stands for (SF, 顺丰速运, "SF Express"), or None."""
    code = _ALIASES.get(re.sub(r"\s+", "", value or "").lower())
    return CARRIERS.get(code) if code else None


def tracking_number_normalize(value: str) -> str:
    """What people type or scan: spaces and dashes dropped, letters upper-cased."""
    return re.sub(r"[\s\-]+", "", value or "").upper()


def waybill_check(*, carrier: str, tracking_number: str) -> tuple[Carrier, str]:
    """(carrier, normalised number) if the number has the carrier's format; ValidationFailed with field messages
    otherwise (an unknown carrier, an empty number, a number of another format)."""
    found = carrier_resolve(carrier)
    number = tracking_number_normalize(tracking_number)
    fields: dict[str, list[str]] = {}
    if found is None:
        fields["carrier"] = [_("Choose a carrier from the list.")]
    if not number:
        fields["tracking_number"] = [_("This field is required.")]
    elif found is not None and not found.matches(number):
        fields["tracking_number"] = [
            _("This is not a %(carrier)s tracking number (for example %(example)s).")
            % {"carrier": found.name_zh, "example": found.example}
        ]
    if fields:
        raise ValidationFailed(_("Check the carrier and the tracking number."), code="bad_waybill", fields=fields)
    return found, number
