"""Every LK_* setting with its default, read on access so tests can override them."""

from django.conf import settings


class AppSettings:
    prefix = "LK_"

    def _get(self, name, default):
        return getattr(settings, self.prefix + name, default)

    @property
    def ADAPTER(self):
        return self._get("ADAPTER", "lk_plugin.adapter.DefaultLKAdapter")

    @property
    def FORMS(self):
        return self._get("FORMS", {})

    @property
    def BASE_TEMPLATE(self):
        """The host template the cabinet pages extend (must define blocks title and content)."""
        return self._get("BASE_TEMPLATE", "base.html")

    @property
    def UTILITY_NAME(self):
        return self._get("UTILITY_NAME", "Сетевая организация")

    @property
    def UTILITY_PHONE(self):
        return self._get("UTILITY_PHONE", "")

    @property
    def UTILITY_LOGO(self):
        """Path of the logo among static files (used in PDFs and emails)."""
        return self._get("UTILITY_LOGO", "lk_plugin/img/logo.svg")

    @property
    def PDF_TIME_LIMIT(self):
        """Seconds a PDF may take to render before it is aborted (0 disables the limit)."""
        return self._get("PDF_TIME_LIMIT", 60)

    @property
    def PDF_MAX_HTML_SIZE(self):
        """Largest HTML (in bytes) handed to WeasyPrint; larger input is refused before rendering."""
        return self._get("PDF_MAX_HTML_SIZE", 5 * 1024 * 1024)

    @property
    def SITE_URL(self):
        """Absolute origin used in emails and SMS (no trailing slash)."""
        return self._get("SITE_URL", getattr(settings, "WAGTAILADMIN_BASE_URL", "")).rstrip("/")

    @property
    def UPLOAD_MAX_SIZE(self):
        return self._get("UPLOAD_MAX_SIZE", 5 * 1024 * 1024)

    @property
    def UPLOAD_EXTENSIONS(self):
        return self._get(
            "UPLOAD_EXTENSIONS", ["pdf", "doc", "docx", "xls", "xlsx", "xml", "jpg", "jpeg", "png"]
        )

    @property
    def UPLOAD_MAX_FILES(self):
        return self._get("UPLOAD_MAX_FILES", 20)

    @property
    def PAGE_SIZE(self):
        return self._get("PAGE_SIZE", 10)

    @property
    def SMS_BACKEND(self):
        return self._get("SMS_BACKEND", "lk_plugin.notifications.sms.ConsoleSMSBackend")

    @property
    def SMS_FILE_PATH(self):
        return self._get("SMS_FILE_PATH", "var/sms")

    @property
    def SMS_GATEWAY_URL(self):
        return self._get("SMS_GATEWAY_URL", "")

    @property
    def CAPTCHA_ENABLED(self):
        return self._get("CAPTCHA_ENABLED", True)

    @property
    def NUMBER_TEMPLATES(self):
        defaults = {
            "technological_connection": "{seq}ТП/{legal_form}/{connection}/{power_band}/ЛК",
            "appeal": "{seq}/{topic_code}/ЛК",
            "default": "{seq}/{kind_code}/ЛК",
        }
        return {**defaults, **self._get("NUMBER_TEMPLATES", {})}

    @property
    def NUMBER_START(self):
        """Starting value of each numbering sequence (per kind key)."""
        return self._get("NUMBER_START", {})

    @property
    def OUTBOX_MAX_ATTEMPTS(self):
        return self._get("OUTBOX_MAX_ATTEMPTS", 10)

    # --- meter readings (issue 9) ---
    @property
    def METER_READING_WINDOW(self):
        """(first day, last day) of the month when applicants may enter readings; None = any day."""
        return self._get("METER_READING_WINDOW", (15, 25))

    @property
    def METER_MAX_DAILY_KWH(self):
        """Consumption per tariff per day above which the applicant must confirm the reading."""
        return self._get("METER_MAX_DAILY_KWH", 100)

    @property
    def ASKUE_BACKEND(self):
        return self._get("ASKUE_BACKEND", "lk_plugin.metering.askue.DemoAskueBackend")

    @property
    def ASKUE_URL(self):
        return self._get("ASKUE_URL", "")

    @property
    def ASKUE_TOKEN(self):
        return self._get("ASKUE_TOKEN", "")

    @property
    def ASKUE_TIMEOUT(self):
        """Seconds to wait for the АСКУЭ HTTP service (connect and read)."""
        return self._get("ASKUE_TIMEOUT", 10)

    @property
    def ASKUE_ENCRYPTION_KEY(self):
        """Secret the stored АСКУЭ passwords are encrypted with; SECRET_KEY when empty."""
        return self._get("ASKUE_ENCRYPTION_KEY", "")

    # --- applicant's cabinet (issue 6) ---
    @property
    def APPEAL_ANSWER_DAYS(self):
        """Calendar days to answer an appeal (Приказ Минэнерго №186: 30)."""
        return self._get("APPEAL_ANSWER_DAYS", 30)

    @property
    def STAFF_NOTIFICATION_EMAILS(self):
        """Where staff alerts go (new applications, appeals, applicants' messages).

        ``None`` (default): every active person who may change the object in the admin.
        """
        return self._get("STAFF_NOTIFICATION_EMAILS", None)

    # --- cabinet API (issue 10) ---
    @property
    def API_ALLOWED_ORIGINS(self):
        """Origins (https://www.example.ru) whose pages may call the API with the session cookie
        (the embeddable login widget). Also list them in CSRF_TRUSTED_ORIGINS."""
        return [origin.rstrip("/") for origin in self._get("API_ALLOWED_ORIGINS", [])]

    # --- long work in the background (issue 23) ---
    @property
    def JOBS_BACKEND(self):
        """How background jobs run: ``"auto"`` (Celery when the host configured a broker and tasks are
        not eager, else a thread in this process after commit), ``"celery"``, ``"thread"`` or
        ``"inline"`` (in the after-commit hook itself; tests)."""
        return self._get("JOBS_BACKEND", "auto")

    @property
    def JOB_STALE_SECONDS(self):
        """A job with no progress for this long is reported as failed (its process died)."""
        return self._get("JOB_STALE_SECONDS", 30 * 60)

    @property
    def JOB_PDF_TIME_LIMIT(self):
        """Seconds a PDF rendered inside a background job may take (LK_PDF_TIME_LIMIT is for requests)."""
        return self._get("JOB_PDF_TIME_LIMIT", 600)

    @property
    def STAFF_COUNT_CAP(self):
        """Staff queues count matching rows only up to this many (the page count of a million-row
        table would otherwise read all of it on every view)."""
        return self._get("STAFF_COUNT_CAP", 10_000)

    @property
    def JOB_KEEP_DAYS(self):
        """Finished jobs and their files are deleted after this many days."""
        return self._get("JOB_KEEP_DAYS", 7)


app_settings = AppSettings()
