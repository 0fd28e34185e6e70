"""Load Makassar's demo data: every registered module's seeder, dependencies first. Idempotent:
run it twice and nothing is duplicated."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from anrong.core import modules


class Command(BaseCommand):
    help = "Muat data demo Kota Makassar (idempoten). / Load Makassar demo data (idempotent)."

    @transaction.atomic  # all of it or nothing: a failing seeder leaves no half-seeded city
    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        for module in modules.seed_order():
            seeder = module.seeder
            if seeder is None:
                continue
            result = seeder(stdout=self.stdout)
            self.stdout.write(f"{module.slug}: {result}")
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
