"""Concrete page types built on the plugin's abstract pages; each may be placed under any page.

Wagtail looks for ``lk_contrib_pages/<model>.html`` first; without it the plugin's own template is used
(it needs only a ``content`` block in the host's base template).
"""

from django.utils.translation import gettext_lazy as _

from lk_plugin.appeals.pages import AbstractAppealFormPage
from lk_plugin.calculator.pages import AbstractCalculatorPage
from lk_plugin.formbuilder.pages import AbstractApplicationFormPage
from lk_plugin.outages.pages import AbstractOutageSchedulePage


class ApplicationFormPage(AbstractApplicationFormPage):
    """An application form (steps, fields, documents) editors build in the admin."""

    class Meta:
        verbose_name = _("Форма заявки")
        verbose_name_plural = _("Формы заявок")


class AppealFormPage(AbstractAppealFormPage):
    """The appeal form on the public site."""

    class Meta:
        verbose_name = _("Форма обращения")
        verbose_name_plural = _("Формы обращений")


class OutageSchedulePage(AbstractOutageSchedulePage):
    class Meta:
        verbose_name = _("График отключений")
        verbose_name_plural = _("Графики отключений")


class CalculatorPage(AbstractCalculatorPage):
    class Meta:
        verbose_name = _("Калькулятор стоимости присоединения")
        verbose_name_plural = _("Калькуляторы стоимости присоединения")


# SurveyPage (issue 20) goes here.
