"""After submission: the confirmation page, the application's PDF and its documents (owner only)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from lk_plugin.adapter import get_adapter
from lk_plugin.core.files import download
from lk_plugin.core.pdf import pdf_view

from .models import Application
from .statuses import Status


def _owned(request, pk):
    return get_object_or_404(
        Application.objects.owned_by(request.user).select_related("kind", "form_version"), pk=pk
    )


@login_required
def confirmation(request, pk):
    application = _owned(request, pk)
    if application.status == Status.DRAFT:
        return redirect("lk_applications:form", pk=application.pk)
    page = application.form_page.specific if application.form_page_id else None
    return TemplateResponse(
        request,
        "lk_plugin/applications/confirmation.html",
        {
            "application": application,
            "page": page,
            "review_days": get_adapter().review_days(application),
            "lk_active": "applications",
        },
    )


@login_required
@pdf_view
def pdf(request, pk):
    from lk_plugin.core.files import bytes_response

    from .pdf import application_pdf_filename, render_application_pdf

    application = _owned(request, pk)
    content = render_application_pdf(application)
    return bytes_response(content, application_pdf_filename(application), "application/pdf")


@login_required
def document(request, pk, doc_pk):
    return download(_owned(request, pk).documents.all(), doc_pk)
