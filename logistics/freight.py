"""Freight fees (运费): pure functions over plain values, no database.

A shop's freight template charges by weight (kg) or by piece: a first unit at a price, then each additional
unit (or part of one) at a price, per destination province with a default row for the others; it may ship
free above an order amount or weight, and may not deliver to some provinces. The models (logistics.models)
turn into a `FreightSchedule`; checkout, the cart and weighed re-pricing all call `freight_fee` on one, so the
buyer sees before paying exactly what the order will charge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from core.money import quantize_yuan

BY_WEIGHT = "weight"
BY_PIECE = "piece"
KG_PER_JIN = Decimal("0.5")
WEIGHED_UNITS = {"kg": Decimal("1"), "jin": KG_PER_JIN}
# A product sold by the piece whose seller gave no shipping weight ships as this many kg.
DEFAULT_PIECE_WEIGHT_KG = Decimal("1.000")


class Undeliverable(Exception):
    """The template does not deliver to this province; `products` names the products concerned."""

    def __init__(self, province_id: int, products: tuple[str, ...] = ()):
        super().__init__(province_id, products)
        self.province_id = province_id
        self.products = products


@dataclass(frozen=True)
class FreightRate:
    """One row of a template: `first_unit` (kg or pieces) for `first_price`, then each `extra_unit` (or part of
    one) for `extra_price`."""

    first_unit: Decimal
    first_price: Decimal
    extra_unit: Decimal
    extra_price: Decimal

    def as_dict(self) -> dict:
        return {k: str(getattr(self, k)) for k in ("first_unit", "first_price", "extra_unit", "extra_price")}

    @classmethod
    def from_dict(cls, data: dict) -> FreightRate:
        return cls(**{k: Decimal(str(data[k])) for k in ("first_unit", "first_price", "extra_unit", "extra_price")})


@dataclass(frozen=True)
class FreightSchedule:
    """A template as plain values. `rates` maps a province id to its row; `default` covers the rest."""

    basis: str
    default: FreightRate
    rates: dict[int, FreightRate] = field(default_factory=dict)
    excluded: frozenset[int] = frozenset()
    free_over_amount: Decimal | None = None
    free_over_weight: Decimal | None = None
    template_id: int | None = None
    name: str = ""

    def as_dict(self) -> dict:
        """A snapshot kept on the order: what it was charged by, whatever the template becomes later."""
        return {
            "template_id": self.template_id,
            "name": self.name,
            "basis": self.basis,
            "default": self.default.as_dict(),
            "rates": {str(k): v.as_dict() for k, v in sorted(self.rates.items())},
            "excluded": sorted(self.excluded),
            "free_over_amount": None if self.free_over_amount is None else str(self.free_over_amount),
            "free_over_weight": None if self.free_over_weight is None else str(self.free_over_weight),
        }

    @classmethod
    def from_dict(cls, data: dict) -> FreightSchedule:
        def optional(value):
            return None if value is None else Decimal(str(value))

        return cls(
            basis=data["basis"],
            default=FreightRate.from_dict(data["default"]),
            rates={int(k): FreightRate.from_dict(v) for k, v in data.get("rates", {}).items()},
            excluded=frozenset(int(p) for p in data.get("excluded", [])),
            free_over_amount=optional(data.get("free_over_amount")),
            free_over_weight=optional(data.get("free_over_weight")),
            template_id=data.get("template_id"),
            name=data.get("name", ""),
        )

    def rate_for(self, province_id: int) -> FreightRate:
        if province_id in self.excluded:
            raise Undeliverable(province_id, (self.name,) if self.name else ())
        return self.rates.get(province_id, self.default)


def _units_over(quantity: Decimal, rate: FreightRate) -> int:
    """How many additional units past the first: a part of a unit counts as a whole one (1.2 kg past a 1 kg
    first unit with 1 kg steps is one additional kg, as couriers charge)."""
    extra = quantity - rate.first_unit
    if extra <= 0:
        return 0
    return math.ceil(extra / rate.extra_unit)


def freight_fee(
    schedule: FreightSchedule, *, province_id: int, weight_kg: Decimal, pieces: Decimal, amount: Decimal
) -> Decimal:
    """The fee of one parcel under a template, to the fen (ROUND_HALF_UP). `weight_kg` and `pieces` are the
    parcel's; `amount` is its goods' amount (for the free-shipping threshold). Raises Undeliverable."""
    rate = schedule.rate_for(province_id)
    if schedule.free_over_amount is not None and amount >= schedule.free_over_amount:
        return quantize_yuan(0)
    if schedule.free_over_weight is not None and weight_kg >= schedule.free_over_weight:
        return quantize_yuan(0)
    quantity = weight_kg if schedule.basis == BY_WEIGHT else pieces
    if quantity <= 0:
        return quantize_yuan(0)
    return quantize_yuan(rate.first_price + rate.extra_price * _units_over(quantity, rate))


def line_weight_kg(*, unit: str, quantity: Decimal, piece_weight_kg: Decimal | None) -> Decimal:
    """The shipping weight of a line: produce sold by kg or jin weighs what it says; anything sold by the piece
    (box, bottle, portion...) weighs its product's shipping weight per unit."""
    if unit in WEIGHED_UNITS:
        return quantity * WEIGHED_UNITS[unit]
    return quantity * (piece_weight_kg if piece_weight_kg is not None else DEFAULT_PIECE_WEIGHT_KG)


def line_pieces(*, unit: str, quantity: Decimal) -> Decimal:
    """Pieces of a line for a by-piece template: produce sold by weight is one piece (one bag or box) per line."""
    return Decimal("1") if unit in WEIGHED_UNITS else quantity


# The platform's default template, used by a shop that set none (and copied as its first template when the farmer
# opens the freight page): Chinese couriers' usual e-commerce terms, 8 yuan the first kg and 2 yuan each further kg,
# more to the remote western provinces and Hainan. Keyed by GB/T 2260 province code (ids differ per database).
DEFAULT_RATE = FreightRate(Decimal("1"), Decimal("8.00"), Decimal("1"), Decimal("2.00"))
REMOTE_RATE = FreightRate(Decimal("1"), Decimal("18.00"), Decimal("1"), Decimal("8.00"))
REMOTE_PROVINCE_CODES = ("15", "46", "54", "62", "63", "64", "65")  # Inner Mongolia, Hainan, Tibet, Gansu, ...


def default_schedule(*, province_ids_by_code: dict[str, int]) -> FreightSchedule:
    rates = {province_ids_by_code[code]: REMOTE_RATE for code in REMOTE_PROVINCE_CODES if code in province_ids_by_code}
    return FreightSchedule(basis=BY_WEIGHT, default=DEFAULT_RATE, rates=rates)


@dataclass(frozen=True)
class FreightLine:
    """What freight needs of one order line: its shipping weight and pieces, and its goods amount (unrounded)."""

    product_id: int
    name: str
    unit: str
    quantity: Decimal
    piece_weight_kg: Decimal | None
    unit_price: Decimal
    variant_id: int | None = None  # the option sold (shops.ProductVariant): its own packed weight

    @property
    def weight_kg(self) -> Decimal:
        return line_weight_kg(unit=self.unit, quantity=self.quantity, piece_weight_kg=self.piece_weight_kg)

    @property
    def pieces(self) -> Decimal:
        return line_pieces(unit=self.unit, quantity=self.quantity)


def parcel_freight(
    lines: list[FreightLine], *, schedules: dict[int, FreightSchedule], province_id: int
) -> tuple[Decimal, dict]:
    """The freight of one shop's order and how it was reached: (fee, detail). Lines are grouped by template;
    each group pays its template's fee on its own weight, pieces and amount (one template per shop is the usual
    case: one fee). Raises Undeliverable naming every product that cannot ship to the province."""
    refused = [line.name for line in lines if province_id in schedules[line.product_id].excluded]
    if refused:
        raise Undeliverable(province_id, tuple(refused))
    groups: dict[object, tuple[FreightSchedule, list[FreightLine]]] = {}
    for line in lines:
        schedule = schedules[line.product_id]
        groups.setdefault(schedule.template_id, (schedule, []))[1].append(line)
    total = Decimal("0.00")
    detail_groups = []
    for schedule, group_lines in groups.values():
        weight = sum((line.weight_kg for line in group_lines), Decimal("0"))
        pieces = sum((line.pieces for line in group_lines), Decimal("0"))
        amount = sum((line.unit_price * line.quantity for line in group_lines), Decimal("0"))
        fee = freight_fee(schedule, province_id=province_id, weight_kg=weight, pieces=pieces, amount=amount)
        total += fee
        detail_groups.append(
            {
                "schedule": schedule.as_dict(),
                "lines": [
                    {
                        "product_id": line.product_id,
                        "variant_id": line.variant_id,
                        "name": line.name,
                        "piece_weight_kg": _text(line.piece_weight_kg),
                    }
                    for line in group_lines
                ],
                "weight_kg": str(weight),
                "pieces": str(pieces),
                "amount": str(quantize_yuan(amount)),
                "fee": str(fee),
            }
        )
    return quantize_yuan(total), {"province_id": province_id, "groups": detail_groups, "fee": str(total)}


def parcel_freight_again(detail: dict, lines: list[FreightLine]) -> Decimal:
    """The freight an order would have cost with these lines (weighed quantities), under the templates it was
    charged by at checkout (the detail's snapshot), whatever the shop's templates became since."""
    schedules: dict[int, FreightSchedule] = {}
    for group in detail.get("groups", []):
        schedule = FreightSchedule.from_dict(group["schedule"])
        for line in group["lines"]:
            schedules[int(line["product_id"])] = schedule
    known = [line for line in lines if line.product_id in schedules]
    if not known:
        return quantize_yuan(0)
    fee, _detail = parcel_freight(known, schedules=schedules, province_id=int(detail["province_id"]))
    return fee


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
