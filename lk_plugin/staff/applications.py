"""Applications in the Wagtail admin: the queue (filters, search, export) and the processing page."""

from collections import OrderedDict

import django_filters
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import ModelLogEntry, Page

from lk_plugin.app_settings import app_settings
from lk_plugin.applications.flows import staff as flows
from lk_plugin.applications.models import Application, ApplicationKind
from lk_plugin.applications.models.application import normalize_search
from lk_plugin.applications.statuses import FINAL, Status
from lk_plugin.core.calendar import add_working_days
from lk_plugin.core.choices import LEGAL_FORM_SHORT, LegalForm
from lk_plugin.core.export import SafeSpreadsheetExportMixin
from lk_plugin.core.permissions import staff_user_ids
from lk_plugin.formbuilder.display import application_sections
from lk_plugin.messaging import flows_staff as messaging_flows

from . import forms as staff_forms
from .application_pdfs import start_view
from .audit import PersonalDataListMixin
from .base import ActionInspectView, DateColumn, FilesViewSet, filter_by_flag
from .exports import BackgroundExportMixin, register_export
from .pagination import CappedCountPaginator
from .search import MIN_SUBSTRING, identifier_digits, matching_people_q

OPEN_STATUSES = [s for s in Status.values if s not in FINAL and s != Status.DRAFT]


def staff_users():
    """People who may be assigned: those who can process applications (their ids cached:
    ``core.permissions.staff_user_ids``)."""
    from django.contrib.auth import get_user_model

    ids = staff_user_ids(Application)
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name", "first_name")


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def applicant_label(application) -> str:
    profile = getattr(application.owner, "lk_profile", None)
    name = (profile.display_name if profile else "") or person_name(application.owner)
    short = LEGAL_FORM_SHORT.get(application.legal_form, "")
    return f"{name} ({short})" if short else name


def is_overdue(application, today=None) -> bool:
    today = today or timezone.localdate()
    return bool(application.due_date and application.status in OPEN_STATUSES and application.due_date < today)


class ApplicationFilterSet(WagtailFilterSet):
    kind = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Вид"), queryset=ApplicationKind.objects.all(), empty_label=gettext_lazy("Все")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Статус"),
        choices=[c for c in Status.choices if c[0] != Status.DRAFT],
        empty_label=gettext_lazy("Все"),
        widget=forms.RadioSelect,
    )
    legal_form = django_filters.ChoiceFilter(
        label=gettext_lazy("Правовая форма"),
        choices=LegalForm.choices,
        empty_label=gettext_lazy("Все"),
        widget=forms.RadioSelect,
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Дата подачи"), widget=DateRangePickerWidget
    )
    overdue = django_filters.BooleanFilter(
        widget=BooleanRadioSelect, label=gettext_lazy("Просрочена"), method="filter_overdue"
    )
    due_soon = django_filters.BooleanFilter(
        widget=BooleanRadioSelect,
        label=gettext_lazy("Срок в ближайшие 3 рабочих дня"),
        method="filter_due_soon",
    )
    assignee = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Исполнитель"),
        queryset=lambda request: staff_users(),
        null_label=gettext_lazy("Не назначен"),
        empty_label=gettext_lazy("Все"),
    )
    form_page = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Форма"),
        # Pages that have applications: one index probe per page (a DISTINCT over the applications
        # table would read all of it on every queue page).
        queryset=lambda request: Page.objects.filter(
            Exists(Application.objects.filter(form_page=OuterRef("pk")))
        ),
        empty_label=gettext_lazy("Все"),
    )

    class Meta:
        model = Application
        fields = []

    def filter_overdue(self, queryset, name, value):
        return filter_by_flag(queryset, Q(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate()), value)

    def filter_due_soon(self, queryset, name, value):
        today = timezone.localdate()
        soon = Q(
            status__in=OPEN_STATUSES,
            due_date__gte=today,
            due_date__lte=add_working_days(today, app_settings.DUE_SOON_WORKING_DAYS),
        )
        return filter_by_flag(queryset, soon, value)


class PlainColumn(Column):
    """A text cell written directly: the same ``<td>`` as Wagtail's cell template, without rendering
    that template once per cell (7 columns × 50 rows = 350 renders were half of the queue page)."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, "" if value is None else value)
        return format_html("<td>{}</td>", "" if value is None else value)


class ApplicantColumn(PlainColumn):
    def get_value(self, instance):
        return applicant_label(instance)


class DueDateColumn(PlainColumn):
    def get_value(self, instance):
        if not instance.due_date:
            return ""
        text = instance.due_date.strftime("%d.%m.%Y")
        if is_overdue(instance):
            return format_html(
                '{} <span class="w-status w-status--label lk-overdue">{}</span>', text, _("просрочена")
            )
        return text


class SelectColumn(BaseColumn):
    """A checkbox per row for «PDF отмеченных заявок (ZIP)» (the form is in the results template)."""

    cell_template_name = "lk_plugin/staff/select_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["label"] = _("Отметить заявку %(number)s") % {"number": instance.number}
        return context


class ApplicationIndexView(
    PersonalDataListMixin, BackgroundExportMixin, SafeSpreadsheetExportMixin, IndexView
):
    results_template_name = "lk_plugin/staff/application_index_results.html"
    paginator_class = CappedCountPaginator
    default_ordering = "-submitted_at"
    background_export_name = "applications"
    any_permission_required = ["view", "change"]

    @cached_property
    def columns(self):
        """The checkbox comes first, yet the number stays the title column: the link to the
        application with its row buttons (Wagtail makes only the first ``list_display`` entry the title)."""
        select, number, *rest = self.list_display  # not super().columns: Wagtail 7.0 wants a name first
        others = [c if isinstance(c, BaseColumn) else self._get_custom_column(c) for c in rest]
        return [select, self._get_title_column(number), *others]

    def get_base_queryset(self):
        return Application.objects.submitted().select_related("kind", "owner__lk_profile", "assignee")

    def search_queryset(self, queryset):
        query = (self.search_query or "").strip()
        if not query:
            return queryset
        if identifier_digits(query):
            return queryset.filter(matching_people_q(query))
        has_digits = any(ch.isdigit() for ch in query)
        # Numbers start with the sequence ("4894ТП/…"): a prefix uses the unique index; another part of
        # a number is looked up in search_number (trigram index on PostgreSQL).
        if query[:1].isdigit():
            number = Q(number__startswith=query.upper())
        else:
            number = Q(search_number__contains=normalize_search(query))
        if len(query) < MIN_SUBSTRING:
            # One or two characters: the beginning of a number only. As a part of a name or an email
            # it would match thousands of people and no index can find them (trigrams need three).
            return queryset.filter(number) if query[:1].isdigit() else queryset.none()
        people = matching_people_q(query)
        if not has_digits:
            # Every number carries its sequence digits, so a query without digits is a name or an email:
            # matching it only against people lets the owner index answer (no scan over every number).
            return queryset.filter(people)
        return queryset.filter(number | people)

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "submitted_at", "-submitted_at", "due_date", "-due_date"]

    def order_queryset(self, queryset):
        """Newest first, as always; with a search the same order is asked so that the submission-date
        index does not fit it (every submitted application has the date: NULLS LAST changes nothing).
        A search finds a few thousand rows by its own indexes (number prefix, people); walking every
        application newest first and testing each instead read ~100,000 rows for one page at a
        million applications (EXPLAIN ANALYZE, make bench P2 at scale 10)."""
        queryset = super().order_queryset(queryset)
        if (self.search_query or "").strip() and self.ordering == self.default_ordering:
            queryset = queryset.order_by(F("submitted_at").desc(nulls_last=True), "-pk")
        return queryset

    export_headings = {
        "number": gettext_lazy("Номер"),
        "kind": gettext_lazy("Вид"),
        "applicant": gettext_lazy("Заявитель"),
        "legal_form": gettext_lazy("Правовая форма"),
        "submitted_at": gettext_lazy("Подана"),
        "status": gettext_lazy("Статус"),
        "due_date": gettext_lazy("Срок"),
        "overdue": gettext_lazy("Просрочена"),
        "assignee": gettext_lazy("Исполнитель"),
    }

    def get_context_data(self, **kwargs):
        return super().get_context_data(bulk_pdf_max=app_settings.BULK_PDF_MAX, **kwargs)

    def to_row_dict(self, item):
        row = export_row(item)
        return OrderedDict((field, row[field]) for field in self.list_export)


class ApplicationInspectView(ActionInspectView):
    template_name = "lk_plugin/staff/application_inspect.html"
    page_title = gettext_lazy("Заявка")
    any_permission_required = ["view", "change"]
    action_forms = {
        "take": "do_take",
        "assign": "do_assign",
        "status": "do_status",
        "request_info": "do_request_info",
        "comment": "do_comment",
        "note": "do_note",
        "stage_document": "do_stage_document",
        "chat": "do_chat",
    }

    def get_object(self, queryset=None):
        return get_object_or_404(
            Application.objects.submitted().select_related(
                "kind", "owner__lk_profile", "assignee", "form_version", "form_page"
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return self.object.number

    def get_action_form(self, name, data=None, files=None):
        initial = {"version": self.object.version}
        kwargs = {"data": data, "files": files, "initial": initial, "prefix": name}
        if name == "take":
            return staff_forms.TakeIntoWorkForm(**kwargs)
        if name == "assign":
            return staff_forms.AssignForm(
                staff_users=staff_users(),
                **{**kwargs, "initial": {**initial, "assignee": self.object.assignee_id}},
            )
        if name == "status":
            return staff_forms.StatusForm(application=self.object, **kwargs)
        if name == "request_info":
            return staff_forms.InfoRequestForm(**kwargs)
        if name == "comment":
            return staff_forms.CommentForm(data=data, files=files, prefix=name)
        if name == "note":
            return staff_forms.NoteForm(data=data, files=files, prefix=name)
        if name == "chat":
            return staff_forms.ChatReplyForm(data=data, files=files, prefix=name)
        return staff_forms.StageDocumentForm(data=data, files=files, prefix=name)

    def forms_context(self):
        forms_by_name = super().forms_context()
        if not messaging_flows.messaging_available():
            forms_by_name.pop("chat", None)
        return forms_by_name

    # --- actions: parse, delegate, say what happened ---
    def do_take(self, form):
        flows.application_take_into_work(
            application=self.object, actor=self.request.user, expected_version=form.cleaned_data["version"]
        )
        return _("Заявка %(number)s взята в работу.") % {"number": self.object.number}

    def do_assign(self, form):
        assignee = form.cleaned_data["assignee"]
        flows.application_assign(
            application=self.object,
            assignee=assignee,
            actor=self.request.user,
            expected_version=form.cleaned_data["version"],
        )
        if assignee is None:
            return _("Исполнитель снят.")
        return _("Исполнитель: %(name)s.") % {"name": person_name(assignee)}

    def do_status(self, form):
        flows.application_set_status(
            application=self.object,
            to_status=form.cleaned_data["to_status"],
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
        return _("Статус изменён: «%(status)s».") % {"status": self.object.get_status_display()}

    def do_request_info(self, form):
        flows.application_request_info(
            application=self.object,
            actor=self.request.user,
            message=form.cleaned_data["message"],
            items=form.cleaned_data["items"],
            expected_version=form.cleaned_data["version"],
        )
        return _("Запрос отправлен заявителю, статус «Требуются сведения».")

    def do_comment(self, form):
        flows.application_comment(
            application=self.object,
            actor=self.request.user,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["files"],
        )
        return _("Комментарий опубликован, заявитель уведомлён.")

    def do_note(self, form):
        flows.application_comment(
            application=self.object, actor=self.request.user, text=form.cleaned_data["text"], internal=True
        )
        return _("Внутренняя заметка сохранена.")

    def do_stage_document(self, form):
        flows.application_publish_stage_document(
            application=self.object,
            actor=self.request.user,
            stage=form.cleaned_data["stage"],
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
        )
        return _("Документ опубликован для заявителя.")

    def do_chat(self, form):
        if not messaging_flows.messaging_available():
            raise ValidationError(_("Переписка недоступна: модуль сообщений не установлен."))
        messaging_flows.application_chat_reply(
            application=self.object,
            actor=self.request.user,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["files"],
        )
        return _("Сообщение отправлено заявителю.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        documents = list(application.documents.all())
        comments = list(application.comments.select_related("author").prefetch_related("files"))
        thread = application.threads.first() if hasattr(application, "threads") else None
        context.update(
            application=application,
            applicant=applicant_label(application),
            profile=getattr(application.owner, "lk_profile", None),
            is_overdue=is_overdue(application),
            sections=application_sections(application, documents=documents),
            documents=documents,
            stage_documents=list(application.stage_documents.select_related("published_by")),
            history=list(application.history.select_related("actor")),
            log_entries=list(
                ModelLogEntry.objects.for_instance(application)
                .select_related("user")
                .order_by("-timestamp")[:50]
            ),
            public_comments=[c for c in comments if not c.is_internal],
            internal_notes=[c for c in comments if c.is_internal],
            info_requests=list(application.info_requests.select_related("requested_by")),
            thread=thread,
            chat=list(thread.messages.select_related("author").prefetch_related("attachments"))
            if thread
            else [],
            has_chat=messaging_flows.messaging_available(),
            appeals=appeals_about(application),
            has_appeals=apps.is_installed("lk_plugin.appeals"),
            assignee_name=person_name(application.assignee),
        )
        return context


def appeals_about(application) -> list:
    """The appeals about the application ([] without lk_plugin.appeals)."""
    if not apps.is_installed("lk_plugin.appeals"):
        return []
    from lk_plugin.appeals.selectors import appeals_about as about

    return list(about(application))


class ApplicationViewSet(FilesViewSet):
    model = Application
    name = "lk_application"
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Заявки")
    menu_order = 100
    add_to_admin_menu = False
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    filterset_class = ApplicationFilterSet
    search_fields = ["number"]  # enables the search box; the view's search_queryset does the matching
    list_per_page = 50
    export_filename = "zayavki"

    @cached_property
    def list_display(self):
        return [
            SelectColumn("select", label=_("PDF")),
            "number",
            PlainColumn("kind", label=_("Вид"), accessor="kind"),
            ApplicantColumn("applicant", label=_("Заявитель")),
            DateColumn("submitted_at", label=_("Подана"), sort_key="submitted_at"),
            PlainColumn("status", label=_("Статус"), accessor="get_status_display"),
            DueDateColumn("due_date", label=_("Срок"), sort_key="due_date"),
            PlainColumn("assignee", label=_("Исполнитель"), accessor=lambda a: person_name(a.assignee)),
        ]

    list_export = [
        "number",
        "kind",
        "applicant",
        "legal_form",
        "submitted_at",
        "status",
        "due_date",
        "overdue",
        "assignee",
    ]

    def get_download_queryset(self):
        return Application.objects.submitted()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("pdf-zip/", start_view(type(self)), name="pdf_zip")]


def export_row(application) -> dict:
    """One exported row (also used by the tests to compare with the spreadsheet)."""
    return {
        "number": application.number,
        "kind": str(application.kind),
        "applicant": applicant_label(application),
        "legal_form": LEGAL_FORM_SHORT.get(application.legal_form, ""),
        "submitted_at": timezone.localtime(application.submitted_at).replace(tzinfo=None)
        if application.submitted_at
        else None,
        "status": application.get_status_display(),
        "due_date": application.due_date,
        "overdue": _("да") if is_overdue(application) else _("нет"),
        "assignee": person_name(application.assignee),
    }


register_export("applications", ApplicationViewSet)
