"""Shared pieces of the staff viewsets: read-only model viewsets, action-handling inspect views, downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import DateColumn as TableDateColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from lk_plugin.core.errors import ConflictError
from lk_plugin.core.viewsets import LimitedViewSetMixin

from .audit import PersonalDataObjectMixin
from .downloads import staff_download


def filter_by_flag(queryset, condition: Q, value):
    """A yes/no/any filter: rows matching *condition*, the others, or all (``None``)."""
    if value is True:
        return queryset.filter(condition)
    if value is False:
        return queryset.exclude(condition)
    return queryset


class ProcessingViewSet(LimitedViewSetMixin, ModelViewSet):
    """A listing + inspect viewset: records change only through flows (actions on the inspect page)."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    search_backend_name = None  # plain ORM filtering: no search index to keep in sync on big tables
    # No add/edit/delete/copy forms: building them would also bypass the flows.
    enabled_views = {"index", "index_results", "inspect", "history", "history_results"}

    def get_permissions_to_register(self):
        # Only view (open) and change (process) mean something here.
        return super().get_permissions_to_register().filter(codename__regex=r"^(view|change)_")


class FilesViewSet(ProcessingViewSet):
    """A processing viewset whose objects carry the applicant's private files (downloaded here, logged)."""

    def get_download_queryset(self):
        return self.model._default_manager.all()

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(download_url_name=self.get_url_name("download"), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("download/<int:pk>/<str:kind>/<int:file_pk>/", self.download_view, name="download"),
        ]

    def download_view(self, request, pk, kind, file_pk):
        obj = get_object_or_404(self.get_download_queryset(), pk=pk)
        return staff_download(
            request, model=self.model, owner=obj.owner, parent=obj, kind=kind, file_pk=file_pk
        )


class ActionInspectView(PersonalDataObjectMixin, InspectView):
    """An inspect page with action forms that POST back to it.

    Subclasses define ``actions = {name: method name}``; each method gets the bound form data and
    returns a success message or raises ValidationError / ConflictError. Invalid input re-renders the
    page with the typed data kept; a conflict says so and changes nothing.
    """

    template_name = ""
    action_forms: dict = {}
    unknown_action_message = gettext_lazy("Неизвестное действие.")
    download_url_name = ""

    def get_action_form(self, name, data=None, files=None):
        raise NotImplementedError

    def user_can_change(self):
        return self.user_has_permission("change")

    @cached_property
    def bound_forms(self):
        return {}

    def forms_context(self):
        if not self.user_can_change():
            return {}
        return {name: self.bound_forms.get(name) or self.get_action_form(name) for name in self.action_forms}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_forms"] = self.forms_context()
        context["download_url_name"] = self.download_url_name
        return context

    def post(self, request, *args, **kwargs):
        if not self.user_can_change():
            raise PermissionDenied
        name = request.POST.get("action", "")
        if name not in self.action_forms:
            messages.error(request, self.unknown_action_message)
            return redirect(request.path)
        form = self.get_action_form(name, data=request.POST, files=request.FILES)
        status = 200
        if form.is_valid():
            try:
                message = getattr(self, self.action_forms[name])(form)
            except ConflictError as exc:
                messages.error(request, str(exc))
                status = 409
            except ValidationError as exc:
                # The flow refused (illegal transition, missing reason…): say why at the top of the page.
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, message)
                return redirect(request.path)
        else:
            messages.error(request, _("Проверьте поля формы: действие не выполнено."))
        self.bound_forms[name] = form
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(), status=status)


class DateColumn(TableDateColumn):
    """Wagtail's date column with the time to the second: ``<time datetime>`` takes at most three
    fractional digits (the Nu checker rejects Python's microseconds)."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return value.replace(microsecond=0) if hasattr(value, "microsecond") else value
