"""The staff queue: filters, search, sorting, export and a query count that does not grow with rows."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from lk_plugin.core.choices import LegalForm
from lk_plugin.core.models import PersonalDataAccessLog
from lk_plugin.staff.applications import export_row
from tests import factories as f
from tests.job_helpers import staff_export

pytestmark = pytest.mark.django_db
URL = "/admin/lk_application/"


def numbers(response):
    assert response.status_code == 200
    return {a.number for a in response.context["object_list"]}


@pytest.fixture
def queue(staff):
    today = timezone.localdate()
    person = f.applicant(email="ivanov@example.ru", last_name="Иванов", snils="11223344595")
    company = f.applicant(
        email="romashka@example.ru", legal_form=LegalForm.LEGAL_ENTITY, inn="7707083893", ogrn="1027700132195"
    )
    return {
        "overdue": f.application(
            person, status="in_progress", due_date=today - dt.timedelta(days=2), assignee=staff
        ),
        "fresh": f.application(company, status="submitted", due_date=today + dt.timedelta(days=30)),
        "needs_info": f.application(person, status="needs_info", due_date=today + dt.timedelta(days=1)),
        "done_late": f.application(company, status="completed", due_date=today - dt.timedelta(days=9)),
        "old": f.application(
            person,
            status="rejected",
            kind="meter_readings",
            submitted_at=timezone.now() - dt.timedelta(days=40),
            due_date=today - dt.timedelta(days=30),
        ),
        "draft": f.application(person, status="draft", number=None),
    }


def test_drafts_are_not_in_the_queue(staff_client, queue):
    assert numbers(staff_client.get(URL)) == {a.number for k, a in queue.items() if k != "draft"}


def test_each_number_links_to_its_application_beside_its_checkbox(staff_client, queue):
    """The bulk-PDF checkbox is the first column; the number is still the row's link."""
    html = staff_client.get(URL).content.decode()
    application = queue["overdue"]
    assert f'aria-label="Отметить заявку {application.number}"' in html
    links = {
        f'href="/admin/lk_application/edit/{application.pk}/"',
        f'href="/admin/lk_application/inspect/{application.pk}/"',
    }
    assert any(link in html for link in links), "the number is not a link to the application"


def test_listing_shows_the_columns(staff_client, queue):
    html = staff_client.get(URL).content.decode()
    assert queue["overdue"].number in html
    assert "Иванов Иван Сергеевич (ФЛ)" in html
    assert 'ООО "Ромашка" (ЮЛ)' in html or "ООО &quot;Ромашка&quot; (ЮЛ)" in html
    assert "просрочена" in html
    assert "Анна Сергеева" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("status=needs_info", {"needs_info"}),
        ("overdue=true", {"overdue"}),
        ("legal_form=legal_entity", {"fresh", "done_late"}),
        ("due_soon=true", {"needs_info"}),
    ],
)
def test_filters(staff_client, queue, query, expected):
    assert numbers(staff_client.get(f"{URL}?{query}")) == {queue[k].number for k in expected}


def test_filter_by_kind_assignee_and_date_range(staff_client, queue, staff):
    kind = queue["old"].kind_id
    assert numbers(staff_client.get(f"{URL}?kind={kind}")) == {queue["old"].number}
    assert numbers(staff_client.get(f"{URL}?assignee={staff.pk}")) == {queue["overdue"].number}
    start = (timezone.localdate() - dt.timedelta(days=45)).isoformat()
    end = (timezone.localdate() - dt.timedelta(days=35)).isoformat()
    got = numbers(staff_client.get(f"{URL}?submitted_at_from={start}&submitted_at_to={end}"))
    assert got == {queue["old"].number}


@pytest.mark.parametrize(
    "q, expected",
    [
        ("ivanov@example", {"overdue", "needs_info", "old"}),
        ("Ромашка", {"fresh", "done_late"}),
        ("112-233-445 95", {"overdue", "needs_info", "old"}),  # СНИЛС typed with separators
        ("7707083893", {"fresh", "done_late"}),  # ИНН
        ("1027700132195", {"fresh", "done_late"}),  # ОГРН
    ],
)
def test_search(staff_client, queue, q, expected):
    assert numbers(staff_client.get(URL, {"q": q})) == {queue[k].number for k in expected}


def test_search_by_number(staff_client, queue):
    number = queue["fresh"].number
    assert numbers(staff_client.get(URL, {"q": number.split("ТП")[0] + "ТП"})) == {number}


def test_sort_by_due_date(staff_client, queue):
    response = staff_client.get(URL, {"ordering": "due_date"})
    dates = [a.due_date for a in response.context["object_list"]]
    assert dates == sorted(dates)


def test_xlsx_export_matches_the_filtered_list(staff_client, queue):
    response = staff_export(
        staff_client, URL, {"export": "xlsx", "legal_form": "legal_entity", "ordering": "due_date"}
    )
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == (
        "Номер",
        "Вид",
        "Заявитель",
        "Правовая форма",
        "Подана",
        "Статус",
        "Срок",
        "Просрочена",
        "Исполнитель",
    )
    expected = [export_row(queue["done_late"]), export_row(queue["fresh"])]
    assert [r[0] for r in rows[1:]] == [e["number"] for e in expected]
    first = rows[1]
    assert first[2] == 'ООО "Ромашка" (ЮЛ)' and first[3] == "ЮЛ" and first[5] == "Выполнена"
    due = first[6].date() if isinstance(first[6], dt.datetime) else first[6]
    assert due == queue["done_late"].due_date
    assert first[7] == "нет"  # completed applications are never overdue
    log = PersonalDataAccessLog.objects.get(action="export")
    assert "legal_form=legal_entity" in log.object_repr


def test_csv_export(staff_client, queue):
    response = staff_export(staff_client, URL, {"export": "csv", "overdue": "true"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Номер"
    assert [r[0] for r in rows[1:]] == [queue["overdue"].number]
    assert rows[1][7] == "да"


def test_listing_query_count_does_not_grow_with_rows(staff_client, staff, django_assert_max_num_queries):
    for _ in range(3):
        f.application(assignee=staff)
    with django_assert_max_num_queries(30) as small:
        staff_client.get(URL)
    for _ in range(20):
        f.application(f.applicant(), assignee=f.staff_user())
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = staff_client.get(URL)
    assert len(response.context["object_list"]) == 23


def test_assignable_people_are_those_who_may_process_applications(staff):
    from django.contrib.auth.models import Permission

    from lk_plugin.staff.applications import staff_users

    direct = f.user(last_name="Прямой")
    direct.user_permissions.add(Permission.objects.get(codename="change_application"))
    admin = f.user(last_name="Админ", is_superuser=True)
    f.user(last_name="Неактивный", is_superuser=True, is_active=False)
    f.applicant()
    f.editor_user()
    assert set(staff_users()) == {staff, direct, admin}


def test_search_without_digits_matches_people_not_number_fragments(staff_client, queue):
    # «ТП» is in every technological-connection number; a query without digits is a name or an email.
    assert numbers(staff_client.get(URL, {"q": "ТП"})) == set()
    assert numbers(staff_client.get(URL, {"q": "Иванов"})) == {
        queue[k].number for k in ("overdue", "needs_info", "old")
    }


def test_search_results_are_newest_first_like_the_whole_queue(staff_client, queue):
    """With a search the queue asks the same order in a form the date index does not serve (the
    search's own indexes find the rows); the order people see is unchanged: newest first."""
    response = staff_client.get(URL, {"q": "Иванов"})
    shown = [a.submitted_at for a in response.context["object_list"]]
    assert len(shown) == 3 and shown == sorted(shown, reverse=True)
    assert [a.number for a in response.context["object_list"]][-1] == queue["old"].number
    assert str(response.context["object_list"].query).count("NULLS LAST") == 1
