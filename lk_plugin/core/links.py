"""A generic link (content type + id) whose target's app may be left out of INSTALLED_APPS.

A chat is *about* an application or an appeal, an appeal about an application (docs/architecture.md
«À la carte»). When the target's app is removed from a site that had it, the rows keep their content
type, which no longer has a model: Django's ``GenericForeignKey`` would fail reading or prefetching it.
``GenericLink`` reads as None then, as for a deleted target.
"""

from django.contrib.contenttypes.fields import GenericForeignKey


class GenericLink(GenericForeignKey):
    def _target_installed(self, instance) -> bool:
        ct_id = getattr(instance, self.model._meta.get_field(self.ct_field).attname, None)
        if ct_id is None:
            return True
        return self.get_content_type(id=ct_id, using=instance._state.db).model_class() is not None

    def __get__(self, instance, cls=None):
        if instance is not None and not self._target_installed(instance):
            return None
        return super().__get__(instance, cls)

    def get_prefetch_querysets(self, instances, querysets=None):
        # Rows pointing at a removed app are not looked up, and match nothing: None is cached for them.
        result = super().get_prefetch_querysets(
            [instance for instance in instances if self._target_installed(instance)], querysets
        )
        objects, object_key, instance_key, *rest = result

        def key(instance):
            return instance_key(instance) if self._target_installed(instance) else None

        return (objects, object_key, key, *rest)
