"""The connection in «Скачать мои данные»: the applicant's signatures and ТУ notices.

After consent withdrawal the one-time signing codes (with the phone they went to) are deleted;
signatures stay: they are the record of a signed contract document.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.personal_data import register_eraser, register_labels, register_section


def _dt(value):
    return timezone.localtime(value).isoformat() if value else None


def signatures_section(user):
    from .models import Signature

    return [
        {
            "document_title": s.document.title,
            "application_number": s.document.application.number,
            "method_display": str(s.get_method_display()),
            "signed_at": _dt(s.signed_at),
            "ip": s.ip,
            "user_agent": s.user_agent,
            "document_sha256": s.document_sha256,
        }
        for s in Signature.objects.filter(user=user).select_related("document__application").order_by("pk")
    ]


def tu_notices_section(user):
    from .models import TuNotice

    return [
        {
            "application_number": n.application.number,
            "text": n.text,
            "created_at": _dt(n.created_at),
            "files": [f.original_name for f in n.files.all()],
        }
        for n in TuNotice.objects.filter(created_by=user)
        .select_related("application")
        .prefetch_related("files")
    ]


def erase_signing_codes(user):
    from .models import SigningCode

    SigningCode.objects.filter(user=user).delete()


def register():
    register_section(
        "connection_signatures",
        signatures_section,
        title=_("Подписанные документы"),
        summary=("document_title", "application_number", "method_display", "signed_at", "ip"),
    )
    register_section(
        "connection_tu_notices",
        tu_notices_section,
        title=_("Уведомления о выполнении ТУ"),
        summary=("application_number", "created_at", "text", "files"),
    )
    register_eraser("connection_signing_codes", erase_signing_codes)
    register_labels(
        {
            "document_title": _("Документ"),
            "application_number": _("Номер заявки"),
            "method_display": _("Способ подписи"),
            "signed_at": _("Подписан"),
            "ip": _("IP-адрес"),
            "user_agent": _("Браузер"),
            "document_sha256": _("SHA-256 документа"),
            "files": _("Файлы"),
        }
    )
