"""Personal-data access log (152-ФЗ): the one mechanism every staff read of personal data goes through.

* object pages (inspect, edit, review) — :class:`PersonalDataObjectMixin`: a row per GET naming the
  person whose data was shown;
* lists, searches and their CSV/XLSX exports — :class:`PersonalDataListMixin`: a row per GET naming the
  list, the search and the filters (an identifier typed into the search is recorded: it says whom the
  specialist looked for), action «Выгрузка» for an export;
* file downloads call :func:`log_personal_data_access` directly (lk_plugin.staff.downloads).

The crawl test (tests/security/test_personal_data_access_log.py) opens every admin page of the
plugin as staff and fails for a personal-data page that wrote no row.
"""

from django.utils.translation import gettext as _

from .models import PersonalDataAccessLog


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


def log_personal_data_list(*, user, model, query: str, export: bool):
    """Record that *user* opened (or exported) a list of *model* with the search/filters *query*."""
    action = PersonalDataAccessLog.Action.EXPORT if export else PersonalDataAccessLog.Action.VIEW
    label = _("Выгрузка списка «%(list)s»") if export else _("Список «%(list)s»")
    text = label % {"list": model._meta.verbose_name_plural}
    if query:
        text = f"{text}: {query}"
    return PersonalDataAccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        object_type=model._meta.label_lower,
        object_repr=text[:255],
        action=action,
    )


def subject_of(obj, path: str):
    """The user whose data *obj* is, following the dotted *path* ("owner", "meter.owner", "user")."""
    for name in path.split("."):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


class PersonalDataObjectMixin:
    """For an object page of a Wagtail view (inspect/edit): each successful GET writes a row.

    ``personal_data_subject`` is the dotted path from the object to the person; override
    ``logs_personal_data()`` for objects that may carry none (an anonymous appeal without contacts)."""

    personal_data_subject = "owner"

    def logs_personal_data(self) -> bool:
        return True

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200 and self.logs_personal_data():
            log_personal_data_access(
                user=request.user,
                subject=subject_of(self.object, self.personal_data_subject),
                obj=self.object,
            )
        return response


class PersonalDataListMixin:
    """For a Wagtail IndexView listing people's data: the page, its AJAX results and its export each
    write a row (an export as «Выгрузка»)."""

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if response.status_code == 200:
            log_personal_data_list(
                user=self.request.user,
                model=self.model,
                query=self.request.GET.urlencode()[:200],
                export=bool(getattr(self, "is_export", False)),
            )
        return response
