import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lk_plugin.accounts import flows
from lk_plugin.accounts.models import ApplicantProfile, ConsentRecord, ProfileDocument
from lk_plugin.notifications import sms
from tests.factories import PASSWORD
from tests.job_helpers import export_my_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def applicant(client, make_applicant):
    """Signed in, and with a СНИЛС (the profile page shows it): the shared ``make_applicant``, not the
    shared ``applicant`` (no СНИЛС, not signed in)."""
    user = make_applicant()
    client.force_login(user)
    return user


def test_profile_shows_data_and_edits_contacts(client, applicant):
    html = client.get("/lk/profile/").content.decode()
    assert "Петров Иван" in html and "112-233-445 95" in html
    response = client.post(
        "/lk/profile/",
        {
            "last_name": "Петров",
            "first_name": "Иван",
            "middle_name": "",
            "phone": "+7 (903) 111-22-33",
            "postal_address": "г. Москва",
            "account_number": "123",
        },
    )
    assert response.status_code == 302
    profile = ApplicantProfile.objects.get(user=applicant)
    assert profile.phone == "+79031112233" and profile.postal_address == "г. Москва"


def test_profile_bad_phone_error_keeps_input(client, applicant):
    response = client.post(
        "/lk/profile/",
        {"last_name": "Петров", "first_name": "Иван", "phone": "12", "postal_address": "г. Тверь"},
    )
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert 'value="г. Тверь"' in response.content.decode()


def test_representative_fields_only_for_entrepreneurs_and_companies(client, make_applicant):
    user = make_applicant(
        email="org@example.ru",
        legal_form="legal_entity",
        snils="",
        organization_name="ООО Ромашка",
        inn="7707083893",
        kpp="773601001",
        ogrn="1027700132195",
    )
    client.force_login(user)
    response = client.post(
        "/lk/profile/",
        {
            "organization_name": "ООО Ромашка",
            "phone": "+79031112233",
            "representative_name": "Сидоров С. С.",
            "representative_position": "директор",
            "representative_basis": "Устав",
        },
    )
    assert response.status_code == 302
    assert ApplicantProfile.objects.get(user=user).representative_position == "директор"


def test_change_password(client, applicant):
    response = client.post(
        "/lk/profile/password/",
        {"oldpassword": PASSWORD, "password1": "Novyi-Parol-1", "password2": "Novyi-Parol-1"},
    )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password("Novyi-Parol-1")
    bad = client.post("/lk/profile/password/", {"oldpassword": "wrong", "password1": "x", "password2": "y"})
    assert bad.status_code == 400


def test_profile_documents_upload_download_owner_only(client, applicant, make_applicant):
    response = client.post(
        "/lk/profile/documents/",
        {
            "kind": "passport",
            "title": "Паспорт",
            "file": SimpleUploadedFile("паспорт.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    document = ProfileDocument.objects.owned_by(applicant).get()
    assert document.original_name == "паспорт.pdf" and document.size == len(PDF)
    download = client.get(f"/lk/profile/documents/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    other = make_applicant(email="other@example.ru", snils="12345678964")
    client.force_login(other)
    assert client.get(f"/lk/profile/documents/{document.pk}/").status_code == 404
    assert client.post(f"/lk/profile/documents/{document.pk}/delete/").status_code == 404


def test_profile_document_rejects_wrong_content(client, applicant):
    response = client.post(
        "/lk/profile/documents/",
        {"kind": "passport", "file": SimpleUploadedFile("scan.pdf", b"MZ not a pdf", "application/pdf")},
    )
    assert response.status_code == 400
    assert "не соответствует" in response.content.decode()


def test_notification_settings(client, applicant):
    response = client.post("/lk/settings/", {"sms": "on"})
    assert response.status_code == 302
    prefs = applicant.lk_notification_preferences
    assert prefs.email is False and prefs.sms is True
    assert ConsentRecord.objects.filter(
        user=applicant, purpose="email_notifications", action="withdrawn"
    ).exists()


def test_download_my_data_json_and_pdf(client, applicant):
    response = export_my_data(client, "json")
    data = json.loads(response.content)
    assert data["profile"]["snils"] == "11223344595"
    assert data["account"]["email"] == "ivan@example.ru"
    assert response["Content-Disposition"].startswith("attachment")
    pdf = export_my_data(client, "pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "СНИЛС" in text and "11223344595" in text and "Физическое лицо" in text


def test_withdraw_consent_deactivates_and_destroys_after_30_days(client, applicant):
    response = client.post("/lk/settings/withdraw-consent/", {"confirm": "on"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    applicant.refresh_from_db()
    assert applicant.is_active is False
    assert ConsentRecord.objects.filter(user=applicant, purpose="personal_data", action="withdrawn").exists()
    profile = applicant.lk_profile
    assert flows.destroy_due_personal_data() == 0  # not yet: 30 days
    from lk_plugin.accounts.tasks import destroy_withdrawn_personal_data

    later = timezone.now() + dt.timedelta(days=31)
    assert flows.destroy_due_personal_data(now=later) == 1
    profile.refresh_from_db()
    applicant.refresh_from_db()
    assert profile.snils == "" and profile.last_name == "" and profile.data_destroyed_at
    assert applicant.email.endswith("@deleted.invalid") and not applicant.has_usable_password()
    assert ConsentRecord.objects.filter(user=applicant, action="withdrawn").exists()  # the journal stays
    assert destroy_withdrawn_personal_data.delay().get() == 0


def test_beat_schedule_has_destruction_task(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "lk_plugin.accounts.tasks.destroy_withdrawn_personal_data" in tasks


def test_staff_registered_applicant_gets_sms_and_must_change_password(client, django_user_model):
    from django.contrib.auth.models import Permission

    sms.outbox.clear()
    staff = django_user_model.objects.create_user(
        username="st", email="st@example.ru", password=PASSWORD, is_staff=True
    )
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_applicantprofile"),
    )
    client.force_login(staff)
    url = "/admin/lk_applicant_register/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "legal_form": "individual",
            "last_name": "Орлова",
            "first_name": "Анна",
            "snils": "087-654-303 00",
            "email": "anna@example.ru",
            "phone": "+7 916 555-44-33",
            "pd_consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(sms.outbox) == 1 and sms.outbox[0]["phone"] == "+79165554433"
    password = sms.outbox[0]["text"].split("временный пароль ")[1].split(".")[0]
    profile = ApplicantProfile.objects.get(snils="08765430300")
    assert profile.created_by_staff and profile.must_change_password
    assert profile.user.emailaddress_set.get().verified

    client.logout()
    response = client.post("/accounts/login/", {"login": "087 654 303 00", "password": password})
    assert response.status_code == 302
    # Anything else redirects to the forced change until a new password is set.
    assert client.get("/lk/").url == "/lk/password/required/"
    assert client.get("/lk/profile/").url == "/lk/password/required/"
    response = client.post(
        "/lk/password/required/", {"password1": "Svoi-Parol-77", "password2": "Svoi-Parol-77"}
    )
    assert response.status_code == 302
    assert client.get("/lk/").status_code == 200
    profile.refresh_from_db()
    assert not profile.must_change_password


def test_staff_without_permission_cannot_register(client, django_user_model):
    from django.contrib.auth.models import Permission

    staff = django_user_model.objects.create_user(
        username="st", email="st@example.ru", password=PASSWORD, is_staff=True
    )
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    response = client.get("/admin/lk_applicant_register/")
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "permission denied"
    response = client.post("/admin/lk_applicant_register/", {"email": "x@example.ru"})
    assert response.status_code == 302 and not django_user_model.objects.filter(email="x@example.ru").exists()


def test_consent_document_page_is_public(client):
    response = client.get("/lk/consent/personal_data/")
    assert response.status_code == 200
    assert "152-ФЗ" in response.content.decode()


def test_record_consent_api_for_other_apps(make_applicant, django_capture_on_commit_callbacks):
    from lk_plugin import signals
    from lk_plugin.core.request_meta import RequestMeta

    user = make_applicant()
    received = []
    signals.consent_given.connect(lambda **kw: received.append(kw["record"]), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            record = flows.record_consent(
                user=user, purpose="personal_data", request_meta=RequestMeta(ip="127.0.0.1")
            )
    finally:
        signals.consent_given.disconnect(dispatch_uid="t")
    assert record.version and record.text_sha256
    assert received == [record]


def test_profile_page_query_count_does_not_grow_with_documents(
    client, applicant, django_assert_max_num_queries
):
    for i in range(5):
        flows.profile_document_add(
            user=applicant, kind="other", title=f"Документ {i}", upload=SimpleUploadedFile(f"d{i}.pdf", PDF)
        )
    with django_assert_max_num_queries(12):
        response = client.get("/lk/profile/")
    assert response.content.decode().count("/lk/profile/documents/") >= 5


def test_login_widget_page_block_renders_form(rf, db):
    from django.contrib.auth.models import AnonymousUser

    from lk_plugin.blocks import LK_PAGE_BLOCKS

    block = dict(LK_PAGE_BLOCKS)["lk_login"]
    request = rf.get("/")
    request.user = AnonymousUser()
    html = block.render(block.to_python({"heading": "Вход", "text": ""}), context={"request": request})
    assert 'name="login"' in html and 'name="password"' in html and "Регистрация" in html


def test_staff_see_mfa_link(client, django_user_model):
    staff = django_user_model.objects.create_user(
        username="st", email="st@example.ru", password=PASSWORD, is_staff=True
    )
    client.force_login(staff)
    assert "/accounts/2fa/" in client.get("/lk/profile/").content.decode()


def test_signed_consent_text_cannot_be_edited(make_applicant):
    from django.core.exceptions import ValidationError

    from lk_plugin.accounts.models import ConsentDocument

    user = make_applicant()
    flows.record_consent(user=user, purpose="personal_data")
    document = ConsentDocument.objects.current("personal_data")
    document.text = "<p>Другой текст</p>"
    with pytest.raises(ValidationError):
        document.full_clean()
    new = ConsentDocument(
        title="Согласие", purpose="personal_data", version="2", text="<p>Новая редакция</p>"
    )
    new.full_clean()
    new.save()
    assert ConsentDocument.objects.current("personal_data") == new
    assert ConsentDocument.objects.filter(purpose="personal_data", is_current=True).count() == 1
    record = flows.record_consent(user=user, purpose="personal_data")
    assert record.version == "2" and record.text_sha256 == new.text_hash
