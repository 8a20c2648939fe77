from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.choices import LegalForm

from ..statuses import FINAL, Status


class ApplicationKind(models.Model):
    """What an application is about; editors add kinds beside the built-in ones."""

    code = models.SlugField(_("код"), max_length=64, unique=True)
    title = models.CharField(_("название"), max_length=200)
    number_code = models.CharField(
        _("код в номере"), max_length=16, blank=True, help_text=_("Например, «ТП» или «02»")
    )
    ordering = models.PositiveSmallIntegerField(_("порядок"), default=100)

    class Meta:
        verbose_name = _("вид заявки")
        verbose_name_plural = _("виды заявок")
        ordering = ["ordering", "title"]

    def __str__(self):
        return self.title


class FormVersion(models.Model):
    """A snapshot of a published form's schema; applications point at the one they were filled against."""

    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("название формы"), max_length=255)
    schema = models.JSONField(_("схема"))
    schema_hash = models.CharField(_("хэш схемы"), max_length=64)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)

    class Meta:
        verbose_name = _("версия формы")
        verbose_name_plural = _("версии форм")
        constraints = [
            models.UniqueConstraint(fields=["page", "schema_hash"], name="lk_formversion_unique_per_page")
        ]

    def __str__(self):
        return f"{self.title} ({self.created_at:%d.%m.%Y %H:%M})"


class ApplicationQuerySet(models.QuerySet):
    def owned_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def submitted(self):
        return self.exclude(status=Status.DRAFT)

    def open(self):
        return self.exclude(status__in=[Status.DRAFT, *FINAL])


def normalize_search(text: str) -> str:
    """Case- and «ё»-insensitive form of a searched text (the same on SQLite and PostgreSQL)."""
    return " ".join((text or "").casefold().replace("ё", "е").split())


class Application(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="lk_applications",
        verbose_name=_("заявитель"),
    )
    kind = models.ForeignKey(
        ApplicationKind, on_delete=models.PROTECT, related_name="applications", verbose_name=_("вид")
    )
    form_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("форма"),
    )
    form_version = models.ForeignKey(
        FormVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    legal_form = models.CharField(_("правовая форма"), max_length=16, choices=LegalForm.choices)
    status = models.CharField(_("статус"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    number = models.CharField(_("номер"), max_length=100, null=True, blank=True, unique=True)
    #: The number lower-cased in Python (SQLite's LIKE/lower() fold only ASCII), kept by save():
    #: the applicant's search is case-insensitive for Cyrillic on every database.
    search_number = models.CharField(_("номер для поиска"), max_length=100, blank=True, editable=False)
    data = models.JSONField(_("данные"), default=dict, blank=True)
    current_step = models.PositiveSmallIntegerField(_("текущий шаг"), default=0)
    visited_steps = models.JSONField(_("пройденные шаги"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("подана"), null=True, blank=True)
    due_date = models.DateField(_("срок"), null=True, blank=True)
    closed_at = models.DateTimeField(_("закрыта"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lk_assigned_applications",
        verbose_name=_("исполнитель"),
    )
    #: Optimistic lock: every change through a flow increments it (UPDATE … WHERE version = expected).
    version = models.PositiveIntegerField(_("версия"), default=1)
    created_at = models.DateTimeField(_("создана"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменена"), auto_now=True)

    if apps.is_installed("lk_plugin.messaging"):
        #: The chat of the application (messaging's Thread.about); deleted with the application.
        threads = GenericRelation(
            "lk_messaging.Thread",
            content_type_field="about_type",
            object_id_field="about_id",
            related_query_name="application",
        )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("заявка")
        verbose_name_plural = _("заявки")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "status", "-created_at"], name="lk_app_owner_status"),
            # The cabinet's list: a person's applications by the date it shows (selectors.SHOWN_DATE).
            models.Index(
                models.F("owner"),
                Coalesce("submitted_at", "created_at").desc(),
                models.F("id").desc(),
                name="lk_app_owner_shown",
            ),
            models.Index(fields=["status", "due_date"], name="lk_app_status_due"),
            models.Index(fields=["-submitted_at"], name="lk_app_submitted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False), name="lk_app_number_after_submit"
            )
        ]

    def __str__(self):
        return self.number or _("Черновик №%(pk)s") % {"pk": self.pk}

    def save(self, *args, **kwargs):
        self.search_number = normalize_search(self.number or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "number" in update_fields and "search_number" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_number"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("lk_applications:detail", args=[self.pk])

    @property
    def is_draft(self):
        return self.status == Status.DRAFT
