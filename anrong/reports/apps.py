from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "anrong.reports"
    label = "reports"
    verbose_name = _("Lapor")

    def ready(self) -> None:
        from anrong.core import modules

        from . import privacy, seed
        from .actions import escalate_overdue

        events = ("complaint.created", "complaint.status_changed", "complaint.responded",
                  "complaint.reassigned", "complaint.merged", "complaint.escalated",
                  "complaint.confirmed", "complaint.reopened")
        modules.register(
            modules.Module(
                slug="reports",
                name=_("Lapor"),
                icon="megaphone",
                description=_("Laporkan jalan rusak, lampu mati, sampah atau banjir; OPD yang "
                              "tepat menanggapi paling lambat 2×24 jam."),
                citizen_url="reports:home",
                staff_url="reports_console:overview",
                order=20,
                api_router="anrong.reports.api.router",
                event_types=(*events, "complaint.noted"),
                webhook_events=events,
                seeder=seed.seed_reports,
                seed_after=("core", "agencies", "accounts"),
                escalate=escalate_overdue,
                personal_data=privacy.personal_data,
                anonymise=privacy.anonymise,
                kept_on_deletion=privacy.KEPT,
            )
        )
