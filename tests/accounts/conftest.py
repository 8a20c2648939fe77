import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


PASSWORD = "Kabinet-2026!"

BASE = {
    "email": "new@example.ru",
    "phone": "8 (916) 000-11-22",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "pd_consent": "on",
    "email_notifications": "on",
    "captcha_0": "test",
    "captcha_1": "PASSED",
}

INDIVIDUAL = {
    **BASE,
    "legal_form": "individual",
    "last_name": "Смирнова",
    "first_name": "Ольга",
    "middle_name": "Павловна",
    "snils": "123-456-789 64",
}
ENTREPRENEUR = {
    **BASE,
    "legal_form": "entrepreneur",
    "last_name": "Кузнецов",
    "first_name": "Пётр",
    "ogrnip": "304500116000157",
    "inn": "5001 0073 2259",
}
LEGAL_ENTITY = {
    **BASE,
    "legal_form": "legal_entity",
    "organization_name": "ООО «Ромашка»",
    "inn": "7707083893",
    "kpp": "773601001",
    "ogrn": "1027700132195",
}


@pytest.fixture
def make_applicant(db):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from lk_plugin.accounts.models import ApplicantProfile

    def make(email="ivan@example.ru", password=PASSWORD, **profile):
        user = get_user_model().objects.create_user(username=email, email=email, password=password)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        defaults = {
            "legal_form": "individual",
            "last_name": "Петров",
            "first_name": "Иван",
            "snils": "11223344595",
        }
        ApplicantProfile.objects.create(user=user, **{**defaults, **profile})
        return user

    return make
