"""Hypothesis drives random sequences of apply (single repayment, monthly equal instalments, weekly equal
principal) / advance days / accrue / repay (early, partial, late) / overdue / write-off and checks after every
step that the ledger balances, each loan's balances equal its entries, every schedule sums to its loan and its
payments to the ledger's, and the money that came in equals what went out plus the interest earned."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from core.errors import DomainError
from credit import selectors, services
from credit.models import Account, LedgerEntry, Loan, LoanStatus
from tests.credit.factories import LoanProductFactory, repay_through_provider, verify_identity
from tests.factories import AdminFactory, FarmerFactory

pytestmark = pytest.mark.django_db

amounts = st.decimals(min_value=Decimal("100.00"), max_value=Decimal("25000.00"), places=2)


class LoanBook(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        # This savepoint stands for the test's own transaction (as TestCase's do, and the permission matrix's):
        # loan_apply insists on a durable block (it commits before it calls the payment provider).
        transaction.get_connection().atomic_blocks[-1]._from_testcase = True
        self.today = datetime.date(2026, 1, 1)
        self.product = LoanProductFactory(max_term_days=60, limits={"silver": Decimal("20000.00")})
        self.products = [
            self.product,
            LoanProductFactory(
                max_term_days=400,
                repayment_type="equal_instalment",
                period="month",
                max_instalments=6,
                limits={"silver": Decimal("20000.00")},
            ),
            LoanProductFactory(
                max_term_days=400,
                repayment_type="equal_principal",
                period="week",
                max_instalments=8,
                limits={"silver": Decimal("20000.00")},
            ),
        ]
        # A verified villager of two years: 520 points, silver, up to 20,000 yuan.
        self.borrower = FarmerFactory(date_joined=timezone.now() - datetime.timedelta(days=800))
        verify_identity(self.borrower)
        self.admin = AdminFactory()
        self.keys = 0
        self.repaid_total = Decimal("0.00")

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _open_loan(self) -> Loan | None:
        return Loan.objects.filter(borrower=self.borrower, status__in=["active", "overdue"]).first()

    @rule(
        amount=amounts,
        term=st.integers(min_value=1, max_value=70),
        kind=st.integers(min_value=0, max_value=2),
        count=st.integers(min_value=1, max_value=9),
    )
    def apply(self, amount, term, kind, count):
        self.keys += 1
        had_open = self._open_loan() is not None
        product = self.products[kind]
        application, created = services.loan_apply(
            borrower=self.borrower,
            product=product,
            amount=amount,
            term_days=term,
            instalments=count,
            purpose="p",
            idempotency_key=f"k{self.keys}",
            today=self.today,
        )
        assert created
        if had_open:
            assert application.decision == "declined"
        if kind == 0 and term > 60:
            assert "term_too_long" in application.reason_codes
        if kind and count > product.max_instalments:
            assert "too_many_instalments" in application.reason_codes
        if application.decision == "approved":
            loan = application.loan
            assert loan.instalments.count() == (1 if kind == 0 else count)
        if amount > Decimal("20000.00"):
            assert "amount_above_limit" in application.reason_codes

    @rule(days=st.integers(min_value=1, max_value=45))
    def advance(self, days):
        self.today += datetime.timedelta(days=days)
        services.loans_mark_overdue(today=self.today)
        services.loans_classify_arrears(today=self.today)

    @rule()
    def accrue(self):
        for loan_id in selectors.open_loan_ids():
            services.loan_accrue(loan_id=loan_id, through=self.today)

    @precondition(lambda self: self._open_loan() is not None)
    @rule(share=st.integers(min_value=1, max_value=110))
    def repay(self, share):
        loan = self._open_loan()
        interest, principal = services.loan_amount_due(loan=loan, on=self.today)
        owed = interest + principal
        amount = max(Decimal("0.01"), (owed * share / 100).quantize(Decimal("0.01")))
        try:
            repayment = repay_through_provider(loan_id=loan.pk, payer=self.borrower, amount=amount, on=self.today)
        except DomainError as error:
            assert error.code == "overpayment"
            assert amount > owed
            return
        assert amount <= owed
        assert repayment.interest_part + repayment.principal_part == amount
        if loan.repayment_type == "single":
            # Interest first: principal is touched only once the day's interest is paid.
            assert repayment.interest_part == min(amount, interest)
        self.repaid_total += amount
        loan.refresh_from_db()
        assert loan.outstanding == owed - amount
        assert (loan.status == LoanStatus.REPAID) == (loan.outstanding == 0)

    @precondition(lambda self: Loan.objects.filter(status="overdue").exists())
    @rule()
    def write_off(self):
        loan = Loan.objects.filter(status="overdue").first()
        services.loan_write_off(loan_id=loan.pk, by=self.admin, reason="moved away", today=self.today)

    @precondition(
        lambda self: Loan.objects.filter(status="written_off", recovered__lt=F("written_off_amount")).exists()
    )
    @rule(share=st.integers(min_value=1, max_value=120))
    def recover(self, share):
        """Money paid after a write-off is a recovery: its own entries, never more than was written off."""
        loan = Loan.objects.filter(status="written_off", recovered__lt=F("written_off_amount")).first()
        left = loan.written_off_amount - loan.recovered
        amount = max(Decimal("0.01"), (left * share / 100).quantize(Decimal("0.01")))
        try:
            repayment = repay_through_provider(loan_id=loan.pk, payer=self.borrower, amount=amount, on=self.today)
        except DomainError as error:
            assert error.code == "overpayment" and amount > left
            return
        assert (repayment.interest_part, repayment.principal_part) == (0, 0)
        self.repaid_total += amount
        loan.refresh_from_db()
        assert loan.status == LoanStatus.WRITTEN_OFF
        assert loan.recovered <= loan.written_off_amount

    @invariant()
    def ledger_is_sound(self):
        problems = selectors.ledger_audit()
        assert not any(problems.values()), problems

    @invariant()
    def money_in_equals_money_out_plus_interest(self):
        def total(account):
            return sum(LedgerEntry.objects.filter(account=account).values_list("amount", flat=True), Decimal("0"))

        cash = total(Account.CASH)
        lent = sum(Loan.objects.values_list("principal", flat=True), Decimal("0"))
        assert cash == self.repaid_total - lent
        assert -total(Account.INTEREST_INCOME) >= 0
        recovered = sum(Loan.objects.values_list("recovered", flat=True), Decimal("0"))
        assert -total(Account.RECOVERY_INCOME) == recovered
        assert Loan.objects.filter(borrower=self.borrower, status__in=["active", "overdue"]).count() <= 1


def test_ledger_invariants_hold_over_random_sequences():
    run_state_machine_as_test(
        LoanBook,
        settings=settings(
            max_examples=20,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
