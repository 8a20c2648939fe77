"""Every staff action through the admin page: history row, notification row, permission denied for editors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from lk_plugin.applications.models import Comment, InfoRequest, StageDocument, StatusChange
from lk_plugin.core.models import PersonalDataAccessLog
from lk_plugin.notifications.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db


def inspect_url(application):
    return f"/admin/lk_application/inspect/{application.pk}/"


def post(client, application, action, version=None, **fields):
    data = {"action": action, f"{action}-version": version or application.version}
    files = {}
    for key, value in fields.items():
        (files if isinstance(value, (SimpleUploadedFile, list)) else data)[f"{action}-{key}"] = value
    return client.post(inspect_url(application), {**data, **files})


def assert_denied(response):
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard and an error message."""
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    else:
        assert response.status_code == 403


def logged(application, action):
    return ModelLogEntry.objects.for_instance(application).filter(action=action).exists()


def test_inspect_shows_data_by_form_version_and_logs_personal_data_access(staff_client, staff):
    application = f.application()
    response = staff_client.get(inspect_url(application))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Адрес объекта" in html and "г. Москва, ул. Ленина, 1" in html
    assert "До 15 кВт" in html  # choice label from the form version, not the raw value
    assert "Петров Иван Сергеевич (ФЛ)" in html
    entry = PersonalDataAccessLog.objects.get()
    assert entry.user == staff and entry.subject == application.owner
    assert entry.object_type == "lk_applications.application" and entry.object_id == str(application.pk)


def test_take_into_work_assigns_and_moves_to_in_progress(staff_client, staff):
    application = f.application()
    response = post(staff_client, application, "take")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "in_progress" and application.assignee == staff
    assert StatusChange.objects.filter(application=application, to_status="in_progress", actor=staff).exists()
    assert Notification.objects.filter(user=application.owner, event="application_status_changed").exists()
    assert logged(application, "lk.application.assign") and logged(application, "lk.application.status")


def test_history_page_shows_the_wagtail_log(staff_client):
    application = f.application()
    post(staff_client, application, "take")
    response = staff_client.get(f"/admin/lk_application/history/{application.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Статус заявки изменён" in html and "Назначен исполнитель" in html


def test_assign_to_a_colleague(staff_client):
    colleague = f.staff_user("colleague@example.ru", first_name="Пётр", last_name="Иванов")
    application = f.application()
    response = post(staff_client, application, "assign", assignee=colleague.pk)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.assignee == colleague
    assert logged(application, "lk.application.assign")


def test_status_change_with_reason(staff_client):
    application = f.application(status="in_progress")
    response = post(staff_client, application, "status", to_status="rejected", reason="Объект вне зоны сетей")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected" and application.closed_at
    change = StatusChange.objects.get(application=application)
    assert change.reason == "Объект вне зоны сетей"
    notification = Notification.objects.get(user=application.owner)
    assert "Объект вне зоны сетей" in notification.body


def test_rejection_without_reason_is_refused_and_nothing_changes(staff_client):
    application = f.application(status="in_progress")
    response = post(staff_client, application, "status", to_status="rejected", reason="")
    assert response.status_code == 200
    assert "Укажите причину" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "in_progress"
    assert not StatusChange.objects.exists() and not Notification.objects.exists()


def test_illegal_transition_shows_an_error(staff_client):
    application = f.application(status="submitted")
    response = post(staff_client, application, "status", to_status="completed")
    assert response.status_code == 200
    assert "Нельзя перевести заявку из статуса «Отправлена» в статус «Выполнена»" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"
    assert not StatusChange.objects.exists()


def test_request_info_lists_missing_documents_and_sets_needs_info(staff_client, staff):
    application = f.application(status="in_progress")
    response = post(
        staff_client, application, "request_info", message="Не хватает документов", items="План\nДоверенность"
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "needs_info"
    request = InfoRequest.objects.get(application=application)
    assert request.items == ["План", "Доверенность"] and request.requested_by == staff
    assert StatusChange.objects.filter(application=application, to_status="needs_info").exists()
    notification = Notification.objects.get(user=application.owner)
    assert notification.event == "application_info_requested"
    assert "Доверенность" in notification.body
    assert logged(application, "lk.application.info_request")


def test_request_info_needs_a_description(staff_client):
    application = f.application(status="in_progress")
    response = post(staff_client, application, "request_info", message="", items="")
    assert response.status_code == 200
    assert "Опишите, какие документы или сведения нужны." in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_public_comment_with_file_notifies_the_applicant(staff_client):
    application = f.application()
    upload = SimpleUploadedFile("пояснение.pdf", f.PDF_BYTES, content_type="application/pdf")
    response = post(staff_client, application, "comment", text="Проверьте реквизиты", files=upload)
    assert response.status_code == 302
    comment = Comment.objects.get(application=application)
    assert not comment.is_internal and comment.files.get().original_name == "пояснение.pdf"
    assert Notification.objects.filter(user=application.owner, event="application_comment").exists()
    assert logged(application, "lk.application.comment")
    download = staff_client.get(
        f"/admin/lk_application/download/{application.pk}/comment/{comment.files.get().pk}/"
    )
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"


def test_bad_file_keeps_the_typed_text(staff_client):
    application = f.application()
    upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = post(staff_client, application, "comment", text="Текст, который нельзя терять", files=upload)
    assert response.status_code == 200
    html = response.content.decode()
    assert "формат не поддерживается" in html
    assert "Текст, который нельзя терять" in html
    assert not Comment.objects.exists()


def test_internal_note_never_notifies(staff_client):
    application = f.application()
    response = post(staff_client, application, "note", text="Позвонить в РЭС")
    assert response.status_code == 302
    assert Comment.objects.get(application=application).is_internal
    assert not Notification.objects.exists()
    assert logged(application, "lk.application.note")


def test_stage_document_is_published_to_the_applicant(staff_client, staff):
    application = f.application(status="in_progress")
    upload = SimpleUploadedFile("ту.pdf", f.PDF_BYTES, content_type="application/pdf")
    response = post(
        staff_client,
        application,
        "stage_document",
        stage="technical_conditions",
        title="Технические условия",
        file=upload,
    )
    assert response.status_code == 302
    document = StageDocument.objects.get(application=application)
    assert document.stage == "technical_conditions" and document.published_by == staff
    assert Notification.objects.filter(user=application.owner, event="application_stage_document").exists()


def test_second_save_with_a_stale_version_is_a_conflict(staff_client):
    """Two specialists opened the same page; the first one's note-worthy change wins, the second is told."""
    application = f.application(status="in_progress")
    stale_version = application.version
    colleague = f.staff_user("colleague@example.ru")
    assert post(staff_client, application, "assign", assignee=colleague.pk).status_code == 302
    application.refresh_from_db()
    response = post(
        staff_client,
        application,
        "status",
        version=stale_version,
        to_status="rejected",
        reason="Иное решение",
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Заявку уже изменил другой сотрудник" in html
    assert "Иное решение" in html  # what the second specialist typed is still on the page
    application.refresh_from_db()
    assert application.status == "in_progress" and application.assignee == colleague
    assert not StatusChange.objects.filter(application=application).exists()
    assert not Notification.objects.exists()


def test_assign_with_a_stale_version_changes_nothing(staff_client, staff):
    application = f.application()
    stale = application.version
    post(staff_client, application, "take")
    colleague = f.staff_user("c2@example.ru")
    response = post(staff_client, application, "assign", version=stale, assignee=colleague.pk)
    assert response.status_code == 409
    application.refresh_from_db()
    assert application.assignee == staff


@pytest.mark.parametrize(
    "url",
    [
        "/admin/lk_application/",
        "/admin/lk_application/?export=xlsx",
        "/admin/lk_application/inspect/{pk}/",
        "/admin/lk_application/history/{pk}/",
        "/admin/lk_application/download/{pk}/document/1/",
        "/admin/lk_appeal/",
        "/admin/lk_applicant/",
        "/admin/lk_thread/",
    ],
)
def test_editors_cannot_open_applications(editor_client, url):
    application = f.application()
    response = editor_client.get(url.format(pk=application.pk))
    assert_denied(response)
    assert application.number not in response.content.decode()
    assert not PersonalDataAccessLog.objects.exists()


def test_editors_cannot_post_actions(editor_client):
    application = f.application()
    response = post(editor_client, application, "take")
    assert_denied(response)
    application.refresh_from_db()
    assert application.status == "submitted" and application.assignee is None


def test_status_needs_info_shows_the_question_on_top_of_the_applicants_page(staff_client, staff, client):
    from lk_plugin.notifications.models import OutboxMessage

    application = f.application(status="in_progress")
    response = post(
        staff_client, application, "status", to_status="needs_info", reason="Пришлите план участка"
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "needs_info"
    assert InfoRequest.objects.get(application=application).requested_by == staff
    client.force_login(application.owner)
    html = client.get(f"/lk/applications/{application.pk}/").content.decode()
    box = html[html.index('id="respond"') : html.index("</section>", html.index('id="respond"'))]
    assert "Пришлите план участка" in box
    assert staff.get_full_name() in box and "Запросил(а)" in box
    notification = Notification.objects.get(user=application.owner)
    assert notification.event == "application_info_requested" and "Пришлите план участка" in notification.body
    row = OutboxMessage.objects.get(event="application_info_requested", channel="email")
    assert "Пришлите план участка" in row.body_text and staff.get_full_name() in row.body_text


def test_needs_info_set_before_requests_existed_still_shows_the_reason(client):
    application = f.application(status="needs_info")
    StatusChange.objects.create(
        application=application, from_status="in_progress", to_status="needs_info", reason="Уточните мощность"
    )
    client.force_login(application.owner)
    html = client.get(f"/lk/applications/{application.pk}/").content.decode()
    box = html[html.index('id="respond"') : html.index("</section>", html.index('id="respond"'))]
    assert "Уточните мощность" in box


@pytest.mark.parametrize(
    ("from_request", "origin"), [(True, "http://localhost:8122"), (False, "http://testserver")]
)
def test_mail_links_point_to_the_host_that_served_the_request(staff_client, settings, from_request, origin):
    from lk_plugin.notifications.models import OutboxMessage

    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    settings.LK_SITE_URL_FROM_REQUEST = from_request  # on by default with DEBUG (development)
    application = f.application(status="in_progress")
    data = {"action": "request_info", "request_info-version": application.version}
    data["request_info-message"] = "Пришлите план"
    response = staff_client.post(inspect_url(application), data, HTTP_HOST="localhost:8122")
    assert response.status_code == 302
    body = OutboxMessage.objects.get(event="application_info_requested", channel="email").body_text
    assert f"{origin}/lk/applications/{application.pk}/" in body


def test_assignees_follow_group_membership_though_they_are_cached(staff_client):
    """The assignee choices are cached (core.permissions.staff_user_ids: at 200,000 people the
    query scans every user); joining or leaving the staff group counts at once."""
    from django.contrib.auth.models import Group

    from lk_plugin.core.permissions import STAFF_GROUP

    application = f.application()
    newcomer = f.user("new@example.ru", first_name="Нина", last_name="Новикова", is_staff=True)
    assert staff_client.get("/admin/lk_application/").status_code == 200  # the cache is filled
    assert post(staff_client, application, "assign", assignee=newcomer.pk).status_code != 302
    newcomer.groups.add(Group.objects.get(name=STAFF_GROUP))
    assert post(staff_client, application, "assign", assignee=newcomer.pk).status_code == 302
    application.refresh_from_db()
    assert application.assignee == newcomer
    newcomer.groups.clear()
    other = f.application()
    assert post(staff_client, other, "assign", assignee=newcomer.pk).status_code != 302
    other.refresh_from_db()
    assert other.assignee is None
