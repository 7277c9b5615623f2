"""make bench's catalogue rows: what counts as met, and issue 25's table (no server or database needed)."""

from bench.catalogue import LIST, SEARCH, _row, issue_table
from bench.http import Result


def figures(taocun_rps: float, bare_rps: float, *, p95_one: float = 20, errors: int = 0) -> dict:
    return {
        ("bare", 1): Result(20, 30, 0),
        ("bare", 8): Result(bare_rps, 200, 0),
        ("taocun", 1): Result(20, p95_one, 0),
        ("taocun", 8): Result(taocun_rps, 200, errors),
    }


def test_a_row_is_met_only_at_its_share_its_latency_and_without_failures():
    assert _row("list", LIST, 100_000, figures(50, 100), (3, 0, 200), (150, 200)).met
    assert not _row("list", LIST, 100_000, figures(49, 100), (3, 0, 200), (150, 200)).met
    assert _row("search", SEARCH, 100_000, figures(35, 100), (3, 0, 200), (150, 200)).met
    assert not _row("search", SEARCH, 100_000, figures(90, 100, p95_one=100), (3, 0, 200), (150, 200)).met
    # Refused requests (a throttle's 429s) are fast: they must not pass for throughput.
    throttled = _row("list", LIST, 100_000, figures(300, 100, errors=12), (3, 0, 200), (150, 200))
    assert not throttled.met and "12 failed requests" in throttled.setting
    assert not _row("list", LIST, 100_000, figures(90, 100), (3, 0, 429), (150, 200)).met
    assert not _row("list", LIST, 100_000, figures(90, 100), (9, 0, 200), (150, 200)).met  # too many queries


def test_issue_table_has_taocun_beside_the_bare_list():
    table = issue_table([("/shop/?q=香菇", figures(45, 50), (3, 0, 200), (236.4, 271.2), 9.84)])
    header, rule, line = table.splitlines()
    assert header.startswith("| request | Taocun req/s | bare list req/s | Taocun as % of bare |")
    assert rule.count("---") == header.count("|") - 1
    assert line == "| `/shop/?q=香菇` | 45.0 | 50.0 | 90.0 % | 20 ms | 200 ms | 236 / 271 ms | 3 / 0 | 9.8 |"
