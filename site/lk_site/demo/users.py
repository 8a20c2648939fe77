from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from lk_plugin.accounts.models import ApplicantProfile
from lk_plugin.core.choices import LegalForm
from lk_plugin.setup import setup_groups

DEMO_PASSWORD = "Demo-2026-lk"  # noqa: S105  (demo accounts of `make run` only)

USERS = {
    "applicant": {"email": "demo@example.ru", "first_name": "Иван", "last_name": "Петров"},
    "staff": {"email": "staff@example.ru", "first_name": "Анна", "last_name": "Сергеева", "is_staff": True},
    "editor": {"email": "editor@example.ru", "first_name": "Олег", "last_name": "Редактов", "is_staff": True},
    "admin": {
        "email": "admin@example.ru",
        "first_name": "Администратор",
        "last_name": "",
        "is_staff": True,
        "is_superuser": True,
    },
}


def _user(email, **fields):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    if hasattr(user, "username") and not user.username:
        user.username = email
    for key, value in fields.items():
        setattr(user, key, value)
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(ctx):
    for role, data in USERS.items():
        data = dict(data)
        ctx.users[role] = _user(data.pop("email"), **data)
        ctx.passwords[role] = DEMO_PASSWORD
    ApplicantProfile.objects.update_or_create(
        user=ctx.users["applicant"],
        defaults={
            "legal_form": LegalForm.INDIVIDUAL,
            "last_name": "Петров",
            "first_name": "Иван",
            "middle_name": "Сергеевич",
            "snils": "11223344595",
            "phone": "+79161234567",
            "account_number": "770012345678",
            "postal_address": "г. Москва, ул. Ленина, д. 15, кв. 7",
        },
    )
    # The plugin's own groups (what `manage.py lk_setup` gives a host).
    groups = setup_groups()
    ctx.users["staff"].groups.add(groups["specialists"])
    ctx.users["editor"].groups.add(groups["editors"])
