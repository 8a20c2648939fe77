from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.choices import LEGAL_FORM_SHORT, LegalForm

#: The identity fields (names and registry numbers); which ones a legal form needs: forms.LEGAL_FORM_FIELDS.
IDENTITY_FIELDS = (
    "last_name",
    "first_name",
    "middle_name",
    "organization_name",
    "snils",
    "inn",
    "kpp",
    "ogrn",
    "ogrnip",
)
#: What signup stores in the profile.
PROFILE_FIELDS = ("legal_form", *IDENTITY_FIELDS, "phone", "account_number")
#: Every personal field of the profile: exported in «Скачать мои данные», emptied on destruction.
PERSONAL_FIELDS = (
    *PROFILE_FIELDS,
    "postal_address",
    "representative_name",
    "representative_position",
    "representative_basis",
)


class ApplicantProfile(models.Model):
    """Applicant data beside the host's user model (one-to-one, never a custom user model)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lk_profile")
    legal_form = models.CharField(_("правовая форма"), max_length=16, choices=LegalForm.choices)
    last_name = models.CharField(_("фамилия"), max_length=100, blank=True)
    first_name = models.CharField(_("имя"), max_length=100, blank=True)
    middle_name = models.CharField(_("отчество"), max_length=100, blank=True)
    organization_name = models.CharField(_("наименование организации"), max_length=300, blank=True)
    # Identifiers are stored as digits only (КПП may contain letters).
    snils = models.CharField(_("СНИЛС"), max_length=11, blank=True)
    inn = models.CharField(_("ИНН"), max_length=12, blank=True)
    kpp = models.CharField(_("КПП"), max_length=9, blank=True)
    ogrn = models.CharField(_("ОГРН"), max_length=13, blank=True)
    ogrnip = models.CharField(_("ОГРНИП"), max_length=15, blank=True)
    phone = models.CharField(_("телефон"), max_length=16, blank=True, help_text=_("В формате +7XXXXXXXXXX"))
    account_number = models.CharField(_("лицевой счёт"), max_length=64, blank=True)
    postal_address = models.CharField(_("почтовый адрес"), max_length=500, blank=True)
    # ИП / ЮЛ: who acts for the applicant.
    representative_name = models.CharField(_("ФИО представителя"), max_length=300, blank=True)
    representative_position = models.CharField(_("должность представителя"), max_length=200, blank=True)
    representative_basis = models.CharField(
        _("документ, подтверждающий полномочия"),
        max_length=300,
        blank=True,
        help_text=_("Например: устав, доверенность № 12 от 01.02.2026"),
    )
    must_change_password = models.BooleanField(_("сменить пароль при входе"), default=False)
    created_by_staff = models.BooleanField(_("зарегистрирован сотрудником"), default=False)
    consent_withdrawn_at = models.DateTimeField(
        _("согласие на обработку ПДн отозвано"), null=True, blank=True
    )
    data_destroyed_at = models.DateTimeField(_("персональные данные уничтожены"), null=True, blank=True)
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    updated_at = models.DateTimeField(_("изменён"), auto_now=True)

    class Meta:
        verbose_name = _("профиль заявителя")
        verbose_name_plural = _("профили заявителей")
        constraints = [
            models.UniqueConstraint(fields=["snils"], condition=~Q(snils=""), name="lk_profile_unique_snils"),
            models.UniqueConstraint(fields=["inn"], condition=~Q(inn=""), name="lk_profile_unique_inn"),
            models.UniqueConstraint(fields=["ogrn"], condition=~Q(ogrn=""), name="lk_profile_unique_ogrn"),
            models.UniqueConstraint(
                fields=["ogrnip"], condition=~Q(ogrnip=""), name="lk_profile_unique_ogrnip"
            ),
        ]

    def __str__(self):
        return self.display_name or str(self.user)

    @property
    def person_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def display_name(self) -> str:
        if self.legal_form == LegalForm.LEGAL_ENTITY:
            return self.organization_name
        if self.legal_form == LegalForm.ENTREPRENEUR and self.person_name:
            return _("ИП %(name)s") % {"name": self.person_name}
        return self.person_name

    @property
    def legal_form_short(self) -> str:
        return LEGAL_FORM_SHORT.get(self.legal_form, "")
