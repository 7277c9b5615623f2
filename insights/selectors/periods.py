"""Periods: ranges of whole calendar months (Asia/Shanghai), the rollups' key."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import ValidationFailed

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)
MAX_PERIOD_MONTHS = 120


def _add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """Whole calendar months from `start` to `end` inclusive (both first days of a month)."""

    start: datetime.date
    end: datetime.date

    @property
    def months(self) -> list[datetime.date]:
        count = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return [_add_months(self.start, i) for i in range(count)]

    @property
    def is_year(self) -> bool:
        return self.start.month == 1 and self.end.month == 12 and self.start.year == self.end.year

    def year_before(self) -> Period:
        return Period(_add_months(self.start, -12), _add_months(self.end, -12))

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start, end) as aware datetimes: the first instant of the first month, of the month after the last."""
        after = _add_months(self.end, 1)
        return (
            datetime.datetime(self.start.year, self.start.month, 1, tzinfo=LOCAL_TZ),
            datetime.datetime(after.year, after.month, 1, tzinfo=LOCAL_TZ),
        )

    def day_bounds(self) -> tuple[datetime.date, datetime.date]:
        last = calendar.monthrange(self.end.year, self.end.month)[1]
        return self.start, self.end.replace(day=last)

    @property
    def key(self) -> str:
        return f"{self.start:%Y-%m}_{self.end:%Y-%m}"

    @property
    def label(self) -> str:
        if self.is_year:
            return str(self.start.year)
        if self.start.month == 1 and self.start.year == self.end.year:
            return _("%(year)s (to %(month)s)") % {"year": self.start.year, "month": f"{self.end:%Y-%m}"}
        return f"{self.start:%Y-%m} – {self.end:%Y-%m}"

    @property
    def query(self) -> str:
        """The query string that selects this period again (for links and CSV downloads)."""
        if self.is_year:
            return f"year={self.start.year}"
        return f"from={self.start:%Y-%m}&to={self.end:%Y-%m}"


def _parse_month(value: str, field: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value.strip(), "%Y-%m").date()
    except ValueError:
        raise ValidationFailed(
            _("Enter a month as YYYY-MM."), code="invalid_period", fields={field: [_("Enter a month as YYYY-MM.")]}
        ) from None


def period_parse(*, year: str | None = None, start: str | None = None, end: str | None = None) -> Period:
    """The period asked for: `year=2025`, or `from=2024-07&to=2025-06`; default: this year (Shanghai).

    A period running into the future stops at the current month, so that "this year" is compared
    with the same months of last year, not with all twelve. Raises ValidationFailed (400 with field
    messages) on a malformed or reversed range.
    """
    period = _period_parse(year=year, start=start, end=end)
    current = timezone.localdate().replace(day=1)
    if period.start <= current < period.end:
        return Period(period.start, current)
    return period


def _period_parse(*, year: str | None, start: str | None, end: str | None) -> Period:
    today = timezone.localdate()
    if start or end:
        first = _parse_month(start, "from") if start else None
        last = _parse_month(end, "to") if end else today.replace(day=1)
        first = first or last.replace(month=1)
        if first > last:
            raise ValidationFailed(
                _("The first month comes after the last."), code="invalid_period", fields={"from": [_("After 'to'.")]}
            )
        if (last.year - first.year) * 12 + last.month - first.month >= MAX_PERIOD_MONTHS:
            message = _("A period covers at most %(n)d months.") % {"n": MAX_PERIOD_MONTHS}
            raise ValidationFailed(message, code="invalid_period", fields={"from": [message]})
        return Period(first, last)
    if year:
        try:
            number = int(year)
        except ValueError:
            number = 0
        if not 2000 <= number <= 2100:
            message = _("Enter a year between 2000 and 2100.")
            raise ValidationFailed(message, code="invalid_period", fields={"year": [message]})
        return Period(datetime.date(number, 1, 1), datetime.date(number, 12, 1))
    return Period(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 1))
