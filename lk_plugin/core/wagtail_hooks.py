"""The admin page of a staff member's background job (lk_plugin.core.jobs): live progress, then the result."""

from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import jobs


class AdminJobView(WagtailAdminTemplateMixin, TemplateView):
    """A staff member's job in the admin: progress without reload, then the download link."""

    template_name = "lk_plugin/staff/job.html"
    page_title = _("Фоновая задача")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        self.job = get_object_or_404(jobs.for_owner(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.job.title

    def get_breadcrumbs_items(self):
        # Without this the admin header reads «Главная» above the job (seen on the screenshots).
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title, "sublabel": self.job.title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            job=jobs.status_payload(self.job),
            jobs_js=static("lk_plugin/js/jobs.js"),
            jobs_css=static("lk_plugin/css/jobs.css"),
            **kwargs,
        )


@hooks.register("register_admin_urls")
def register_job_urls():
    return [path("lk-jobs/<uuid:pk>/", AdminJobView.as_view(), name="lk_staff_job")]
