"""The application PDF: no table row split across a page break; a file name with the number."""

import io

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from lk_plugin.core.files import ascii_filename, content_disposition
from lk_plugin.core.pdf import render_html_pdf


def _pages_of(rows):
    sections = [
        {
            "title": "Раздел",
            "fields": [
                {"label": f"Поле{i:02d}", "value": "\n".join(f"з{i:02d}x{j:02d}" for j in range(9))}
                for i in range(rows)
            ],
            "documents": [],
        }
    ]
    html = render_to_string(
        "lk_plugin/applications/pdf.html",
        {
            "application": {"number": "1ТП", "kind": {"title": "ТП"}, "form_version": {"title": "Заявка"}},
            "sections": sections,
            "utility_name": "Сети",
            "logo": "",
        },
    )
    reader = PdfReader(io.BytesIO(render_html_pdf(html)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.django_db
def test_no_row_is_split_across_a_page_break():
    pages = _pages_of(40)
    assert len(pages) > 2
    for i in range(40):
        label_pages = {n for n, text in enumerate(pages) if f"Поле{i:02d}" in text}
        value_pages = {n for n, text in enumerate(pages) for j in range(9) if f"з{i:02d}x{j:02d}" in text}
        assert label_pages == value_pages and len(label_pages) == 1, (i, label_pages, value_pages)


def test_file_names_carry_an_ascii_fallback_and_the_real_name():
    assert ascii_filename("Заявка 4894ТП-ФЛ-НП-До 15-ЛК.pdf") == "Zayavka-4894TP-FL-NP-Do-15-LK.pdf"
    header = content_disposition("Заявка 4894ТП-ФЛ-НП-До 15-ЛК.pdf")
    assert header.startswith('attachment; filename="Zayavka-4894TP-FL-NP-Do-15-LK.pdf"; ')
    assert "filename*=UTF-8''%D0%97%D0%B0%D1%8F%D0%B2%D0%BA%D0%B0%204894" in header
    assert content_disposition("plain.pdf") == 'attachment; filename="plain.pdf"'
