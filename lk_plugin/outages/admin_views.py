"""Admin: outages listing with an «Импорт» button, the import (upload → report → commit), template files."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from lk_plugin.core.files import XLSX, bytes_response, validate_upload

from . import flows, importing
from .models import OutageImport

IMPORT_MAX_SIZE = 10 * 1024 * 1024


class OutageAdminForm(WagtailAdminModelForm):
    """Saving goes through flows.outage_save: derived keys, version, subscribers' mail."""

    def save(self, commit=True):
        outage = super().save(commit=False)
        if commit:
            flows.outage_save(outage=outage)
        return outage


class OutageIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("lk_outages.add_outage"):
            buttons.append(
                HeaderButton(_("Импорт из файла"), url=reverse("lk_outages_admin:import"), icon_name="upload")
            )
        return buttons


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("lk_outages.add_outage"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Файл XLSX или CSV"),
        help_text=gettext_lazy(
            "По шаблону ниже; до 10 МБ. Сначала файл проверяется целиком, данные не меняются."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.name.lower().endswith(".csv"):
            if upload.size > IMPORT_MAX_SIZE:
                raise forms.ValidationError(_("Файл больше 10 МБ."))
            return upload
        validate_upload(upload, extensions=["xlsx"], max_size=IMPORT_MAX_SIZE)
        return upload


class ImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "lk_plugin/outages/admin/import.html"
    form_class = ImportUploadForm
    page_title = gettext_lazy("Импорт отключений")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lk_outages_admin:index"), "label": _("Отключения")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=importing.TEMPLATE_COLUMNS,
            imports=OutageImport.objects.select_related("uploaded_by")[:20],
            **kwargs,
        )

    def form_valid(self, form):
        log = flows.outage_import_check(upload=form.cleaned_data["file"], user=self.request.user)
        return redirect("lk_outages_admin:import_report", pk=log.pk)


class ImportReportView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "lk_plugin/outages/admin/import_report.html"
    page_title = gettext_lazy("Проверка файла")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lk_outages_admin:index"), "label": _("Отключения")},
            {"url": reverse("lk_outages_admin:import"), "label": _("Импорт отключений")},
            {"url": "", "label": self.page_title},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.log = get_object_or_404(OutageImport, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(log=self.log, **kwargs)

    def post(self, request, *args, **kwargs):
        """A large file takes a while: the commit runs as a background job whose page shows progress
        and then links back to this report."""
        from .import_jobs import start_commit

        if self.log.status != OutageImport.Status.VALIDATED:
            return redirect("lk_outages_admin:import_report", pk=self.log.pk)
        job = start_commit(outage_import=self.log, user=request.user)
        return redirect("lk_staff_job", pk=job.pk)


def template_download(request, fmt):
    if fmt == "xlsx":
        content, content_type = importing.template_xlsx(), XLSX
    else:
        content, content_type = importing.template_csv(), "text/csv; charset=utf-8"
    return bytes_response(content, f"outages-template.{fmt}", content_type, private=False)
