"""SMS backends selected by LK_SMS_BACKEND: console, file (dev), memory (tests), HTTP gateway."""

import json
import logging
import urllib.request
from pathlib import Path

from django.utils import timezone
from django.utils.module_loading import import_string

from lk_plugin.app_settings import app_settings

logger = logging.getLogger("lk_plugin.sms")

# The memory backend keeps what it "sent" here, like django.core.mail.outbox.
outbox: list[dict] = []


class BaseSMSBackend:
    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSMSBackend(BaseSMSBackend):
    def send(self, phone, text):
        logger.info("SMS to %s: %s", phone, text)


class MemorySMSBackend(BaseSMSBackend):
    def send(self, phone, text):
        outbox.append({"phone": phone, "text": text})


class FileSMSBackend(BaseSMSBackend):
    """One file per message in LK_SMS_FILE_PATH (var/sms/ for `make run`)."""

    def send(self, phone, text):
        folder = Path(app_settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
        (folder / f"{stamp}.txt").write_text(f"To: {phone}\n\n{text}\n", encoding="utf-8")


class HTTPSMSBackend(BaseSMSBackend):
    """POSTs {"phone", "text"} as JSON to LK_SMS_GATEWAY_URL with ``Authorization: Bearer
    LK_SMS_GATEWAY_TOKEN``; any non-2xx raises. The texts carry temporary passwords: unless DEBUG,
    the gateway must be https and the token set, otherwise nothing is sent (the outbox records why)."""

    timeout = 10

    def send(self, phone, text):
        from django.conf import settings

        url = app_settings.SMS_GATEWAY_URL
        token = app_settings.SMS_GATEWAY_TOKEN
        if not url.startswith(("https://", "http://")):
            raise RuntimeError("LK_SMS_GATEWAY_URL is not configured")
        if not settings.DEBUG and not (url.startswith("https://") and token):
            raise RuntimeError(
                "the SMS gateway needs an https:// LK_SMS_GATEWAY_URL and LK_SMS_GATEWAY_TOKEN"
            )
        data = json.dumps({"phone": phone, "text": text}).encode()
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(url, data=data, headers=headers)
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            if response.status >= 300:
                raise RuntimeError(f"SMS gateway answered {response.status}")


def get_sms_backend() -> BaseSMSBackend:
    return import_string(app_settings.SMS_BACKEND)()
