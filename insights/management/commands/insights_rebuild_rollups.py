"""Rebuild the insights rollups from the orders (after a bulk load, or to repair them)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from insights.services import insights_rollup_rebuild


class Command(BaseCommand):
    help = "Rebuild the destination and product rollups from the orders (all months, or from --since YYYY-MM)."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="first month to rebuild, YYYY-MM (default: every month)")

    def handle(self, *args, since=None, **options):
        month = None
        if since:
            try:
                month = datetime.datetime.strptime(since, "%Y-%m").date()
            except ValueError:
                raise CommandError("--since must be a month as YYYY-MM") from None
        rows = insights_rollup_rebuild(since=month)
        self.stdout.write(self.style.SUCCESS(f"{rows} rollup rows written."))
