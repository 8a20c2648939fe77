"""Whether the host configured a Celery broker: work is published only to a broker the host chose.

These machines (and many servers) run a RabbitMQ on localhost, so Celery's default broker
(``amqp://guest@localhost//``) "works" without anyone having configured it: a task published there
is never run by anyone. So the plugin publishes only when the host's Celery app names a broker
explicitly and does not run tasks eagerly; otherwise the caller does the work in this process.
"""

import os


def celery_app():
    try:
        from celery import current_app
    except ImportError:  # Celery is optional for a host
        return None
    return current_app


def broker_configured() -> bool:
    """True when tasks published now would go to a broker the host configured (and a worker runs them)."""
    app = celery_app()
    if app is None:
        return False
    conf = app.conf
    if conf.task_always_eager:
        return False
    url = conf.broker_url or os.environ.get("CELERY_BROKER_URL")
    return bool(url)
