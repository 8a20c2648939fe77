from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    INDIVIDUAL = "individual", _("Физическое лицо")
    ENTREPRENEUR = "entrepreneur", _("Индивидуальный предприниматель")
    LEGAL_ENTITY = "legal_entity", _("Юридическое лицо")


LEGAL_FORM_SHORT = {
    LegalForm.INDIVIDUAL: "ФЛ",
    LegalForm.ENTREPRENEUR: "ИП",
    LegalForm.LEGAL_ENTITY: "ЮЛ",
}
