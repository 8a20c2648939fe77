"""The staff queue at a million rows: the page count reads at most LK_STAFF_COUNT_CAP rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/admin/lk_application/"


def test_the_count_stops_at_the_cap_and_the_list_says_there_are_more(staff_client, settings):
    settings.LK_STAFF_COUNT_CAP = 2
    for _ in range(3):
        f.application(status="submitted")
    with CaptureQueriesContext(connection) as queries:
        page = staff_client.get(URL)
    assert page.status_code == 200 and len(page.context["object_list"]) == 2  # the first cap rows
    paginator = page.context["paginator"]
    assert paginator.capped and paginator.count == 2
    assert "более 2" in str(paginator.items_count_label)  # shown under the page links
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 3" in sql for sql in counts if "lk_applications_application" in sql)


def test_under_the_cap_the_count_is_exact(staff_client, settings):
    settings.LK_STAFF_COUNT_CAP = 10
    for _ in range(3):
        f.application(status="submitted")
    paginator = staff_client.get(URL).context["paginator"]
    assert not paginator.capped and paginator.count == 3
