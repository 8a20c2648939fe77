"""Plain test data and helpers shared across the folders (no fixtures: those live in conftest.py; no
model factories: tests/factories.py)."""

import json

from tests.factories import PASSWORD, PDF_BYTES

PDF = PDF_BYTES

# --- signup form data (accounts, API, security) ---

SIGNUP_BASE = {
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
    **SIGNUP_BASE,
    "legal_form": "individual",
    "last_name": "Смирнова",
    "first_name": "Ольга",
    "middle_name": "Павловна",
    "snils": "123-456-789 64",
}
ENTREPRENEUR = {
    **SIGNUP_BASE,
    "legal_form": "entrepreneur",
    "last_name": "Кузнецов",
    "first_name": "Пётр",
    "ogrnip": "304500116000157",
    "inn": "5001 0073 2259",
}
LEGAL_ENTITY = {
    **SIGNUP_BASE,
    "legal_form": "legal_entity",
    "organization_name": "ООО «Ромашка»",
    "inn": "7707083893",
    "kpp": "773601001",
    "ogrn": "1027700132195",
}

# --- the demo ТП form (wizard, submit, API, reliability) ---

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


# --- work after the response (core.after_response) ---

#: What happened, in order: ResponseMarker adds ("response built", None); tests add their own events.
EVENTS: list = []


class ResponseMarker:
    """The outermost middleware (``settings.MIDDLEWARE = ["tests.helpers.ResponseMarker", …]``): notes
    in EVENTS when the whole stack has built the response, before the server sends and closes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        EVENTS.append(("response built", None))
        return response


# --- the JSON API (api, security) ---

API = "/api/lk/v1"


class ApiClient:
    """The Django test client speaking JSON to the API (multipart when files are sent)."""

    def __init__(self, client):
        self.client = client

    def call(self, method, path, body=None, *, multipart=False, **extra):
        url = path if path.startswith("/") and path.startswith(API) else API + path
        if multipart:
            return self.client.generic(method.upper(), url, **_multipart(body or {}), **extra)
        if body is None:
            return self.client.generic(method.upper(), url, **extra)
        return self.client.generic(
            method.upper(), url, json.dumps(body), content_type="application/json", **extra
        )

    def get(self, path, **params):
        url = API + path
        return self.client.get(url, params)

    def post(self, path, body=None, **kw):
        return self.call("post", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.call("put", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.call("patch", path, body, **kw)

    def delete(self, path, **kw):
        return self.call("delete", path, **kw)


def _multipart(data):
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    return {"data": encode_multipart(BOUNDARY, data), "content_type": MULTIPART_CONTENT}


def pdf(name="doc.pdf", content=PDF_BYTES):
    """A PDF upload for the flows (a ContentFile named *name*)."""
    from django.core.files.base import ContentFile

    return ContentFile(content, name=name)
