"""Profile: read and update through the cabinet's profile form (LK_FORMS["profile"])."""

from django.forms.models import model_to_dict
from django.http import Http404
from ninja import Router, Schema

from lk_plugin.accounts import flows
from lk_plugin.accounts.forms import ProfileForm, get_form_class
from lk_plugin.adapter import get_adapter

from .errors import form_error, responses

router = Router(tags=["profile"])


class ProfileOut(Schema):
    legal_form: str
    legal_form_display: str
    display_name: str
    email: str
    last_name: str
    first_name: str
    middle_name: str
    organization_name: str
    snils: str
    inn: str
    kpp: str
    ogrn: str
    ogrnip: str
    phone: str
    postal_address: str
    account_number: str
    representative_name: str
    representative_position: str
    representative_basis: str
    editable_fields: list[str]


class ProfileIn(Schema):
    """Only the fields sent are changed; which fields apply depends on the legal form."""

    last_name: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    organization_name: str | None = None
    phone: str | None = None
    postal_address: str | None = None
    account_number: str | None = None
    representative_name: str | None = None
    representative_position: str | None = None
    representative_basis: str | None = None


def _profile(request):
    profile = get_adapter().get_profile(request.user)
    if profile is None:
        raise Http404
    return profile


def _form_class():
    return get_form_class("profile", ProfileForm)


def _out(request, profile) -> dict:
    data = {name: getattr(profile, name) or "" for name in ProfileOut.model_fields if hasattr(profile, name)}
    data.update(
        legal_form_display=str(profile.get_legal_form_display()),
        display_name=get_adapter().get_display_name(request.user),
        email=request.user.email or "",
        editable_fields=list(_form_class()(instance=profile).fields),
    )
    return data


@router.get("/", response=responses(200, ProfileOut), summary="Профиль заявителя")
def profile_get(request):
    return _out(request, _profile(request))


@router.patch("/", response=responses(200, ProfileOut), summary="Изменить профиль")
def profile_update(request, payload: ProfileIn):
    profile = _profile(request)
    form_class = _form_class()
    fields = list(form_class(instance=profile).fields)
    data = {k: v for k, v in model_to_dict(profile, fields=fields).items() if v is not None}
    data.update({k: v for k, v in payload.model_dump(exclude_unset=True).items() if k in fields})
    form = form_class(data, instance=profile)
    if not form.is_valid():
        raise form_error(form)
    flows.profile_update(profile=profile, form=form)
    profile.refresh_from_db()
    return _out(request, profile)
