from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import SignatureMethod


class PlacedDocument(models.Model):
    """The fingerprint of a stage document when staff placed it: signing checks the file still matches."""

    document = models.OneToOneField(
        "lk_applications.StageDocument", on_delete=models.CASCADE, related_name="placement"
    )
    sha256 = models.CharField(_("SHA-256 при размещении"), max_length=64)
    requires_signature = models.BooleanField(_("требует подписи заявителя"), default=False)
    placed_at = models.DateTimeField(_("размещён"), auto_now_add=True)

    class Meta:
        verbose_name = _("размещённый документ")
        verbose_name_plural = _("размещённые документы")

    def __str__(self):
        return f"{self.document} ({self.sha256[:12]})"


class SigningCode(models.Model):
    """A one-time SMS code to sign one document; only its hash is stored."""

    document = models.ForeignKey("lk_applications.StageDocument", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=128)
    phone = models.CharField(_("телефон"), max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("код подписания")
        verbose_name_plural = _("коды подписания")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.document} — {self.created_at:%d.%m.%Y %H:%M}"


class Signature(models.Model):
    """The applicant's signature of a document: what was signed (hash), when, from where, how."""

    document = models.ForeignKey(
        "lk_applications.StageDocument", on_delete=models.PROTECT, related_name="signatures"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("способ"), max_length=8, choices=SignatureMethod.choices)
    document_sha256 = models.CharField(_("SHA-256 документа"), max_length=64)
    signed_at = models.DateTimeField(_("подписан"), auto_now_add=True)
    ip = models.GenericIPAddressField(_("IP"), null=True, blank=True)
    user_agent = models.CharField(_("браузер"), max_length=500, blank=True)
    phone = models.CharField(_("телефон"), max_length=16, blank=True)
    details = models.JSONField(_("сведения о подписи"), default=dict, blank=True)

    class Meta:
        verbose_name = _("подпись документа")
        verbose_name_plural = _("подписи документов")
        ordering = ["signed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["document", "user"], name="lk_signature_once")]

    def __str__(self):
        return f"{self.document} — {self.get_method_display()}"
