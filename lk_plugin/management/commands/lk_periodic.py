"""The plugin's nightly jobs for a host without Celery beat: 152-ФЗ destruction of the personal data of
people who withdrew consent, retention purges (outbox, unconfirmed subscriptions, finished background
jobs), then the АСКУЭ import and the billing payment sync (when those apps are installed). Cron, e.g.
``30 3 * * * cd /srv/site && python manage.py lk_periodic``. With a broker, beat runs the same tasks
from ``lk_plugin.celery.BEAT_SCHEDULE`` instead."""

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Ночные задачи личного кабинета: уничтожение персональных данных по 152-ФЗ, импорт АСКУЭ, оплаты счетов."

    def handle(self, *args, **options):
        from lk_plugin.accounts.tasks import destroy_withdrawn_personal_data
        from lk_plugin.core.tasks import delete_old_jobs
        from lk_plugin.notifications.tasks import purge_outbox

        destroyed = destroy_withdrawn_personal_data.run()
        self.stdout.write(f"Уничтожены данные (152-ФЗ): {destroyed}")
        self.stdout.write(f"Удалены старые исходящие: {purge_outbox.run()}")
        self.stdout.write(f"Удалены старые фоновые задачи: {delete_old_jobs.run()}")
        if apps.is_installed("lk_plugin.outages"):
            from lk_plugin.outages.tasks import purge_unconfirmed_subscriptions

            self.stdout.write(f"Удалены неподтверждённые подписки: {purge_unconfirmed_subscriptions.run()}")
        if apps.is_installed("lk_plugin.metering"):
            from lk_plugin.metering.tasks import import_askue

            self.stdout.write(f"Импорт АСКУЭ: {import_askue.run()}")
        if apps.is_installed("lk_plugin.connection"):
            from lk_plugin.connection.tasks import sync_payments

            self.stdout.write(f"Оплаты счетов из биллинга: {sync_payments.run()}")
