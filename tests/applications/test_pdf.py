import pytest

from lk_plugin.core import pdf


def test_fetcher_allows_only_our_static_files():
    assert pdf._static_path(pdf.BASE_URL + "static/lk_plugin/img/logo.svg") is not None
    assert pdf._static_path("https://example.com/static/lk_plugin/img/logo.svg") is None
    assert pdf._static_path("file:///etc/passwd") is None
    assert pdf._static_path(pdf.BASE_URL + "static/../../etc/passwd") is None
    fetcher = pdf._fetcher_class()()
    with pytest.raises(ValueError):
        fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    response = fetcher.fetch(pdf.BASE_URL + "static/lk_plugin/img/logo.svg")
    assert response.status == 200
