"""АСКУЭ adapters: ``LK_ASKUE_BACKEND`` names a class with ``fetch_latest(account) -> list[AskueData]``.

Built in: ``DemoAskueBackend`` (plausible data for the demo account) and ``HttpJsonAskueBackend``
(POSTs JSON to ``LK_ASKUE_URL`` and reads ``{"rows": [...]}``; see README).
"""

import datetime as dt
import http.client
import json
import math
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import import_string

from lk_plugin.app_settings import app_settings
from lk_plugin.core import crypto

#: Stored АСКУЭ passwords: core.crypto keyed by LK_ASKUE_ENCRYPTION_KEY (or SECRET_KEY) and this purpose.
CRYPTO_PURPOSE = "lk_plugin.metering.askue"


def encrypt_password(password: str) -> str:
    return crypto.encrypt(password, purpose=CRYPTO_PURPOSE, secret=app_settings.ASKUE_ENCRYPTION_KEY)


def decrypt_password(token: str) -> str | None:
    """The plain text, or None when the key changed since it was stored."""
    return crypto.decrypt(token, purpose=CRYPTO_PURPOSE, secret=app_settings.ASKUE_ENCRYPTION_KEY)


class AskueError(Exception):
    """Any failure to get АСКУЭ data; the message is safe to show."""


class AskueUnavailable(AskueError):
    pass


class AskueAuthError(AskueError):
    pass


class AskueLimitError(AskueError):
    """Too many attempts from the cabinet (per user, per IP) or locked after repeated failures."""


@dataclass(frozen=True)
class AskueAccount:
    login: str
    password: str
    account_number: str = ""


@dataclass(frozen=True)
class AskueData:
    object_name: str
    meter_name: str
    a_plus: Decimal
    a_minus: Decimal
    r_plus: Decimal
    r_minus: Decimal
    data_time: dt.datetime
    serial_number: str = ""
    tariffs: list = field(default_factory=list)


def get_askue_backend():
    return import_string(app_settings.ASKUE_BACKEND)()


def _decimal(value, name):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise AskueUnavailable(f"bad value of {name}: {value!r}") from exc


def parse_rows(payload) -> list[AskueData]:
    """Rows of the JSON contract: object, meter, a_plus, a_minus, r_plus, r_minus, time [, serial, tariffs]."""
    if not isinstance(payload, dict) or not isinstance(payload.get("rows"), list):
        raise AskueUnavailable("response has no rows list")
    rows = []
    for item in payload["rows"]:
        if not isinstance(item, dict):
            raise AskueUnavailable("row is not an object")
        moment = parse_datetime(str(item.get("time", "")))
        if moment is None:
            raise AskueUnavailable(f"bad time: {item.get('time')!r}")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        rows.append(
            AskueData(
                object_name=str(item.get("object", ""))[:300],
                meter_name=str(item.get("meter", ""))[:300],
                serial_number=str(item.get("serial", ""))[:64],
                a_plus=_decimal(item.get("a_plus"), "a_plus"),
                a_minus=_decimal(item.get("a_minus", 0), "a_minus"),
                r_plus=_decimal(item.get("r_plus", 0), "r_plus"),
                r_minus=_decimal(item.get("r_minus", 0), "r_minus"),
                data_time=moment,
                tariffs=[_decimal(v, "tariffs") for v in item.get("tariffs") or []],
            )
        )
    return rows


class HttpJsonAskueBackend:
    """POST {"login", "password", "account"} as JSON to LK_ASKUE_URL; expects {"rows": [...]}.

    401/403 mean wrong credentials; anything else that is not a 200 with that shape, a timeout
    (LK_ASKUE_TIMEOUT seconds) or a network error means the service is unavailable.
    """

    def __init__(self, url=None, token=None, timeout=None):
        self.url = url if url is not None else app_settings.ASKUE_URL
        self.token = token if token is not None else app_settings.ASKUE_TOKEN
        self.timeout = timeout if timeout is not None else app_settings.ASKUE_TIMEOUT

    def fetch_latest(self, account: AskueAccount) -> list[AskueData]:
        if not self.url:
            raise AskueUnavailable("LK_ASKUE_URL is not set")
        body = json.dumps(
            {"login": account.login, "password": account.password, "account": account.account_number}
        ).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                payload = json.loads(response.read(5 * 1024 * 1024).decode("utf-8"))
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403):
                raise AskueAuthError(f"HTTP {exc.code}") from exc
            raise AskueUnavailable(f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as exc:
            raise AskueUnavailable(f"{type(exc).__name__}: {exc}") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise AskueUnavailable(f"bad JSON: {exc}") from exc
        return parse_rows(payload)


# Demo data: object, meter type, serial, tariffs, kWh per day on average, counter on 01.01.2020.
DEMO_ACCOUNTS = {
    "770012345678": [
        ("Жилой дом, ул. Ленина, д. 15", "Меркурий 201.8", "41234567", 1, 9.4, 3120.0),
        ("Садовый дом, СНТ «Рассвет», уч. 42", "Нева МТ 124", "00918273", 2, 6.1, 1045.0),
        ("Гараж, ГСК «Мотор», бокс 17", "Энергомера СЕ 102", "009217354", 1, 0.8, 212.0),
    ]
}
DEMO_TARIFF_SHARES = {1: [1.0], 2: [0.68, 0.32], 3: [0.2, 0.3, 0.5]}


def demo_counter(daily: float, start: float, moment: dt.datetime | dt.date, tariffs: int) -> list[Decimal]:
    """A plausible cumulative counter per tariff: more in winter, less in summer, never decreasing."""
    if isinstance(moment, dt.datetime):
        days = (moment - dt.datetime(2020, 1, 1, tzinfo=moment.tzinfo)).total_seconds() / 86400
    else:
        days = (moment - dt.date(2020, 1, 1)).days
    total = start + daily * days + daily * 25 * math.sin(2 * math.pi * days / 365.25)
    return [Decimal(total * share).quantize(Decimal("0.01")) for share in DEMO_TARIFF_SHARES[tariffs]]


class DemoAskueBackend:
    """Plausible data for the demo account (login = лицевой счёт 770012345678, any password)."""

    def fetch_latest(self, account: AskueAccount) -> list[AskueData]:
        meters = DEMO_ACCOUNTS.get(account.login) or DEMO_ACCOUNTS.get(account.account_number)
        if meters is None or not account.password:
            raise AskueAuthError("unknown demo account")
        moment = timezone.now().replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=1)
        rows = []
        for object_name, meter_type, serial, tariffs, daily, start in meters:
            per_tariff = demo_counter(daily, start, moment, tariffs)
            a_plus = sum(per_tariff, Decimal(0))
            rows.append(
                AskueData(
                    object_name=object_name,
                    meter_name=f"{meter_type} № {serial}",
                    serial_number=serial,
                    a_plus=a_plus,
                    a_minus=Decimal("0.000"),
                    r_plus=(a_plus * Decimal("0.12")).quantize(Decimal("0.001")),
                    r_minus=(a_plus * Decimal("0.01")).quantize(Decimal("0.001")),
                    data_time=moment,
                    tariffs=per_tariff,
                )
            )
        return rows
