from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "anrong.meetings"
    label = "meetings"
    verbose_name = _("Rapat Virtual")

    def ready(self) -> None:
        from anrong.core import modules

        from . import (
            consumers,  # noqa: F401 (connects the lobby's `admitted` listener everywhere)
            privacy,
            seed,
        )

        events = ("meeting.scheduled", "meeting.updated", "meeting.cancelled", "meeting.joined",
                  "meeting.left")
        modules.register(
            modules.Module(
                slug="meetings",
                name=_("Rapat Virtual"),
                icon="video",
                description=_("Rapat di ruang virtual untuk 20 orang: berjalan sebagai avatar, "
                              "berbicara dengan yang di dekat Anda, kehadiran tercatat."),
                staff_url="meetings:home",
                order=60,
                event_types=events,
                webhook_events=events,
                seeder=seed.seed_meetings,
                seed_after=("core", "agencies", "accounts"),
                personal_data=privacy.personal_data,
                anonymise=privacy.anonymise,
                kept_on_deletion=privacy.KEPT,
            )
        )
