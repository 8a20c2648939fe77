"""The wizard on the demo ТП form: start, steps, drafts, documents, access."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lk_plugin.applications.models import Application
from tests.factories import PASSWORD, make_applicant
from tests.helpers import PDF, TP_STEPS_DATA, fill_tp_draft


def start(client, page, **params):
    response = client.post(page.url, params)
    assert response.status_code == 302, response.content[:500]
    return Application.objects.latest("pk")


def form_url(application, step=None):
    url = reverse("lk_applications:form", args=[application.pk])
    return f"{url}?step={step}" if step is not None else url


def post_step(client, application, index, data=None, action="next", files=None):
    payload = {"step": str(index), "action": action, **(data if data is not None else TP_STEPS_DATA[index])}
    if files:
        payload.update(files)
    return client.post(form_url(application), payload)


def test_anonymous_sees_login_prompt_and_wizard_redirects(client, tp_page, applicant):
    response = client.get(tp_page.url)
    assert response.status_code == 200
    assert "войдите в личный кабинет" in response.content.decode()
    application = fill_tp_draft(tp_page, applicant)
    response = client.get(form_url(application))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_start_prefills_from_profile_and_query(client, tp_page, applicant):
    client.force_login(applicant)
    page_html = client.get(
        tp_page.url + "?max_power_kw=12.5&voltage_level=10&reliability_category=II"
    ).content.decode()
    assert 'name="max_power_kw" value="12.5"' in page_html
    application = start(
        client, tp_page, max_power_kw="12.5", voltage_level="10", reliability_category="II", voltage_bogus="x"
    )
    assert application.form_version.page_id == tp_page.pk
    assert application.data["applicant_name"] == "Петров Иван"
    assert application.data["applicant_email"] == "ivan@example.ru"
    assert application.data["max_power_kw"] == "12.5"
    assert application.data["voltage_level"] == "10"
    assert application.data["reliability_category"] == "II"
    assert "voltage_bogus" not in application.data


def test_step_errors_are_shown_and_valid_values_kept(client, tp_page, applicant):
    client.force_login(applicant)
    application = start(client, tp_page)
    post_step(client, application, 0)
    response = post_step(client, application, 1, {"object_name": "Баня", "cadastral_number": "12345"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Заполните поле «Адрес (местоположение) объекта»" in html
    assert "Кадастровый номер в формате" in html
    assert 'value="12345"' in html  # what was typed is shown again
    application.refresh_from_db()
    assert application.data["object_name"] == "Баня"
    assert application.current_step == 1
    # Other steps were not validated or changed.
    assert application.data["applicant_phone"] == "+79161234567"


def test_next_back_and_tab_navigation(client, tp_page, applicant):
    client.force_login(applicant)
    application = start(client, tp_page)
    assert post_step(client, application, 0)["Location"].endswith("?step=1")
    assert post_step(client, application, 1)["Location"].endswith("?step=2")
    assert post_step(client, application, 2, {}, action="back")["Location"].endswith("?step=1")
    assert post_step(client, application, 1, action="goto:2")["Location"].endswith("?step=2")
    # A step never visited cannot be opened by its tab.
    assert post_step(client, application, 2, {}, action="goto:5")["Location"].endswith("?step=2")
    application.refresh_from_db()
    assert application.visited_steps == [0, 1, 2]


def test_draft_persists_across_logins(client, tp_page, applicant):
    client.force_login(applicant)
    application = start(client, tp_page)
    post_step(client, application, 0)
    post_step(client, application, 1, {"object_name": "Гараж у реки"}, action="save")
    client.logout()
    client.login(username="ivan@example.ru", password=PASSWORD)
    page_html = client.get(tp_page.url).content.decode()
    assert form_url(application) in page_html  # listed among the drafts
    html = client.get(form_url(application, 1)).content.decode()
    assert 'value="Гараж у реки"' in html


def test_autosave_stores_valid_values_without_errors_for_required(client, tp_page, applicant):
    client.force_login(applicant)
    application = start(client, tp_page)
    response = post_step(
        client, application, 1, {"object_name": "Дача", "cadastral_number": "x"}, action="autosave"
    )
    assert response.json()["saved"] is True
    assert list(response.json()["errors"]) == ["cadastral_number"]
    application.refresh_from_db()
    assert application.data["object_name"] == "Дача"


def test_other_peoples_drafts_are_404(client, tp_page, applicant):
    application = fill_tp_draft(tp_page, applicant)
    client.force_login(make_applicant("other@example.ru", snils="00100100100"))
    assert client.get(form_url(application)).status_code == 404
    assert client.post(form_url(application), {"step": "0", "action": "save"}).status_code == 404


def test_legal_form_not_allowed(client, tp_page):
    tp_page.allow_legal_entity = False
    # A required slot only for ЮЛ would now apply to nobody: the page would not save with it.
    steps = tp_page.steps.get_prep_value()
    for step in steps:
        fields = step["value"]["fields"]
        step["value"]["fields"] = [f for f in fields if f["value"].get("name") != "egrul_extract"]
    tp_page.steps = steps
    tp_page.save_revision().publish()
    user = make_applicant("org@example.ru", legal_form="legal_entity", organization_name="ООО «Ромашка»")
    client.force_login(user)
    assert "не предназначена для вашей правовой формы" in client.get(tp_page.url).content.decode()
    response = client.post(tp_page.url, follow=True)
    assert "недоступна для вашей правовой формы" in response.content.decode()
    assert not Application.objects.filter(owner=user).exists()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_documents_upload_check_and_remove(client, tp_page, applicant, settings):
    settings.LK_UPLOAD_MAX_SIZE = 1024
    client.force_login(applicant)
    application = fill_tp_draft(tp_page, applicant, with_documents=False)
    files = {
        "doc_passport": upload("паспорт.pdf", PDF),
        "doc_title_document": upload("выписка.pdf", b"MZ\x90\x00 not a pdf"),
        "doc_site_plan": upload("план.exe", b"MZ\x90\x00"),
    }
    response = post_step(client, application, 5, {}, action="upload", files=files)
    html = response.content.decode()
    assert "Файл «выписка.pdf»: содержимое не соответствует расширению .pdf." in html
    assert "Файл «план.exe»: формат не поддерживается" in html
    docs = list(application.documents.all())
    assert [d.original_name for d in docs] == ["паспорт.pdf"]
    big = {"doc_site_plan": upload("большой.pdf", PDF + b"0" * 2048)}
    html = post_step(client, application, 5, {}, action="upload", files=big).content.decode()
    assert "Файл «большой.pdf» больше" in html
    # Next without the required documents: the message is at the slot.
    html = post_step(client, application, 5, {}).content.decode()
    assert "Приложите документ «План расположения энергопринимающих устройств»" in html
    # Download (owner only), then remove.
    response = client.get(reverse("lk_applications:document", args=[application.pk, docs[0].pk]))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    post_step(client, application, 5, {}, action=f"remove:{docs[0].pk}")
    assert not application.documents.exists()


def test_document_slot_limit(client, tp_page, applicant):
    client.force_login(applicant)
    application = fill_tp_draft(tp_page, applicant)
    files = {"doc_passport": [upload(f"p{i}.pdf", PDF) for i in range(5)]}
    html = post_step(client, application, 5, {}, action="upload", files=files).content.decode()
    assert "не больше 5 файлов" in html
    assert application.documents.filter(slot="passport").count() == 5


def test_step_post_query_count_is_fixed(client, tp_page, applicant, django_assert_max_num_queries):
    client.force_login(applicant)
    application = fill_tp_draft(tp_page, applicant)
    with django_assert_max_num_queries(16):
        assert post_step(client, application, 2).status_code == 302
    with django_assert_max_num_queries(16):
        assert post_step(client, application, 0).status_code == 302


def test_wagtail_editor_renders_the_form_page(client, tp_page):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("admin", "admin@example.ru", "pass-12345")
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[tp_page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="allow_individual"' in html and 'name="number_template"' in html
    assert "max_power_kw" in html  # the steps stream with its fields


def test_pick_from_profile_documents_copies_the_file(client, tp_page, applicant, monkeypatch):
    """The accounts app provides ProfileDocument; here a stand-in with the same attributes."""
    from types import SimpleNamespace

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from lk_plugin.applications.flows import drafts as flows

    name = default_storage.save("profile/passport.pdf", ContentFile(PDF))
    stored = SimpleNamespace(open=lambda mode="rb": default_storage.open(name, mode), name=name)
    profile_doc = SimpleNamespace(
        pk=77, user_id=applicant.pk, title="Паспорт", original_name="мой паспорт.pdf", file=stored
    )
    monkeypatch.setattr(flows, "profile_documents", lambda user: [profile_doc])
    client.force_login(applicant)
    application = fill_tp_draft(tp_page, applicant, with_documents=False)
    html = client.get(form_url(application, 5)).content.decode()
    assert "или выберите из документов профиля" in html and "Паспорт" in html
    post_step(client, application, 5, {"profile_passport": "77"}, action="upload")
    document = application.documents.get(slot="passport")
    assert document.original_name == "мой паспорт.pdf"
    assert document.file.read() == PDF


def test_summary_formats_snils_and_decimals_and_step_three_explains_its_terms(client, tp_page, applicant):
    from django.urls import reverse

    from tests.helpers import fill_tp_draft

    application = fill_tp_draft(tp_page, applicant)
    application.data["max_power_kw"] = "15.5"
    application.save()
    client.force_login(applicant)
    url = reverse("lk_applications:form", args=[application.pk])
    page = client.get(url + "?step=6").content.decode()
    # What a person reads: the page without its scripts (the draft's raw data rides along for the
    # conditions script as JSON).
    summary = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    assert "112-233-445 95" in summary and "15,5" in summary and "15.5" not in summary
    step3 = client.get(url + "?step=2").content.decode()
    assert "Если сомневаетесь, выберите III" in step3 and "обычно 0,4 кВ" in step3


def test_power_typed_with_a_decimal_comma_is_kept_and_shown_with_a_comma(client, tp_page, applicant):
    from tests.helpers import TP_STEPS_DATA, fill_tp_draft

    application = fill_tp_draft(tp_page, applicant)
    client.force_login(applicant)
    post_step(client, application, 2, {**TP_STEPS_DATA[2], "max_power_kw": "15,5"})
    application.refresh_from_db()
    assert application.data["max_power_kw"] == "15.5"
    html = client.get(form_url(application, 2)).content.decode()
    assert re.search(r'name="max_power_kw"[^>]*value="15,5"', html) or re.search(
        r'value="15,5"[^>]*name="max_power_kw"', html
    )
    post_step(client, application, 2, {**TP_STEPS_DATA[2], "max_power_kw": "15.5"})
    application.refresh_from_db()
    assert application.data["max_power_kw"] == "15.5"
    html = post_step(
        client, application, 2, {**TP_STEPS_DATA[2], "max_power_kw": "пятнадцать"}
    ).content.decode()
    assert "Введите число, например 15,5." in html
