"""Who may see a village's or a farmer's private figures."""

from __future__ import annotations

from shops.models import Shop
from villages.selectors import user_operates_village


def village_access(*, user, village_id: int) -> bool:
    """Admins, the village's operator, and farmers living in the village or running a shop there."""
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if user.is_operator:
        return user_operates_village(user=user, village_id=village_id)
    if user.is_farmer:
        return user.home_village_id == village_id or Shop.objects.filter(owner=user, village_id=village_id).exists()
    return False


def farmer_access(*, user, farmer) -> bool:
    """The farmer themself, admins, and the operator of the farmer's home village."""
    if not user.is_authenticated:
        return False
    if user.is_admin or user.pk == farmer.pk:
        return True
    return bool(
        user.is_operator
        and farmer.home_village_id
        and user_operates_village(user=user, village_id=farmer.home_village_id)
    )
