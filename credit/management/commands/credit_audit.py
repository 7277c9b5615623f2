"""`manage.py credit_audit`: check the whole loan book against its ledger; exit 1 on any mismatch."""

from django.core.management.base import BaseCommand, CommandError

from credit.selectors import ledger_audit

CHECKS = {
    "unbalanced": "ledger transactions that do not balance (id, loan, kind, sum)",
    "misfiled": "entries filed under another loan than their transaction's (id, loan)",
    "loan_mismatch": "loans whose balances differ from their entries (loan, principal, ledger, interest, ledger)",
    "repayment_mismatch": "repayments whose cash entry differs from the amount (id, loan, amount, cash)",
    "book_total": "the whole book does not sum to zero (total)",
    "schedule_principal": "loans whose instalments' principal does not sum to the loan (loan, principal, scheduled)",
    "schedule_paid": "loans whose instalments' payments differ from the ledger (loan, principal paid, ledger, "
    "interest paid, ledger)",
    "allocation_mismatch": "repayments whose instalment shares differ from their parts (id, loan, interest, "
    "shared, principal, shared)",
}


class Command(BaseCommand):
    help = "Check that every ledger transaction balances and every loan's balance equals its entries."

    def add_arguments(self, parser):
        parser.add_argument("--show", type=int, default=20, help="how many examples to print per problem")

    def handle(self, *args, show: int = 20, **options):
        problems = ledger_audit()
        failed = False
        for name, rows in problems.items():
            if not rows:
                self.stdout.write(f"ok    {name}")
                continue
            failed = True
            self.stdout.write(self.style.ERROR(f"FAIL  {name}: {len(rows)} {CHECKS[name]}"))
            for row in rows[:show]:
                self.stdout.write(f"      {row}")
        if failed:
            raise CommandError("the credit ledger does not match: see above")
        self.stdout.write(self.style.SUCCESS("The credit ledger balances and matches every loan."))
