"""RequestMeta: the IP written into consent and audit rows (152-ФЗ) is the client's, not the proxy's."""

from django.test import RequestFactory

from lk_plugin.core.request_meta import RequestMeta


def request(**meta):
    return RequestFactory().post("/", REMOTE_ADDR="10.0.0.5", HTTP_USER_AGENT="Браузер/1.0", **meta)


def test_without_trusted_proxies_a_forwarded_header_is_not_believed(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    meta = RequestMeta.from_request(request(HTTP_X_FORWARDED_FOR="203.0.113.7"))
    assert meta.ip == "10.0.0.5"
    assert meta.user_agent == "Браузер/1.0"


def test_behind_a_trusted_proxy_the_client_address_is_recorded(settings):
    """Production with TRUST_PROXY_HEADERS: the proxy's own address would be in every row otherwise."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert (
        RequestMeta.from_request(request(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")).ip
        == "203.0.113.7"
    )


def test_a_header_that_does_not_match_the_configuration_falls_back_to_the_peer(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert RequestMeta.from_request(request(HTTP_X_FORWARDED_FOR="203.0.113.7")).ip == "10.0.0.5"
    assert RequestMeta.from_request(request()).ip == "10.0.0.5"


def test_no_request_records_nothing():
    assert RequestMeta.from_request(None) == RequestMeta()
