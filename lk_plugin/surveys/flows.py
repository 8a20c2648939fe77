"""Answering the survey (one transaction)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lk_plugin.applications.statuses import Status

from .models import SurveyResponse


def rateable_application(*, user, application_id):
    """The user's completed application that has no answer yet, or None."""
    from lk_plugin.applications.models import Application

    if not user.is_authenticated or not application_id:
        return None
    try:
        return Application.objects.owned_by(user).get(pk=int(application_id), status=Status.COMPLETED)
    except (Application.DoesNotExist, TypeError, ValueError):
        return None


def already_rated(application) -> bool:
    return application is not None and SurveyResponse.objects.filter(application=application).exists()


@transaction.atomic
def survey_answer(*, page, user, answers: dict, questions: list, application=None) -> SurveyResponse:
    if application is not None:
        if not user.is_authenticated or application.owner_id != user.pk:
            raise PermissionDenied
        if application.status != Status.COMPLETED:
            raise ValidationError(_("Оценить можно выполненную заявку."), code="not_completed")
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                page=page,
                application=application,
                user=user if user.is_authenticated else None,
                answers=answers,
                questions=questions,
            )
    except IntegrityError as exc:
        raise ValidationError(_("Эту заявку вы уже оценили. Спасибо!"), code="already_rated") from exc
