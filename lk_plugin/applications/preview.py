"""The page editor's preview of an application form: the real wizard, step by step.

Each step is a Wagtail preview mode («Мастер: шаг 2. Объект»), so the preview panel's mode switch is
the step switcher. The wizard's own view renders it (views._render) for an unsaved draft filled with
sample data; nothing is written to the database and the preview script keeps the form from posting.
"""

from django.templatetags.static import static
from django.utils.html import escape
from django.utils.translation import gettext as _

from lk_plugin.core.choices import LegalForm
from lk_plugin.formbuilder.registry import get

MODE_PREFIX = "step-"

_SAMPLES = {
    "text": "Пример",
    "textarea": "Пример текста",
    "address": "г. Москва, ул. Ленина, д. 15",
    "date": "2026-12-01",
    "email": "ivan@example.ru",
    "phone": "+79161234567",
    "snils": "11223344595",
    "inn": "7707083893",
    "kpp": "773601001",
    "ogrn": "1027700132195",
    "ogrnip": "304500116000157",
    "cadastral": "77:01:0001013:4915",
}


def sample_value(spec: dict):
    kind = spec.get("type")
    choices = spec.get("choices") or []
    if kind == "choice":
        return str(choices[0][0]) if choices else ""
    if kind == "multichoice":
        return [str(choices[0][0])] if choices else []
    if kind in ("checkbox", "consent"):
        return False
    if kind in ("number", "decimal"):
        low = spec.get("min")
        return str(low if low not in (None, "") and float(low) > 0 else 1)
    return _SAMPLES.get(kind, "Пример")


def sample_data(schema: dict) -> dict:
    return {
        spec["name"]: sample_value(spec)
        for step in schema.get("steps", [])
        for spec in step.get("fields", [])
        if spec.get("name") and get(spec.get("type")).has_value
    }


def preview_modes(page) -> list[tuple[str, str]]:
    steps = page.form_schema().get("steps", [])
    modes = [("", _("Страница формы"))]
    for index, step in enumerate(steps):
        label = _("Мастер: шаг %(n)s. %(title)s") % {"n": index + 1, "title": step.get("title") or ""}
        if index == len(steps) - 1:
            label += " " + _("(с проверкой данных)")
        modes.append((f"{MODE_PREFIX}{index}", label))
    return modes


def step_index(mode_name: str):
    if not (mode_name or "").startswith(MODE_PREFIX):
        return None
    try:
        return int(mode_name[len(MODE_PREFIX) :])
    except ValueError:
        return None


def serve_wizard_preview(request, page, index: int):
    from lk_plugin.applications.models import Application, FormVersion
    from lk_plugin.formbuilder.engine import StepForm

    from .views_wizard import _render

    schema = page.form_schema()
    steps = schema.get("steps") or []
    if not steps:
        return None
    index = max(0, min(index, len(steps) - 1))
    allowed = page.allowed_legal_forms() or [LegalForm.INDIVIDUAL]
    legal_form = allowed[0]
    data = sample_data(schema)
    # Unsaved objects with keys no row has: the wizard's links and queries work, and find nothing.
    version = FormVersion(pk=-1, title=page.title, schema=schema)
    application = Application(
        pk=0,
        form_version=version,
        legal_form=legal_form,
        data=data,
        current_step=index,
        visited_steps=list(range(len(steps))),
        status="draft",
    )
    form = StepForm(initial=data, step=steps[index], base_data=data, legal_form=legal_form)
    response = _render(request, application, page, steps, index, form)
    response.context_data.update(page_live=True, email_verified=True, lk_preview=True)
    response.render()
    # Appended to the wizard's own page (kept as the applicant sees it) instead of a forked template.
    banner = (
        '<div class="lk-preview-banner" role="status">'
        + escape(
            _("Предпросмотр: так форму увидит %(who)s. Данные — пример, ничего не сохраняется.")
            % {"who": LegalForm(legal_form).label.lower()}
        )
        + "</div>"
    )
    script = f'<script src="{escape(static("lk_plugin/js/formbuilder_preview.js"))}"></script>'
    content = response.content.decode()
    content = content.replace("<body", "<body data-lk-preview", 1)
    content = content.replace("</body>", banner + script + "</body>", 1)
    response.content = content.encode()
    return response
