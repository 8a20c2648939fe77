"""Stage terms on the production calendar, the seed, the tracker and the staff stage move."""

import datetime as dt

import pytest

from lk_plugin.applications.flows import ConflictError
from lk_plugin.connection.models import ConnectionScheme, StageDefinition
from lk_plugin.connection.selectors import tracker
from lk_plugin.connection.terms import add_months, stage_due_date
from lk_plugin.core.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_seed_cites_pp861_points_for_both_categories(seeded):
    for code in ("fl-15", "ul-ip-150"):
        stages = list(ConnectionScheme.objects.get(code=code).stages.all())
        assert [s.code for s in stages] == ["review", "payment", "measures", "check", "signing", "connection"]
        assert all("861" in s.legal_basis and "п." in s.legal_basis for s in stages)
    assert "п. 103" in StageDefinition.objects.filter(code="payment").first().legal_basis


def test_working_day_term_skips_weekends_and_holidays(seeded):
    stage = StageDefinition(term_days=7, term_unit="working_days", term_from="submitted")
    # Fri 06.03.2026 + 7 working days, with Mon 09.03 a holiday: 10,11,12,13,16,17,18 → 18.03.
    CalendarDay.objects.update_or_create(date=dt.date(2026, 3, 9), defaults={"kind": "holiday"})
    assert stage_due_date(
        stage, stage_start=dt.date(2026, 3, 1), submitted_on=dt.date(2026, 3, 6)
    ) == dt.date(2026, 3, 18)
    # A working Saturday (transfer) counts.
    CalendarDay.objects.update_or_create(date=dt.date(2026, 3, 14), defaults={"kind": "workday"})
    assert stage_due_date(
        stage, stage_start=dt.date(2026, 3, 1), submitted_on=dt.date(2026, 3, 6)
    ) == dt.date(2026, 3, 17)


def test_month_term_counts_from_contract_and_clamps_month_end():
    stage = StageDefinition(term_days=4, term_unit="months", term_from="contract")
    assert stage_due_date(
        stage, stage_start=dt.date(2026, 1, 1), contract_on=dt.date(2026, 10, 31)
    ) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 1, 15), 4) == dt.date(2026, 5, 15)


def test_submitted_application_starts_on_first_stage_with_due_date(process):
    assert process.current_stage.code == "review"
    # Submitted Mon 02.03.2026 + 7 working days; the seeded calendar moves 8 March (a Sunday) to Mon 09.03.
    assert process.stage_due_date == dt.date(2026, 3, 12)


def test_tracker_done_current_next_and_overdue(process, staff_user):
    from lk_plugin.connection.flows.stages import stage_advance

    stage_advance(application=process.application, actor=staff_user, on=dt.date(2026, 3, 5))
    process.refresh_from_db()
    track = tracker(process, today=dt.date(2026, 3, 20))
    assert [s.state for s in track.steps] == ["done", "current", "next", "next", "next", "next"]
    assert track.current.stage.code == "payment"
    assert track.current.due_date == dt.date(2026, 3, 13)  # 5 wd from 05.03, 09.03 a holiday
    assert track.current.overdue is True
    assert all(s.due_date for s in track.steps[2:])


def test_stage_move_uses_the_optimistic_lock(process, staff_user):
    from lk_plugin.connection.flows.stages import stage_advance

    application = process.application
    stale = application.version
    stage_advance(application=application, actor=staff_user, expected_version=stale)
    with pytest.raises(ConflictError):
        stage_advance(application=application, actor=staff_user, expected_version=stale)
    application.refresh_from_db()
    assert application.connection.current_stage.code == "payment"
    assert application.status == "in_progress"
    assert application.owner.lk_notifications.filter(event="connection_stage_changed").count() == 1


def test_staff_cannot_skip_to_signing_without_an_act(offered, staff_user):
    from lk_plugin.applications.flows import TransitionError
    from lk_plugin.connection.flows.stages import stage_advance

    application, _invoice = offered
    for _step in range(2):  # payment → measures → check (staff override of the applicant's stages)
        stage_advance(application=application, actor=staff_user)
    with pytest.raises(TransitionError):
        stage_advance(application=application, actor=staff_user)
    application.connection.refresh_from_db()
    assert application.connection.current_stage.code == "check"
