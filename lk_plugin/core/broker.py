"""Whether the host configured a Celery broker: the one rule for background jobs (``core/jobs.py``) and
mail (``notifications/outbox.py``).

These machines (and many servers) run a RabbitMQ on localhost, so Celery's default broker
(``amqp://guest@localhost//``) "works" without anyone having configured it: a task published there
is never run by anyone. So the plugin publishes only when the host's Celery app names a broker
explicitly and does not run tasks eagerly. Otherwise (Celery not installed, eager tasks, no broker
named) the caller does the work in this process, after the transaction commits.
"""

import os


def celery_app():
    try:
        from celery import current_app
    except ImportError:  # Celery is optional for a host
        return None
    return current_app


def broker_configured() -> bool:
    """True when tasks published now would go to a broker the host configured, for a worker to run.

    A broker is configured when the Celery app the plugin's tasks are bound to (Celery's current app)
    names one: ``CELERY_BROKER_URL`` in the settings its app reads, the app's own ``broker=``
    (``broker_url`` / ``broker_write_url``) or the ``CELERY_BROKER_URL`` environment variable; and
    it does not run tasks eagerly (``task_always_eager`` runs them inside the request: no broker).
    """
    app = celery_app()
    if app is None:
        return False
    conf = app.conf
    if conf.task_always_eager:
        return False
    url = conf.broker_write_url or conf.broker_url or os.environ.get("CELERY_BROKER_URL")
    return bool(url)
