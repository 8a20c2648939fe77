"""Answers to the quality survey (Приказ Минэнерго №186: «оценить качество и доступность услуг»)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SurveyResponse(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("опрос")
    )
    #: The application the answer rates (an invitation after completion); one answer per application.
    application = models.ForeignKey(
        "lk_applications.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("заявка"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("пользователь"),
    )
    #: {question name: JSON value}; the questions as asked are in ``questions``.
    answers = models.JSONField(_("ответы"), default=dict)
    questions = models.JSONField(_("вопросы"), default=list)
    created_at = models.DateTimeField(_("когда"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("ответ на опрос")
        verbose_name_plural = _("ответы на опрос")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(application__isnull=False),
                name="lk_survey_one_answer_per_application",
                violation_error_message=_("Эту заявку уже оценили."),
            )
        ]

    def __str__(self):
        return f"{self.page_id}: {self.created_at:%d.%m.%Y %H:%M}"
