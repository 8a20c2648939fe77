"""The editor's side of the form builder through the real stack: the wizard preview, «Создать из
шаблона», and the quality survey (answers, invitation after completion, results and XLSX)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Page, Site

from lk_plugin.applications.flows import application_change_status
from lk_plugin.applications.models import Application, FormVersion
from lk_plugin.contrib.pages.models import ApplicationFormPage, SurveyPage
from lk_plugin.core.permissions import EDITOR_GROUP
from lk_plugin.formbuilder import presets
from lk_plugin.notifications.models import Notification
from lk_plugin.surveys.models import SurveyResponse
from tests import factories as fs

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup_site(seeded):
    call_command("lk_setup", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def editor(setup_site):
    person = fs.user("editor@example.ru", first_name="Олег", is_staff=True)
    person.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return person


@pytest.fixture
def tp_page(setup_site):
    return ApplicationFormPage.objects.get(kind__code="technological_connection")


# --- preview ---


def test_preview_modes_are_the_wizard_steps(tp_page):
    modes = tp_page.preview_modes
    assert modes[0][0] == "" and len(modes) == 1 + len(presets.TP_STEPS)
    assert modes[3] == ("step-2", "Мастер: шаг 3. Технические данные")
    assert tp_page.default_preview_mode == "step-0"


def test_preview_renders_the_real_wizard_with_sample_data_and_writes_nothing(client, tp_page, editor):
    client.force_login(editor)
    # Wagtail's preview request carries the editor's session cookie over to the dummy page request.
    request = RequestFactory().get("/", HTTP_COOKIE=client.cookies.output(header="", sep=";").strip())
    before = (Application.objects.count(), FormVersion.objects.count())

    step = tp_page.make_preview_request(request, "step-2")
    html = step.content.decode()
    assert step.status_code == 200
    assert "Шаг 3 из 7. Технические данные" in html
    assert 'name="connection_type"' in html and 'name="reason"' in html
    assert "data-lk-conditions" in html  # conditions are live in the preview
    assert "Предпросмотр: так форму увидит физическое лицо" in html
    assert "formbuilder_preview.js" in html

    last = tp_page.make_preview_request(request, "step-6").content.decode()
    assert "Проверьте данные заявки" in last
    assert "г. Москва, ул. Ленина, д. 15" in last  # sample data in the summary
    documents = tp_page.make_preview_request(request, "step-5").content.decode()
    assert "Паспорт (страницы с фото и пропиской)" in documents
    assert "Выписка из ЕГРЮЛ" not in documents  # the sample applicant is a ФЛ

    assert (Application.objects.count(), FormVersion.objects.count()) == before


# --- form templates ---


def test_adding_a_form_page_offers_the_shipped_templates(client, editor, setup_site):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["lk_contrib_pages", "applicationformpage", setup_site.pk])
    html = client.get(url).content.decode()
    assert "Создать из шаблона" in html
    for _code, _slug, title, *_rest in presets.FORMS:
        assert title in html
    assert "Пустая форма" in html
    assert "Создать из шаблона" not in client.get(url + "?blank=1").content.decode()

    create = reverse(
        "lk_form_template_create", args=["lk_contrib_pages", "applicationformpage", setup_site.pk]
    )
    response = client.post(create, {"template": "zayavka-tp"})
    page = ApplicationFormPage.objects.order_by("-pk").first()
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )
    assert not page.live and page.get_parent().pk == setup_site.pk
    assert len(page.steps) == len(presets.TP_STEPS)
    assert page.kind.code == "technological_connection"
    assert client.get(response["Location"]).status_code == 200


def test_template_choice_needs_the_right_to_add_pages(client, setup_site):
    someone = fs.user(is_staff=True)
    client.force_login(someone)
    create = reverse(
        "lk_form_template_create", args=["lk_contrib_pages", "applicationformpage", setup_site.pk]
    )
    count = ApplicationFormPage.objects.count()
    assert client.post(create, {"template": "zayavka-tp"}).status_code in (302, 403)
    assert ApplicationFormPage.objects.count() == count


# --- the quality survey ---


@pytest.fixture
def survey(setup_site):
    return SurveyPage.objects.get()


def answers(**extra):
    return {"overall": "5", "speed": "4", "convenience": "3", "comment": "Спасибо", **extra}


def test_lk_setup_publishes_the_survey(survey, client):
    assert survey.live
    html = client.get(survey.url).content.decode()
    assert "Как вы оцениваете качество услуги в целом?" in html and "5 — отлично" in html


def test_guest_answers_the_survey(client, survey):
    response = client.post(survey.url, answers(captcha_0="x", captcha_1="PASSED"))
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.application is None and saved.user is None
    assert saved.answers["overall"] == 5 and saved.answers["comment"] == "Спасибо"
    assert "Спасибо за оценку" in client.get(response["Location"]).content.decode()


def test_required_rating_is_asked_again_without_losing_the_rest(client, survey):
    response = client.post(survey.url, answers(overall="", captcha_0="x", captcha_1="PASSED"))
    html = response.content.decode()
    assert (
        response.status_code == 200 and "Заполните поле «Как вы оцениваете качество услуги в целом?»" in html
    )
    assert "Спасибо</textarea>" in html
    assert not SurveyResponse.objects.exists()


def test_completed_application_invites_its_applicant_once(client, survey):
    staff = fs.staff_user()
    owner = fs.applicant()
    application = fs.application(owner, status="in_progress")
    application_change_status(application=application, to_status="completed", actor=staff)
    notification = Notification.objects.filter(user=owner, event="application_status_changed").latest("pk")
    link = f"{survey.url}?application={application.pk}"
    assert link in notification.body

    client.force_login(owner)
    assert application.number in client.get(link).content.decode()
    client.post(survey.url, answers(application=application.pk))
    again = client.post(survey.url, answers(application=application.pk))
    assert SurveyResponse.objects.filter(application=application).count() == 1
    assert "уже оценили" in client.get(link).content.decode()
    assert again.status_code in (200, 302)


def test_someone_elses_application_is_not_linked(client, survey):
    other = fs.application(fs.applicant(), status="completed")
    client.force_login(fs.applicant())
    client.post(survey.url, answers(application=other.pk))
    saved = SurveyResponse.objects.get()
    assert saved.application is None


def test_results_show_counts_averages_and_export_xlsx(client, editor, survey):
    from openpyxl import load_workbook

    questions = survey.question_specs()
    for overall in (5, 4, 3):
        SurveyResponse.objects.create(
            page=survey, answers={"overall": overall, "speed": 2}, questions=questions
        )
    client.force_login(editor)
    html = client.get(reverse("lk_survey_results")).content.decode()
    assert "Ответов: 3" in html
    assert 'data-lk-average="overall">4,0<' in html or 'data-lk-average="overall">4.0<' in html

    export = client.get(reverse("lk_survey_results") + "?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(export.content))
    summary = [row for row in book["Итоги"].iter_rows(values_only=True) if row and row[0]]
    assert ("Как вы оцениваете качество услуги в целом?", 3, 4.0) in [tuple(r[:3]) for r in summary]
    assert book["Ответы"].max_row == 4


def test_results_are_for_staff_with_the_permission(client, survey):
    client.force_login(fs.applicant())
    response = client.get(reverse("lk_survey_results"))
    assert response.status_code in (302, 403)


def test_editor_opens_a_form_page_in_the_editor(client, editor, tp_page):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[tp_page.pk]))
    assert response.status_code == 200
    assert "formbuilder_admin.js" in response.content.decode()
    assert Page.objects.filter(pk=tp_page.pk).exists()


# --- renaming a field that submitted applications use ---


def test_relabelling_a_used_field_warns_and_old_applications_keep_their_labels(tp_page):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.middleware import SessionMiddleware

    from lk_plugin.applications.field_changes import fields_in_use_changed, warn_about_changed_fields
    from lk_plugin.formbuilder.display import application_sections
    from lk_plugin.formbuilder.schema import snapshot

    version = snapshot(tp_page, tp_page.form_schema())
    old = fs.application(fs.applicant(), status="submitted", data={"object_name": "Баня"})
    old.form_version = version
    old.save()
    draft = fs.application(fs.applicant(), status="draft")
    draft.form_version = version
    draft.save()

    steps = tp_page.steps.get_prep_value()
    for s in steps:
        for field in s["value"]["fields"]:
            if field["value"].get("name") == "object_name":
                field["value"]["label"] = "Что присоединяем"
        if s["value"]["key"] == "object":
            s["value"]["fields"] = [
                f for f in s["value"]["fields"] if f["value"].get("name") != "cadastral_number"
            ]
    tp_page.steps = steps
    tp_page.save_revision().publish()

    changes = {c["name"]: c for c in fields_in_use_changed(tp_page, tp_page.form_schema())}
    assert changes["object_name"] == {
        "name": "object_name",
        "old_label": "Наименование объекта",
        "new_label": "Что присоединяем",
        "count": 1,  # the draft does not count
    }
    assert changes["cadastral_number"]["new_label"] is None

    request = RequestFactory().post("/")
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    warn_about_changed_fields(request, tp_page)
    texts = [str(m) for m in get_messages(request)]
    assert any("«Наименование объекта» теперь называется «Что присоединяем»" in t for t in texts)
    assert any("«Кадастровый номер земельного участка» удалено" in t for t in texts)

    old.refresh_from_db()
    labels = {f["name"]: f["label"] for s in application_sections(old) for f in s["fields"]}
    assert labels["object_name"] == "Наименование объекта"
