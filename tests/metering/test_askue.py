import datetime as dt
import json
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from lk_plugin.metering import flows
from lk_plugin.metering.askue import (
    AskueAccount,
    AskueAuthError,
    AskueData,
    AskueUnavailable,
    HttpJsonAskueBackend,
    decrypt_password,
)
from lk_plugin.metering.models import AskueCredentials, AskueRow, Reading
from lk_plugin.metering.tasks import import_askue
from tests.factories import MeterFactory

ROWS = {
    "rows": [
        {
            "object": "Жилой дом",
            "meter": "Меркурий 201.8 № 41234567",
            "serial": "41234567",
            "a_plus": "8412.5",
            "a_minus": 0,
            "r_plus": "1009.5",
            "r_minus": "84.1",
            "time": "2026-11-20T10:00:00+03:00",
        }
    ]
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append({"body": body, "auth": self.headers.get("Authorization")})
        if self.path == "/slow":
            time.sleep(2)
        if body["password"] != "secret":
            self.send_response(401)
            self.end_headers()
            return
        payload = json.dumps(ROWS if self.path != "/broken" else {"nothing": 1}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def askue_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.seen = []
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server, path="/latest"):
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def test_http_backend_posts_credentials_and_parses_rows(askue_server):
    backend = HttpJsonAskueBackend(url=_url(askue_server), token="t0k", timeout=5)
    rows = backend.fetch_latest(AskueAccount(login="770012345678", password="secret", account_number="77"))
    assert askue_server.seen[0] == {
        "body": {"login": "770012345678", "password": "secret", "account": "77"},
        "auth": "Bearer t0k",
    }
    (row,) = rows
    assert (row.object_name, row.serial_number, row.a_plus, row.r_minus) == (
        "Жилой дом",
        "41234567",
        Decimal("8412.5"),
        Decimal("84.1"),
    )
    assert row.data_time.isoformat() == "2026-11-20T10:00:00+03:00"


def test_http_backend_errors(askue_server):
    with pytest.raises(AskueAuthError):
        HttpJsonAskueBackend(url=_url(askue_server), timeout=5).fetch_latest(AskueAccount("x", "wrong"))
    with pytest.raises(AskueUnavailable):
        HttpJsonAskueBackend(url=_url(askue_server, "/broken"), timeout=5).fetch_latest(
            AskueAccount("x", "secret")
        )
    with pytest.raises(AskueUnavailable):
        HttpJsonAskueBackend(url=_url(askue_server, "/slow"), timeout=0.2).fetch_latest(
            AskueAccount("x", "secret")
        )
    with pytest.raises(AskueUnavailable):
        HttpJsonAskueBackend(url="", timeout=1).fetch_latest(AskueAccount("x", "secret"))


def test_password_is_stored_encrypted_and_never_shown(client, owner, settings):
    settings.LK_ASKUE_BACKEND = "lk_plugin.metering.askue.DemoAskueBackend"
    client.force_login(owner)
    response = client.post(
        reverse("lk_metering:askue"), {"action": "save", "login": "770012345678", "password": "Pa55-word"}
    )
    assert response.status_code == 302
    stored = AskueCredentials.objects.get(user=owner)
    assert "Pa55-word" not in stored.password_encrypted
    assert decrypt_password(stored.password_encrypted) == "Pa55-word"
    page = client.get(reverse("lk_metering:askue")).content.decode()
    assert "Pa55-word" not in page and stored.password_encrypted not in page
    settings.LK_ASKUE_ENCRYPTION_KEY = "another key"
    assert decrypt_password(stored.password_encrypted) is None


def test_demo_rows_render_and_matching_meter_gets_an_askue_reading(client, owner, settings):
    settings.LK_ASKUE_BACKEND = "lk_plugin.metering.askue.DemoAskueBackend"
    meter = MeterFactory(owner=owner, serial_number="41234567")
    client.force_login(owner)
    client.post(reverse("lk_metering:askue"), {"action": "save", "login": "770012345678", "password": "demo"})
    text = client.get(reverse("lk_metering:askue")).content.decode()
    for heading in ("Название объекта", "Прямая активная энергия", "Обратная реактивная энергия"):
        assert heading in text
    assert "Жилой дом, ул. Ленина, д. 15" in text and "Энергомера СЕ 102 № 009217354" in text
    assert AskueRow.objects.filter(user=owner).count() == 3
    askue_reading = meter.readings.get(source=Reading.Source.ASKUE)
    assert askue_reading.status == Reading.Status.ACCEPTED
    assert askue_reading.value_t1 == AskueRow.objects.get(serial_number="41234567").a_plus.quantize(
        Decimal("0.01")
    )


def test_timeout_shows_message_and_keeps_the_page(client, owner, settings, askue_server):
    settings.LK_ASKUE_BACKEND = "lk_plugin.metering.askue.HttpJsonAskueBackend"
    settings.LK_ASKUE_URL = _url(askue_server, "/slow")
    settings.LK_ASKUE_TIMEOUT = 0.2
    AskueRow.objects.create(
        user=owner,
        object_name="Старый объект",
        meter_name="Старый счётчик",
        a_plus=1,
        a_minus=0,
        r_plus=0,
        r_minus=0,
        data_time="2026-11-01T00:00:00+03:00",
    )
    client.force_login(owner)
    response = client.post(
        reverse("lk_metering:askue"), {"action": "save", "login": "l", "password": "secret"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Данные АСКУЭ временно недоступны" in text
    assert "Старый объект" in text  # the last data stays visible
    assert "lk-menu" in text  # the cabinet around it renders
    assert AskueCredentials.objects.get(user=owner).last_error.startswith("AskueUnavailable")
    response = client.post(reverse("lk_metering:askue"), {"action": "refresh"})
    assert "Данные АСКУЭ временно недоступны" in response.content.decode()


def test_wrong_credentials_message(client, owner, settings, askue_server):
    settings.LK_ASKUE_BACKEND = "lk_plugin.metering.askue.HttpJsonAskueBackend"
    settings.LK_ASKUE_URL = _url(askue_server)
    client.force_login(owner)
    response = client.post(reverse("lk_metering:askue"), {"action": "save", "login": "l", "password": "bad"})
    assert "не приняла идентификатор или пароль" in response.content.decode()


def test_empty_credentials_get_field_errors(client, owner):
    client.force_login(owner)
    response = client.post(reverse("lk_metering:askue"), {"action": "save", "login": "", "password": ""})
    assert set(response.context["form"].errors) == {"login", "password"}


def test_daily_task_imports_for_everyone_and_survives_failures(owner, stranger, settings):
    settings.LK_ASKUE_BACKEND = "lk_plugin.metering.askue.DemoAskueBackend"
    flows.askue_save_credentials(user=owner, login="770012345678", password="demo")
    flows.askue_save_credentials(user=stranger, login="unknown", password="demo")
    assert import_askue.delay().get() == 1
    assert AskueRow.objects.filter(user=owner).count() == 3
    assert AskueCredentials.objects.get(user=stranger).last_error.startswith("AskueAuthError")


def test_askue_reading_lower_than_manual_is_not_recorded(owner):
    meter = MeterFactory(owner=owner, serial_number="555")
    flows.reading_create(meter=meter, actor=None, values=[Decimal("900")], taken_on=dt.date(2026, 11, 19))
    row = AskueData(
        object_name="Дом",
        meter_name="Счётчик",
        serial_number="555",
        a_plus=Decimal("800"),
        a_minus=Decimal(0),
        r_plus=Decimal(0),
        r_minus=Decimal(0),
        data_time=dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC),
    )
    flows.askue_store_rows(user=owner, rows=[row])
    assert AskueRow.objects.filter(user=owner).count() == 1
    assert not meter.readings.filter(source=Reading.Source.ASKUE).exists()
