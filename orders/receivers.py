"""Signal receivers: adapters that call a service. At log-in, the anonymous visitor's session cart joins the
user's cart (accounts, which logs people in, may not import orders)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from orders.cart import cart_merge_at_login


@receiver(user_logged_in, dispatch_uid="orders-cart-merge-at-login")
def cart_merge(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        cart_merge_at_login(user=user, session=session)
