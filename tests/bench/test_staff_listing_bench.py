"""The staff queue at 100k applications (PostgreSQL): prints timings, pins the query count.

Run: DATABASE_URL=postgres://… make bench PYTEST_ARGS=tests/bench/test_staff_listing_bench.py
"""

import datetime as dt
import time

import pytest
from django.db import connection
from django.utils import timezone

from lk_plugin.accounts.models import ApplicantProfile
from lk_plugin.applications.models import Application, ApplicationKind
from tests import factories_staff as f

pytestmark = pytest.mark.postgres
ROWS = 100_000


@pytest.fixture
def big_queue(db, settings):
    settings.ROOT_URLCONF = "tests.staff_urls"
    owners = [f.applicant(snils=f"{10_000_000_000 + i:011d}") for i in range(200)]
    kinds = list(ApplicationKind.objects.all())
    version = f.form_version()
    today = timezone.localdate()
    now = timezone.now()
    statuses = ["submitted", "in_progress", "needs_info", "completed", "rejected"]
    batch = [
        Application(
            owner=owners[i % len(owners)],
            kind=kinds[i % len(kinds)],
            form_version=version,
            legal_form="individual",
            status=statuses[i % len(statuses)],
            number=f"{i}ТП/ФЛ/НП/До 15/ЛК",
            submitted_at=now - dt.timedelta(minutes=i),
            due_date=today + dt.timedelta(days=(i % 40) - 20),
            data={"object_address": "г. Москва"},
        )
        for i in range(ROWS)
    ]
    Application.objects.bulk_create(batch, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return owners


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"overdue": "true"},
        {"status": "needs_info", "ordering": "due_date"},
        {"q": "4242ТП"},
        {"q": "100-000-000 07"},
        {"p": "500"},
    ],
)
def test_listing_at_100k(big_queue, client, query, django_assert_max_num_queries):
    client.force_login(f.staff_user())
    assert ApplicantProfile.objects.count() >= 200
    client.get("/admin/lk_application/", query)  # warm caches (templates, permissions)
    with django_assert_max_num_queries(40) as captured:
        started = time.perf_counter()
        response = client.get("/admin/lk_application/", query)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:2]
    sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    print(
        f"\n{query}: {elapsed * 1000:.0f} ms (SQL {sql_ms:.0f} ms), rows {len(response.context['object_list'])}"
    )
    for q in slowest:
        print(f"   {float(q['time']) * 1000:.0f} ms  {q['sql'][:160]}")
