"""Wiring only: the «Личный кабинет» admin group, log action labels and the dashboard panels.

Loaded by ``lk_plugin/wagtail_hooks.py``. Each optional app's pieces register only when it is installed.
"""

from django.apps import apps
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lk_plugin.formbuilder import presets_admin
from lk_plugin.staff.outbox import add_outbox_panel
from lk_plugin.staff.viewsets import LKStaffViewSetGroup


@hooks.register("register_admin_viewset")
def register_lk_staff_viewsets():
    return LKStaffViewSetGroup()


LOG_ACTIONS = []

if apps.is_installed("lk_plugin.applications"):
    from lk_plugin.applications.flows import staff as application_flows
    from lk_plugin.staff.dashboard import add_queue_panel

    hooks.register("construct_homepage_panels", add_queue_panel)
    # Relabelled or removed fields that submitted applications use (formbuilder/schema.py).
    from lk_plugin.applications.field_changes import warn_about_changed_fields

    hooks.register("after_edit_page", warn_about_changed_fields)
    LOG_ACTIONS += [
        (application_flows.LOG_STATUS, _("Статус заявки изменён"), _("Статус заявки изменён")),
        (application_flows.LOG_ASSIGN, _("Назначен исполнитель"), _("Назначен исполнитель")),
        (application_flows.LOG_INFO_REQUEST, _("Запрошены сведения"), _("Запрошены документы или сведения")),
        (
            application_flows.LOG_COMMENT,
            _("Комментарий заявителю"),
            _("Опубликован комментарий для заявителя"),
        ),
        (application_flows.LOG_NOTE, _("Внутренняя заметка"), _("Добавлена внутренняя заметка")),
        (application_flows.LOG_STAGE_DOCUMENT, _("Документ этапа"), _("Опубликован документ этапа")),
    ]
    # «Создать из шаблона» for form pages (formbuilder/presets_admin.py): the pages create applications.
    hooks.register("before_create_page", presets_admin.before_create_page)
    hooks.register("register_admin_urls", presets_admin.admin_urls)

if apps.is_installed("lk_plugin.connection"):
    from lk_plugin.staff.connection import add_connection_panel

    hooks.register("construct_homepage_panels", add_connection_panel)

hooks.register("construct_homepage_panels", add_outbox_panel)

if apps.is_installed("lk_plugin.appeals"):
    from lk_plugin.appeals import flows_staff as appeal_flows

    LOG_ACTIONS += [
        (appeal_flows.LOG_STATUS, _("Статус обращения изменён"), _("Статус обращения изменён")),
        (appeal_flows.LOG_ASSIGN, _("Назначен исполнитель"), _("Назначен исполнитель обращения")),
        (appeal_flows.LOG_ANSWER, _("Ответ на обращение"), _("Дан ответ на обращение")),
    ]

if apps.is_installed("lk_plugin.messaging"):
    from lk_plugin.messaging import flows_staff as messaging_flows

    LOG_ACTIONS += [
        (messaging_flows.LOG_REPLY, _("Ответ в диалоге"), _("Сотрудник ответил в диалоге")),
    ]


@hooks.register("register_log_actions")
def register_lk_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("insert_global_admin_css")
def lk_staff_css():
    return format_html('<link rel="stylesheet" href="{}">', static("lk_plugin/css/staff.css"))
