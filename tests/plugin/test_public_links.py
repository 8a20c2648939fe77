"""The public site leads to every form; the calculator's «Подать заявку» opens the ТП form prefilled."""

from urllib.parse import parse_qsl, urlsplit

import pytest

from lk_plugin.applications.models import Application
from lk_plugin.contrib.pages.models import AppealFormPage, ApplicationFormPage, CalculatorPage

pytestmark = pytest.mark.django_db


def test_every_form_page_is_linked_from_the_public_site(client, demo_site):
    html = client.get("/tekhprisoedinenie/").content.decode() + client.get("/potrebitelyam/").content.decode()
    pages = [
        *ApplicationFormPage.objects.live(),
        *AppealFormPage.objects.live(),
        *CalculatorPage.objects.live(),
    ]
    assert len(pages) >= 7
    for page in pages:
        assert f'href="{page.url}"' in html, page.title


def test_calculator_apply_opens_the_tp_form_prefilled(client, demo_site):
    from tests.factories import make_applicant

    calculator = CalculatorPage.objects.live().get()
    params = {
        "year": "2026",
        "legal_form": "individual",
        "power_kw": "15.5",
        "voltage": "0.4",
        "reliability": "III",
        "distance_m": "100",
    }
    html = client.get(calculator.url, params).content.decode()
    start = html.index('href="', html.index("Подать заявку") - 400)
    href = html[start + 6 : html.index('"', start + 6)].replace("&amp;", "&")
    tp = ApplicationFormPage.objects.get(kind__code="technological_connection")
    assert urlsplit(href).path == tp.url
    query = dict(parse_qsl(urlsplit(href).query))
    assert query["max_power_kw"] == "15.5" and query["reliability_category"] == "III"
    # Signed in, the form page carries the values into the new draft.
    user = make_applicant("calc@example.ru")
    client.force_login(user)
    form_html = client.get(href).content.decode()
    assert 'name="max_power_kw" value="15.5"' in form_html
    response = client.post(tp.url, query)
    assert response.status_code == 302
    draft = Application.objects.get(owner=user)
    assert draft.data["max_power_kw"] == "15.5"
    assert draft.data["voltage_level"] == "0.4" and draft.data["reliability_category"] == "III"
