"""Run by test_optional_apps.py in a subprocess, with lk_site.settings.without_app, LK_WITHOUT_APP and
LK_SMOKE_DB set: check, migrate a fresh SQLite database, then the main pages as an applicant and as
staff. Prints one line per page and exits non-zero on the first 500 (or check error)."""

import os
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

APPLICANT_PAGES = [
    "/lk/",
    "/lk/applications/",
    "/lk/settings/",
    "/lk/notifications/",
    "/api/lk/v1/openapi.json",
]
STAFF_PAGES = ["/admin/"]


def main() -> int:
    call_command("check", fail_level="ERROR", verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    setup_test_environment()
    User = get_user_model()
    applicant = User.objects.create_user("applicant", email="applicant@example.ru", password="x")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=applicant, email=applicant.email, verified=True, primary=True)
    from lk_plugin.accounts.models import ApplicantProfile

    ApplicantProfile.objects.create(
        user=applicant, legal_form="individual", last_name="Иванов", first_name="Иван"
    )
    staff = User.objects.create_superuser("staff", email="staff@example.ru", password="x")
    failed = 0
    for user, pages in ((applicant, APPLICANT_PAGES), (staff, STAFF_PAGES)):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for url in pages:
            status = client.get(url).status_code
            print(os.environ["LK_WITHOUT_APP"], user.username, url, status)
            failed += status >= 500
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
