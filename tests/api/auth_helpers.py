"""Shared bits of the auth API tests (no conftest here: another part of the API has its own)."""

import json

BROWSER = "/api/lk/v1/auth/browser/v1"
APP = "/api/lk/v1/auth/app/v1"


def post_json(client, url, data, **extra):
    return client.post(url, data=json.dumps(data), content_type="application/json", **extra)


def login(client, value, password, base=BROWSER, **extra):
    # The captcha answer is ignored unless failures made the account's login ask for it.
    data = {"login": value, "password": password, "captcha": {"key": "t", "value": "PASSED"}}
    return post_json(client, f"{base}/auth/login", data, **extra)


def errors_by_param(response) -> dict:
    found = {}
    for error in response.json().get("errors", []):
        found.setdefault(error.get("param", "__all__"), []).append(error["message"])
    return found
