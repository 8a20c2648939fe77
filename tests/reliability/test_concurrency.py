"""Concurrency on PostgreSQL: 200 parallel submits get 200 distinct numbers; two specialists
changing one application at once — one wins, the other gets the conflict message, no lost write."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from lk_plugin.applications.flows import ConflictError, application_change_status
from lk_plugin.applications.models import Application, StatusChange
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.notifications import tasks
from tests import factories as f
from tests.factories import make_applicant
from tests.helpers import fill_tp_draft

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CONFLICT = "Заявку уже изменил другой сотрудник"


def run_in_threads(func, items, workers=10):
    """Each call on its own thread and database connection (closed when the call ends)."""

    def call(item):
        try:
            return func(item)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(call, items))


def run_together(*funcs):
    """Start the calls at the same moment (a barrier), each on its own connection; results in order."""
    barrier = threading.Barrier(len(funcs))
    results = [None] * len(funcs)

    def call(index, func):
        try:
            barrier.wait(10)
            results[index] = func()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=call, args=(i, fn)) for i, fn in enumerate(funcs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def clone_drafts(draft, count):
    """*count* drafts like *draft* (its documents' rows point at the same stored files)."""
    from lk_plugin.applications.models import ApplicationDocument

    documents = list(draft.documents.all())
    drafts = [draft]
    for _ in range(count - 1):
        copy = Application.objects.get(pk=draft.pk)
        copy.pk = None
        drafts.append(copy)
    Application.objects.bulk_create(drafts[1:])
    copies = []
    for copy in drafts[1:]:
        for document in documents:
            clone = ApplicationDocument.objects.get(pk=document.pk)
            clone.pk, clone.application = None, copy
            copies.append(clone)
    ApplicationDocument.objects.bulk_create(copies)
    return drafts


@pytest.mark.parametrize("count", [200])
def test_parallel_submits_get_distinct_numbers(tp_page, monkeypatch, count):
    from lk_plugin.applications.flows import application_submit

    # Mail is not what this test is about: leave the rows for the sweeper instead of rendering PDFs.
    monkeypatch.setattr(tasks.send_outbox_messages, "delay", lambda pk: None)
    user = make_applicant()
    drafts = clone_drafts(fill_tp_draft(tp_page, user), count)

    def submit(application):
        return application_submit(application=application, user=user, request_meta=RequestMeta()).number

    numbers = run_in_threads(submit, drafts)
    assert len(set(numbers)) == count and None not in numbers
    assert Application.objects.filter(status="submitted").count() == count
    seqs = sorted(int(number.split("ТП")[0]) for number in numbers)
    assert seqs == list(range(seqs[0], seqs[0] + count))  # no gaps, no repeats
    assert StatusChange.objects.filter(to_status="submitted").count() == count


def test_two_specialists_change_one_application_in_the_flow():
    application = f.application(status="in_progress")
    first, second = f.staff_user("a@example.ru"), f.staff_user("b@example.ru")
    version = application.version

    def change(actor, to_status, reason):
        def go():
            loaded = Application.objects.get(pk=application.pk)  # each loaded the same version
            return application_change_status(
                application=loaded, to_status=to_status, actor=actor, reason=reason, expected_version=version
            )

        return go

    results = run_together(
        change(first, "completed", ""), change(second, "rejected", "Объект вне зоны сетей")
    )
    winners = [r for r in results if isinstance(r, Application)]
    losers = [r for r in results if isinstance(r, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert CONFLICT in str(losers[0])
    application.refresh_from_db()
    assert application.status == winners[0].status and application.version == version + 1
    assert StatusChange.objects.filter(application=application).count() == 1


def test_two_specialists_in_the_admin(settings):
    settings.ROOT_URLCONF = "tests.staff.urls"
    application = f.application(status="in_progress")
    clients = []
    for email in ("a@example.ru", "b@example.ru"):
        client = Client()
        client.force_login(f.staff_user(email))
        clients.append(client)
    url = f"/admin/lk_application/inspect/{application.pk}/"
    version = application.version

    def post(client, to_status, reason):
        data = {"action": "status", "status-version": version, "status-to_status": to_status}
        data["status-reason"] = reason
        return lambda: client.post(url, data)

    responses = run_together(
        post(clients[0], "completed", "Готово"), post(clients[1], "rejected", "Объект вне зоны сетей")
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [302, 409], responses
    loser = next(r for r in responses if r.status_code == 409)
    html = loser.content.decode()
    assert CONFLICT in html
    application.refresh_from_db()
    assert application.version == version + 1
    changes = StatusChange.objects.filter(application=application)
    assert changes.count() == 1 and changes.get().to_status == application.status
