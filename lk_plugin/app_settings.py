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
        """Absolute origin used in emails, SMS and feeds (no trailing slash): the host that served the
        current request when ``SITE_URL_FROM_REQUEST`` is on (development), else the configured one."""
        if self.SITE_URL_FROM_REQUEST:
            from lk_plugin.core.middleware import current_origin

            origin = current_origin()
            if origin:
                return origin
        return self._get("SITE_URL", getattr(settings, "WAGTAILADMIN_BASE_URL", "")).rstrip("/")

    @property
    def SITE_URL_FROM_REQUEST(self):
        """Links follow the request's host (needs lk_plugin.core.middleware.RequestOriginMiddleware);
        on by default only with DEBUG, so production links always use LK_SITE_URL."""
        return self._get("SITE_URL_FROM_REQUEST", settings.DEBUG)

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
    def SMS_GATEWAY_TOKEN(self):
        """Sent as ``Authorization: Bearer <token>``; required (with https) unless DEBUG."""
        return self._get("SMS_GATEWAY_TOKEN", "")

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
        """Attempts before a message goes to the dead letters (with the default backoff, 48 h of
        retries take 14 attempts)."""
        return self._get("OUTBOX_MAX_ATTEMPTS", 25)

    @property
    def OUTBOX_RETRY_BASE(self):
        """Seconds before the first retry; each further retry waits twice as long. Also the lease of a
        row being sent: it must exceed the longest send (EMAIL_TIMEOUT + PDF rendering)."""
        return self._get("OUTBOX_RETRY_BASE", 300)

    @property
    def OUTBOX_RETRY_MAX_DELAY(self):
        """Longest wait between two retries, seconds."""
        return self._get("OUTBOX_RETRY_MAX_DELAY", 6 * 60 * 60)

    @property
    def OUTBOX_RETRY_HORIZON(self):
        """Seconds after the first attempt during which a message is retried (then: dead letter)."""
        return self._get("OUTBOX_RETRY_HORIZON", 48 * 60 * 60)

    @property
    def OUTAGE_SUBSCRIBE_RATE_LIMIT(self):
        """Subscription requests (each may send a confirmation mail), allauth's rate syntax: per client
        IP and per email address ("key")."""
        return self._get("OUTAGE_SUBSCRIBE_RATE_LIMIT", "10/h/ip,3/d/key")

    @property
    def OUTAGE_SUBSCRIPTIONS_PER_EMAIL(self):
        """Most addresses one email may be subscribed to."""
        return self._get("OUTAGE_SUBSCRIPTIONS_PER_EMAIL", 10)

    @property
    def OUTBOX_RETENTION_DAYS(self):
        """Sent and given-up outbox rows (addresses, bodies) are deleted after this many days."""
        return self._get("OUTBOX_RETENTION_DAYS", 30)

    @property
    def OUTBOX_DELIVERY(self):
        """ "auto" (a Celery worker when a broker is configured, else in-process after commit),
        "inline" or "worker"."""
        return self._get("OUTBOX_DELIVERY", "auto")

    # --- meter readings (issue 9) ---
    @property
    def METER_READING_WINDOW(self):
        """(first day, last day) of the month when applicants may enter readings; None (the default)
        = any day. A utility that has a window sets it, e.g. ``(15, 25)``."""
        return self._get("METER_READING_WINDOW", None)

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
    def DUE_SOON_WORKING_DAYS(self):
        """«Срок скоро»: an open application due within this many working days (staff queue, dashboard)."""
        return self._get("DUE_SOON_WORKING_DAYS", 3)

    @property
    def FEED_TIME_ZONE(self):
        """Time zone announced by the outages calendar feed (X-WR-TIMEZONE)."""
        return self._get("FEED_TIME_ZONE", "Europe/Moscow")

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

    # --- abuse and faults (issue 19) ---
    @property
    def STAFF_MFA_REQUIRED(self):
        """Whoever can open the Wagtail admin must sign in with TOTP (sent to enrol first)."""
        return self._get("STAFF_MFA_REQUIRED", True)

    @property
    def LOGIN_CAPTCHA_AFTER(self):
        """Failed logins of one account (from anywhere, within LOGIN_FAILURE_WINDOW seconds) after
        which the login form also asks for the captcha; the account is never locked by them."""
        return self._get("LOGIN_CAPTCHA_AFTER", 3)

    @property
    def LOGIN_FAILURE_WINDOW(self):
        return self._get("LOGIN_FAILURE_WINDOW", 15 * 60)

    @property
    def ASKUE_LIMITS(self):
        """Connecting an АСКУЭ account from the cabinet: failures per user before a lockout of
        ``lockout`` seconds, attempts per user and per IP within ``window`` seconds."""
        defaults = {"failures": 5, "lockout": 60 * 60, "per_user": 10, "per_ip": 30, "window": 60 * 60}
        return {**defaults, **self._get("ASKUE_LIMITS", {})}

    @property
    def QUOTAS(self):
        """Expensive actions per user: name → (count, seconds)."""
        defaults = {
            "pdf": (30, 60 * 60),
            "chat_message": (30, 60 * 60),
            "draft": (20, 24 * 60 * 60),
            "upload": (100, 24 * 60 * 60),
        }
        return {**defaults, **self._get("QUOTAS", {})}

    # --- technological connection (issue 21) ---
    @property
    def BILLING_BACKEND(self):
        return self._get("BILLING_BACKEND", "lk_plugin.connection.billing.DemoBillingBackend")

    @property
    def BILLING_URL(self):
        return self._get("BILLING_URL", "")

    @property
    def BILLING_LOGIN(self):
        return self._get("BILLING_LOGIN", "")

    @property
    def BILLING_PASSWORD_ENCRYPTED(self):
        """The billing password encrypted with ``lk_plugin.connection.billing.encrypt_password`` (never plain)."""
        return self._get("BILLING_PASSWORD_ENCRYPTED", "")

    @property
    def BILLING_ENCRYPTION_KEY(self):
        return self._get("BILLING_ENCRYPTION_KEY", "")

    @property
    def BILLING_TIMEOUT(self):
        return self._get("BILLING_TIMEOUT", 10)

    @property
    def PAYMENT_BACKEND(self):
        return self._get("PAYMENT_BACKEND", "lk_plugin.connection.payment.BankDetailsPaymentBackend")

    @property
    def PAYMENT_PROVIDER_URL(self):
        return self._get("PAYMENT_PROVIDER_URL", "")

    @property
    def PAYMENT_DETAILS(self):
        """The utility's bank details for the invoice and the ГОСТ Р 56042 QR code."""
        return self._get(
            "PAYMENT_DETAILS",
            {"name": "", "account": "", "bank_name": "", "bic": "", "corr_account": "", "inn": "", "kpp": ""},
        )

    @property
    def SIGNING_CODE_TTL(self):
        """Seconds an SMS signing code stays valid."""
        return self._get("SIGNING_CODE_TTL", 600)

    @property
    def STATUS_CHECK_LIMIT(self):
        """Public status checks per client IP per hour (``/lk/status/`` and its API endpoint)."""
        return self._get("STATUS_CHECK_LIMIT", 20)

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
    def BULK_PDF_MAX(self):
        """At most this many applications in one «PDF заявок (ZIP)» job of the staff queue (each PDF
        takes about a second to render)."""
        return self._get("BULK_PDF_MAX", 200)

    @property
    def JOB_KEEP_DAYS(self):
        """Finished jobs and their files are deleted after this many days."""
        return self._get("JOB_KEEP_DAYS", 7)


app_settings = AppSettings()
