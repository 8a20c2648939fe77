from celery import shared_task


@shared_task(name="lk_plugin.core.tasks.run_job", acks_late=True)
def run_job(job_id: str) -> None:
    """Run one background job (lk_plugin.core.jobs); a second delivery does nothing."""
    from .jobs import run

    run(job_id)


@shared_task(name="lk_plugin.core.tasks.delete_old_jobs")
def delete_old_jobs() -> int:
    from .jobs import delete_old

    return delete_old()
