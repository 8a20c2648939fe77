"""The application wizard as a small state machine: pure functions, no request, no database.

The view (views_wizard.py) parses the request into plain values, asks these functions what to do,
does it (save the draft, handle documents, submit) and renders. Tested directly in
tests/applications/test_wizard_machine.py.

Actions a step's form posts (the ``action`` button): ``save`` (default), ``autosave`` (the quiet
background save), ``next``, ``back``, ``goto:<step>``, ``submit``, ``sign`` (submit with a signature),
``remove:<document id>``, ``upload`` (the «Загрузить» button of a document slot).
"""

from dataclasses import dataclass

SUBMIT_ACTIONS = ("submit", "sign")


@dataclass(frozen=True)
class Move:
    """What follows a POST: ``redisplay`` the step with its errors, ``go`` to step *target*, ``stay``
    on the step (a redirect back to it; *saved* adds «Черновик сохранён.»), or ``submit`` (*sign*:
    with a detached signature)."""

    kind: str
    target: int | None = None
    saved: bool = False
    sign: bool = False


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def posted_step(raw, *, current: int, count: int) -> int:
    """The step a POST belongs to (its hidden ``step``), clamped to the form's steps."""
    return max(0, min(_int(raw, current), count - 1))


def step_to_show(raw, *, current: int, visited, count: int) -> int:
    """The step a GET asks for (``?step=``): any step visited so far or before the furthest one
    reached; a jump ahead of that shows the current step instead."""
    index = max(0, min(_int(raw, current), count - 1))
    if index not in visited and index > max(visited or [0]):
        return current
    return index


def enforces_required(action: str) -> bool:
    """Required fields and documents are checked only when leaving forward or submitting."""
    return action == "next" or action in SUBMIT_ACTIONS


def keeps_consent(action: str, *, index: int, count: int) -> bool:
    """On the last step a save, upload or «back» remembers the consent tick for the next render."""
    return index == count - 1 and action not in SUBMIT_ACTIONS


def document_to_remove(action: str) -> int | None:
    """The document id of a ``remove:<id>`` action; None for any other (or a malformed) action."""
    if not action.startswith("remove:"):
        return None
    try:
        return int(action[len("remove:") :])
    except ValueError:
        return None


def decide(action: str, *, index: int, count: int, visited, ok: bool) -> Move:
    """Where the wizard goes after a non-autosave POST on step *index* (*ok*: the step's form and
    documents passed)."""
    if not ok:
        return Move("redisplay")
    if action == "next" and index + 1 < count:
        return Move("go", target=index + 1)
    if action == "back":
        return Move("go", target=max(0, index - 1))
    if action.startswith("goto:"):
        wanted = _int(action[len("goto:") :], index)
        if 0 <= wanted < count and (wanted in visited or wanted <= index):
            return Move("go", target=wanted)
        return Move("stay")
    if action in SUBMIT_ACTIONS:
        return Move("submit", sign=action == "sign")
    if action.startswith(("remove:", "upload")):
        return Move("stay")
    return Move("stay", saved=True)
