"""Who may see a village's or a farmer's private figures."""

from __future__ import annotations

from villages.selectors import user_operates_village


def village_access(*, user, village_id: int) -> bool:
    """Admins, the village's operator, and farmers whose home village it is, once the operator confirmed it (a
    village chosen at sign-up is only a claim)."""
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if user.is_operator:
        return user_operates_village(user=user, village_id=village_id)
    return bool(user.is_farmer and user.home_village_id == village_id and user.home_village_confirmed)


def sees_each_farmer(*, user, kind: str, pk: int) -> bool:
    """May this user read figures that one farmer alone made? Admins, a village's operator for that village, and
    anyone for a farmer's own dashboard (farmer_access decides who reaches it). Everyone else gets the figures
    made by at least INSIGHTS_MIN_FARMERS farmers (stats_k_anonymous)."""
    if kind == "farmer":
        return True
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    return kind == "village" and user.is_operator and user_operates_village(user=user, village_id=pk)


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
