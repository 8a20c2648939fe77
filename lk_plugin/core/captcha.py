"""The captcha every plugin form uses: a larger picture with a Russian alt text, a «show another
code» button (lk_plugin/js/captcha.js) and only valid HTML attributes on its inputs."""

from captcha.fields import CaptchaField, CaptchaTextInput
from django.urls import reverse

#: Attributes the Nu HTML Checker rejects or that make no sense on the hidden key.
_INVALID_ON_TEXT = {"autocorrect"}


class LKCaptchaInput(CaptchaTextInput):
    template_name = "lk_plugin/captcha.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        hidden, answer = context["widget"]["subwidgets"]
        # The key input carries nothing but its id (required/aria-* on a hidden input are invalid).
        hidden["attrs"] = {"id": hidden["attrs"].get("id")} if hidden["attrs"].get("id") else {}
        answer["attrs"] = {k: v for k, v in answer["attrs"].items() if k not in _INVALID_ON_TEXT}
        answer["attrs"]["inputmode"] = "text"
        context["refresh_url"] = reverse("captcha-refresh")
        return context


def captcha_field(**kwargs):
    """A CaptchaField with the plugin's widget (pass label/error_messages as usual)."""
    return CaptchaField(widget=LKCaptchaInput(), **kwargs)
