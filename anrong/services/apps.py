from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "anrong.services"
    label = "services"
    verbose_name = _("Layanan")

    def ready(self) -> None:
        from anrong.core import modules

        from . import seed
        from .actions import escalate_overdue

        modules.register(
            modules.Module(
                slug="services",
                name=_("Layanan"),
                icon="document",
                description=_("Katalog layanan semua OPD: syarat, biaya, lama proses dan cara mengajukan."),
                citizen_url="services:catalogue",
                order=10,
                api_router="anrong.services.api.router",
                search_types=("service",),
                event_types=("service.created", "service.updated", "service.form_published",
                             "application.submitted", "application.status_changed",
                             "application.assigned", "application.escalated",
                             "life_event.filed"),
                webhook_events=("application.submitted", "application.status_changed",
                                "application.assigned", "application.escalated",
                                "service.created", "service.updated", "service.form_published"),
                seeder=seed.seed_catalogue,
                escalate=escalate_overdue,
                seed_after=("core", "agencies", "accounts"),  # demo applications need the demo people
            )
        )
