"""core.quantity: every quantity a reader meets, written the same way (issue 19: "3E+2 斤", "2E+2 jin")."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.errors import ValidationFailed
from core.quantity import format_number, format_quantity, plain_number, unit_name
from shops import services as shop_services
from tests.factories import ProductFactory


@pytest.mark.parametrize(
    ("value", "unit", "language", "expected"),
    [
        (Decimal("3E+2"), "jin", "zh-hans", "300 斤"),
        (Decimal("2500.000"), "kg", "zh-hans", "2,500 公斤"),
        (Decimal("1.500"), "kg", "fr", "1,5 kg"),
        (Decimal("2500"), "jin", "fr", "2\u202f500 jin"),
        (Decimal("1E+1"), "box", "fr", "10 caisses"),
        (Decimal("1"), "box", "fr", "1 caisse"),
        (Decimal("2"), "piece", "en", "2 pieces"),
        (Decimal("0.5"), "bottle", "en", "0.5 bottles"),
        (Decimal("0.5"), "bottle", "fr", "0,5 bouteille"),  # French: singular below 2
        (Decimal("7"), None, "zh-hans", "7"),
        (Decimal("3"), "bushel", "en", "3 bushel"),  # an unknown code, as it is
    ],
)
def test_quantities_are_written_plainly_with_the_unit_by_name(value, unit, language, expected):
    assert format_quantity(value, unit, language=language) == expected


def test_inputs_get_a_plain_number_and_templates_the_same_writing():
    assert [plain_number(Decimal(v)) for v in ("3E+2", "1.500", "0.000", "-2.50")] == ["300", "1.5", "0", "-2.5"]
    assert plain_number(None) == "" and format_number("abc") == "abc"
    template = Template("{% load quantity %}{{ q|quantity:'jin' }} · {{ q|qty }} · {{ q|plain }} · {{ u|unit_name }}")
    with translation.override("zh-hans"):
        text = template.render(Context({"q": Decimal("2E+3"), "u": "jin"}))
    assert text == "2,000 斤 · 2,000 · 2000 · 斤"
    with translation.override("zh-hans"):
        assert unit_name("jin") == "斤"  # not the form's "斤（500 克）", which made "数量（斤（500 克））"


def test_service_messages_write_round_quantities_plainly(db):
    product = ProductFactory(
        unit="jin", order_step=Decimal("1E+1"), order_minimum=Decimal("2E+1"), stock=Decimal("3E+2")
    )
    with translation.override("zh-hans"):
        with pytest.raises(ValidationFailed) as caught:
            shop_services.quantity_validate(product, "25")
        message = " ".join(caught.value.fields["quantity"])
        assert "E+" not in message and "10 斤" in message and "（例如 20）" in message
        with pytest.raises(ValidationFailed) as caught:
            shop_services.product_stock_adjust(actor=product.shop.owner, product=product, delta=Decimal("-400"))
        assert caught.value.fields["delta"] == ["仅剩 300 斤，不能减少 400 斤。"]


def test_french_plurals_from_two_on_are_translated():
    """compile_translations kept Babel's CLDR rule (three French forms) with two-form parts: 2+ fell back."""
    with translation.override("fr"):
        assert translation.ngettext("%(days)s day late", "%(days)s days late", 3) == "%(days)s jours de retard"
