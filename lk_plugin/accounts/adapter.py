"""The allauth side of the plugin: ACCOUNT_ADAPTER = "lk_plugin.accounts.adapter.LKAccountAdapter"."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _

from lk_plugin.adapter import get_adapter as get_lk_adapter
from lk_plugin.core.request_meta import RequestMeta


class LKAccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock или восстановите пароль."
        ),
        "username_password_mismatch": _(
            "Неверный логин или пароль. Проверьте раскладку клавиатуры и Caps Lock или восстановите пароль."
        ),
        "invalid_login": _("Неверный логин или пароль."),
        "too_many_login_attempts": _(
            "Слишком много неудачных попыток входа. Подождите несколько минут или восстановите пароль."
        ),
        "rate_limited": _("Слишком много запросов. Подождите немного и попробуйте снова."),
    }

    def send_mail(self, template_prefix, email, context):
        from lk_plugin.app_settings import app_settings

        """allauth's mails (confirmation, password reset, notices) go through the outbox like every
        other mail: written as a row and sent at once by this process, as allauth expects; when the
        SMTP server fails, the error is recorded on the row and the sweeper / ``lk_outbox_send``
        retries it, so the signup or reset request that caused the mail never fails (no 500)."""
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        from lk_plugin.notifications.outbox import enqueue_rendered_email

        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
            "lk_utility_name": app_settings.UTILITY_NAME,
            "lk_site_url": app_settings.SITE_URL,
        }
        message = self.render_mail(template_prefix, email, context)
        user = context.get("user")
        enqueue_rendered_email(
            message=message,
            event="allauth:" + template_prefix.rsplit("/", 1)[-1],
            user=user if getattr(user, "pk", None) else None,
            send_now=True,
        )

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's "login_failed" …/key limit counts per (account, client IP): a stranger failing
        # with someone's public ОГРН stops only their own IP, never the owner (login_guard).
        from lk_plugin.core.request_meta import client_ip

        return f"{super()._get_login_attempts_cache_key(request, **credentials)}|{client_ip(request) or ''}"

    def authentication_failed(self, request, **credentials):
        from . import login_guard

        login_guard.record_failure(credentials.get("email", credentials.get("username", "")).lower())
        super().authentication_failed(request, **credentials)

    def send_account_already_exists_mail(self, email):
        from allauth.core import context

        if getattr(context.request, "_lk_signup_identifier_taken", False):
            # The signup named a registered СНИЛС/ИНН/ОГРН/ОГРНИП with an address that owns no
            # account: the identifier's owner has been told (SignupForm); this address gets nothing.
            return
        super().send_account_already_exists_mail(email)

    def save_user(self, request, user, form, commit=True):
        from . import flows

        data = form.cleaned_data
        if data.get("legal_form") == "legal_entity":
            # The organization's name is not a person's name: keep the user's name fields empty.
            data = {**data, "first_name": "", "last_name": ""}
            form.cleaned_data.update(first_name="", last_name="")
        user = super().save_user(request, user, form, commit=commit)
        if commit and "legal_form" in data:
            flows.register_applicant(user=user, data=data, request_meta=RequestMeta.from_request(request))
        return user

    def populate_username(self, request, user):
        # Usernames are never shown; the email keeps them unique and readable in the admin.
        from allauth.account.utils import user_email, user_username

        if not user_username(user) and user_email(user):
            from django.contrib.auth import get_user_model

            email = user_email(user)[:150]
            if not get_user_model().objects.filter(username__iexact=email).exists():
                user_username(user, email)
        super().populate_username(request, user)

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff and not hasattr(user, "lk_profile"):
            return get_lk_adapter().get_staff_login_redirect_url(user)
        return super().get_login_redirect_url(request)


def user_display(user) -> str:
    """ACCOUNT_USER_DISPLAY: the person's name in allauth pages and mails (never the СНИЛС)."""
    return get_lk_adapter().get_display_name(user)
