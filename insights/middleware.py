"""Counts product page views for the "most viewed" and "stock-outs" figures.

The product page belongs to the shops app, which must not import insights: this middleware watches
responses instead. It costs one upsert per successful product page GET, and never breaks the page.
"""

from __future__ import annotations

import logging

from insights.services import product_view_record

logger = logging.getLogger(__name__)

PRODUCT_VIEW_NAME = "shops:product_detail"


class ProductViewMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "GET"
            and response.status_code == 200
            and match is not None
            and match.view_name == PRODUCT_VIEW_NAME
        ):
            try:
                product_view_record(product_id=int(match.kwargs["pk"]))
            except Exception:  # a counter must never cost the buyer the page
                logger.warning("product view not counted", exc_info=True)
        return response
