"""Drafts and their documents (keyword-only, one transaction each). The wizard views call these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin.adapter import get_adapter
from lk_plugin.applications.models import Application, ApplicationDocument
from lk_plugin.applications.statuses import Status
from lk_plugin.core.files import clean_filename, validate_upload
from lk_plugin.core.limits import consume_quota
from lk_plugin.formbuilder import registry
from lk_plugin.formbuilder.schema import snapshot


def _ensure_draft(application, user):
    if application.owner_id != user.pk:
        raise PermissionDenied
    if application.status != Status.DRAFT:
        raise ValidationError(_("Заявка уже подана, изменить её нельзя."), code="not_draft")


def _lock_draft(application, user):
    """``_ensure_draft``, then the row locked in the caller's transaction while it is still a draft:
    a document added or removed from a stale tab cannot change an application submitted meanwhile
    (the submit holds the same lock)."""
    _ensure_draft(application, user)
    if not list(
        Application.objects.select_for_update()
        .filter(pk=application.pk, status=Status.DRAFT)
        .values_list("pk")
    ):
        raise ValidationError(_("Заявка уже подана, изменить её нельзя."), code="not_draft")


def initial_data(*, schema: dict, user, params=None) -> dict:
    """Profile prefill of the form's fields, then matching query parameters (calculator links)."""
    adapter = get_adapter()
    params = params or {}
    data = {}
    for step in schema["steps"]:
        for spec in step["fields"]:
            name = spec.get("name")
            if not name or not registry.get(spec["type"]).has_value:
                continue
            if spec.get("prefill"):
                value = adapter.profile_value(user, spec["prefill"])
                if value:
                    data[name] = value
            raw = params.get(name)
            if raw in (None, ""):
                continue
            field = registry.get(spec["type"]).form_field(spec)
            try:
                data[name] = registry.get(spec["type"]).to_json(field.clean(raw))
            except ValidationError:
                continue
    return data


@transaction.atomic
def draft_create(*, page, user, params=None) -> Application:
    """A new draft of *page* for *user*, bound to the current snapshot of the page's schema."""
    profile = get_adapter().get_profile(user)
    if profile is None or not get_adapter().can_use_form(user, page):
        raise ValidationError(_("Эта форма недоступна для вашей правовой формы."), code="legal_form")
    consume_quota(user, "draft")  # LK_QUOTAS["draft"]
    schema = page.form_schema()
    version = snapshot(page, schema)
    return Application.objects.create(
        owner=user,
        kind=page.kind,
        form_page=page,
        form_version=version,
        legal_form=profile.legal_form,
        status=Status.DRAFT,
        data=initial_data(schema=schema, user=user, params=params),
        current_step=0,
        visited_steps=[0],
    )


def draft_save(*, application, user, values: dict, drop=(), current_step=None) -> Application:
    """Merge *values* into the draft, forget *drop*, move to *current_step* (marking it visited).

    One conditional UPDATE, atomic by itself (inside a caller's transaction it joins it): it changes
    the row only while it is still a draft, so a save from a stale tab cannot touch an application
    that was submitted meanwhile."""
    _ensure_draft(application, user)
    data = {k: v for k, v in (application.data or {}).items() if k not in set(drop)}
    data.update(values)
    changes = {"data": data, "updated_at": timezone.now()}
    if current_step is not None:
        changes["current_step"] = current_step
        if current_step not in application.visited_steps:
            changes["visited_steps"] = sorted({*application.visited_steps, current_step})
    if not Application.objects.filter(pk=application.pk, status=Status.DRAFT).update(**changes):
        raise ValidationError(_("Заявка уже подана, изменить её нельзя."), code="not_draft")
    for name, value in changes.items():
        setattr(application, name, value)
    return application


def document_counts(application) -> dict[str, int]:
    """How many files the application holds in each document slot ({slot: count}): what the
    document checklist (``formbuilder.engine.missing_documents`` / ``validate_all``) reads."""
    counts: dict[str, int] = {}
    for slot in application.documents.values_list("slot", flat=True):
        counts[slot] = counts.get(slot, 0) + 1
    return counts


def _check_room(application, spec, adding: int):
    count = application.documents.filter(slot=spec["name"]).count()
    limit = int(spec.get("max_files") or 5)
    if count + adding > limit:
        raise ValidationError(
            _("К документу «%(label)s» можно приложить не больше %(limit)s файлов.")
            % {"label": spec.get("label") or spec["name"], "limit": limit},
            code="max_files",
        )


@transaction.atomic
def document_add(*, application, user, spec: dict, upload) -> ApplicationDocument:
    """Attach *upload* to the slot *spec* after the checks of DESIGN §5 (raises ValidationError)."""
    _lock_draft(application, user)
    validate_upload(upload)
    _check_room(application, spec, 1)
    consume_quota(user, "upload")  # LK_QUOTAS["upload"]
    return ApplicationDocument.objects.create(
        application=application,
        slot=spec["name"],
        file=upload,
        original_name=clean_filename(upload.name),
        size=upload.size,
        uploaded_by=user,
    )


@transaction.atomic
def document_remove(*, application, user, document_id: int) -> None:
    _lock_draft(application, user)
    application.documents.filter(pk=document_id).delete()


def profile_documents(user):
    """The person's profile documents, when the accounts app provides them (else an empty list)."""
    try:
        from lk_plugin.accounts.models import ProfileDocument
    except ImportError:
        return []
    return list(ProfileDocument.objects.owned_by(user))


@transaction.atomic
def document_from_profile(*, application, user, spec: dict, profile_document) -> ApplicationDocument:
    """Copy a profile document into the slot (a copy: the profile file may change later)."""
    from django.core.files.base import ContentFile

    _lock_draft(application, user)
    if getattr(profile_document, "user_id", user.pk) != user.pk:
        raise PermissionDenied
    _check_room(application, spec, 1)
    with profile_document.file.open("rb") as handle:
        content = handle.read()
    name = clean_filename(profile_document.original_name or profile_document.file.name)
    document = ApplicationDocument(
        application=application, slot=spec["name"], original_name=name, size=len(content), uploaded_by=user
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document
