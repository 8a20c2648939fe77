"""The staff board: filters, overdue, dashboard counts, stage moves and the offer through the admin, XLSX export."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def _upload(name):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_board_filters_overdue_and_exports(client, process, staff_user, make_application):
    from lk_plugin.connection.flows.stages import connection_start

    fresh = connection_start(application=make_application(submitted_at=dt.datetime.now(dt.UTC)))
    client.force_login(staff_user)
    board = client.get("/admin/lk_connection_board/?overdue=true").content.decode()
    assert process.application.number in board  # submitted 02.03.2026: the 7-day review term is long gone
    assert fresh.application.number not in board
    assert "просрочен" in board
    assert f"/admin/lk_connection_board/inspect/{process.pk}/" in board
    by_stage = client.get("/admin/lk_connection_board/?stage=payment").content.decode()
    assert process.application.number not in by_stage
    export = client.get("/admin/lk_connection_board/?export=xlsx")
    assert export.status_code == 200
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert rows[0][3] == "Текущий этап" and rows[0][8] == "Оплата"
    assert any(
        r[0] == process.application.number and r[6] == "да" and "не выставлен" in r[8] for r in rows[1:]
    )
    dashboard = client.get("/admin/").content.decode()
    assert "Технологическое присоединение: этапы" in dashboard


def test_staff_places_offer_in_one_action_and_stale_form_conflicts(client, process, staff_user):
    client.force_login(staff_user)
    url = f"/admin/lk_connection_board/inspect/{process.pk}/"
    page = client.get(url).content.decode()
    assert "Разместить договор, ТУ и счёт" in page and "ПП РФ" in page
    version = process.application.version
    response = client.post(
        url,
        {
            "action": "offer",
            "offer-version": version,
            "offer-contract_file": _upload("contract.pdf"),
            "offer-tu_file": _upload("tu.pdf"),
            "offer-amount": "550.00",
            "offer-schedule": "",
        },
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.current_stage.code == "payment"
    assert process.application.invoices.count() == 1
    stale = client.post(url, {"action": "advance", "advance-version": version, "advance-comment": ""})
    assert stale.status_code == 409
    process.refresh_from_db()
    assert process.current_stage.code == "payment"


def test_manual_payment_requires_reason_at_the_field(client, offered, staff_user):
    application, invoice = offered
    client.force_login(staff_user)
    url = f"/admin/lk_connection_board/inspect/{application.connection.pk}/"
    data = {
        "action": "payment",
        "payment-invoice": invoice.pk,
        "payment-amount": "550",
        "payment-paid_on": "2026-03-10",
    }
    html = client.post(url, data).content.decode()
    assert "Укажите основание" in html
    assert client.post(url, {**data, "payment-reason": "п/п №15 от 10.03.2026"}).status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == "paid"


def test_board_query_count_does_not_grow_with_rows(client, staff_user, make_application):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lk_plugin.connection.flows.stages import connection_start

    client.force_login(staff_user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/admin/lk_connection_board/").status_code == 200
        return len(ctx)

    connection_start(application=make_application())
    connection_start(application=make_application())
    few = count()
    for _ in range(4):
        connection_start(application=make_application())
    assert count() == few
