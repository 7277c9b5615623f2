from django.shortcuts import render

from config.context_processors import navigation
from orders.selectors import buyer_province

# What a buyer comes for first: produce, then the villages it comes from; the other sections follow.
HOME_FIRST = ("shops/", "certification/")


def _home_order(name: str) -> int:
    return next((i for i, prefix in enumerate(HOME_FIRST) if name.startswith(prefix)), len(HOME_FIRST))


def home(request):
    """The front of the shop: the apps' home sections (produce in season and new near the buyer, certified
    villages, training) fill it; the buyer's province picks what is "near"."""
    sections = sorted(navigation(request)["home_sections"], key=_home_order)
    return render(request, "home.html", {"near_province": buyer_province(user=request.user), "home_sections": sections})
