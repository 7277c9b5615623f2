from django.core.management.base import BaseCommand, CommandError

from orders.services import orders_audit


class Command(BaseCommand):
    help = (
        "Check money conservation for every order (paid = shop credit + commission + refunds) and the monthly "
        "rollups against the orders. Exits 1 on any mismatch."
    )

    def handle(self, *args, **options):
        problems = orders_audit()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} order(s) do not balance", returncode=1)
        self.stdout.write(self.style.SUCCESS("Every order balances."))
