"""Celery data a host's own Celery app imports; the plugin never creates or configures an app.

A host that runs a broker and a worker adds the plugin's periodic tasks to its beat schedule::

    # <project>/celery.py
    from celery import Celery
    from lk_plugin.celery import BEAT_SCHEDULE

    app = Celery("mysite")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.autodiscover_tasks()
    app.conf.beat_schedule = {**BEAT_SCHEDULE, **app.conf.beat_schedule}

or, in settings, ``CELERY_BEAT_SCHEDULE = {**BEAT_SCHEDULE, ...}``. A host without a broker runs the
same jobs from cron: ``manage.py lk_outbox_send`` (every minute) and ``manage.py lk_periodic``
(nightly); see docs/celery.md.
"""

from celery.schedules import crontab

#: Task names are stable: they are what a broker carries.
OUTBOX_SWEEP_TASK = "lk_plugin.notifications.tasks.sweep_outbox"
PERSONAL_DATA_DESTRUCTION_TASK = "lk_plugin.accounts.tasks.destroy_withdrawn_personal_data"
ASKUE_IMPORT_TASK = "lk_plugin.metering.tasks.import_askue"
BILLING_SYNC_TASK = "lk_plugin.connection.tasks.sync_payments"
JOBS_CLEANUP_TASK = "lk_plugin.core.tasks.delete_old_jobs"
OUTBOX_PURGE_TASK = "lk_plugin.notifications.tasks.purge_outbox"
SUBSCRIPTIONS_PURGE_TASK = "lk_plugin.outages.tasks.purge_unconfirmed_subscriptions"

BEAT_SCHEDULE = {
    # Unsent and retry-due outbox rows (broker was down, a worker died, the SMTP server refused).
    "lk-outbox-sweep": {"task": OUTBOX_SWEEP_TASK, "schedule": 60.0},
    # 152-ФЗ: personal data of people who withdrew consent 30+ days ago is destroyed nightly.
    "lk-destroy-withdrawn-personal-data": {
        "task": PERSONAL_DATA_DESTRUCTION_TASK,
        "schedule": crontab(hour=2, minute=15),
    },
    # АСКУЭ data for everyone who saved credentials, at night.
    "lk-askue-import": {"task": ASKUE_IMPORT_TASK, "schedule": crontab(hour=3, minute=30)},
    # Payment status of open connection invoices from the billing system (lk_plugin.connection).
    "lk-billing-sync": {"task": BILLING_SYNC_TASK, "schedule": crontab(hour=4, minute=15)},
    # Retention: sent/given-up outbox rows after LK_OUTBOX_RETENTION_DAYS, unconfirmed guest
    # subscriptions after their link expired.
    # Finished background jobs and their files after LK_JOB_KEEP_DAYS.
    "lk-jobs-cleanup": {"task": JOBS_CLEANUP_TASK, "schedule": crontab(hour=2, minute=55)},
    "lk-outbox-purge": {"task": OUTBOX_PURGE_TASK, "schedule": crontab(hour=2, minute=45)},
    "lk-outage-subscriptions-purge": {
        "task": SUBSCRIPTIONS_PURGE_TASK,
        "schedule": crontab(hour=2, minute=50),
    },
}
