"""Run by test_optional_apps.py in a subprocess, with lk_site.settings.without_app, LK_WITHOUT_APP and
LK_SMOKE_DB set: check, migrate a fresh SQLite database, then the main pages as an applicant and as
staff, and the pages of an application, an appeal and a dialog of the installed apps (with their chat
when messaging is installed; without it the pages have no chat section). Prints one line per page and
exits non-zero on any 500 (or check error)."""

import os
import sys

import django

django.setup()

from django.apps import apps  # noqa: E402
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


def objects_with_chats(applicant, staff):
    """A submitted application, an appeal about it and a dialog (each if its app is installed), with a
    message in each chat when messaging is installed: (model, applicant's page, staff page)."""
    from django.urls import reverse
    from django.utils import timezone

    chat = apps.is_installed("lk_plugin.messaging")
    pages = []
    application = None
    if apps.is_installed("lk_plugin.applications"):
        from lk_plugin.applications.models import Application, ApplicationKind

        application = Application.objects.create(
            owner=applicant,
            kind=ApplicationKind.objects.first(),
            legal_form="individual",
            status="submitted",
            number="1ТП/ЛК",
            submitted_at=timezone.now(),
        )
        pages.append(
            (
                Application,
                application.get_absolute_url(),
                reverse("lk_application:inspect", args=[application.pk]),
            )
        )
        if chat:
            from lk_plugin.messaging.flows import message_post, thread_for_application

            message_post(
                thread=thread_for_application(application=application), author=applicant, text="Вопрос"
            )
    if apps.is_installed("lk_plugin.appeals"):
        from lk_plugin.appeals.flows import appeal_submit
        from lk_plugin.appeals.models import Appeal, AppealTopic

        appeal = appeal_submit(
            user=applicant, topic=AppealTopic.objects.first(), text="Текст", application=application
        )
        pages.append((Appeal, appeal.get_absolute_url(), reverse("lk_appeal:inspect", args=[appeal.pk])))
        if chat:
            from lk_plugin.messaging.flows import message_post, thread_for_appeal

            message_post(thread=thread_for_appeal(appeal=appeal), author=applicant, text="Вопрос")
    if chat:
        from lk_plugin.messaging.flows import dialog_create

        thread = dialog_create(user=applicant, subject="Тема", text="Вопрос")
        pages.append(
            (type(thread), thread.get_absolute_url(), reverse("lk_thread:inspect", args=[thread.pk]))
        )
    return pages


def main() -> int:
    call_command("check", fail_level="ERROR", verbosity=0)
    from django.conf import settings

    if "cms_pages" in getattr(settings, "MIGRATION_MODULES", {}):  # the demo host's fresh history
        call_command("makemigrations", "cms_pages", interactive=False, verbosity=0)
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
    applicant_pages, staff_pages = list(APPLICANT_PAGES), list(STAFF_PAGES)
    for _model, applicant_url, staff_url in objects_with_chats(applicant, staff):
        applicant_pages.append(applicant_url)
        staff_pages.append(staff_url)
    chat = apps.is_installed("lk_plugin.messaging")
    failed = 0
    for user, pages in ((applicant, applicant_pages), (staff, staff_pages)):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for url in pages:
            response = client.get(url)
            status = response.status_code
            print(os.environ["LK_WITHOUT_APP"], user.username, url, status)
            failed += status >= 500
            if not chat and b'id="chat"' in response.content:  # a chat section without messaging
                print("  a chat section without lk_plugin.messaging")
                failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
