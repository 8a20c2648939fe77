"""Demo content of the applicant's cabinet: applications in several statuses with specialist
comments, stage documents, chat, a request for documents; appeals; a dialog; notifications; the
public appeal page. Runs after the forms step; creates its own applications (idempotent)."""

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from lk_plugin.appeals.models import Appeal, AppealAttachment, AppealStatus, AppealTopic
from lk_plugin.applications.models import (
    Application,
    ApplicationKind,
    Comment,
    CommentFile,
    FormVersion,
    InfoRequest,
    StageDocument,
    StatusChange,
)
from lk_plugin.applications.numbering import next_number
from lk_plugin.applications.statuses import Status
from lk_plugin.contrib.pages.models import AppealFormPage
from lk_plugin.core.numbering import next_value
from lk_plugin.messaging.flows import dialog_create, message_post, thread_for_application
from lk_plugin.notifications.models import Notification

FORM_TITLE = "Демо: заявка на технологическое присоединение (личный кабинет)"

SCHEMA = {
    "steps": [
        {
            "key": "object",
            "title": "Данные объекта",
            "fields": [
                {"name": "object_name", "type": "text", "label": "Наименование объекта", "required": True},
                {"name": "object_address", "type": "text", "label": "Адрес объекта", "required": True},
                {"name": "cadastral_number", "type": "cadastral", "label": "Кадастровый номер участка"},
            ],
        },
        {
            "key": "technical",
            "title": "Технические данные",
            "fields": [
                {
                    "name": "max_power_kw",
                    "type": "decimal",
                    "label": "Максимальная мощность, кВт",
                    "required": True,
                },
                {
                    "name": "voltage_level",
                    "type": "choice",
                    "label": "Уровень напряжения",
                    "choices": [["0.4", "0,4 кВ"], ["0.23", "0,23 кВ"]],
                },
                {"name": "ownership_doc", "type": "document", "label": "Правоустанавливающий документ"},
            ],
        },
    ]
}


def _pdf(title: str) -> bytes:
    """A tiny one-page PDF (Latin text only: the demo needs a real file, not a pretty one)."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 18 Tf 60 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _form_version():
    digest = hashlib.sha256(repr(SCHEMA).encode()).hexdigest()
    version, _ = FormVersion.objects.get_or_create(
        page=None, schema_hash=digest, defaults={"title": FORM_TITLE, "schema": SCHEMA}
    )
    return version


def _application(owner, version, status, days_ago, data):
    kind = ApplicationKind.objects.get(code="technological_connection")
    submitted = timezone.now() - dt.timedelta(days=days_ago)
    application = Application(owner=owner, kind=kind, legal_form="individual", data=data)
    # The same sequence and template as a real submit (no second series of numbers).
    number = None if status == Status.DRAFT else next_number(application)
    application = Application.objects.create(
        owner=owner,
        kind=kind,
        form_version=version,
        legal_form="individual",
        status=status,
        number=number,
        data=data,
        submitted_at=None if status == Status.DRAFT else submitted,
        due_date=None if status == Status.DRAFT else (submitted + dt.timedelta(days=30)).date(),
    )
    if status != Status.DRAFT:
        StatusChange.objects.create(application=application, from_status="draft", to_status="submitted")
    return application


def _move(application, to_status, actor, reason=""):
    StatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=to_status,
        actor=actor,
        reason=reason,
    )
    application.status = to_status
    application.save(update_fields=["status"])


def load(ctx):
    applicant, staff = ctx.users["applicant"], ctx.users["staff"]
    version = _form_version()
    if not Application.objects.filter(owner=applicant, form_version=version).exists():
        data = {
            "object_name": "Жилой дом",
            "object_address": "Московская обл., г. Истра, ул. Садовая, д. 12",
            "cadastral_number": "50:08:0040229:1234",
            "max_power_kw": "15",
            "reason": "new",
            "voltage_level": "0.4",
        }
        working = _application(applicant, version, Status.SUBMITTED, 12, data)
        _move(working, Status.IN_PROGRESS, staff)
        comment = Comment.objects.create(
            application=working,
            author=staff,
            text="Заявка принята в работу. Проект договора и технические условия опубликованы ниже.",
        )
        CommentFile.objects.create(
            comment=comment,
            file=ContentFile(_pdf("Contract draft"), name="dogovor.pdf"),
            original_name="Проект договора.pdf",
            size=len(_pdf("Contract draft")),
        )
        Comment.objects.create(
            application=working,
            author=staff,
            text="Внутренняя заметка: проверить мощность ТП-12.",
            is_internal=True,
        )
        for stage, title in (
            (StageDocument.Stage.CONTRACT_TERMS, "Условия типового договора"),
            (StageDocument.Stage.TECHNICAL_CONDITIONS, "Технические условия"),
            (StageDocument.Stage.INSTRUCTIONS, "Инструкция по технологическому присоединению"),
        ):
            content = _pdf(stage)
            StageDocument.objects.create(
                application=working,
                stage=stage,
                title=title,
                file=ContentFile(content, name=f"{stage}.pdf"),
                original_name=f"{title}.pdf",
                size=len(content),
                published_by=staff,
            )
        thread = thread_for_application(application=working)
        message_post(thread=thread, author=applicant, text="Здравствуйте! Когда ожидать технические условия?")
        message_post(
            thread=thread,
            author=staff,
            text="Технические условия уже опубликованы в разделе «Документы по этапам».",
            from_staff=True,
        )

        waiting = _application(applicant, version, Status.SUBMITTED, 6, {**data, "object_name": "Баня"})
        reason = "Приложите план расположения энергопринимающих устройств."
        _move(waiting, Status.NEEDS_INFO, staff, reason)
        InfoRequest.objects.create(
            application=waiting, message=reason, items=["План расположения ЭПУ"], requested_by=staff
        )
        Notification.objects.create(
            user=applicant,
            event="application_info_requested",
            title=f"Заявка {waiting.number}: требуются сведения",
            body=reason,
            url=waiting.get_absolute_url(),
        )

        done = _application(applicant, version, Status.SUBMITTED, 60, {**data, "object_name": "Гараж"})
        _move(done, Status.IN_PROGRESS, staff)
        _move(done, Status.COMPLETED, staff)
        _application(applicant, version, Status.DRAFT, 1, {"object_name": "Садовый дом"})

    if not Appeal.objects.filter(owner=applicant).exists():
        for code, status, text, days in (
            ("01", AppealStatus.IN_PROGRESS, "Прошу сообщить часы работы центра обслуживания.", 3),
            ("03", AppealStatus.ANSWERED, "Сосед подключился к линии без договора.", 20),
        ):
            topic = AppealTopic.objects.get(code=code)
            appeal = Appeal.objects.create(
                owner=applicant,
                topic=topic,
                text=text,
                number=f"{next_value('appeal')}/{code}/ЛК",
                status=status,
                due_date=timezone.localdate() - dt.timedelta(days=days) + dt.timedelta(days=30),
            )
            if status == AppealStatus.ANSWERED:
                appeal.answer_text = "Проведена проверка, составлен акт о бездоговорном потреблении."
                appeal.answered_at = timezone.now()
                appeal.answered_by = staff
                appeal.save()
                content = _pdf("Act")
                AppealAttachment.objects.create(
                    appeal=appeal,
                    file=ContentFile(content, name="akt.pdf"),
                    original_name="Акт проверки.pdf",
                    size=len(content),
                    from_staff=True,
                )
        dialog_create(
            user=applicant, subject="Смена собственника", text="Как переоформить договор на нового владельца?"
        )

    if ctx.home is not None and not AppealFormPage.objects.exists():
        page = AppealFormPage(
            title="Обращение в сетевую организацию",
            slug="obrashchenie",
            intro="<p>Задайте вопрос, сообщите о бездоговорном потреблении или оставьте жалобу. "
            "Ответ — в течение 30 дней.</p>",
            show_in_menus=False,
        )
        ctx.home.add_child(instance=page)
        page.save_revision().publish()
    ctx.say(
        "Кабинет заявителя: /lk/ (заявки, обращения, сообщения, уведомления); форма обращения: /obrashchenie/"
    )
