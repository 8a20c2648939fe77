"""Forms of the staff actions (parse input; the flows do the work)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lk_plugin.applications.models import StageDocument
from lk_plugin.applications.statuses import STAFF, Status, allowed_targets
from lk_plugin.core.fields import MultipleFileField
from lk_plugin.core.files import validate_upload


class VersionedForm(forms.Form):
    """Carries the version the page was rendered with (optimistic lock)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TakeIntoWorkForm(VersionedForm):
    pass


class AssignForm(VersionedForm):
    assignee = forms.ModelChoiceField(
        label=_("Исполнитель"), queryset=None, required=False, empty_label=_("— не назначен —")
    )

    def __init__(self, *args, staff_users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_users
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class StatusForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("Новый статус"))
    reason = forms.CharField(
        label=_("Причина / комментарий"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Обязательна для статусов «Отклонена» и «Требуются сведения»; заявитель её увидит."),
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        targets = allowed_targets(application.status, STAFF) if application else []
        # Any status validates, so the flow rejects an illegal move (stale page) with its own message;
        # the select offers only the allowed ones.
        self.fields["to_status"].choices = [(s, label) for s, label in Status.choices if s != Status.DRAFT]
        self.fields["to_status"].widget.choices = [(s, Status(s).label) for s in targets]
        self.allowed = targets


class InfoRequestForm(VersionedForm):
    message = forms.CharField(
        label=_("Что требуется"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    items = forms.CharField(
        label=_("Недостающие документы"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("По одному на строку."),
    )

    def clean(self):
        data = super().clean()
        items = [line.strip() for line in (data.get("items") or "").splitlines() if line.strip()]
        data["items"] = items
        if not (data.get("message") or "").strip() and not items:
            self.add_error("message", _("Опишите, какие документы или сведения нужны."))
        return data


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Текст"), widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Файлы"))


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Внутренняя заметка"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Видна только сотрудникам."),
    )


class StageDocumentForm(forms.Form):
    stage = forms.ChoiceField(label=_("Этап"), choices=StageDocument.Stage.choices)
    title = forms.CharField(label=_("Название"), required=False, max_length=255)
    file = forms.FileField(label=_("Файл"))

    def clean_file(self):
        return validate_upload(self.cleaned_data["file"])


class ChatReplyForm(forms.Form):
    text = forms.CharField(label=_("Сообщение"), widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Файлы"))


class AppealAnswerForm(VersionedForm):
    text = forms.CharField(label=_("Ответ"), widget=forms.Textarea(attrs={"rows": 5}))
    files = MultipleFileField(label=_("Файлы"))
    close = forms.BooleanField(label=_("Закрыть обращение"), required=False)


class AppealStatusForm(VersionedForm):
    to_status = forms.ChoiceField(label=_("Новый статус"))

    def __init__(self, *args, appeal=None, **kwargs):
        super().__init__(*args, **kwargs)
        from lk_plugin.appeals.models import APPEAL_TRANSITIONS, AppealStatus

        targets = [
            to for frm, to in sorted(APPEAL_TRANSITIONS) if appeal is not None and frm == appeal.status
        ]
        self.fields["to_status"].choices = AppealStatus.choices
        self.fields["to_status"].widget.choices = [(s, AppealStatus(s).label) for s in targets]
        self.allowed = targets
