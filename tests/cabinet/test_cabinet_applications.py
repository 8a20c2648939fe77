"""The applicant's applications: tabs, pagination, search, detail, withdraw, drafts, answering a request."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lk_plugin.applications.models import Application, ApplicationDocument, InfoRequest, StatusChange
from lk_plugin.applications.statuses import Status
from tests.factories import (
    PDF_BYTES,
    ApplicationFactory,
    CommentFactory,
    CommentFileFactory,
    FormVersionFactory,
    StageDocumentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/lk/applications/"


def _numbers(response):
    return {a.number for a in response.context["page_obj"].object_list}


def test_tabs_filter_by_status(client, applicant):
    made = {}
    for status in Status.values:
        number = None if status == Status.DRAFT else f"{status}-1ТП/ФЛ/НП/До 15/ЛК"
        made[status] = ApplicationFactory(owner=applicant, status=status, number=number)
    ApplicationFactory(status=Status.SUBMITTED)  # someone else's never shows
    expected = {
        "drafts": {Status.DRAFT},
        "submitted": {Status.SUBMITTED},
        "in_progress": {Status.IN_PROGRESS, Status.NEEDS_INFO},
        "completed": {Status.COMPLETED},
        "rejected": {Status.REJECTED, Status.WITHDRAWN},
        "all": set(Status.values),
    }
    for tab, statuses in expected.items():
        response = client.get(LIST, {"tab": tab})
        assert response.status_code == 200
        shown = {a.pk for a in response.context["page_obj"].object_list}
        assert shown == {made[s].pk for s in statuses}, tab
    assert "Черновики" in client.get(LIST).content.decode()


def test_pagination_ten_per_page_keeps_the_tab(client, applicant):
    ApplicationFactory.create_batch(12, owner=applicant, status=Status.SUBMITTED)
    first = client.get(LIST, {"tab": "submitted"})
    assert len(first.context["page_obj"].object_list) == 10
    assert "tab=submitted&amp;page=2" in first.content.decode()
    second = client.get(LIST, {"tab": "submitted", "page": 2})
    assert len(second.context["page_obj"].object_list) == 2
    assert _numbers(first).isdisjoint(_numbers(second))


def test_page_size_follows_setting(client, applicant, settings):
    settings.LK_PAGE_SIZE = 3
    ApplicationFactory.create_batch(4, owner=applicant)
    assert len(client.get(LIST).context["page_obj"].object_list) == 3


def test_search_by_number(client, applicant):
    ApplicationFactory(owner=applicant, number="4894ТП/ФЛ/НП/До 15/ЛК")
    ApplicationFactory(owner=applicant, number="4895ТП/ФЛ/НП/До 15/ЛК")
    response = client.get(LIST, {"q": "4894"})
    assert _numbers(response) == {"4894ТП/ФЛ/НП/До 15/ЛК"}


def test_search_looks_through_every_tab_and_says_where_the_hits_are(client, applicant):
    ApplicationFactory(owner=applicant, status=Status.IN_PROGRESS, number="4894ТП/ФЛ/НП/До 15/ЛК")
    ApplicationFactory(owner=applicant, status=Status.COMPLETED, number="4890ТП/ФЛ/НП/До 15/ЛК")
    ApplicationFactory(owner=applicant, status=Status.SUBMITTED, number="5000ТП/ЮЛ/НП/До 15/ЛК")
    # Typed in lower case (Cyrillic) while looking at another tab.
    response = client.get(LIST, {"tab": "submitted", "q": "тп/фл"})
    assert _numbers(response) == {"4894ТП/ФЛ/НП/До 15/ЛК", "4890ТП/ФЛ/НП/До 15/ЛК"}
    html = response.content.decode()
    assert "во всех разделах" in html and "«В работе» — 1" in html and "«Выполнены» — 1" in html
    assert "не найдено" not in html
    assert "ни в одном разделе" in client.get(LIST, {"q": "нет такого"}).content.decode()


def test_list_is_ordered_by_the_date_it_shows(client, applicant):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    old_submit = ApplicationFactory(owner=applicant, status=Status.SUBMITTED, number="1ТП")
    new_draft = ApplicationFactory(owner=applicant, status=Status.DRAFT, number=None)
    recent_submit = ApplicationFactory(owner=applicant, status=Status.SUBMITTED, number="2ТП")
    Application.objects.filter(pk=old_submit.pk).update(
        created_at=now - dt.timedelta(days=1), submitted_at=now - dt.timedelta(days=30)
    )
    Application.objects.filter(pk=new_draft.pk).update(
        created_at=now - dt.timedelta(days=10), submitted_at=None
    )
    Application.objects.filter(pk=recent_submit.pk).update(
        created_at=now - dt.timedelta(days=40), submitted_at=now - dt.timedelta(days=2)
    )
    shown = [a.pk for a in client.get(LIST).context["page_obj"].object_list]
    assert shown == [recent_submit.pk, new_draft.pk, old_submit.pk]


def test_list_shows_last_public_comment_not_internal_note(client, applicant):
    application = ApplicationFactory(owner=applicant)
    CommentFactory(application=application, text="Публичный комментарий")
    CommentFactory(application=application, text="СЕКРЕТНАЯ ЗАМЕТКА", is_internal=True)
    html = client.get(LIST).content.decode()
    assert "Публичный комментарий" in html
    assert "СЕКРЕТНАЯ ЗАМЕТКА" not in html


def _bulk(owner, count, start):
    version = FormVersionFactory()
    kind = ApplicationFactory.build().kind
    Application.objects.bulk_create(
        Application(
            owner=owner,
            kind=kind,
            form_version=version,
            legal_form="individual",
            status=Status.IN_PROGRESS,
            number=f"{start + i}ТП/ФЛ/НП/До 15/ЛК",
        )
        for i in range(count)
    )
    for application in Application.objects.filter(owner=owner)[:5]:
        CommentFactory(application=application)


def test_list_query_count_is_constant(client, django_assert_max_num_queries, warm_site_cache):
    few, many = UserFactory(), UserFactory()
    _bulk(few, 5, 1)
    _bulk(many, 500, 1000)
    counts = []
    for user in (few, many):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(12):
        client.get(LIST, {"tab": "in_progress", "page": 3})


def test_detail_shows_data_history_comments_files_and_hides_internal_notes(client, applicant):
    application = ApplicationFactory(owner=applicant)
    StatusChange.objects.create(application=application, from_status="draft", to_status="submitted")
    public = CommentFactory(application=application, text="Приложите план участка")
    CommentFileFactory(comment=public, original_name="Образец плана.pdf")
    internal = CommentFactory(application=application, text="ВНУТРЕННЯЯ: проверить долг", is_internal=True)
    CommentFileFactory(comment=internal, original_name="internal-scan.pdf")
    StageDocumentFactory(application=application, title="Технические условия №5")
    html = client.get(application.get_absolute_url()).content.decode()
    assert "г. Москва, ул. Ленина, д. 1" in html  # submitted data by the form version
    assert "Адрес объекта" in html
    assert "Приложите план участка" in html and "Показать файлы" in html
    assert "Образец плана.pdf" in html
    assert "Технические условия №5" in html
    assert "Отправлена" in html  # the timeline
    assert "ВНУТРЕННЯЯ" not in html and "internal-scan.pdf" not in html


def test_stage_document_and_comment_file_download_as_attachments(client, applicant):
    application = ApplicationFactory(owner=applicant)
    doc = StageDocumentFactory(application=application)
    response = client.get(reverse("lk_applications:stage_document", args=[application.pk, doc.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    internal_file = CommentFileFactory(comment=CommentFactory(application=application, is_internal=True))
    url = reverse("lk_applications:comment_file", args=[application.pk, internal_file.pk])
    assert client.get(url).status_code == 404


def test_withdraw_before_work_starts(client, applicant):
    application = ApplicationFactory(owner=applicant, status=Status.SUBMITTED)
    response = client.post(reverse("lk_applications:withdraw", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert application.history.get().actor == applicant


def test_cannot_withdraw_once_in_work(client, applicant):
    application = ApplicationFactory(owner=applicant, status=Status.IN_PROGRESS)
    response = client.post(reverse("lk_applications:withdraw", args=[application.pk]), follow=True)
    application.refresh_from_db()
    assert application.status == Status.IN_PROGRESS
    assert "Нельзя перевести заявку" in response.content.decode()
    assert "Отозвать заявку" not in client.get(application.get_absolute_url()).content.decode()


def test_delete_draft_only(client, applicant):
    draft = ApplicationFactory(owner=applicant, status=Status.DRAFT, number=None)
    submitted = ApplicationFactory(owner=applicant)
    client.post(reverse("lk_applications:delete_draft", args=[draft.pk]))
    assert not Application.objects.filter(pk=draft.pk).exists()
    response = client.post(reverse("lk_applications:delete_draft", args=[submitted.pk]), follow=True)
    assert Application.objects.filter(pk=submitted.pk).exists()
    assert "Удалить можно только черновик" in response.content.decode()


def test_answering_a_request_moves_back_to_staff(client, applicant):
    application = ApplicationFactory(owner=applicant, status=Status.NEEDS_INFO)
    request = InfoRequest.objects.create(application=application, message="Нужен план расположения ЭПУ")
    html = client.get(application.get_absolute_url()).content.decode()
    assert "Нужен план расположения ЭПУ" in html
    upload = SimpleUploadedFile("план.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        reverse("lk_applications:respond", args=[application.pk]),
        {"text": "Прикладываю план", "files": [upload]},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    request.refresh_from_db()
    assert application.status == Status.IN_PROGRESS
    assert request.answer == "Прикладываю план" and request.answered_at is not None
    entry = application.history.get()
    assert (entry.from_status, entry.to_status, entry.actor) == ("needs_info", "in_progress", applicant)
    assert "план.pdf" in entry.reason
    assert ApplicationDocument.objects.get(application=application).original_name == "план.pdf"


def test_answer_errors_are_shown_and_text_kept(client, applicant):
    application = ApplicationFactory(owner=applicant, status=Status.NEEDS_INFO)
    bad = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
    response = client.post(
        reverse("lk_applications:respond", args=[application.pk]), {"text": "Мой ответ", "files": [bad]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "формат не поддерживается" in html
    assert "Мой ответ" in html
    application.refresh_from_db()
    assert application.status == Status.NEEDS_INFO
    empty = client.post(reverse("lk_applications:respond", args=[application.pk]), {"text": ""})
    assert "Напишите ответ или приложите документы." in empty.content.decode()
