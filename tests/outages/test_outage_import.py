import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lk_plugin.core import jobs
from lk_plugin.core.models import Job
from lk_plugin.outages import importing
from lk_plugin.outages.flows import outage_import_check, outage_import_commit
from lk_plugin.outages.models import Outage, OutageImport

pytestmark = pytest.mark.django_db

HEADER = "Код;Вид;Район;Улица;Дома;Фидер/ТП;Начало;Окончание;Причина;Статус;Опубликовано"
ROW_1 = "A-1;Плановое;Центральный район;ул. Ленина;1-15;ТП-1;01.12.2026 09:00;01.12.2026 17:00;Ремонт;Запланировано;да"
ROW_2 = ";аварийное;Северный район;Садовая улица;2, 4, 6а;;02.12.2026 10:00;02.12.2026 12:00;;;"
BAD_ROW = "A-3;Плановое;Центральный район;ул. Мира;один-два;;03.12.2026 09:00;03.12.2026 08:00;;Отложено;"


def csv_upload(*rows, name="outages.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(name, "\n".join([HEADER, *rows]).encode(encoding), content_type="text/csv")


def run_import(upload, user=None):
    log = outage_import_check(upload=upload, user=user)
    if log.status == OutageImport.Status.VALIDATED:
        log = outage_import_commit(outage_import=log, user=user)
    return log


def test_one_bad_row_commits_nothing_and_is_reported_by_row_and_column():
    log = run_import(csv_upload(ROW_1, ROW_2, BAD_ROW))
    assert log.status == OutageImport.Status.FAILED
    assert Outage.objects.count() == 0
    columns = {(e["row"], e["column"]) for e in log.errors}
    assert (4, "Дома") in columns
    assert (4, "Статус") in columns
    assert all(e["row"] == 4 for e in log.errors)
    assert any("Отложено" in e["message"] for e in log.errors)


def test_same_file_twice_updates_instead_of_duplicating():
    first = run_import(csv_upload(ROW_1, ROW_2))
    assert first.status == OutageImport.Status.COMMITTED
    assert (first.created_count, first.updated_count, first.unchanged_count) == (2, 0, 0)
    second = run_import(csv_upload(ROW_1, ROW_2))
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 2)
    assert Outage.objects.count() == 2
    changed = ROW_1.replace("Ремонт", "Замена опор")
    third = run_import(csv_upload(changed, ROW_2))
    assert (third.created_count, third.updated_count, third.unchanged_count) == (0, 1, 1)
    outage = Outage.objects.get(external_key="A-1")
    assert outage.reason == "Замена опор" and outage.version == 2
    emergency = Outage.objects.get(street="Садовая улица")
    assert emergency.kind == Outage.Kind.EMERGENCY and emergency.external_key.startswith("auto-")
    assert OutageImport.objects.filter(status=OutageImport.Status.COMMITTED).count() == 3


def test_missing_required_column_and_duplicate_keys_are_reported():
    upload = SimpleUploadedFile("x.csv", "Район;Начало\nЦентр;01.12.2026 09:00".encode())
    log = outage_import_check(upload=upload, user=None)
    assert {e["column"] for e in log.errors} >= {"Улица", "Окончание"}
    log = outage_import_check(upload=csv_upload(ROW_1, ROW_1), user=None)
    assert log.errors == [
        {"row": 3, "column": "Код", "message": "Такой же код (или адрес и время) уже в строке 2."}
    ]


def test_windows_1251_csv_and_the_xlsx_template_are_read():
    log = run_import(csv_upload(ROW_1, encoding="cp1251"))
    assert log.status == OutageImport.Status.COMMITTED
    upload = SimpleUploadedFile("template.xlsx", importing.template_xlsx())
    log = run_import(upload)
    assert log.status == OutageImport.Status.COMMITTED, log.errors
    assert Outage.objects.filter(external_key="2026-0001", houses="1-15 нечётные, 2, 4, 6а").exists()
    text = importing.template_csv().decode("utf-8-sig")
    assert text.splitlines()[0] == HEADER


def test_not_a_table_is_a_clear_error():
    log = outage_import_check(upload=SimpleUploadedFile("x.xlsx", b"PK\x03\x04 not really"), user=None)
    assert log.status == OutageImport.Status.FAILED
    assert "XLSX" in log.errors[0]["message"]


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="a", email="a@example.ru", password="x" * 12)
    client.force_login(user)
    return client


def test_admin_import_upload_report_commit(admin_client, django_capture_on_commit_callbacks):
    index = admin_client.get("/admin/lk_outages_admin/")
    assert index.status_code == 200 and "/admin/lk_outages_admin/import/" in index.content.decode()
    page = admin_client.get("/admin/lk_outages_admin/import/")
    assert page.status_code == 200 and "Шаблон XLSX" in page.content.decode()
    response = admin_client.post("/admin/lk_outages_admin/import/", {"file": csv_upload(ROW_1, BAD_ROW)})
    assert response.status_code == 302
    report = admin_client.get(response["Location"]).content.decode()
    assert "Файл не загружен" in report and "один-два" in report
    response = admin_client.post("/admin/lk_outages_admin/import/", {"file": csv_upload(ROW_1, ROW_2)})
    report_url = response["Location"]
    assert "Загрузить отключения" in admin_client.get(report_url).content.decode()
    assert Outage.objects.count() == 0
    # The commit is a background job: the request opens its page; the rows arrive when it has run.
    response = admin_client.post(report_url)
    assert response.status_code == 302 and "/admin/lk-jobs/" in response["Location"]
    assert Outage.objects.count() == 0
    job = Job.objects.get(kind="outage_import_commit")
    jobs.run(job.pk)
    assert Outage.objects.count() == 2
    log = OutageImport.objects.get(status=OutageImport.Status.COMMITTED)
    assert log.uploaded_by.email == "a@example.ru" and log.created_count == 2
    job_page = admin_client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in job_page and "добавлено 2" in job_page
    assert f'href="{report_url}"' in job_page and "Открыть результат" in job_page
    # Committing the same log again does nothing.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(report_url)
    assert Outage.objects.count() == 2
    xlsx = admin_client.get("/admin/lk_outages_admin/import/template.xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert [c.value for c in sheet[1]][:4] == ["Код", "Вид", "Район", "Улица"]


def test_admin_edit_goes_through_the_flow(admin_client):
    response = admin_client.post(
        "/admin/lk_outages_admin/new/",
        {
            "kind": "planned",
            "status": "scheduled",
            "is_published": "on",
            "district": "Центральный район",
            "street": "ул. Лёнина",
            "houses": "1-15 нечётные",
            "feeder": "",
            "starts_at": "2026-12-01 09:00",
            "ends_at": "2026-12-01 17:00",
            "reason": "Ремонт",
            "external_key": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    outage = Outage.objects.get()
    assert outage.street_key == "ленина" and outage.external_key
    assert [(r.start, r.end, r.parity) for r in outage.house_ranges.all()] == [(1, 15, "odd")]
    response = admin_client.post(
        f"/admin/lk_outages_admin/edit/{outage.pk}/",
        {
            "kind": "planned",
            "status": "scheduled",
            "is_published": "on",
            "district": "Центральный район",
            "street": "ул. Ленина",
            "houses": "пятнадцать",
            "starts_at": "2026-12-01 09:00",
            "ends_at": "2026-12-01 17:00",
            "external_key": outage.external_key,
        },
    )
    assert response.status_code == 200
    assert "Не удалось разобрать номер дома" in response.content.decode()


def test_admin_listings_of_the_group_open(admin_client):
    from lk_plugin.outages.flows import outage_subscribe

    outage_subscribe(email="x@example.ru", address="Ленина 1", user=None)
    run_import(csv_upload(ROW_1))
    log = OutageImport.objects.get()
    for url in [
        "/admin/lk_outage_subscriptions/",
        "/admin/lk_outage_imports/",
        f"/admin/lk_outage_imports/inspect/{log.pk}/",
        "/admin/lk_rate_tables/",
        "/admin/lk_rate_tables/new/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    menu = admin_client.get("/admin/").content.decode()  # the sidebar menu is JSON for its script
    assert "/admin/lk_outages_admin/" in menu and "/admin/lk_rate_tables/" in menu
