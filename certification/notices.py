"""What a certification decision tells: the village's station operator and its confirmed villagers."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from notifications.services import notify
from villages.models import Village

User = get_user_model()


def village_label_notify(*, decision, event: str, **params) -> None:
    village = Village.objects.get(pk=decision.village_id)
    recipients = User.objects.filter(
        Q(operated_stations__village_id=village.pk)
        | Q(home_village_id=village.pk, home_village_confirmed_at__isnull=False),
        is_active=True,
    ).values_list("pk", flat=True)
    notify(
        event=event,
        recipients=list(recipients),
        key=f"decision:{decision.pk}",
        params={"village": village.name_zh or village.name, **params},
        url=reverse("certification:village_detail", args=[village.pk]),
    )
