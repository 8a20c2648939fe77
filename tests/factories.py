"""The one factory system of the tests: factory_boy factories (each feature's clearly named) and the
small builders made of them (``make_applicant``, the staff-processing ``user``/``staff_user``/
``applicant``/``application``/``appeal``)."""

import datetime as dt
import itertools
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from lk_plugin.core.choices import LegalForm
from lk_plugin.core.permissions import EDITOR_GROUP, grant_staff_permissions

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
#: The password of applicants made by ``make_applicant`` (the sign-in tests type it).
PASSWORD = "Kabinet-2026!"

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


# --- meters (issue: metering) ---


class MeterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_metering.Meter"

    owner = factory.SubFactory(UserFactory)
    meter_type = "Меркурий 201.8"
    serial_number = factory.Sequence(lambda n: f"{41000000 + n}")
    tariff_count = 1
    digits = 6
    address = "г. Москва, ул. Ленина, д. 15"
    status = "active"


class ReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lk_metering.Reading"

    meter = factory.SubFactory(MeterFactory)
    taken_on = dt.date(2026, 10, 20)
    value_t1 = Decimal("1000.00")
    source = "applicant"
    status = "accepted"


# --- applicants who sign in (accounts, wizard, API, e2e) ---


def make_applicant(
    email="ivan@example.ru", legal_form="individual", *, verified=True, password=PASSWORD, **profile
):
    """An applicant with a confirmed (or not) email address and a profile: Петров Иван, a phone, no
    СНИЛС unless given (the ``make_applicant`` fixture of tests/conftest.py adds one)."""
    from allauth.account.models import EmailAddress

    user = UserFactory(username=email, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    defaults = {"last_name": "Петров", "first_name": "Иван", "snils": "", "phone": "+79161234567"}
    ApplicantProfileFactory(user=user, legal_form=legal_form, **{**defaults, **profile})
    return user


# --- staff processing (applications and appeals in the admin) ---

_seq = itertools.count(1)

#: The form of the staff-processing applications (a power-band choice and a «plan» document slot).
STAFF_SCHEMA = {
    "steps": [
        {
            "key": "object",
            "title": "Данные объекта",
            "fields": [
                {"name": "object_address", "type": "text", "label": "Адрес объекта", "required": True},
                {
                    "name": "power_band",
                    "type": "choice",
                    "label": "Мощность",
                    "choices": [["До 15", "До 15 кВт"], ["15-150", "От 15 до 150 кВт"]],
                },
                {"name": "plan", "type": "document", "label": "План расположения"},
            ],
        }
    ]
}


class StaffFormVersionFactory(FormVersionFactory):
    class Meta:
        django_get_or_create = ("page", "schema_hash")

    page = None
    title = "Заявка на ТП"
    schema = STAFF_SCHEMA
    schema_hash = "staff-tests"


def user(email=None, **fields):
    email = email or f"user{next(_seq)}@example.ru"
    return UserFactory(username=email, email=email, password="x", **fields)


def staff_user(email=None, first_name="Анна", last_name="Сергеева"):
    person = user(email, first_name=first_name, last_name=last_name, is_staff=True)
    person.groups.add(grant_staff_permissions())
    return person


def editor_user(email=None):
    from django.contrib.auth.models import Group, Permission

    person = user(email, first_name="Олег", last_name="Редактов", is_staff=True)
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "add_page", "change_page", "publish_page"])
    )
    person.groups.add(group)
    return person


def applicant(email=None, legal_form=LegalForm.INDIVIDUAL, **profile):
    person = user(email)
    defaults = {"last_name": "Петров", "first_name": "Иван", "middle_name": "Сергеевич", "phone": ""}
    if legal_form == LegalForm.LEGAL_ENTITY:
        defaults = {"last_name": "", "first_name": "", "phone": "", "organization_name": 'ООО "Ромашка"'}
    ApplicantProfileFactory(user=person, legal_form=legal_form, **{**defaults, **profile})
    return person


def form_version():
    return StaffFormVersionFactory()


def application(
    owner=None,
    *,
    status="submitted",
    kind="technological_connection",
    number=None,
    submitted_at=None,
    due_date=None,
    assignee=None,
    data=None,
    **fields,
):
    from lk_plugin.applications.models import ApplicationKind

    owner = owner or applicant()
    n = next(_seq)
    return ApplicationFactory(
        owner=owner,
        kind=ApplicationKind.objects.get(code=kind),
        form_version=form_version(),
        legal_form=owner.lk_profile.legal_form,
        status=status,
        number=number or f"{1000 + n}ТП/ФЛ/НП/До 15/ЛК",
        submitted_at=submitted_at or timezone.now(),
        due_date=due_date if due_date is not None else timezone.localdate() + dt.timedelta(days=5),
        assignee=assignee,
        data=data
        if data is not None
        else {"object_address": "г. Москва, ул. Ленина, 1", "power_band": "До 15"},
        **fields,
    )


def appeal(owner=None, *, status="submitted", due_date=None, **fields):
    from lk_plugin.appeals.models import AppealTopic

    n = next(_seq)
    return AppealFactory(
        owner=owner,
        topic=AppealTopic.objects.order_by("code").first(),
        text="Прошу разъяснить порядок подключения.",
        number=f"{13000 + n}/01/ЛК",
        status=status,
        due_date=due_date or timezone.localdate() + dt.timedelta(days=30),
        **fields,
    )
