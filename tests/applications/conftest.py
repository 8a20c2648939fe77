import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from lk_plugin.accounts.models import ApplicantProfile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

#: Valid values for every step of the demo ТП form (after prefill), by step index.
TP_STEPS_DATA = [
    {
        "has_account": "no",
        "passport_number": "45 12 345678",
        "passport_issued_on": "2015-06-01",
        "passport_issued_by": "ОВД района Арбат г. Москвы",
        "applicant_name": "Петров Иван Сергеевич",
        "applicant_snils": "112-233-445 95",
        "applicant_phone": "+7 916 123-45-67",
        "applicant_email": "ivan@example.ru",
        "postal_address": "г. Москва, ул. Ленина, д. 15",
    },
    {
        "object_name": "Жилой дом",
        "devices_name": "ВРУ жилого дома",
        "object_address": "д. Берёзки, уч. 12",
        "cadastral_number": "77:01:0001013:4915",
    },
    {
        "connection_type": "permanent",
        "reason": "new",
        "max_power_kw": "15",
        "connection_points": "1",
        "load_character": "household",
        "reliability_category": "III",
        "voltage_level": "0.4",
    },
    {"retail_company": "gp1", "contract_type": "supply"},
    {"payment_terms": "full"},
    {},
    {},
]


@pytest.fixture
def forms_site(db):
    """Home, content pages and the demo form pages (no demo applications)."""
    from lk_site.demo import forms, pages
    from lk_site.demo.context import DemoContext

    ctx = DemoContext()
    pages.load(ctx)
    return forms.load_forms(ctx)


@pytest.fixture
def tp_page(forms_site):
    return forms_site["technological_connection"]


def make_applicant(email="ivan@example.ru", legal_form="individual", verified=True, **profile):
    user = get_user_model().objects.create_user(username=email, email=email, password="pass-12345")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    defaults = {"last_name": "Петров", "first_name": "Иван", "snils": "", "phone": "+79161234567"}
    defaults.update(profile)
    ApplicantProfile.objects.create(user=user, legal_form=legal_form, **defaults)
    return user


@pytest.fixture
def applicant(db):
    return make_applicant()


def fill_tp_draft(page, user, *, with_documents=True):
    """A ТП draft with valid data in every step (and the required documents)."""
    from django.core.files.base import ContentFile

    from lk_plugin.applications.flows import drafts as flows
    from lk_plugin.applications.models import ApplicationDocument

    application = flows.draft_create(page=page, user=user)
    data = dict(application.data)
    for step in TP_STEPS_DATA:
        data.update(step)
    data["applicant_phone"] = "+79161234567"
    data["applicant_snils"] = "11223344595"
    application.data = data
    application.visited_steps = list(range(7))
    application.save()
    if with_documents:
        for slot in ("passport", "title_document", "site_plan"):
            doc = ApplicationDocument(
                application=application, slot=slot, original_name=f"{slot}.pdf", size=len(PDF)
            )
            doc.file.save(f"{slot}.pdf", ContentFile(PDF), save=False)
            doc.save()
    return application
