"""Malformed and oversized requests get 400-class answers, never a 500: every plugin URL (from the
URL resolver) receives a huge body, too many fields, broken multipart, invalid UTF-8 and invalid JSON."""

import re

import pytest
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from tests.factories import ApplicantProfileFactory, ApplicationFactory

pytestmark = pytest.mark.django_db

#: The plugin's surface (allauth, cabinet, outages, captcha); Wagtail's admin is not ours to fuzz.
PREFIXES = ("accounts/", "lk/", "outages/", "captcha/", "api/")


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif route.startswith(PREFIXES) and "logout" not in route:
            yield route


def _urls(pk):
    fill = {"int": str(pk), "str": "json", "slug": "x", "path": "x"}
    return sorted(
        {
            "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: fill.get(m.group(1) or "str", "1"), r)
            for r in _routes(get_resolver().url_patterns)
        }
    )


BODIES = {
    "huge urlencoded": ("application/x-www-form-urlencoded", b"text=" + b"a" * (3 * 1024 * 1024)),
    "too many fields": (
        "application/x-www-form-urlencoded",
        "&".join(f"f{n}=1" for n in range(2100)).encode(),
    ),
    "broken multipart": (
        "multipart/form-data; boundary=XYZ",
        b"--XYZ\r\nContent-Disposition: form-data; name\r\n\r\n",
    ),
    "multipart without boundary": ("multipart/form-data", b"garbage"),
    "invalid utf-8": ("application/x-www-form-urlencoded", b"text=%FF%FE%FA&subject=\xff\xfe\xfa"),
    "invalid json": ("application/json", b'{"text": "unterminated'),
    "json array": ("application/json", b"[1, 2, 3]"),
}


@pytest.fixture
def applicant_client(client, seeded):
    person = ApplicantProfileFactory().user
    client.force_login(person)
    client.raise_request_exception = False
    client.application = ApplicationFactory(owner=person)
    return client


@pytest.mark.parametrize("case", BODIES)
def test_no_plugin_url_answers_500_to_a_malformed_body(applicant_client, case):
    content_type, body = BODIES[case]
    urls = _urls(applicant_client.application.pk)
    assert len(urls) > 40
    errors = []
    for url in urls:
        response = applicant_client.post(url, body, content_type=content_type)
        if response.status_code >= 500:
            errors.append(f"{url} → {response.status_code}")
    assert errors == []


@pytest.mark.parametrize("case", ["huge urlencoded", "too many fields"])
def test_limits_answer_400(applicant_client, case):
    content_type, body = BODIES[case]
    response = applicant_client.post("/lk/messages/new/", body, content_type=content_type)
    assert response.status_code == 400


def test_invalid_utf8_in_the_query_string_is_not_a_500(applicant_client):
    for url in ("/lk/applications/?tab=%FF%FE", "/outages/feed.json?q=%FF", "/accounts/login/?next=%FF%FE"):
        assert applicant_client.get(url).status_code < 500
