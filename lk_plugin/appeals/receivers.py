"""An appeal's link to an application is cleared when the application is deleted (the generic link has
no database foreign key; this is what ``on_delete=SET_NULL`` did)."""

from django.contrib.contenttypes.models import ContentType


def clear_link_to_deleted(sender, instance, **kwargs):
    from .models import Appeal

    Appeal.objects.filter(about_type=ContentType.objects.get_for_model(sender), about_id=instance.pk).update(
        about_type=None, about_id=None
    )


def connect():
    from django.apps import apps
    from django.db.models.signals import post_delete

    if apps.is_installed("lk_plugin.applications"):
        post_delete.connect(
            clear_link_to_deleted,
            sender=apps.get_model("lk_applications", "Application"),
            dispatch_uid="lk_appeals_clear_application_link",
        )
