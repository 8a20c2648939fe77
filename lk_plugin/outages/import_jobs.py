"""Committing a checked outage import runs as a background job: a large file takes a while, the
admin shows progress and then the report (lk_plugin.core.jobs)."""

from django.urls import reverse
from django.utils.translation import gettext

from lk_plugin.core import jobs

KIND = "outage_import_commit"


def run_commit(job, progress):
    from . import flows
    from .models import OutageImport

    log = OutageImport.objects.get(pk=job.params["import_id"])
    progress(5, 100, gettext("Загружаем строки файла «%(name)s»…") % {"name": log.file_name})
    log = flows.outage_import_commit(outage_import=log, user=job.owner)
    if log.status == OutageImport.Status.COMMITTED:
        message = gettext("Импорт выполнен: добавлено %(c)s, обновлено %(u)s, без изменений %(n)s.") % {
            "c": log.created_count,
            "u": log.updated_count,
            "n": log.unchanged_count,
        }
    else:
        message = gettext("Файл не загружен: при повторной проверке найдены ошибки.")
    return jobs.JobResult(url=reverse("lk_outages_admin:import_report", args=[log.pk]), message=message)


def start_commit(*, outage_import, user):
    return jobs.start(
        kind=KIND,
        owner=user,
        params={"import_id": outage_import.pk},
        title=gettext("Импорт отключений: %(name)s") % {"name": outage_import.file_name},
    )


jobs.register(KIND, run_commit)
