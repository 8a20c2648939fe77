"""PDF rendering (WeasyPrint) loads nothing but our static files and stops within a time limit."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lk_plugin.core import pdf
from lk_plugin.core.models import Job
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _payloads(origin):
    return [
        f'<img src="{origin}/img">',
        f'<link rel="stylesheet" href="{origin}/css">',
        f'<style>@import url("{origin}/import"); body {{ background: url("{origin}/bg") }}</style>',
        f'<div style="background-image: url({origin}/inline)">x</div>',
        f'<object data="{origin}/object"></object><iframe src="{origin}/iframe"></iframe>',
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{origin}/svg" width="5" height="5"/></svg>',
        '<img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/passwd">',
        f'<img src="https://lk-static.invalid/static/../../../etc/passwd"><img src="{origin}/static/x.png">',
        '<img src="http://169.254.169.254/latest/meta-data/">',
    ]


def _text(content):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_raw_html_in_the_template_context_fetches_nothing_outside_static(canary_server):
    """Even markup that reached the renderer unescaped (a template bug) cannot make it fetch a URL."""
    html = "<html><body><p>Заявка</p>" + "".join(_payloads(canary_server.origin)) + "</body></html>"
    content = pdf.render_html_pdf(html)
    assert content.startswith(b"%PDF")
    assert canary_server.hits == []


def test_payloads_in_application_fields_are_literal_text_in_the_pdf(client, canary_server, monkeypatch):
    owner = UserFactory()
    payload = f'<img src="{canary_server.origin}/field"><script>alert(1)</script>'
    application = ApplicationFactory(owner=owner, data={"object_address": payload, "power_kw": "15"})
    fed = []
    real = pdf.render_html_pdf
    # The adapter's default renders through core.pdf (DefaultLKAdapter.render_application_pdf).
    monkeypatch.setattr("lk_plugin.core.pdf.render_html_pdf", lambda html: fed.append(html) or real(html))
    client.force_login(owner)
    response = client.get(reverse("lk_applications:pdf", args=[application.pk]))
    assert response.status_code == 200
    assert canary_server.hits == []
    assert "&lt;img src=" in fed[0] and "<script>" not in fed[0]
    assert payload.replace(" ", "") in _text(response.content).replace(" ", "")


def test_rendering_is_aborted_after_the_time_limit(settings, monkeypatch):
    from weasyprint import HTML

    def never_ends(self, *args, **kwargs):
        while True:
            pass

    monkeypatch.setattr(HTML, "write_pdf", never_ends)
    settings.LK_PDF_TIME_LIMIT = 0.2
    with pytest.raises(pdf.PDFRenderError):
        pdf.render_html_pdf("<p>x</p>")


def test_oversized_html_is_refused_before_rendering(settings):
    settings.LK_PDF_MAX_HTML_SIZE = 1000
    with pytest.raises(pdf.PDFRenderError):
        pdf.render_html_pdf("<p>" + "я" * 1000 + "</p>")


def test_a_refused_render_is_a_clear_page_and_api_answer_not_a_server_error(
    client, settings, django_capture_on_commit_callbacks
):
    """Size or time limit hit in the cabinet's PDF views: 503 with a Russian explanation and a way
    back (page), the error shape with its code (API) — never a 500."""
    settings.LK_PDF_MAX_HTML_SIZE = 100
    owner = UserFactory()
    application = ApplicationFactory(owner=owner, data={"object_address": "ул. Ленина, 1", "power_kw": "15"})
    client.force_login(owner)
    detail = reverse("lk_applications:detail", args=[application.pk])
    page = client.get(
        reverse("lk_applications:pdf", args=[application.pk]), HTTP_REFERER=f"http://testserver{detail}"
    )
    assert page.status_code == 503
    html = page.content.decode()
    assert "Не удалось сформировать PDF" in html and f'href="http://testserver{detail}"' in html
    # The personal-data PDF is a background job: a refused render is a failed job that says why.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("lk_accounts:data_export", args=["pdf"]))
    job = Job.objects.get(kind="personal_data_export")
    status = client.get(reverse("lk_jobs:status", args=[job.pk])).json()
    assert status["status"] == "failed" and "Не удалось сформировать PDF" in status["message"]
    assert status["download_url"] == ""
    api = client.get(f"/api/lk/v1/applications/{application.pk}/pdf/")
    assert api.status_code == 503
    assert api.json()["code"] == "pdf_unavailable" and "Не удалось сформировать PDF" in api.json()["detail"]
