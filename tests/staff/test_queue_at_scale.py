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


def listed(client, q):
    page = client.get(URL, {"q": q})
    assert page.status_code == 200
    return {a.number for a in page.context["object_list"]}


def test_a_part_of_a_number_is_found_in_any_case(staff_client):
    wanted = f.application(number="4894ТП/ФЛ/ИК/До 15/ЛК")
    f.application(number="4895ТП/ЮЛ/ИК/До 150/ЛК")
    # Not the beginning of a number: found in search_number (lower-cased: Cyrillic in any case).
    assert listed(staff_client, "фл/ик/до 15/") == {wanted.number}
    assert listed(staff_client, "489") == {wanted.number, "4895ТП/ЮЛ/ИК/До 150/ЛК"}  # a prefix


def test_one_or_two_characters_match_the_beginning_of_a_number_only(staff_client):
    person = f.applicant(email="user48@example.ru", last_name="Ан")
    mine = f.application(person, number="77ТП/ФЛ/ИК/До 15/ЛК")
    other = f.application(number="48ТП/ФЛ/ИК/До 15/ЛК")
    assert listed(staff_client, "48") == {other.number}  # not the applicant whose email has «48»
    assert listed(staff_client, "Ан") == set()  # too short for a name: no index could find it
    assert listed(staff_client, "user48") == {mine.number}


def test_a_name_search_filters_by_a_literal_list_of_people(staff_client):
    person = f.applicant(email="smirnova@example.ru", last_name="Смирнова")
    mine = f.application(person)
    f.application()
    with CaptureQueriesContext(connection) as queries:
        assert listed(staff_client, "Смирнов") == {mine.number}
    listing = [q["sql"] for q in queries.captured_queries if 'FROM "lk_applications_application"' in q["sql"]]
    # People are found first (profile and email separately, each by its own index); the queue then
    # filters by their ids, not by a subquery that reads every user row.
    assert listing and not any("LIKE" in sql for sql in listing)
    people = [q["sql"] for q in queries.captured_queries if "LIKE" in q["sql"]]
    assert any("lk_accounts_applicantprofile" in sql for sql in people)
    assert not any("lk_accounts_applicantprofile" in sql and '"auth_user"' in sql for sql in people)
