"""Cabinet section «Приборы учёта» (/lk/meters/): thin views over flows and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lk_plugin.accounts.models import ApplicantProfile
from lk_plugin.core.request_meta import client_ip

from . import export, flows, rules, selectors
from .askue import AskueAuthError, AskueError, AskueLimitError
from .chart import consumption_svg
from .forms import AskueCredentialsForm, MeterForm, ReadingForm
from .models import AskueCredentials, AskueRow, Meter

HISTORY_PAGE_SIZE = 24  # two years of monthly readings


def _owned_meter(request, pk):
    return get_object_or_404(Meter.objects.owned_by(request.user), pk=pk)


@login_required
def meter_list(request):
    meters = list(Meter.objects.owned_by(request.user).exclude(status=Meter.Status.RETIRED))
    latest = selectors.last_readings(meters)
    for meter in meters:
        meter.last_reading = latest.get(meter.pk)
    return render(
        request,
        "lk_plugin/metering/list.html",
        {
            "lk_active": "meters",
            "meters": meters,
            "window_message": rules.window_closed_message(timezone.localdate()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meter_add(request):
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    initial = {"account_number": getattr(profile, "account_number", ""), "tariff_count": 1, "digits": 6}
    form = MeterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meter = flows.meter_create(owner=request.user, source=Meter.Source.APPLICANT, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Прибор учёта %(meter)s добавлен. Передавать показания можно после подтверждения сетевой организацией."
                )
                % {"meter": meter},
            )
            return redirect("lk_metering:list")
    return render(request, "lk_plugin/metering/add.html", {"lk_active": "meters", "form": form})


@login_required
def meter_detail(request, pk):
    meter = _owned_meter(request, pk)
    history = selectors.meter_history(meter)
    months = selectors.monthly_consumption(history, meter.tariff_count)
    page = Paginator(history, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "lk_plugin/metering/detail.html",
        {
            "lk_active": "meters",
            "meter": meter,
            "history": page.object_list,
            "page_obj": page,
            "tariff_names": meter.tariff_names,
            "chart": consumption_svg(months, [str(n) for n in meter.tariff_names], str(meter)),
        },
    )


@login_required
def meter_export(request, pk, fmt):
    meter = _owned_meter(request, pk)
    history = selectors.meter_history(meter)
    if fmt == "csv":
        return export.csv_response(meter, history)
    if fmt == "xlsx":
        return export.xlsx_response(meter, history)
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def reading_new(request, pk):
    meter = _owned_meter(request, pk)
    form = ReadingForm(request.POST or None, meter=meter)
    if request.method == "POST" and form.is_valid():
        try:
            flows.reading_submit(
                meter=meter,
                user=request.user,
                values=form.values(),
                confirm_high=form.cleaned_data["confirm_high"],
            )
        except ValidationError as error:
            form.add_flow_errors(error)
        else:
            messages.success(request, _("Показания переданы. Спасибо!"))
            return redirect("lk_metering:detail", pk=meter.pk)
    previous = flows.previous_reading(meter, timezone.localdate())
    return render(
        request,
        "lk_plugin/metering/reading_form.html",
        {
            "lk_active": "meters",
            "meter": meter,
            "form": form,
            "previous": previous,
            "window_message": rules.window_closed_message(timezone.localdate()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def askue(request):
    """Manual 002 §9: enter the АСКУЭ identifier and password once, then «Получить данные»."""
    credentials = AskueCredentials.objects.filter(user=request.user).first()
    form = AskueCredentialsForm(initial={"login": credentials.login if credentials else ""})
    error = None
    if request.method == "POST":
        ready = credentials is not None
        if request.POST.get("action") == "save":
            form = AskueCredentialsForm(request.POST)
            ready = form.is_valid()
            if ready:
                credentials = flows.askue_save_credentials(user=request.user, **form.cleaned_data)
        if ready:
            try:
                flows.askue_refresh_from_cabinet(user=request.user, ip=client_ip(request))
            except AskueLimitError:
                error = _(
                    "Слишком много попыток подключения к АСКУЭ. Попробуйте позже или обратитесь в службу поддержки."
                )
            except AskueAuthError:
                error = _("АСКУЭ не приняла идентификатор или пароль. Проверьте их и введите снова.")
            except AskueError:
                error = _("Данные АСКУЭ временно недоступны. Попробуйте позже.")
            else:
                messages.success(request, _("Данные АСКУЭ получены."))
                return redirect("lk_metering:askue")
    rows = list(AskueRow.objects.filter(user=request.user))
    return render(
        request,
        "lk_plugin/metering/askue.html",
        {"lk_active": "meters", "form": form, "credentials": credentials, "rows": rows, "askue_error": error},
    )
