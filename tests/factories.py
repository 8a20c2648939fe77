"""factory_boy factories shared by the tests (each feature keeps its own, clearly named)."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# --- applicant's cabinet (issue 6) ---

CABINET_SCHEMA = {
    "steps": [
        {
            "key": "object",
            "title": "Данные объекта",
            "fields": [
                {"name": "object_address", "type": "text", "label": "Адрес объекта", "required": True},
                {"name": "power_kw", "type": "decimal", "label": "Максимальная мощность, кВт"},
                {"name": "ownership_doc", "type": "document", "label": "Правоустанавливающий документ"},
            ],
        }
    ]
}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"applicant{n}@example.ru")
    email = factory.SelfAttribute("username")
    password = factory.django.Password("Pass-word-123")


class ApplicantProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_accounts.ApplicantProfile"

    user = factory.SubFactory(UserFactory)
    legal_form = "individual"
    last_name = "Иванов"
    first_name = "Иван"
    phone = "+79160000000"


class FormVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_applications.FormVersion"

    title = "Заявка на технологическое присоединение"
    schema = CABINET_SCHEMA
    schema_hash = factory.Sequence(lambda n: f"hash{n}")


def _kind():
    from lk_plugin.applications.models import ApplicationKind

    return ApplicationKind.objects.get(code="technological_connection")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted technological-connection application (pass status="draft" and number=None for a draft)."""

    class Meta:
        model = "lk_applications.Application"

    owner = factory.SubFactory(UserFactory)
    kind = factory.LazyFunction(_kind)
    form_version = factory.SubFactory(FormVersionFactory)
    legal_form = "individual"
    status = "submitted"
    number = factory.Sequence(lambda n: f"{n + 1}ТП/ФЛ/НП/До 15/ЛК")
    data = factory.LazyFunction(lambda: {"object_address": "г. Москва, ул. Ленина, д. 1", "power_kw": "15"})
    submitted_at = factory.LazyFunction(timezone.now)


class ApplicationDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_applications.ApplicationDocument"

    application = factory.SubFactory(ApplicationFactory)
    slot = "ownership_doc"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="doc.pdf"))
    original_name = "Выписка ЕГРН.pdf"
    size = len(PDF_BYTES)


class StageDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_applications.StageDocument"

    application = factory.SubFactory(ApplicationFactory)
    stage = "technical_conditions"
    title = "Технические условия"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="tu.pdf"))
    original_name = "Технические условия.pdf"
    size = len(PDF_BYTES)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_applications.Comment"

    application = factory.SubFactory(ApplicationFactory)
    text = "Проверьте, пожалуйста, адрес объекта."
    is_internal = False


class CommentFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_applications.CommentFile"

    comment = factory.SubFactory(CommentFactory)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="c.pdf"))
    original_name = "Пояснение.pdf"
    size = len(PDF_BYTES)


def _topic():
    from lk_plugin.appeals.models import AppealTopic

    return AppealTopic.objects.get(code="01")


class AppealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_appeals.Appeal"

    owner = factory.SubFactory(UserFactory)
    topic = factory.LazyFunction(_topic)
    text = "Прошу сообщить график работы."
    number = factory.Sequence(lambda n: f"{n + 1}/01/ЛК")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class AppealAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_appeals.AppealAttachment"

    appeal = factory.SubFactory(AppealFactory)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="a.pdf"))
    original_name = "Приложение.pdf"
    size = len(PDF_BYTES)


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_messaging.Thread"

    owner = factory.SubFactory(UserFactory)
    subject = "Вопрос о подключении"
    last_message_at = factory.LazyFunction(timezone.now)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_messaging.Message"

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SelfAttribute("thread.owner")
    text = "Здравствуйте!"


class MessageAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_messaging.MessageAttachment"

    message = factory.SubFactory(MessageFactory)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="m.pdf"))
    original_name = "Схема.pdf"
    size = len(PDF_BYTES)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_notifications.Notification"

    user = factory.SubFactory(UserFactory)
    event = "application_status_changed"
    title = "Статус изменён"
    body = "Заявка в работе"
    url = "/lk/"
