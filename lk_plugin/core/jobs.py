"""Long work in the background with progress: personal-data exports, staff exports, imports, PDFs.

An app registers a kind once::

    jobs.register("personal_data_export", run_export, on_done=notify_owner)

where ``run_export(job, progress) -> JobResult`` does the work and calls ``progress(done, total,
message)`` now and then; ``on_done(job)`` (optional) runs after the result is stored (e.g. a
notification). A view starts a job with ``jobs.start(kind=..., owner=request.user, params=...)``
and answers at once; the page polls ``lk_jobs:status`` and offers ``lk_jobs:download`` when done.

Where the job runs (``LK_JOBS_BACKEND``): a Celery worker when the host configured a broker
(``core.broker.broker_configured``), otherwise a thread of this process started after commit —
the same rule as mail: never publish to a broker the host did not configure.
"""

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lk_plugin.app_settings import app_settings

from . import after_response
from .broker import broker_configured
from .models import Job

logger = logging.getLogger("lk_plugin.jobs")

FAILED_MESSAGE = _("Не удалось выполнить задачу. Попробуйте ещё раз; если ошибка повторится — напишите нам.")


class JobError(Exception):
    """A failure the person should read (Russian text), e.g. a PDF refused by its size limit."""


@dataclass
class JobResult:
    """A file (``content`` + ``filename``) or, for work that changes data (an import), a page that
    shows the outcome (``url``)."""

    content: bytes | None = None
    filename: str = ""
    message: str = ""
    url: str = ""


@dataclass
class JobKind:
    run: Callable
    on_done: Callable | None = None


_kinds: dict[str, JobKind] = {}


def register(kind: str, run: Callable, *, on_done: Callable | None = None) -> None:
    _kinds[kind] = JobKind(run=run, on_done=on_done)


def registered(kind: str) -> bool:
    return kind in _kinds


def start(*, kind: str, owner, params: dict | None = None, title: str = "") -> Job:
    """Create the job row and run it after the current transaction commits."""
    if kind not in _kinds:
        raise KeyError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, owner=owner, params=params or {}, title=str(title)[:255])
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def _param_sql(db, name: str):
    """SQL for ``params ->> name`` on the databases the plugin supports; None elsewhere."""
    column = db.ops.quote_name(Job._meta.get_field("params").column)
    if db.vendor == "postgresql":
        return f"{column} ->> %s", name
    if db.vendor == "sqlite":
        return f"json_extract({column}, %s)", f"$.{name}"
    return None


def start_once(*, kind: str, owner, params: dict, title: str = "", same: tuple[str, ...] = ()) -> Job:
    """``start`` unless a job of *kind* for *owner* with the same values of the *same* params is still
    queued or running (and not stale): then that one is returned (a second click does not start a
    second export).

    One statement, ``INSERT … SELECT … WHERE NOT EXISTS (…)``, written out rather than compiled by the
    ORM: the request that starts a job pays one round trip (make bench P8)."""
    if kind not in _kinds:
        raise KeyError(f"unknown job kind {kind!r}")
    now = timezone.now()
    since = now - dt.timedelta(seconds=app_settings.JOB_STALE_SECONDS)

    def unfinished():  # the ORM's version of the guard below (built only when needed)
        return Job.objects.filter(
            owner=owner,
            kind=kind,
            status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
            updated_at__gt=since,
            **{f"params__{name}": params.get(name) for name in same},
        ).first()

    db = transaction.get_connection()
    same_sql = [_param_sql(db, name) for name in same]
    if any(part is None for part in same_sql) or any(not isinstance(params.get(n), str) for n in same):
        return unfinished() or start(kind=kind, owner=owner, params=params, title=title)
    job = Job(kind=kind, owner=owner, params=params, title=str(title)[:255], created_at=now, updated_at=now)
    meta, quote = Job._meta, db.ops.quote_name
    fields = meta.concrete_fields
    column = {name: quote(meta.get_field(name).column) for name in ("owner", "kind", "status", "updated_at")}
    # Only quoted names of this model go into the text; every value is a parameter.
    table = quote(meta.db_table)
    guard = " ".join(
        [
            f"SELECT 1 FROM {table} WHERE {column['owner']} = %s AND {column['kind']} = %s",  # noqa: S608
            f"AND {column['status']} IN (%s, %s) AND {column['updated_at']} > %s",
            *(f"AND {sql} = %s" for sql, _arg in same_sql),
        ]
    )
    guard_params = [
        owner.pk,
        kind,
        Job.Status.QUEUED,
        Job.Status.RUNNING,
        meta.get_field("updated_at").get_db_prep_value(since, db),
    ]
    for (_sql, arg), name in zip(same_sql, same, strict=True):
        guard_params += [arg, params[name]]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"SELECT {', '.join(['%s'] * len(fields))} WHERE NOT EXISTS ({guard})"
    )
    values = [field.get_db_prep_save(getattr(job, field.attname), db) for field in fields]
    with db.cursor() as cursor:
        cursor.execute(sql, [*values, *guard_params])
        inserted = cursor.rowcount == 1
    if inserted:
        job._state.adding = False
        transaction.on_commit(lambda: dispatch(job.pk))
        return job
    return unfinished() or start(kind=kind, owner=owner, params=params, title=title)


def dispatch(job_id) -> None:
    """Hand the job over without making the request wait: to a Celery worker by one broker publish
    after the response has been sent (``core.after_response``), or, when no broker is configured,
    to a background thread of this process."""
    backend = app_settings.JOBS_BACKEND
    if backend == "inline":
        run(job_id)
        return
    if backend == "celery" or (backend == "auto" and broker_configured()):
        after_response.defer(lambda: publish(job_id))
    else:
        in_thread(job_id)


def publish(job_id) -> None:
    """Queue the job for a Celery worker; with the broker down, do it here rather than leave the
    person waiting forever."""
    from .tasks import run_job

    try:
        run_job.delay(str(job_id))
    except Exception:
        logger.warning("jobs: could not queue job %s; running it in this process", job_id, exc_info=True)
        in_thread(job_id)


def in_thread(job_id) -> None:
    threading.Thread(target=_in_background, args=(job_id,), name=f"lk-job-{job_id}", daemon=True).start()


def _in_background(job_id):
    try:
        run(job_id)
    finally:
        connection.close()  # the thread's own connection


class _Progress:
    """Writes progress only when the whole percent changes (one UPDATE per step, not per row)."""

    def __init__(self, job):
        self.job = job
        self.last = job.progress

    def __call__(self, done, total=100, message=None):
        percent = min(99, int(done * 100 / total)) if total else 0
        changes = {}
        if percent > self.last:
            changes["progress"] = self.last = percent
        if message is not None and str(message) != self.job.message:
            changes["message"] = self.job.message = str(message)[:255]
        if changes:
            changes["updated_at"] = timezone.now()
            Job.objects.filter(pk=self.job.pk).update(**changes)
            self.job.progress = self.last


def run(job_id) -> Job | None:
    """Do the job once (a second delivery of the same job does nothing): result file, then on_done."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return None
    job = Job.objects.select_related("owner").get(pk=job_id)
    kind = _kinds.get(job.kind)
    try:
        if kind is None:
            raise LookupError(f"job kind {job.kind!r} is not registered in this process")
        result = kind.run(job, _Progress(job))
        if result.content is not None:
            job.result.save(result.filename, ContentFile(result.content), save=False)
            job.result_name = result.filename
        job.result_url = result.url[:500]
        job.message = str(result.message or _("Готово"))[:255]
        job.status = Job.Status.DONE
        job.progress = 100
        job.finished_at = timezone.now()
        job.save(
            update_fields=[
                "result",
                "result_name",
                "result_url",
                "message",
                "status",
                "progress",
                "finished_at",
                "updated_at",
            ]
        )
    except Exception as exc:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED,
            message=str(exc if isinstance(exc, JobError) else FAILED_MESSAGE)[:255],
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        job.status = Job.Status.FAILED
        return job
    if kind.on_done is not None:
        try:
            with transaction.atomic():
                kind.on_done(job)
        except Exception:  # the file is ready: a failed notification must not hide it
            logger.exception("job %s: on_done failed", job_id)
    return job


def for_owner(user):
    """The jobs *user* may see (their own)."""
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(owner=user)


def is_stale(job, now=None) -> bool:
    """Queued or running with no progress for LK_JOB_STALE_SECONDS: the process that ran it died."""
    if job.finished:
        return False
    now = now or timezone.now()
    return (now - job.updated_at).total_seconds() > app_settings.JOB_STALE_SECONDS


def status_payload(job) -> dict:
    from django.urls import reverse

    status = Job.Status.FAILED if is_stale(job) else job.status
    message = job.message
    done = status == Job.Status.DONE
    if done and job.result:
        link, link_text = reverse("lk_jobs:download", args=[job.pk]), str(_("Скачать"))
    elif done and job.result_url:
        link, link_text = job.result_url, str(_("Открыть результат"))
    else:
        link, link_text = "", ""
    if status == Job.Status.FAILED and not message:
        message = str(FAILED_MESSAGE)
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "title": job.title,
        "status": status,
        "status_display": str(Job.Status(status).label),
        "progress": job.progress,
        "message": message or str(Job.Status(status).label),
        "finished": status in (Job.Status.DONE, Job.Status.FAILED),
        "download_url": link,
        "link_text": link_text,
        "filename": job.result_name,
    }


def delete_old(*, now=None) -> int:
    """Remove finished jobs older than LK_JOB_KEEP_DAYS with their files (daily task)."""
    now = now or timezone.now()
    old = Job.objects.filter(created_at__lt=now - dt.timedelta(days=app_settings.JOB_KEEP_DAYS))
    count = 0
    for job in old.iterator():
        if job.result:
            job.result.delete(save=False)
        job.delete()
        count += 1
    return count


def run_pending_in_process() -> None:
    """For tests and management commands: run every queued job here (no broker, no thread)."""
    close_old_connections()
    for job_id in Job.objects.filter(status=Job.Status.QUEUED).values_list("pk", flat=True):
        run(job_id)
