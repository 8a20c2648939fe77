"""Forms of the staff side (Wagtail admin)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import flows
from .forms import METER_FIELDS as APPLICANT_METER_FIELDS
from .models import VALUE_FIELDS, Meter, Reading

METER_FIELDS = ["owner", *APPLICANT_METER_FIELDS]


class MeterCreateForm(WagtailAdminModelForm):
    class Meta:
        model = Meter
        fields = METER_FIELDS


class MeterEditForm(WagtailAdminModelForm):
    class Meta:
        model = Meter
        fields = [*METER_FIELDS, "status"]


class ReadingCreateForm(WagtailAdminModelForm):
    """Staff enter readings (accepted at once); a lower value needs «сброс показаний»."""

    class Meta:
        model = Reading
        fields = ["meter", "taken_on", *VALUE_FIELDS, "reset"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["meter"]
        field.queryset = Meter.objects.filter(status=Meter.Status.ACTIVE).select_related("owner__lk_profile")
        field.label_from_instance = lambda meter: f"{meter} — {meter.owner_name()}"

    def values(self):
        return [
            self.cleaned_data.get(name) for name in VALUE_FIELDS[: self.cleaned_data["meter"].tariff_count]
        ]

    def clean(self):
        cleaned = super().clean()
        meter = cleaned.get("meter")
        if meter is None or not cleaned.get("taken_on") or self.errors:
            return cleaned
        extra = [name for name in VALUE_FIELDS[meter.tariff_count :] if cleaned.get(name) is not None]
        for name in extra:
            self.add_error(
                name,
                _("У прибора учёта %(count)s тариф(а): этот тариф не заполняется.")
                % {"count": meter.tariff_count},
            )
        if extra:
            return cleaned
        try:
            flows.validate_reading(
                meter=meter,
                values=self.values(),
                taken_on=cleaned["taken_on"],
                source=Reading.Source.STAFF,
                reset=cleaned.get("reset") or "",
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                self._add_dict(error)
            else:
                self.add_error(None, error)
        return cleaned

    def _add_dict(self, error):
        for field, errors in error.error_dict.items():
            self.add_error(None if field in ("__all__", "confirm_high") else field, errors)

    def _post_clean(self):
        # The flow creates the row; skip the model's own unique/constraint pass on a half-built instance.
        pass


class ReadingReviewForm(WagtailAdminModelForm):
    """Accept or reject readings with a reason (the applicant sees the reason)."""

    status = forms.ChoiceField(
        label=_("Решение"),
        choices=[(Reading.Status.ACCEPTED, _("Принять")), (Reading.Status.REJECTED, _("Отклонить"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Reading
        fields = ["status", "review_reason"]
        widgets = {"review_reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Reading.Status.REJECTED
            and not (cleaned.get("review_reason") or "").strip()
        ):
            self.add_error("review_reason", _("Укажите причину отклонения: её увидит заявитель."))
        return cleaned
