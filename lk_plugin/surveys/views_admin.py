"""The survey results in the admin: counts, averages per question and month, XLSX export."""

import datetime as dt
from io import BytesIO

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page, get_page_models

from lk_plugin.core.files import XLSX, bytes_response

from . import selectors

PERMISSION = "lk_surveys.view_surveyresponse"


def survey_pages():
    models = [m for m in get_page_models() if getattr(m, "lk_survey_page", False)]
    return Page.objects.type(*models).specific().order_by("path") if models else Page.objects.none()


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def results_view(request, page_id=None):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    pages = list(survey_pages())
    page = next((p for p in pages if p.pk == page_id), None) if page_id else (pages[0] if pages else None)
    if page_id and page is None:
        raise Http404
    date_from, date_to = _date(request.GET.get("from")), _date(request.GET.get("to"))
    context = {"pages": pages, "page_obj": page, "date_from": date_from, "date_to": date_to}
    if page is not None:
        questions = page.question_specs()
        data = selectors.results(page=page, questions=questions, date_from=date_from, date_to=date_to)
        if request.GET.get("export") == "xlsx":
            return _xlsx(page, questions, data)
        context.update(results=data, export_query=request.GET.urlencode())
    return TemplateResponse(request, "lk_plugin/surveys/admin/results.html", context)


def _xlsx(page, questions, data) -> HttpResponse:
    from openpyxl import Workbook

    from lk_plugin.formbuilder.display import _display_value

    book = Workbook()
    sheet = book.active
    sheet.title = _("Итоги")
    sheet.append([page.title])
    sheet.append([_("Ответов"), data["count"]])
    sheet.append([])
    sheet.append([_("Вопрос"), _("Ответили"), _("Средняя оценка")])
    for q in data["questions"]:
        sheet.append([q["label"], q["answered"], q.get("average")])
        for label, count in q.get("options") or []:
            sheet.append([f"   {label}", count])
    periods = book.create_sheet(_("По месяцам"))
    periods.append([_("Месяц"), _("Ответов"), *[q["label"] for q in data["scale_questions"]]])
    for row in data["periods"]:
        periods.append([row["period"], row["count"], *row["averages"]])
    answers = book.create_sheet(_("Ответы"))
    answers.append([_("Дата"), _("Заявка"), *[q.get("label") or q["name"] for q in questions]])
    for response in data["rows"]:
        answers.append(
            [
                response.created_at.strftime("%d.%m.%Y %H:%M"),
                response.application.number if response.application_id else "",
                *[_display_value(q, response.answers.get(q["name"])) for q in questions],
            ]
        )
    out = BytesIO()
    book.save(out)
    return bytes_response(out.getvalue(), f"survey-{page.pk}.xlsx", XLSX)
