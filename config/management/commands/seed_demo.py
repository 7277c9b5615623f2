"""Load realistic demo data for every app. Idempotent: running it again changes nothing."""

from importlib import import_module

from django.core.management.base import BaseCommand

# Lowest layer first: each module's seed() may rely on what the earlier ones made. The order history
# (insights.demo) comes before what is computed from it: the certification run and the trust scores.
DEMO_MODULES = [
    "villages.demo",
    "shops.demo",
    "logistics.freight_demo",
    "training.demo",
    "orders.demo",
    "insights.demo",
    "certification.demo",
    "credit.demo",
]


class Command(BaseCommand):
    help = "Load demo villages, stations, users for every role and their data (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="no progress bars")

    def handle(self, *args, quiet: bool = False, **options):
        for module_name in DEMO_MODULES:
            import_module(module_name).seed(quiet=quiet)
        from villages.demo import DEMO_PASSWORD

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready. Log in as admin, op_libei, farmer_long or buyer_jiangsu (password: {DEMO_PASSWORD})."
            )
        )
