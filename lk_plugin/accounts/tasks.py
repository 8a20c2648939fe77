from celery import shared_task


@shared_task(name="lk_plugin.accounts.tasks.destroy_withdrawn_personal_data")
def destroy_withdrawn_personal_data() -> int:
    """Daily: destroy the personal data of people who withdrew their 152-ФЗ consent 30+ days ago."""
    from .flows import destroy_due_personal_data

    return destroy_due_personal_data()
