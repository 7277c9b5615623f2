"""Shared by the journeys: log in through the form, screenshot with a no-sideways-scroll check, and a watch
that fails the test on any console error, uncaught exception or CSP violation."""

from __future__ import annotations

from tests.factories import PASSWORD


def log_in(page, user, next_url: str, *, password: str = PASSWORD) -> None:
    """Log in through the form as `user` (a User or a username) and wait for `next_url`."""
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("input[name=username]", getattr(user, "username", user))
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{next_url}")


def log_out(page) -> None:
    page.context.clear_cookies()


def shot(page, screenshot_dir, name: str, width: int) -> None:
    page.screenshot(path=screenshot_dir / f"{name}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: sideways scroll at {width} px"


class ConsoleWatch:
    """Collects console errors (CSP violations are reported there by Chromium) and page errors."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console ({self.page.url}): {message.text}")

    def assert_clean(self) -> None:
        assert not self.errors, "\n".join(self.errors)


def add_to_cart(page, product, quantity: str) -> None:
    page.goto(f"/shop/products/{product.pk}/")
    page.fill(f"#qty-{product.pk}", quantity)
    page.click("form.add-to-cart button[type=submit]")
    page.wait_for_url("**/orders/cart/")


def assisted_purchase_to_arrival(page, villager) -> None:
    """On the station page: record the villager's request for a rice cooker, mark it ordered, then arrived."""
    page.click("text=Record a villager's request")
    page.select_option("select[name=villager]", str(villager.pk))
    page.fill("input[name=description]", "Electric rice cooker (5 L)")
    page.fill("input[name=link]", "https://example.com/rice-cooker")
    page.fill("input[name=price]", "239")
    page.fill("input[name=deposit]", "50")
    page.click("main details form[method=post] > button[type=submit]")  # "Record", not the product search
    page.wait_for_load_state()
    for step in ("Ordered", "Arrived"):
        page.click(f"button:has-text('{step}')")
        page.wait_for_load_state()


def confirm_delivery(page, order) -> None:
    """The buyer marks a shipped order delivered, then confirms receipt; the order is completed."""
    page.goto(f"/orders/{order.number}/")
    page.click("button:has-text('Mark as delivered')")
    page.wait_for_load_state()
    page.click("button:has-text('Confirm receipt')")
    page.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == "completed"


class WeightWatch:
    """Bytes on the wire (compressed bodies and headers) of each page visit, against the slow-link budget
    (docs/performance.md; tests/e2e/test_page_weight.py measures first loads on emulated slow 3G)."""

    BUDGET = 200 * 1024

    def __init__(self, page):
        self.page = page
        self.requests: list = []
        page.on("requestfinished", lambda request: self.requests.append(request))

    def visit(self, url: str) -> int:
        """Go to `url`, wait until the network is idle (lazy photos included) and return the bytes it moved."""
        self.requests.clear()
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        sizes = [request.sizes() for request in list(self.requests)]
        return sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes)
