"""application_submit: the one way a draft becomes an application."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin import signals
from lk_plugin.adapter import get_adapter
from lk_plugin.core.files import clean_filename, discard_files_on_error, validate_signature_upload
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.core.retry import retry_on_conflict
from lk_plugin.notifications import outbox
from lk_plugin.notifications.flows import notify, notify_staff

from ..models import Application, ApplicationDocument, StatusChange
from ..numbering import assign_number
from ..statuses import Status
from .drafts import document_counts


class SubmitError(ValidationError):
    """The application cannot be submitted; ``step_errors`` maps step index → {field: [messages]}."""

    def __init__(self, message, code=None, step_errors=None):
        super().__init__(message, code=code)
        self.step_errors = step_errors or {}


def _record_consent(*, user, request_meta):
    """152-ФЗ consent through the accounts app when it provides record_consent()."""
    try:
        from lk_plugin.accounts.flows import record_consent
    except ImportError:
        return None
    return record_consent(user=user, purpose="application", request_meta=request_meta)


def _reuse_loaded(application, loaded, user) -> None:
    """Give the freshly locked *application* the form page (with its ``.specific``), form version
    (with its parsed schema) and kind the caller already loaded, and *user* as its owner (with the
    profile the checks load), instead of querying them again for the checks, the number and the
    notifications. Only the same rows are reused; the rest is loaded on first use."""
    if loaded is not application:
        for name in ("form_page", "form_version", "kind"):
            field = Application._meta.get_field(name)
            if getattr(loaded, field.attname) == getattr(application, field.attname) and field.is_cached(
                loaded
            ):
                setattr(application, name, getattr(loaded, name))
    if getattr(user, "is_authenticated", False) and application.owner_id == user.pk:
        application.owner = user


def check_can_submit(application, user) -> None:
    """The conditions outside the form's data (raise SubmitError with a clear message)."""
    adapter = get_adapter()
    if not user.is_authenticated or application.owner_id != user.pk:
        raise PermissionDenied
    if application.status != Status.DRAFT:
        raise SubmitError(_("Заявка уже подана."), code="not_draft")
    page = application.form_page.specific if application.form_page_id else None
    if page is None or not page.live:
        raise SubmitError(
            _("Форма снята с публикации, подать заявку по ней сейчас нельзя. Черновик сохранён."),
            code="unpublished",
        )
    if not adapter.is_email_verified(user):
        raise SubmitError(
            _(
                "Подтвердите адрес электронной почты (ссылка в письме после регистрации), затем подайте заявку. "
                "Черновик сохранён."
            ),
            code="email_unverified",
        )
    profile = adapter.get_profile(user)
    if profile is None or profile.legal_form not in page.allowed_legal_forms():
        raise SubmitError(_("Эта форма недоступна для вашей правовой формы."), code="legal_form")


@retry_on_conflict  # its atomic block is the transaction (or the savepoint) of the submit
@discard_files_on_error()
@transaction.atomic(savepoint=False)
def application_submit(
    *, application: Application, user, request_meta: RequestMeta, consent: bool = True, signature_file=None
) -> Application:
    """Validate every step and the document checklist, number the application, set its due date,
    write history and outbox rows. Raises SubmitError (nothing changes) when something is missing."""
    from lk_plugin.formbuilder.engine import clean_data, validate_all

    loaded = application
    application = Application.objects.select_for_update().get(pk=application.pk)
    _reuse_loaded(application, loaded, user)
    check_can_submit(application, user)
    if not consent:
        raise SubmitError(_("Подтвердите согласие на обработку персональных данных."), code="consent")
    schema = application.form_version.schema
    problems = validate_all(schema, application.data, application.legal_form, document_counts(application))
    if problems:
        raise SubmitError(
            _("Заявка заполнена не полностью: исправьте отмеченные шаги."),
            code="invalid",
            step_errors=problems,
        )
    adapter = get_adapter()
    signature = None
    if signature_file is not None:
        validate_signature_upload(signature_file)
        signature = adapter.verify_signature(
            application=application, user=user, signature_file=signature_file
        )

    application.data = clean_data(schema, application.data)
    if signature is not None:
        signature_file.seek(0)
        ApplicationDocument.objects.create(
            application=application,
            slot="_signature",
            file=signature_file,
            original_name=clean_filename(signature["filename"] or "signature.sig"),
            size=signature_file.size,
            uploaded_by=user,
        )
        application.data["_signature"] = signature
    now = timezone.now()
    application.submitted_at = now
    application.status = Status.SUBMITTED
    application.due_date = adapter.review_due_date(application)
    application.version += 1
    StatusChange.objects.create(
        application=application, from_status=Status.DRAFT, to_status=Status.SUBMITTED, actor=user
    )
    _record_consent(user=user, request_meta=request_meta)
    # Numbering locks the counter row until commit: take it as late as possible (only what needs the
    # number follows), so parallel submits wait on each other for as short a time as possible.
    assign_number(
        application,
        update_fields=["data", "submitted_at", "number", "status", "due_date", "version", "updated_at"],
    )
    with outbox.one_insert():  # the applicant's and the staff mails: one INSERT
        notify_submitted(application)
        notify_staff_submitted(application)
    transaction.on_commit(
        lambda: signals.application_submitted.send(sender=Application, application=application, user=user)
    )
    return application


def notify_submitted(application) -> None:
    """In-cabinet notification + confirmation email with the PDF attached (outbox rows)."""
    from django.urls import reverse

    page = application.form_page.specific if application.form_page_id else None
    text = _("Заявка %(number)s принята %(date)s.") % {
        "number": application.number,
        "date": timezone.localtime(application.submitted_at).strftime("%d.%m.%Y %H:%M"),
    }
    if application.due_date:
        text += " " + _("Ориентировочный срок рассмотрения — до %(date)s.") % {
            "date": application.due_date.strftime("%d.%m.%Y")
        }
    next_steps = ""
    if page is not None and page.confirmation_text:
        from django.utils.html import strip_tags

        next_steps = strip_tags(page.confirmation_text).strip()
    if next_steps:
        text += "\n\n" + next_steps
    notify(
        user=application.owner,
        event="application_submitted",
        context={
            "title": _("Заявка %(number)s подана") % {"number": application.number},
            "text": text,
            "number": application.number,
            "kind": application.kind.title,
            "due_date": application.due_date,
            "next_steps": next_steps,
        },
        url=reverse("lk_applications:confirmation", args=[application.pk]),
        attachments=[{"provider": "application_pdf", "id": application.pk}],
    )


def notify_staff_submitted(application) -> None:
    """Tell the people who process applications that a new one arrived (outbox rows)."""
    text = _("Вид: %(kind)s. Заявитель: %(name)s.") % {
        "kind": application.kind.title,
        "name": get_adapter().get_display_name(application.owner),
    }
    if application.due_date:
        text += " " + _("Срок рассмотрения — до %(date)s.") % {
            "date": application.due_date.strftime("%d.%m.%Y")
        }
    notify_staff(
        obj=application,
        event="staff_application_submitted",
        context={"title": _("Новая заявка %(number)s") % {"number": application.number}, "text": text},
    )
