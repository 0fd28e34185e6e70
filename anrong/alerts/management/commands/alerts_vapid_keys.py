"""Print a new VAPID key pair for web push, as the environment variables to set."""

from django.core.management.base import BaseCommand

from anrong.alerts.push import generate_vapid_keys


class Command(BaseCommand):
    help = "Print a new VAPID key pair (ALERTS_VAPID_PRIVATE_KEY, ALERTS_VAPID_PUBLIC_KEY)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        keys = generate_vapid_keys()
        self.stdout.write(f"ALERTS_VAPID_PRIVATE_KEY={keys['private_key']}")
        self.stdout.write(f"ALERTS_VAPID_PUBLIC_KEY={keys['public_key']}")
