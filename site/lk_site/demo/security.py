"""Staff MFA in the demo: the demo staff, editor and admin enrol a TOTP authenticator at first login."""

from lk_plugin.app_settings import app_settings


def load(ctx):
    if not app_settings.STAFF_MFA_REQUIRED:
        return
    ctx.say(
        "Сотрудник, редактор и администратор при первом входе подключают приложение-аутентификатор "
        "(TOTP: Google Authenticator, Яндекс Ключ, FreeOTP, oathtool): пароль ещё раз → QR-код или "
        "ключ → код из приложения → резервные коды → /admin/. Следующие входы: пароль + код."
    )
