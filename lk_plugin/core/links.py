"""A generic link (content type + id) whose target's app may be left out of INSTALLED_APPS.

A chat is *about* an application or an appeal, an appeal about an application (docs/architecture.md
«À la carte»). When the target's app is removed from a site that had it, the rows keep their content
type, which no longer has a model: Django's ``GenericForeignKey`` would fail reading or prefetching it.
``GenericLink`` reads as None then, as for a deleted target.
"""

from django.contrib.contenttypes.fields import GenericForeignKey

try:  # Django 6.1+: the field puts a separate descriptor on the model
    from django.contrib.contenttypes.fields import GenericForeignKeyDescriptor
except ImportError:  # Django 5.2/6.0: the field is its own descriptor
    GenericForeignKeyDescriptor = None


def _skip_removed(link, instances, querysets, parent):
    """Prefetch only rows whose target's app is installed; the others match nothing (None)."""
    result = parent([instance for instance in instances if link._target_installed(instance)], querysets)
    objects, object_key, instance_key, *rest = result

    def key(instance):
        return instance_key(instance) if link._target_installed(instance) else None

    return (objects, object_key, key, *rest)


class GenericLink(GenericForeignKey):
    def _target_installed(self, instance) -> bool:
        ct_id = getattr(instance, self.model._meta.get_field(self.ct_field).attname, None)
        if ct_id is None:
            return True
        return self.get_content_type(id=ct_id, using=instance._state.db).model_class() is not None

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if GenericForeignKeyDescriptor is not None:
            setattr(cls, self.attname, _LinkDescriptor(self))

    def __get__(self, instance, cls=None):
        if instance is not None and not self._target_installed(instance):
            return None
        return super().__get__(instance, cls)

    def get_prefetch_querysets(self, instances, querysets=None):
        return _skip_removed(self, instances, querysets, super().get_prefetch_querysets)


if GenericForeignKeyDescriptor is not None:

    class _LinkDescriptor(GenericForeignKeyDescriptor):
        def __get__(self, instance, cls=None):
            if instance is not None and not self.field._target_installed(instance):
                return None
            return super().__get__(instance, cls)

        def get_prefetch_querysets(self, instances, querysets=None):
            return _skip_removed(self.field, instances, querysets, super().get_prefetch_querysets)
