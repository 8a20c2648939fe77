"""Send the outbox rows that are due (never sent, or due for a retry): the cron job of a host
without a Celery worker, e.g. ``* * * * * cd /srv/site && python manage.py lk_outbox_send``.

Safe to run while other senders (web processes, a worker, another cron run) are active: each row is
claimed under a row lock, so it is sent once."""

from django.core.management.base import BaseCommand

from lk_plugin.notifications.tasks import sweep_outbox


class Command(BaseCommand):
    help = "Отправить письма и SMS из очереди исходящих, которые ждут отправки или повтора."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age",
            type=int,
            default=30,
            help="Не трогать строки моложе стольких секунд (их отправляет сам запрос после commit).",
        )

    def handle(self, *args, min_age, **options):
        sent = sweep_outbox.run(min_age_seconds=min_age)
        self.stdout.write(f"Отправлено: {sent}")
