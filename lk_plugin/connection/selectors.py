"""Reads for the connection: the scheme of an application, the stage tracker, invoices, the board."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from lk_plugin.core.deadlines import POWER_BAND_FIELD

from .models import ConnectionProcess, ConnectionScheme, Invoice, StageDefinition
from .terms import stage_due_date


def power_band_of(application) -> str:
    band = str((application.data or {}).get(POWER_BAND_FIELD) or "")
    if not band:
        from lk_plugin.adapter import get_adapter

        band = str(get_adapter().number_context(application).get("power_band", "") or "")
    return band


def scheme_for(application) -> ConnectionScheme | None:
    """The first scheme (by ordering) of the application's kind that fits its legal form and power band."""
    band = power_band_of(application)
    for scheme in ConnectionScheme.objects.filter(kind_id=application.kind_id).order_by("ordering", "pk"):
        if scheme.legal_forms and application.legal_form not in scheme.legal_forms:
            continue
        if scheme.power_bands and band not in scheme.power_bands:
            continue
        return scheme
    return None


def process_of(application) -> ConnectionProcess | None:
    try:
        return application.connection
    except ConnectionProcess.DoesNotExist:
        return None


@dataclass
class TrackerStep:
    number: int
    stage: StageDefinition
    state: str  # done | current | next
    started_on: dt.date | None
    due_date: dt.date | None
    completed_on: dt.date | None
    overdue: bool


@dataclass
class Tracker:
    steps: list[TrackerStep]
    current: TrackerStep | None
    total: int
    finished: bool

    @property
    def current_number(self) -> int:
        return self.current.number if self.current else self.total


def tracker(process: ConnectionProcess, *, today: dt.date | None = None) -> Tracker:
    """Done / current / next stages with due dates; next ones projected from the current due date."""
    today = today or timezone.localdate()
    stages = list(process.scheme.stages.all())
    passages = {}
    for passage in process.passages.all():
        passages[passage.stage_id] = passage  # the latest passage of a stage wins
    application = process.application
    submitted_on = timezone.localdate(application.submitted_at) if application.submitted_at else None
    contract_on = process.contract_concluded_on
    steps, current, cursor = [], None, None
    finished = process.current_stage_id is None
    reached_current = False
    for number, stage in enumerate(stages, start=1):
        passage = passages.get(stage.pk)
        if stage.pk == process.current_stage_id:
            reached_current = True
            due = process.stage_due_date
            step = TrackerStep(
                number, stage, "current", process.stage_started_on, due, None, bool(due and today > due)
            )
            current, cursor = step, max(filter(None, [due, today]))
        elif finished or not reached_current:
            completed = passage.completed_on if passage else None
            due = passage.due_date if passage else None
            step = TrackerStep(
                number,
                stage,
                "done",
                passage.started_on if passage else None,
                due,
                completed,
                bool(due and completed and completed > due),
            )
        else:
            start = cursor or today
            due = stage_due_date(stage, stage_start=start, submitted_on=submitted_on, contract_on=contract_on)
            step = TrackerStep(number, stage, "next", None, due, None, False)
            cursor = due or start
        steps.append(step)
    return Tracker(steps=steps, current=current, total=len(stages), finished=process.current_stage_id is None)


def invoices_of(application):
    return Invoice.objects.filter(application=application).prefetch_related("schedule", "payments")


def board(*, stage_code: str = "", overdue: bool = False, scheme_code: str = ""):
    qs = ConnectionProcess.objects.select_related(
        "application", "application__owner", "scheme", "current_stage"
    ).order_by("stage_due_date", "pk")
    if stage_code == "done":
        qs = qs.filter(current_stage__isnull=True)
    elif stage_code:
        qs = qs.filter(current_stage__code=stage_code)
    if overdue:
        qs = qs.overdue(timezone.localdate())
    if scheme_code:
        qs = qs.filter(scheme__code=scheme_code)
    return qs


def current_stages_for(user):
    """The applicant's open connections with their current stage (for the cabinet overview)."""
    return (
        ConnectionProcess.objects.owned_by(user)
        .filter(current_stage__isnull=False)
        .select_related("application", "current_stage")
        .order_by("stage_due_date", "pk")
    )
