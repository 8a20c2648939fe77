from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from lk_site.demo import STEPS
from lk_site.demo.context import DemoContext
from lk_site.demo.users import USERS


class Command(BaseCommand):
    help = "Load (or refresh) the demo content of `make run`. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo logins.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run with DEBUG off (a demo stand or tests): it sets known passwords on the demo accounts.",
        )

    def handle(self, *args, quiet=False, force=False, **options):
        if not settings.DEBUG and not force:
            # The demo gives admin@example.ru and the other demo accounts a published password:
            # on a production database that is a superuser anyone can sign in as.
            raise CommandError(
                "lk_demo задаёт демо-учётным записям (в том числе суперпользователю admin@example.ru) "
                "известный пароль, поэтому при DEBUG = False не запускается. Если это демо-стенд, "
                "запустите с --force."
            )
        ctx = DemoContext()
        with transaction.atomic():
            for step in STEPS:
                import_string(step + ".load")(ctx)
        if quiet:
            return
        self.stdout.write(
            self.style.SUCCESS("\nДемо-данные загружены. Откройте http://127.0.0.1:%s/" % self._port())
        )
        self.stdout.write("Демо-учётные записи (логин / пароль):")
        labels = {
            "applicant": "заявитель",
            "staff": "специалист",
            "editor": "редактор",
            "admin": "администратор",
        }
        for role, data in USERS.items():
            self.stdout.write(f"  {labels[role]:<14} {data['email']:<20} {ctx.passwords[role]}")
        for line in ctx.notes:
            self.stdout.write("  " + line)
        self.stdout.write("Письма: var/mail/   SMS: var/sms/   Администрирование: /admin/\n")

    @staticmethod
    def _port():
        import os

        return os.environ.get("PORT", "8000")
