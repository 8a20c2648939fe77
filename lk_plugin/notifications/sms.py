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
    """POSTs {"phone", "text"} as JSON to LK_SMS_GATEWAY_URL; any non-2xx raises."""

    timeout = 10

    def send(self, phone, text):
        url = app_settings.SMS_GATEWAY_URL
        if not url.startswith(("https://", "http://")):
            raise RuntimeError("LK_SMS_GATEWAY_URL is not configured")
        data = json.dumps({"phone": phone, "text": text}).encode()
        request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            if response.status >= 300:
                raise RuntimeError(f"SMS gateway answered {response.status}")


def get_sms_backend() -> BaseSMSBackend:
    return import_string(app_settings.SMS_BACKEND)()
