"""Celery application of the host site (Redis broker in production, eager in dev and tests)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lk_site.settings.dev")

app = Celery("lk_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="lk_site.health")
def health():
    """Round-trip check used by monitoring and tests."""
    return "ok"
