"""Demo alerts for `make run` (DEBUG only, like the demo accounts): a flood warning for two
kecamatan and a city-wide extreme-weather watch, issued through the real action by the demo
Diskominfo operator, so the banner, the CAP feed and the console are not empty."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def seed_alerts(**_: object) -> str:
    from anrong.accounts.demo import demo_accounts_allowed
    from anrong.accounts.models import PlatformRole, User

    from . import actions
    from .models import Alert

    if not demo_accounts_allowed():
        return "demo alerts skipped (DEBUG is off)"
    if Alert.objects.exists():
        return "demo alerts already there"
    operator = User.objects.filter(platform_roles__role=PlatformRole.Role.OPERATOR,
                                   is_active=True).order_by("pk").first()
    if operator is None:
        return "demo alerts skipped (no operator account)"
    now = timezone.now()
    actions.issue_alert(
        actor=operator, status=Alert.Status.EXERCISE, event=Alert.Event.BANJIR,
        urgency=Alert.Urgency.EXPECTED, severity=Alert.Severity.SEVERE,
        certainty=Alert.Certainty.LIKELY,
        headline="Latihan: waspada banjir di Tamalate dan Manggala",
        description="Hujan lebat sejak sore. Air Sungai Jeneberang dan kanal diperkirakan naik "
                    "malam ini. Ini pesan latihan kesiapsiagaan.",
        instruction="Pindahkan barang berharga ke tempat tinggi, siapkan tas siaga, ikuti arahan "
                    "petugas kelurahan. Darurat: 112.",
        kecamatan_codes=["73.71.10", "73.71.12"], expires=now + dt.timedelta(hours=12),
        headline_en="Exercise: flood watch for Tamalate and Manggala",
        description_en="Heavy rain since the afternoon; rivers and canals are expected to rise "
                       "tonight. This is an exercise message.")
    actions.issue_alert(
        actor=operator, status=Alert.Status.EXERCISE, event=Alert.Event.CUACA_EKSTREM,
        urgency=Alert.Urgency.FUTURE, severity=Alert.Severity.MODERATE,
        certainty=Alert.Certainty.POSSIBLE,
        headline="Latihan: angin kencang di pesisir Makassar",
        description="Angin kencang dan gelombang tinggi mungkin terjadi di pesisir kota besok. "
                    "Ini pesan latihan kesiapsiagaan.",
        instruction="Nelayan menunda melaut; amankan papan reklame dan atap yang longgar.",
        city_wide=True, expires=now + dt.timedelta(hours=24))
    return "2 demo alerts (exercise)"
