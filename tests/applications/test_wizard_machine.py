"""The wizard's transitions, without a request or a database (lk_plugin/applications/wizard.py)."""

import pytest

from lk_plugin.applications import wizard
from lk_plugin.applications.wizard import Move


def test_next_goes_forward_and_on_the_last_step_only_saves():
    assert wizard.decide("next", index=0, count=3, visited=[0], ok=True) == Move("go", target=1)
    assert wizard.decide("next", index=2, count=3, visited=[0, 1, 2], ok=True) == Move("stay", saved=True)


def test_any_error_redisplays_the_step_whatever_the_button():
    for action in ("next", "back", "goto:0", "submit", "sign", "save", "upload", "remove:5"):
        assert wizard.decide(action, index=1, count=3, visited=[0, 1], ok=False) == Move("redisplay")


def test_back_stops_at_the_first_step():
    assert wizard.decide("back", index=2, count=3, visited=[0, 1, 2], ok=True) == Move("go", target=1)
    assert wizard.decide("back", index=0, count=3, visited=[0], ok=True) == Move("go", target=0)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("goto:0", Move("go", target=0)),  # behind: always
        ("goto:2", Move("go", target=2)),  # ahead but visited before
        ("goto:3", Move("stay")),  # ahead, never reached
        ("goto:9", Move("stay")),  # no such step
        ("goto:x", Move("go", target=1)),  # malformed: the current step
    ],
)
def test_goto_reaches_only_steps_behind_or_visited(action, expected):
    assert wizard.decide(action, index=1, count=4, visited=[0, 1, 2], ok=True) == expected


def test_submit_and_sign_submit_and_uploads_and_removals_stay_without_the_saved_message():
    assert wizard.decide("submit", index=2, count=3, visited=[0, 1, 2], ok=True) == Move("submit")
    assert wizard.decide("sign", index=2, count=3, visited=[0, 1, 2], ok=True) == Move("submit", sign=True)
    assert wizard.decide("upload", index=1, count=3, visited=[0, 1], ok=True) == Move("stay")
    assert wizard.decide("remove:7", index=1, count=3, visited=[0, 1], ok=True) == Move("stay")
    assert wizard.decide("save", index=1, count=3, visited=[0, 1], ok=True) == Move("stay", saved=True)


def test_required_fields_are_enforced_only_when_moving_on_or_submitting():
    assert [
        a
        for a in ("save", "autosave", "next", "back", "goto:0", "submit", "sign", "upload")
        if wizard.enforces_required(a)
    ] == ["next", "submit", "sign"]


def test_the_step_in_the_address_cannot_jump_ahead_of_the_furthest_step_reached():
    assert wizard.step_to_show("1", current=0, visited=[0, 1], count=4) == 1
    assert wizard.step_to_show("3", current=1, visited=[0, 1], count=4) == 1
    assert wizard.step_to_show("99", current=1, visited=[0, 1, 2, 3], count=4) == 3
    assert wizard.step_to_show("abc", current=2, visited=[0, 1, 2], count=4) == 2
    assert wizard.step_to_show("-5", current=2, visited=[0, 1, 2], count=4) == 0


def test_posted_step_and_removed_document_are_parsed_safely():
    assert wizard.posted_step(None, current=2, count=3) == 2
    assert wizard.posted_step("7", current=0, count=3) == 2
    assert wizard.document_to_remove("remove:12") == 12
    assert wizard.document_to_remove("remove:x") is None
    assert wizard.document_to_remove("save") is None


def test_the_consent_tick_is_kept_on_the_last_step_except_when_submitting():
    assert wizard.keeps_consent("save", index=2, count=3)
    assert not wizard.keeps_consent("submit", index=2, count=3)
    assert not wizard.keeps_consent("save", index=1, count=3)
