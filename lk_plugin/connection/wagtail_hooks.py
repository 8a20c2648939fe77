from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .flows.billing import LOG_PAYMENT
from .flows.stages import LOG_ACT, LOG_OFFER, LOG_STAGE

LOG_ACTIONS = [
    (LOG_STAGE, _("Этап присоединения"), _("Заявка перешла на другой этап присоединения")),
    (LOG_OFFER, _("Договор и счёт"), _("Размещены условия договора, ТУ и счёт")),
    (LOG_ACT, _("Акт"), _("Размещён акт для подписания")),
    (LOG_PAYMENT, _("Платёж"), _("Записан платёж по счёту")),
]


@hooks.register("register_log_actions")
def register_connection_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
