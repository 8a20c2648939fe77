"""Changes to outages and subscriptions; every mail goes through the outbox in the same transaction."""

import datetime as dt
import hashlib
import uuid

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin.app_settings import app_settings
from lk_plugin.notifications.outbox import enqueue_email

from .addresses import houses_cover, parse_address, parse_houses, street_key
from .models import Outage, OutageDelivery, OutageHouseRange, OutageSubscription

CONFIRM_SALT = "lk_outages.subscription.confirm"
UNSUBSCRIBE_SALT = "lk_outages.subscription.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600
CONFIRM_RESEND_AFTER = dt.timedelta(hours=1)

_FINGERPRINT_FIELDS = (
    "kind",
    "district",
    "street",
    "houses",
    "feeder",
    "starts_at",
    "ends_at",
    "reason",
    "status",
    "is_published",
)


def _fingerprint_part(value) -> str:
    if hasattr(value, "astimezone"):  # the same instant in any time zone is the same value
        return value.astimezone(dt.UTC).isoformat()
    return str(value)


def outage_fingerprint(outage: Outage) -> str:
    raw = "\x1f".join(_fingerprint_part(getattr(outage, name)) for name in _FINGERPRINT_FIELDS)
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def outage_save(*, outage: Outage) -> tuple[Outage, str]:
    """Save an outage from the admin or the import; returns (outage, "created"|"updated"|"unchanged").

    Derived data (street key, house ranges) is rebuilt; a real change bumps the version and mails
    the subscribers of the address once for that version.
    """
    ranges = parse_houses(outage.houses)  # the form / import validated it already
    outage.street_key = street_key(outage.street)
    if not outage.external_key:
        outage.external_key = uuid.uuid4().hex
    fingerprint = outage_fingerprint(outage)
    if outage.pk is None:
        result = "created"
    elif fingerprint == outage.fingerprint:  # the instance was loaded from the database (form, import)
        outage.save(update_fields=["external_key"])  # the only field outside the fingerprint
        return outage, "unchanged"
    else:
        result = "updated"
        outage.version += 1
    outage.fingerprint = fingerprint
    outage.save()
    if result == "updated":
        outage.house_ranges.all().delete()
    OutageHouseRange.objects.bulk_create(
        OutageHouseRange(outage=outage, start=r.start, end=r.end, parity=r.parity, letter=r.letter)
        for r in ranges
    )
    outage_notify_subscribers(outage=outage, ranges=ranges)
    return outage, result


def _subscription_matches(subscription, ranges) -> bool:
    return houses_cover(ranges, subscription.house_number or None, subscription.house_letter)


def unsubscribe_url(subscription) -> str:
    token = signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)
    return reverse("lk_outages:unsubscribe", args=[token])


@transaction.atomic
def outage_notify_subscribers(*, outage: Outage, ranges=None) -> int:
    """Mail each confirmed subscriber of the address about this version of a published planned outage."""
    if not outage.is_published or outage.kind != Outage.Kind.PLANNED:
        return 0
    if ranges is None:
        ranges = [r.as_range() for r in outage.house_ranges.all()]
    subscriptions = OutageSubscription.objects.filter(
        street_key=outage.street_key, confirmed_at__isnull=False
    )
    sent = 0
    for subscription in subscriptions:
        if not _subscription_matches(subscription, ranges):
            continue
        try:
            with transaction.atomic():
                OutageDelivery.objects.create(
                    subscription=subscription, outage=outage, outage_version=outage.version
                )
        except IntegrityError:
            continue  # this version was already mailed to this subscriber
        enqueue_email(
            to=subscription.email,
            user=subscription.user,
            event="outage_changed",
            context={
                "outage": outage,
                "subscription": subscription,
                "is_new": outage.version == 1,
                "unsubscribe_url": unsubscribe_url(subscription),
            },
        )
        sent += 1
    return sent


@transaction.atomic
def outage_subscribe(*, email: str, address: str, user=None) -> OutageSubscription:
    """Subscribe an address. A signed-in person's own email is confirmed at once; others get a link."""
    key, number, letter = parse_address(address)
    email = email.strip().lower()
    existing = OutageSubscription.objects.filter(email=email)
    if (
        not existing.filter(street_key=key, house_number=number or 0, house_letter=letter).exists()
        and existing.count() >= app_settings.OUTAGE_SUBSCRIPTIONS_PER_EMAIL
    ):
        raise ValidationError(
            _("На этот адрес почты уже оформлено %(n)s подписок — больше нельзя. Отпишитесь от лишних.")
            % {"n": app_settings.OUTAGE_SUBSCRIPTIONS_PER_EMAIL}
        )
    subscription, _created = OutageSubscription.objects.get_or_create(
        email=email,
        street_key=key,
        house_number=number or 0,
        house_letter=letter,
        defaults={"address": address.strip(), "user": user},
    )
    own_email = user is not None and getattr(user, "email", "").lower() == email
    if subscription.confirmed_at is None:
        if own_email:
            subscription.confirmed_at = timezone.now()
            subscription.user = user
            subscription.save(update_fields=["confirmed_at", "user"])
        elif (
            subscription.confirmation_sent_at is None
            or subscription.confirmation_sent_at < timezone.now() - CONFIRM_RESEND_AFTER
        ):  # the form is public: do not let it mail the same address again and again
            subscription.confirmation_sent_at = timezone.now()
            subscription.save(update_fields=["confirmation_sent_at"])
            token = signing.dumps(subscription.pk, salt=CONFIRM_SALT)
            enqueue_email(
                to=email,
                event="outage_subscription_confirm",
                context={
                    "subscription": subscription,
                    "confirm_url": reverse("lk_outages:confirm", args=[token]),
                },
            )
    return subscription


@transaction.atomic
def outage_subscription_confirm(*, token: str) -> OutageSubscription | None:
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    subscription = OutageSubscription.objects.select_for_update().filter(pk=pk).first()
    if subscription is not None and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


@transaction.atomic
def outage_unsubscribe(*, token: str) -> OutageSubscription | None:
    """Delete the subscription the signed link names; None for a bad or used link."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    subscription = OutageSubscription.objects.filter(pk=pk).first()
    if subscription is not None:
        subscription.delete()
    return subscription


@transaction.atomic
def outage_import_check(*, upload, user):
    """Store the upload and validate every row; the log row says whether it can be committed."""
    from .importing import ImportFileError, parse_rows, read_table
    from .models import OutageImport

    content = upload.read()
    log = OutageImport(file_name=upload.name[:255], uploaded_by=user, status=OutageImport.Status.FAILED)
    try:
        parsed = parse_rows(read_table(upload.name, content))
        errors = [e.as_dict() for e in parsed.errors]
        log.row_count = len(parsed.rows) + len({e["row"] for e in errors if e["row"] > 1})
    except ImportFileError as exc:
        errors = [{"row": 0, "column": "", "message": str(exc)}]
    log.errors = errors
    if not errors:
        log.status = OutageImport.Status.VALIDATED
    upload.seek(0)
    log.file.save(upload.name, upload, save=False)
    log.save()
    return log


@transaction.atomic
def outage_import_commit(*, outage_import, user):
    """Apply a validated import: every row or none (re-validated: the data may have changed)."""
    from .importing import ImportFileError, commit_rows, parse_rows, read_table
    from .models import OutageImport

    log = OutageImport.objects.select_for_update().get(pk=outage_import.pk)
    if log.status != OutageImport.Status.VALIDATED:
        return log
    with log.file.open("rb") as handle:
        content = handle.read()
    try:
        parsed = parse_rows(read_table(log.file_name, content))
    except ImportFileError as exc:
        parsed = None
        log.errors = [{"row": 0, "column": "", "message": str(exc)}]
    if parsed is None or parsed.errors:
        if parsed is not None:
            log.errors = [e.as_dict() for e in parsed.errors]
        log.status = OutageImport.Status.FAILED
        log.save(update_fields=["errors", "status"])
        return log
    counts = commit_rows(parsed.rows)
    log.status = OutageImport.Status.COMMITTED
    log.committed_at = timezone.now()
    log.created_count, log.updated_count, log.unchanged_count = (
        counts["created"],
        counts["updated"],
        counts["unchanged"],
    )
    log.save()
    return log
