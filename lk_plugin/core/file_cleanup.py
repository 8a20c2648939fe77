"""Files leave the disk with their rows: one post_delete receiver for every FileField of the plugin's
models, so a removed draft document, a deleted message, a profile document or everything a deleted
user's cascade takes (applications, appeals, threads, documents …) is removed from storage too.

The file goes after the deleting transaction commits (a rolled-back delete keeps it); a file already
gone is not an error."""

import logging

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete

logger = logging.getLogger("lk_plugin.files")


def _file_fields(model):
    return [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]


def _delete_files(sender, instance, **kwargs):
    for field in _file_fields(sender):
        fieldfile = getattr(instance, field.attname)
        if not fieldfile or not fieldfile.name:
            continue
        storage, name = fieldfile.storage, fieldfile.name

        def remove(storage=storage, name=name):
            try:
                storage.delete(name)
            except OSError:
                logger.warning("files: could not delete %s", name, exc_info=True)

        transaction.on_commit(remove)


def connect_file_cleanup():
    for model in apps.get_models():
        if model._meta.app_label.startswith("lk_") and _file_fields(model):
            post_delete.connect(
                _delete_files, sender=model, dispatch_uid=f"lk_file_cleanup_{model._meta.label_lower}"
            )
