"""Accounts flows: registration, consent, profile, password, withdrawal, destruction, staff signup."""

import datetime as dt
import logging
import secrets
import string

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lk_plugin import signals
from lk_plugin.adapter import get_adapter
from lk_plugin.core import personal_data
from lk_plugin.core.choices import LegalForm
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.notifications.models import NotificationPreferences

from .models import ApplicantProfile, ConsentDocument, ConsentPurpose, ConsentRecord, ProfileDocument
from .models.profile import PERSONAL_FIELDS, PROFILE_FIELDS

logger = logging.getLogger("lk_plugin.accounts")

DESTRUCTION_DELAY = dt.timedelta(days=30)


@transaction.atomic(savepoint=False)  # part of the caller's transaction: no savepoint round trips
def consent_subject(user) -> str:
    """«Name; identifier; email» of *user* for the consent journal (the proof of who consented)."""
    try:
        profile = user.lk_profile  # usually loaded already: no extra query
    except ApplicantProfile.DoesNotExist:
        profile = None
    parts = []
    if profile is not None:
        parts.append(str(profile))
        for label, value in (
            ("СНИЛС", profile.snils),
            ("ОГРНИП", profile.ogrnip),
            ("ОГРН", profile.ogrn),
            ("ИНН", profile.inn),
        ):
            if value:
                parts.append(f"{label} {value}")
    parts.append(getattr(user, "email", "") or "")
    return "; ".join(p for p in parts if p)[:500]


def record_consent(
    *, user, purpose: str, request_meta: RequestMeta | None = None, action: str = ConsentRecord.Action.GIVEN
) -> ConsentRecord:
    """Append a consent record against the current document of *purpose* (version + text hash)."""
    request_meta = request_meta or RequestMeta()
    document = ConsentDocument.objects.current(purpose)
    record = ConsentRecord.objects.create(
        user=user,
        subject_user_id=user.pk,
        subject=consent_subject(user),
        purpose=purpose,
        action=action,
        document=document,
        version=document.version if document else "",
        text_sha256=document.text_hash if document else "",
        ip=request_meta.ip,
        user_agent=(request_meta.user_agent or "")[:500],
    )
    signal = signals.consent_given if action == ConsentRecord.Action.GIVEN else signals.consent_withdrawn
    transaction.on_commit(
        lambda: signal.send(sender=ConsentRecord, user=user, record=record, request_meta=request_meta)
    )
    return record


@transaction.atomic
def register_applicant(
    *, user, data: dict, request_meta: RequestMeta, created_by_staff=False
) -> ApplicantProfile:
    """Profile, notification channels and consents for a freshly created *user* (signup or staff)."""
    profile = ApplicantProfile.objects.create(
        user=user,
        created_by_staff=created_by_staff,
        must_change_password=created_by_staff,
        **{name: data.get(name) or "" for name in PROFILE_FIELDS},
    )
    email_ok = bool(data.get("email_notifications"))
    NotificationPreferences.objects.update_or_create(user=user, defaults={"email": email_ok, "sms": False})
    record_consent(user=user, purpose=ConsentPurpose.PERSONAL_DATA, request_meta=request_meta)
    if email_ok:
        record_consent(user=user, purpose=ConsentPurpose.EMAIL_NOTIFICATIONS, request_meta=request_meta)
    return profile


@transaction.atomic
def profile_update(*, profile: ApplicantProfile, form) -> ApplicantProfile:
    """Save the profile form; keep the user's own name fields in step for mails and admin lists."""
    profile = form.save()
    user = profile.user
    if profile.legal_form != LegalForm.LEGAL_ENTITY:
        user.first_name, user.last_name = profile.first_name[:150], profile.last_name[:150]
        user.save(update_fields=["first_name", "last_name"])
    return profile


@transaction.atomic
def notification_settings_update(*, user, email: bool, sms: bool, request_meta: RequestMeta):
    prefs, _ = NotificationPreferences.objects.get_or_create(user=user)
    if prefs.email != email:
        record_consent(
            user=user,
            purpose=ConsentPurpose.EMAIL_NOTIFICATIONS,
            request_meta=request_meta,
            action=ConsentRecord.Action.GIVEN if email else ConsentRecord.Action.WITHDRAWN,
        )
    prefs.email, prefs.sms = email, sms
    prefs.save()
    return prefs


@transaction.atomic
def profile_document_add(*, user, kind: str, title: str, upload) -> ProfileDocument:
    from lk_plugin.core.files import clean_filename
    from lk_plugin.core.limits import consume_quota

    consume_quota(user, "upload")  # LK_QUOTAS["upload"]
    return ProfileDocument.objects.create(
        user=user,
        kind=kind,
        title=title,
        file=upload,
        original_name=clean_filename(upload.name),
        size=upload.size,
    )


@transaction.atomic
def profile_document_delete(*, document: ProfileDocument) -> None:
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def password_set_after_temporary(*, user, password: str) -> None:
    """The first password a staff-registered person chooses (replaces the temporary one)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    ApplicantProfile.objects.filter(user=user).update(must_change_password=False)


@transaction.atomic
def consent_withdraw(*, user, request_meta: RequestMeta) -> ApplicantProfile | None:
    """Record the withdrawal, switch the account off, schedule destruction in 30 days."""
    record_consent(
        user=user,
        purpose=ConsentPurpose.PERSONAL_DATA,
        request_meta=request_meta,
        action=ConsentRecord.Action.WITHDRAWN,
    )
    user.is_active = False
    user.save(update_fields=["is_active"])
    profile = ApplicantProfile.objects.filter(user=user).first()
    if profile is not None:
        profile.consent_withdrawn_at = timezone.now()
        profile.save(update_fields=["consent_withdrawn_at", "updated_at"])
    return profile


@transaction.atomic
def personal_data_destroy(*, profile: ApplicantProfile) -> ApplicantProfile:
    """Anonymize the account and profile, delete documents and notifications; keep consent records."""
    from allauth.account.models import EmailAddress

    user = profile.user
    personal_data.erase_registered(user)
    # Mail and SMS to the person (addresses and bodies), sent or not, go too.
    from django.db.models import Q

    from lk_plugin.notifications.models import OutboxMessage

    addresses = Q(user=user) | Q(to__iexact=user.email)
    if profile.phone:
        addresses |= Q(to=profile.phone)
    OutboxMessage.objects.filter(addresses).delete()
    for document in ProfileDocument.objects.filter(user=user):
        profile_document_delete(document=document)
    user.lk_notifications.all().delete()
    NotificationPreferences.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    placeholder = f"deleted-{user.pk}@deleted.invalid"
    user.email = placeholder
    if hasattr(user, "username"):
        user.username = f"deleted-{user.pk}"
    for name in ("first_name", "last_name"):
        if hasattr(user, name):
            setattr(user, name, "")
    user.is_active = False
    user.set_unusable_password()
    user.save()
    for name in PERSONAL_FIELDS:
        if name != "legal_form":
            setattr(profile, name, "")
    profile.data_destroyed_at = timezone.now()
    profile.save()
    logger.info("personal data of user %s destroyed after consent withdrawal", user.pk)
    return profile


def destroy_due_personal_data(*, now=None) -> int:
    """Destroy the data of everyone whose withdrawal is older than 30 days; returns how many."""
    now = now or timezone.now()
    due = ApplicantProfile.objects.filter(
        consent_withdrawn_at__lte=now - DESTRUCTION_DELAY, data_destroyed_at__isnull=True
    ).select_related("user")
    count = 0
    for profile in due:
        personal_data_destroy(profile=profile)
        count += 1
    return count


def generate_temporary_password(length: int = 10) -> str:
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


@transaction.atomic
def applicant_create_by_staff(*, data: dict, actor, request_meta: RequestMeta) -> tuple:
    """A person registered in the office: verified email, temporary password by SMS, forced change."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    email = data["email"].lower()
    password = generate_temporary_password()
    user = User(email=email)
    if hasattr(user, "username"):
        user.username = email[:150]
    if data.get("legal_form") != LegalForm.LEGAL_ENTITY:
        user.first_name = (data.get("first_name") or "")[:150]
        user.last_name = (data.get("last_name") or "")[:150]
    user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    register_applicant(
        user=user,
        data={**data, "email_notifications": True},
        request_meta=request_meta,
        created_by_staff=True,
    )
    logger.info("applicant %s registered by staff user %s", user.pk, getattr(actor, "pk", None))
    return user, password


def temporary_password_send(*, user, password: str) -> bool:
    """SMS the login and temporary password (never stored in the outbox); False if sending failed."""
    adapter = get_adapter()
    phone = adapter.get_phone(user)
    if not phone:
        return False
    try:
        adapter.send_sms(phone, adapter.staff_registration_sms_text(user=user, password=password))
    except Exception:
        logger.exception("could not send the temporary password to user %s", user.pk)
        return False
    return True
