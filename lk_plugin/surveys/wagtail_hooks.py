"""Wiring only: the survey results under «Отчёты»."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views_admin import PERMISSION, results_view


@hooks.register("register_admin_urls")
def survey_admin_urls():
    return [
        path("lk/surveys/", results_view, name="lk_survey_results"),
        path("lk/surveys/<int:page_id>/", results_view, name="lk_survey_results_page"),
    ]


class _SurveyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def survey_menu_item():
    return _SurveyMenuItem(_("Опрос качества"), reverse("lk_survey_results"), icon_name="pick", order=700)
