"""Where the cart lives: in the database for a signed-in user (Cart, CartItem: the same cart on every device and on
the API), in the session for an anonymous visitor, whose cart joins the user's at log-in (quantities added).

The pages read and write the cart only through `cart_read` / `cart_write` ({option id: quantity as text}: a line
is one option of a product, shops.ProductVariant), so checkout and its summary do not change. `cart_stale_lines`
says which lines changed since they were put in the cart: price moved, not enough stock, option or product
withdrawn.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from core.money import format_yuan
from core.quantity import format_quantity
from orders.models import Cart, CartItem
from shops.models import ProductStatus, ProductVariant

# {option id: quantity}. Before options (issue 18) the session cart was {product id: quantity} under "cart":
# such a cart is read once as the products' only options (cart_read) and moved here.
CART_SESSION_KEY = "cart_options"
LEGACY_CART_SESSION_KEY = "cart"
# A signed-in user's cart is in the database; the menu's count reads this hint from the session instead of
# querying on every page. Refreshed whenever the pages read or write the cart, and at log-in.
CART_LINES_HINT = "cart_lines"


def _hint(session, lines: int) -> None:
    if session.get(CART_LINES_HINT) != lines:
        session[CART_LINES_HINT] = lines


def _clean(cart: dict) -> dict[int, Decimal]:
    lines = {}
    for key, value in (cart or {}).items():
        try:
            variant_id, quantity = int(key), Decimal(str(value))
        except (ValueError, InvalidOperation):
            continue
        if quantity > 0 and quantity.is_finite():
            lines[variant_id] = quantity
    return lines


def _session_lines(session) -> dict[int, Decimal]:
    """The session's cart; a cart kept before options ({product id: quantity}) becomes one of the products'
    first options on sale (every product had exactly one), once."""
    lines = _clean(session.get(CART_SESSION_KEY, {}))
    legacy = _clean(session.pop(LEGACY_CART_SESSION_KEY, None) or {})
    if legacy:
        options = (
            ProductVariant.objects.filter(product_id__in=list(legacy), is_active=True)
            .order_by("product_id", "position", "pk")
            .values_list("product_id", "pk")
        )
        first = {}
        for product_id, variant_id in options:
            first.setdefault(product_id, variant_id)
        for product_id, quantity in legacy.items():
            if product_id in first:
                lines[first[product_id]] = lines.get(first[product_id], Decimal("0")) + quantity
        session[CART_SESSION_KEY] = {str(k): str(v) for k, v in lines.items()}
    return lines


def cart_read(request) -> dict[str, str]:
    """The visitor's cart as {option id: quantity}: the user's rows when signed in, else the session's."""
    user = request.user
    if user.is_authenticated:
        rows = CartItem.objects.filter(cart__user=user).order_by("pk").values_list("variant_id", "quantity")
        cart = {str(variant_id): str(quantity) for variant_id, quantity in rows}
        _hint(request.session, len(cart))
        return cart
    return {str(k): str(v) for k, v in _session_lines(request.session).items()}


def cart_write(request, cart: dict[str, str]) -> None:
    """Store the whole cart (as cart_read gave it, changed): rows for a signed-in user, else the session."""
    user = request.user
    if user.is_authenticated:
        lines = _clean(cart)
        cart_replace(user=user, lines=lines)
        _hint(request.session, len(lines))
    else:
        request.session[CART_SESSION_KEY] = {str(k): str(v) for k, v in _clean(cart).items()}


@transaction.atomic
def cart_replace(*, user, lines: dict[int, Decimal]) -> None:
    """Make the user's cart hold exactly these {option id: quantity} lines; a new line or a changed quantity
    records today's price."""
    cart, _created = Cart.objects.get_or_create(user=user)
    Cart.objects.select_for_update().filter(pk=cart.pk).first()  # one writer per cart at a time
    existing = {item.variant_id: item for item in CartItem.objects.filter(cart=cart)}
    options = {
        pk: (product_id, price)
        for pk, product_id, price in ProductVariant.objects.filter(pk__in=lines).values_list(
            "pk", "product_id", "unit_price"
        )
    }
    CartItem.objects.filter(cart=cart).exclude(variant_id__in=list(options)).delete()
    for variant_id, quantity in lines.items():
        if variant_id not in options:
            continue  # an option that no longer exists
        product_id, price = options[variant_id]
        item = existing.get(variant_id)
        if item is None:
            CartItem.objects.create(
                cart=cart, product_id=product_id, variant_id=variant_id, quantity=quantity, unit_price_seen=price
            )
        elif item.quantity != quantity:
            item.quantity, item.unit_price_seen = quantity, price
            item.save(update_fields=["quantity", "unit_price_seen"])


def cart_merge_at_login(*, user, session) -> int:
    """Add the anonymous session's cart to the user's (same option: quantities added) and empty the session's.
    Returns the number of lines brought over."""
    lines = _session_lines(session)
    if not lines:
        _hint(session, CartItem.objects.filter(cart__user=user).count())
        return 0
    with transaction.atomic():
        current = {
            variant_id: quantity
            for variant_id, quantity in CartItem.objects.filter(cart__user=user).values_list("variant_id", "quantity")
        }
        for variant_id, quantity in lines.items():
            current[variant_id] = current.get(variant_id, Decimal("0")) + quantity
        cart_replace(user=user, lines=current)
    session.pop(CART_SESSION_KEY, None)
    _hint(session, len(current))
    return len(lines)


def cart_stale_lines(
    *, user, variants: dict[int, ProductVariant], quantities: dict[int, Decimal]
) -> dict[int, list[str]]:
    """What changed in each line since it was put in the cart: {option id: [reasons]} (lines that are fine are
    left out). `variants` are the lines' options with their products, as the page loaded them (no query per
    line)."""
    seen = {}
    if user is not None and user.is_authenticated:
        seen = dict(
            CartItem.objects.filter(cart__user=user, variant_id__in=list(variants)).values_list(
                "variant_id", "unit_price_seen"
            )
        )
    stale: dict[int, list[str]] = {}
    for variant_id, variant in variants.items():
        reasons = []
        product = variant.product
        if product.status != ProductStatus.PUBLISHED or not variant.is_active:
            reasons.append(_("No longer on sale."))
        elif variant.stock < quantities.get(variant_id, Decimal("0")):
            reasons.append(_("Only %(stock)s left in stock.") % {"stock": format_quantity(variant.stock, product.unit)})
        price = seen.get(variant_id)
        if price is not None and price != variant.unit_price:
            reasons.append(
                _("The price changed from %(before)s to %(now)s.")
                % {"before": format_yuan(price), "now": format_yuan(variant.unit_price)}
            )
        if reasons:
            stale[variant_id] = reasons
    return stale
