"""Rewrite every payout account number under the current PAYOUT_ACCOUNT_KEY (after a key change, with the old key in
PAYOUT_ACCOUNT_OLD_KEYS until this has run)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from orders.models import PayoutAccount


class Command(BaseCommand):
    help = "Encrypt every payout account number again under the current PAYOUT_ACCOUNT_KEY."

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for account in PayoutAccount.objects.select_for_update().order_by("pk").iterator(chunk_size=500):
                account.save(update_fields=["number"])  # read with any configured key, written with the current one
                count += 1
        self.stdout.write(f"{count} payout account numbers encrypted under the current key.")
