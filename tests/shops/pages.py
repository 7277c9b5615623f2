"""Reading the catalogue page as a buyer sees it."""

import html
import re

CARD_NAME = re.compile(r'<article class="product-card">.*?<h3>(.*?)</h3>', re.S)


def card_names(response) -> list[str]:
    """The product names on the page's cards, in order: from the HTML, which a cached page also has (the
    context of the drawing only exists when the page was drawn for this request)."""
    assert response.status_code == 200
    return [html.unescape(name) for name in CARD_NAME.findall(response.content.decode())]
