"""The scorecard: points per factor with caps, a total from 0 to 1000, tiers, and plain reasons.

Pure rules over `ScoreFacts` (counted in SQL by credit.selectors); no database access here, so the
same rules serve the nightly batch, the on-the-spot score at an application and the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from credit.models import TIER_ORDER, Tier
from credit.trading import NOT_COUNTED_FACTOR, note_lines, note_text

SCORE_MIN = 0
SCORE_MAX = 1000
BASE_POINTS = 300

# Lowest score of each tier.
TIER_FLOORS: list[tuple[str, int]] = [(Tier.DIAMOND, 750), (Tier.GOLD, 600), (Tier.SILVER, 450), (Tier.BRONZE, 0)]


@dataclass(frozen=True)
class ScoreFacts:
    """What the score is made of, counted for one villager."""

    orders_completed: int = 0
    shipped_on_time: int = 0
    shipped_late: int = 0
    disputes_lost: int = 0
    disputes_won: int = 0
    good_reviews: int = 0
    seller_cancellations: int = 0
    loans_repaid_on_time: int = 0
    loans_repaid_too_soon: int = 0
    loans_repaid_over_quarter_limit: int = 0
    days_late: int = 0
    loans_defaulted: int = 0
    loans_recovered: int = 0
    certificates: int = 0
    account_months: int = 0
    identity_verified: bool = False
    # What the trading rules did not count, and why (credit.trading): shown, worth no points.
    trading_notes: tuple = ()


@dataclass(frozen=True)
class Factor:
    """`points(count)` before the cap; `cap` bounds the result on the factor's side of zero."""

    code: str
    fact: str
    per_unit: Callable[[int], int]
    cap: int
    reason: Callable[[int], str]

    def points(self, count: int) -> tuple[int, bool]:
        raw = self.per_unit(count)
        if self.cap >= 0 and raw > self.cap:
            return self.cap, True
        if self.cap < 0 and raw < self.cap:
            return self.cap, True
        return raw, False


def _orders(n: int) -> str:
    return ngettext("%(count)d order completed as a seller", "%(count)d orders completed as a seller", n) % {"count": n}


def _on_time(n: int) -> str:
    return ngettext(
        "%(count)d order shipped within 48 hours of payment", "%(count)d orders shipped within 48 hours of payment", n
    ) % {"count": n}


def _late(n: int) -> str:
    return ngettext(
        "%(count)d order shipped more than 48 hours after payment",
        "%(count)d orders shipped more than 48 hours after payment",
        n,
    ) % {"count": n}


def _lost(n: int) -> str:
    return ngettext("%(count)d dispute lost", "%(count)d disputes lost", n) % {"count": n}


def _won(n: int) -> str:
    return ngettext("%(count)d dispute won", "%(count)d disputes won", n) % {"count": n}


def _good_reviews(n: int) -> str:
    return ngettext(
        "%(count)d good review from an independent buyer", "%(count)d good reviews from independent buyers", n
    ) % {"count": n}


def _cancelled(n: int) -> str:
    return ngettext("%(count)d order cancelled by you as seller", "%(count)d orders cancelled by you as seller", n) % {
        "count": n
    }


def _repaid(n: int) -> str:
    return ngettext("%(count)d loan repaid on time", "%(count)d loans repaid on time", n) % {"count": n}


def _repaid_too_soon(n: int) -> str:
    return ngettext(
        "%(count)d loan repaid on time did not count: repaid too soon after borrowing, with no interest paid",
        "%(count)d loans repaid on time did not count: repaid too soon after borrowing, with no interest paid",
        n,
    ) % {"count": n}


def _repaid_over_quarter_limit(n: int) -> str:
    return ngettext(
        "%(count)d loan repaid on time did not count: only the first loans of each quarter count",
        "%(count)d loans repaid on time did not count: only the first loans of each quarter count",
        n,
    ) % {"count": n}


def _days_late(n: int) -> str:
    return ngettext("%(count)d day late on loan repayments", "%(count)d days late on loan repayments", n) % {"count": n}


def _defaults(n: int) -> str:
    return ngettext("%(count)d loan written off unpaid", "%(count)d loans written off unpaid", n) % {"count": n}


def _recovered(n: int) -> str:
    return ngettext(
        "%(count)d written-off loan repaid in full afterwards: half its penalty given back",
        "%(count)d written-off loans repaid in full afterwards: half their penalty given back",
        n,
    ) % {"count": n}


def _certificates(n: int) -> str:
    return ngettext("%(count)d training certificate", "%(count)d training certificates", n) % {"count": n}


def _months(n: int) -> str:
    return ngettext("account open for %(count)d month", "account open for %(count)d months", n) % {"count": n}


def _identity(n: int) -> str:
    if n:
        return gettext("identity verified by your station operator")
    return gettext("identity not verified yet: ask your station operator")


# Order matters: it is the order of the breakdown shown to the villager.
FACTORS: list[Factor] = [
    Factor("orders_completed", "orders_completed", lambda n: n * 5 // 2, 250, _orders),
    Factor("shipped_on_time", "shipped_on_time", lambda n: n * 2, 150, _on_time),
    Factor("shipped_late", "shipped_late", lambda n: -5 * n, -100, _late),
    Factor("disputes_lost", "disputes_lost", lambda n: -30 * n, -200, _lost),
    Factor("disputes_won", "disputes_won", lambda n: 10 * n, 50, _won),
    Factor("good_reviews", "good_reviews", lambda n: 2 * n, 40, _good_reviews),
    Factor("seller_cancellations", "seller_cancellations", lambda n: -15 * n, -150, _cancelled),
    Factor("loans_repaid_on_time", "loans_repaid_on_time", lambda n: 40 * n, 200, _repaid),
    # Worth nothing: shown so the villager reads why a repayment did not count.
    Factor("loans_repaid_too_soon", "loans_repaid_too_soon", lambda n: 0, 0, _repaid_too_soon),
    Factor("loans_over_quarter_limit", "loans_repaid_over_quarter_limit", lambda n: 0, 0, _repaid_over_quarter_limit),
    Factor("days_late", "days_late", lambda n: -2 * n, -200, _days_late),
    Factor("loans_defaulted", "loans_defaulted", lambda n: -300 * n, -600, _defaults),
    Factor("loans_recovered", "loans_recovered", lambda n: 150 * n, 300, _recovered),
    Factor("certificates", "certificates", lambda n: 25 * n, 100, _certificates),
    Factor("account_age", "account_months", lambda n: 5 * n, 120, _months),
    Factor("identity_verified", "identity_verified", lambda n: 100 * n, 100, _identity),
]
FACTORS_BY_CODE = {factor.code: factor for factor in FACTORS}


@dataclass
class Scorecard:
    score: int
    tier: str
    lines: list[dict] = field(default_factory=list)  # {"factor", "count", "points", "cap", "capped"}


def tier_for(score: int) -> str:
    for tier, floor in TIER_FLOORS:
        if score >= floor:
            return tier
    return Tier.BRONZE


def tier_rank(tier: str) -> int:
    return TIER_ORDER.index(tier)


def scorecard_compute(facts: ScoreFacts) -> Scorecard:
    """Apply the scorecard to the facts: every factor's points (capped), the clamped total and its tier."""
    lines = []
    total = BASE_POINTS
    for factor in FACTORS:
        count = int(getattr(facts, factor.fact))
        points, capped = factor.points(count)
        total += points
        lines.append({"factor": factor.code, "count": count, "points": points, "cap": factor.cap, "capped": capped})
    lines.extend(note_lines(facts.trading_notes))
    score = max(SCORE_MIN, min(SCORE_MAX, total))
    return Scorecard(score=score, tier=tier_for(score), lines=lines)


def reason_text(line: dict) -> str:
    """The line in the villager's language, such as "+120: 48 orders completed as a seller"."""
    if line["factor"] == NOT_COUNTED_FACTOR:
        return gettext("not counted: %(reason)s") % {"reason": note_text(line)}
    factor = FACTORS_BY_CODE.get(line["factor"])
    if factor is None:  # a factor retired since the snapshot was taken
        return f"{line['points']:+d}"
    text = gettext("%(points)+d: %(reason)s") % {"points": line["points"], "reason": factor.reason(line["count"])}
    if line.get("capped"):
        text += " " + gettext("(the most this factor can count)")
    return text


def base_reason() -> str:
    return gettext("%(points)+d: starting points for every villager") % {"points": BASE_POINTS}


NOT_COUNTED_FACTORS = {"loans_repaid_too_soon", "loans_over_quarter_limit"}


def _explains_what_did_not_count(line: dict) -> bool:
    return line["factor"] in NOT_COUNTED_FACTORS and line["count"] > 0


def breakdown_with_reasons(lines: list[dict]) -> list[dict]:
    """The breakdown as shown: the starting points, then each factor that counts, with its reason."""
    shown = [{"factor": "base", "count": 1, "points": BASE_POINTS, "capped": False, "reason": base_reason()}]
    for line in lines:
        if (
            line["points"] == 0
            and line["factor"] not in ("identity_verified", NOT_COUNTED_FACTOR)
            and not _explains_what_did_not_count(line)
        ):
            continue
        shown.append({**line, "reason": reason_text(line)})
    return shown
