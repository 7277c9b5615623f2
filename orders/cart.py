"""Where the cart lives: in the database for a signed-in user (Cart, CartItem: the same cart on every device and on
the API), in the session for an anonymous visitor, whose cart joins the user's at log-in (quantities added).

The pages read and write the cart only through `cart_read` / `cart_write` ({product id: quantity as text}, the
shape the session always had), so checkout and its summary do not change. `cart_stale_lines` says which lines
changed since they were put in the cart: price moved, not enough stock, product withdrawn.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from core.money import format_yuan
from core.quantity import format_quantity
from orders.models import Cart, CartItem
from shops.models import Product, ProductStatus

CART_SESSION_KEY = "cart"
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
            product_id, quantity = int(key), Decimal(str(value))
        except (ValueError, InvalidOperation):
            continue
        if quantity > 0 and quantity.is_finite():
            lines[product_id] = quantity
    return lines


def cart_read(request) -> dict[str, str]:
    """The visitor's cart as {product id: quantity}: the user's rows when signed in, else the session's."""
    user = request.user
    if user.is_authenticated:
        rows = CartItem.objects.filter(cart__user=user).order_by("pk").values_list("product_id", "quantity")
        cart = {str(product_id): str(quantity) for product_id, quantity in rows}
        _hint(request.session, len(cart))
        return cart
    return dict(request.session.get(CART_SESSION_KEY, {}))


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
    """Make the user's cart hold exactly these lines; a new line or a changed quantity records today's price."""
    cart, _created = Cart.objects.get_or_create(user=user)
    Cart.objects.select_for_update().filter(pk=cart.pk).first()  # one writer per cart at a time
    existing = {item.product_id: item for item in CartItem.objects.filter(cart=cart)}
    prices = dict(Product.objects.filter(pk__in=lines).values_list("pk", "unit_price"))
    CartItem.objects.filter(cart=cart).exclude(product_id__in=list(prices)).delete()
    for product_id, quantity in lines.items():
        if product_id not in prices:
            continue  # a product that no longer exists
        item = existing.get(product_id)
        if item is None:
            CartItem.objects.create(
                cart=cart, product_id=product_id, quantity=quantity, unit_price_seen=prices[product_id]
            )
        elif item.quantity != quantity:
            item.quantity, item.unit_price_seen = quantity, prices[product_id]
            item.save(update_fields=["quantity", "unit_price_seen"])


def cart_merge_at_login(*, user, session) -> int:
    """Add the anonymous session's cart to the user's (same product: quantities added) and empty the session's.
    Returns the number of lines brought over."""
    lines = _clean(session.get(CART_SESSION_KEY, {}))
    if not lines:
        _hint(session, CartItem.objects.filter(cart__user=user).count())
        return 0
    with transaction.atomic():
        current = {
            product_id: quantity
            for product_id, quantity in CartItem.objects.filter(cart__user=user).values_list("product_id", "quantity")
        }
        for product_id, quantity in lines.items():
            current[product_id] = current.get(product_id, Decimal("0")) + quantity
        cart_replace(user=user, lines=current)
    session.pop(CART_SESSION_KEY, None)
    _hint(session, len(current))
    return len(lines)


def cart_stale_lines(*, user, products: dict[int, Product], quantities: dict[int, Decimal]) -> dict[int, list[str]]:
    """What changed in each line since it was put in the cart: {product id: [reasons]} (lines that are fine are
    left out). `products` are the lines' products as the page loaded them (no query per line)."""
    seen = {}
    if user is not None and user.is_authenticated:
        seen = dict(
            CartItem.objects.filter(cart__user=user, product_id__in=list(products)).values_list(
                "product_id", "unit_price_seen"
            )
        )
    stale: dict[int, list[str]] = {}
    for product_id, product in products.items():
        reasons = []
        if product.status != ProductStatus.PUBLISHED:
            reasons.append(_("No longer on sale."))
        elif product.stock < quantities.get(product_id, Decimal("0")):
            reasons.append(_("Only %(stock)s left in stock.") % {"stock": format_quantity(product.stock, product.unit)})
        price = seen.get(product_id)
        if price is not None and price != product.unit_price:
            reasons.append(
                _("The price changed from %(before)s to %(now)s.")
                % {"before": format_yuan(price), "now": format_yuan(product.unit_price)}
            )
        if reasons:
            stale[product_id] = reasons
    return stale
