"""Personal-data access log: every staff view of an applicant's data writes a row."""

from lk_plugin.core.models import PersonalDataAccessLog


def log_personal_data_access(*, user, subject, obj, action=PersonalDataAccessLog.Action.VIEW):
    """Record that *user* saw (or downloaded) personal data of *subject* through *obj*."""
    return PersonalDataAccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        subject=subject,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        action=action,
    )
