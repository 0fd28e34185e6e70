"""Personal data held by the emergency alerts (UU 27/2022): a signed-in person's web-push
subscriptions (the areas they chose). Deleting the account deletes them."""

from __future__ import annotations

from typing import Any

from .models import PushSubscription


def personal_data(user: Any) -> dict[str, Any]:
    return {"push_subscriptions": [
        {"created_at": sub.created_at.isoformat(), "whole_city": sub.whole_city,
         "kecamatan": sorted(region.name for region in sub.kecamatan.all())}
        for sub in PushSubscription.objects.filter(user=user).prefetch_related("kecamatan")]}


def anonymise(user: Any) -> list[str]:
    PushSubscription.objects.filter(user=user).delete()
    return []
