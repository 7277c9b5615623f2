"""`manage.py station_cash_reconcile [--day YYYY-MM-DD]`: total one day's station cash per station against the
ledger; exit 1 when a station's recorded cash and posted cash differ. The beat task runs it every night."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from credit import repayments, services


class Command(BaseCommand):
    help = "Reconcile the cash received at each station on a day (yesterday by default) against the ledger."

    def add_arguments(self, parser):
        parser.add_argument("--day", type=datetime.date.fromisoformat, help="YYYY-MM-DD (default: yesterday)")

    def handle(self, *args, day=None, **options):
        day = day or services.today_local() - datetime.timedelta(days=1)
        days = repayments.station_cash_reconcile(day=day)
        mismatched = 0
        for cash_day in days:
            flag = "ok" if cash_day.matches else "MISMATCH"
            mismatched += not cash_day.matches
            self.stdout.write(
                f"{day} station {cash_day.station_id}: {cash_day.receipts} entries, recorded {cash_day.recorded}, "
                f"posted {cash_day.posted} {flag}"
            )
        if mismatched:
            raise CommandError(f"{mismatched} station(s) do not reconcile on {day}")
        self.stdout.write(self.style.SUCCESS(f"Station cash of {day} reconciles at {len(days)} station(s)."))
