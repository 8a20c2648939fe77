import json

import pytest

from tests.applications.conftest import (  # noqa: F401  (fixtures used by the API tests)
    PDF,
    TP_STEPS_DATA,
    applicant,
    fill_tp_draft,
    forms_site,
    make_applicant,
    tp_page,
)
from tests.factories import ApplicantProfileFactory, UserFactory

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


def applicant_user(**profile):
    user = UserFactory()
    ApplicantProfileFactory(user=user, **profile)
    return user


@pytest.fixture
def person(db):
    return applicant_user()


@pytest.fixture
def api(client, person):
    client.force_login(person)
    return ApiClient(client)


@pytest.fixture
def anon_api(client):
    return ApiClient(client)
