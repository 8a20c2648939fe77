"""Builders for the staff-processing tests: applicants, submitted applications, appeals, staff/editor users."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from lk_plugin.accounts.models import ApplicantProfile
from lk_plugin.appeals.models import Appeal, AppealTopic
from lk_plugin.applications.models import Application, ApplicationKind, FormVersion
from lk_plugin.core.choices import LegalForm
from lk_plugin.core.permissions import EDITOR_GROUP, grant_staff_permissions

_seq = itertools.count(1)

SCHEMA = {
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


def user(email=None, **fields):
    n = next(_seq)
    email = email or f"user{n}@example.ru"
    return get_user_model().objects.create_user(username=email, email=email, password="x", **fields)


def staff_user(email=None, first_name="Анна", last_name="Сергеева"):
    person = user(email, first_name=first_name, last_name=last_name, is_staff=True)
    person.groups.add(grant_staff_permissions())
    return person


def editor_user(email=None):
    person = user(email, first_name="Олег", last_name="Редактов", is_staff=True)
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "add_page", "change_page", "publish_page"])
    )
    person.groups.add(group)
    return person


def applicant(email=None, legal_form=LegalForm.INDIVIDUAL, **profile):
    person = user(email)
    defaults = {"last_name": "Петров", "first_name": "Иван", "middle_name": "Сергеевич"}
    if legal_form == LegalForm.LEGAL_ENTITY:
        defaults = {"organization_name": 'ООО "Ромашка"'}
    ApplicantProfile.objects.create(user=person, legal_form=legal_form, **{**defaults, **profile})
    return person


def form_version():
    return FormVersion.objects.get_or_create(
        page=None, schema_hash="staff-tests", defaults={"title": "Заявка на ТП", "schema": SCHEMA}
    )[0]


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
    owner = owner or applicant()
    n = next(_seq)
    return Application.objects.create(
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
    n = next(_seq)
    return Appeal.objects.create(
        owner=owner,
        topic=AppealTopic.objects.order_by("code").first(),
        text="Прошу разъяснить порядок подключения.",
        number=f"{13000 + n}/01/ЛК",
        status=status,
        due_date=due_date or timezone.localdate() + dt.timedelta(days=30),
        **fields,
    )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
