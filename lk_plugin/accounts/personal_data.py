"""The account's own sections of «Скачать мои данные»: account, profile, consents, profile documents,
notification settings and notifications (the registry itself: core/personal_data.py)."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from lk_plugin.core.personal_data import local_iso as _dt
from lk_plugin.core.personal_data import register_labels, register_section


def _account(user):
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "emails": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "date_joined": _dt(getattr(user, "date_joined", None)),
        "last_login": _dt(user.last_login),
    }


def _profile(user):
    from .models import ApplicantProfile
    from .models.profile import PERSONAL_FIELDS

    profile = ApplicantProfile.objects.filter(user=user).first()
    if profile is None:
        return {}
    data = {name: getattr(profile, name) for name in PERSONAL_FIELDS}
    data["created_at"] = _dt(profile.created_at)
    data["consent_withdrawn_at"] = _dt(profile.consent_withdrawn_at)
    return data


def _consents(user):
    return [
        {
            "purpose": r.purpose,
            "action": r.action,
            "version": r.version,
            "text_sha256": r.text_sha256,
            "created_at_utc": r.created_at.astimezone(dt.UTC).isoformat(),
            "ip": r.ip,
            "user_agent": r.user_agent,
        }
        for r in user.lk_consents.order_by("created_at", "pk")
    ]


def _documents(user):
    from .models import ProfileDocument

    return [
        {
            "kind": d.kind,
            "title": d.display_title,
            "original_name": d.original_name,
            "size": d.size,
            "uploaded_at": _dt(d.uploaded_at),
        }
        for d in ProfileDocument.objects.owned_by(user)
    ]


def _notification_settings(user):
    from lk_plugin.notifications.models import NotificationPreferences

    prefs = NotificationPreferences.for_user(user)
    return {"inapp": True, "email": prefs.email, "sms": prefs.sms}


def _notifications(user):
    return [
        {"created_at": _dt(n.created_at), "title": n.title, "body": n.body, "read_at": _dt(n.read_at)}
        for n in user.lk_notifications.all()
    ]


def register():
    from .models import ConsentPurpose, ConsentRecord, ProfileDocument

    register_labels(
        {}, values={"purpose": ConsentPurpose, "action": ConsentRecord.Action, "kind": ProfileDocument.Kind}
    )
    register_section("account", _account, title=_("Учётная запись"))
    register_section("profile", _profile, title=_("Профиль"))
    register_section(
        "consents",
        _consents,
        title=_("Согласия"),
        summary=("purpose", "action", "version", "created_at_utc", "ip"),
    )
    register_section("documents", _documents, title=_("Документы профиля"))
    register_section("notification_settings", _notification_settings, title=_("Настройки уведомлений"))
    register_section(
        "notifications", _notifications, title=_("Уведомления"), summary=("created_at", "title", "read_at")
    )
