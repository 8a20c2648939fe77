"""Address search over many outages: `make bench` (LK_BENCH_OUTAGES rows, 100 000 by default).

Prints timings; asserts only that a search stays one query and finds what it should.
"""

import datetime as dt
import os
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lk_plugin.outages.addresses import parse_houses, street_key
from lk_plugin.outages.models import Outage, OutageHouseRange
from lk_plugin.outages.selectors import OutageFilter, search_outages

pytestmark = pytest.mark.django_db

STREETS = [f"ул. Улица-{i}" for i in range(2000)] + ["ул. Ленина"]


def test_search_100k():
    total = int(os.environ.get("LK_BENCH_OUTAGES", "100000"))
    now = timezone.now()
    started = time.perf_counter()
    batch = []
    for i in range(total):
        street = STREETS[i % len(STREETS)]
        start = now + dt.timedelta(hours=i % (24 * 14))
        batch.append(
            Outage(
                external_key=f"b-{i}",
                district=f"Район {i % 7}",
                street=street,
                street_key=street_key(street),
                houses=f"{i % 50 + 1}-{i % 50 + 20}",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=4),
            )
        )
    outages = Outage.objects.bulk_create(batch, batch_size=2000)
    ranges = []
    for outage in outages:
        for r in parse_houses(outage.houses):
            ranges.append(
                OutageHouseRange(outage=outage, start=r.start, end=r.end, parity=r.parity, letter=r.letter)
            )
    OutageHouseRange.objects.bulk_create(ranges, batch_size=5000)
    print(f"\n{total} outages loaded in {time.perf_counter() - started:.1f} s")

    flt = OutageFilter(
        address="Ленина 15",
        date_from=timezone.localdate(),
        date_to=timezone.localdate() + dt.timedelta(days=13),
    )
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            found = list(search_outages(flt)[:300])
            elapsed = time.perf_counter() - started
    assert len(queries.captured_queries) == 1
    assert found and all(o.street_key == "ленина" for o in found)
    print(f"search «Ленина 15»: {len(found)} found in {elapsed * 1000:.1f} ms (1 query)")
