"""Wagtail admin: staff register applicants who came to the office; consent documents and journal.

``applicant_viewset`` is a plain ViewSet so the staff admin (issue 7) can put it in its ViewSetGroup.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

try:  # Wagtail ≥ 7.1: a registry every admin view consults
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7.0: the viewset's own permission_policy (below) is what counts
    register_permission_policy = None
from wagtail.snippets.views.snippets import SnippetViewSet

from lk_plugin.core.audit import PersonalDataListMixin, PersonalDataObjectMixin
from lk_plugin.core.export import SafeSpreadsheetExportMixin
from lk_plugin.core.request_meta import RequestMeta

from . import flows
from .forms import StaffApplicantForm
from .models import ConsentDocument, ConsentRecord

APPLICANT_PERMISSION = "lk_accounts.add_applicantprofile"


class ApplicantCreateView(WagtailAdminTemplateMixin, FormView):
    form_class = StaffApplicantForm
    template_name = "lk_plugin/accounts/admin/applicant_create.html"
    page_title = gettext_lazy("Регистрация заявителя")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(APPLICANT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        return context

    def form_valid(self, form):
        user, password = flows.applicant_create_by_staff(
            data=form.cleaned_data,
            actor=self.request.user,
            request_meta=RequestMeta.from_request(self.request),
        )
        if flows.temporary_password_send(user=user, password=password):
            messages.success(
                self.request,
                _("Заявитель %(email)s зарегистрирован, временный пароль отправлен по SMS на %(phone)s.")
                % {"email": user.email, "phone": user.lk_profile.phone},
            )
        else:
            messages.warning(
                self.request,
                _(
                    "Заявитель %(email)s зарегистрирован, но SMS не отправлено. Сообщите временный пароль "
                    "лично: %(password)s"
                )
                % {"email": user.email, "password": password},
            )
        return redirect(self.request.path)


class ApplicantViewSet(ViewSet):
    icon = "user"
    menu_label = gettext_lazy("Регистрация заявителя")
    add_to_admin_menu = False  # shown in the «Личный кабинет» group (lk_plugin.staff.viewsets)
    menu_order = 210

    def get_urlpatterns(self):
        return [path("", ApplicantCreateView.as_view(), name="create")]

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        item.is_shown = lambda request: request.user.has_perm(APPLICANT_PERMISSION)
        return item


applicant_viewset = ApplicantViewSet("lk_applicant_register")


class ConsentDocumentViewSet(SnippetViewSet):
    model = ConsentDocument
    icon = "doc-full"
    menu_label = gettext_lazy("Документы о согласии")
    list_display = ["title", "purpose", "version", "is_current", "published_at"]
    list_filter = ["purpose", "is_current"]
    add_to_admin_menu = False


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The consent journal is append-only: staff may look, nobody edits or deletes through the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a not in ("add", "change", "delete")]
        return super().users_with_any_permission(actions)


class ConsentRecordIndexView(PersonalDataListMixin, SafeSpreadsheetExportMixin, generic.IndexView):
    pass


class ConsentRecordInspectView(PersonalDataObjectMixin, generic.InspectView):
    personal_data_subject = "user"


class ConsentRecordViewSet(ModelViewSet):
    model = ConsentRecord
    index_view_class = ConsentRecordIndexView
    inspect_view_class = ConsentRecordInspectView
    icon = "list-ul"
    menu_label = gettext_lazy("Журнал согласий")
    add_to_admin_menu = False  # shown in the «Личный кабинет» group (lk_plugin.staff.viewsets)
    menu_order = 220
    inspect_view_enabled = True
    list_display = ["created_at", "subject", "purpose", "action", "version", "ip"]
    list_filter = ["purpose", "action"]
    search_fields = ["user__email", "subject", "version"]
    list_export = [
        "created_at",
        "subject",
        "subject_user_id",
        "purpose",
        "action",
        "version",
        "text_sha256",
        "ip",
        "user_agent",
    ]
    export_filename = "zhurnal-soglasij"
    form_fields = ["purpose"]
    # An append-only journal, not content: indexing each record's link to its consent document cost
    # three statements on every signup and every submitted application (the journal is searchable by
    # version already).
    add_to_reference_index = False
    permission_policy = ReadOnlyPermissionPolicy(ConsentRecord)


if register_permission_policy is not None:
    register_permission_policy(ConsentRecord, ReadOnlyPermissionPolicy(ConsentRecord))
consent_document_viewset = ConsentDocumentViewSet()
consent_record_viewset = ConsentRecordViewSet("lk_consent_records")
