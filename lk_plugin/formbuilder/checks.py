"""What a form page is checked for on save: the schema (names, choices, conditions, document slots)
and the submit settings (number template, review term). Messages name the field by its label."""

import string

from django.utils.translation import gettext as _

from lk_plugin.core.choices import LegalForm

from .display import field_conditions

#: Placeholders a number template may use (adapter.number_context + the sequence).
NUMBER_PLACEHOLDERS = ("seq", "legal_form", "connection", "power_band", "kind_code")
#: Application.number is VARCHAR(100); the widest values each placeholder can take.
NUMBER_MAX_LENGTH = 100
_WIDEST = {
    "seq": 10**12 - 1,
    "legal_form": "ЮЛ",
    "connection": "НП",
    "power_band": "150-670",
    "kind_code": "x" * 32,
}
#: A review term longer than this is a typo (working days).
REVIEW_DAYS_MAX = 250

LEGAL_FORMS = [value for value, _label in LegalForm.choices]


def _title(field: dict) -> str:
    return field.get("label") or field.get("name") or field.get("type") or "?"


def schema_problems(schema: dict, *, legal_forms=None) -> list[str]:
    """Messages for every problem of *schema*; *legal_forms*: who may submit the form (all if None)."""
    return [message for _where, message in located_problems(schema, legal_forms=legal_forms)]


def located_problems(schema: dict, *, legal_forms=None) -> list[tuple]:
    """[((step index, field index | None, block child), message)]: where the editor fixes each."""
    errors: list[tuple] = []
    allowed = set(legal_forms or LEGAL_FORMS)
    position, specs, seen = {}, {}, set()
    for step_index, step in enumerate(schema.get("steps", [])):
        if not step.get("title"):
            errors.append(((step_index, None, "title"), _("Укажите название шага.")))
        for field_index, field in enumerate(step.get("fields", [])):
            name = field.get("name")
            if field.get("type") == "info" or not name:
                continue
            if name in seen:
                message = _("Служебное имя «%(name)s» уже есть у другого поля: у каждого поля своё имя.")
                errors.append(((step_index, field_index, "name"), message % {"name": name}))
            seen.add(name)
            position[name] = (step_index, field_index)
            specs[name] = field
    for step_index, step in enumerate(schema.get("steps", [])):
        for field_index, field in enumerate(step.get("fields", [])):
            here = (step_index, field_index)
            kind = field.get("type")
            if kind in ("choice", "multichoice"):
                values = [str(v) for v, _label in field.get("choices") or []]
                if not values:
                    errors.append(((*here, "choices"), _("Добавьте варианты ответа: по одному в строке.")))
                elif len(values) != len(set(values)):
                    errors.append(((*here, "choices"), _("Варианты повторяются.")))
            field_forms = set(field.get("legal_forms") or LEGAL_FORMS)
            if kind == "document" and field.get("required") and not field_forms & allowed:
                message = _(
                    "Документ «%(label)s» обязателен, но не относится ни к одной правовой форме, "
                    "которая может подать заявку: отметьте правовые формы или снимите «Обязательное»."
                )
                errors.append(((*here, "legal_forms"), message % {"label": _title(field)}))
            for message in _condition_problems(field, here, position, specs):
                errors.append(((*here, "show_when"), message))
    for name, message in _cycle_problems(specs):
        errors.append(((*position[name], "show_when"), message))
    return errors


def _condition_problems(field, here, position, specs) -> list[str]:
    errors = []
    for rule in field_conditions(field).get("rules") or []:
        target = rule.get("field")
        if target not in specs:
            errors.append(
                _("Условие ссылается на поле, которого нет в форме (%(field)s): выберите поле заново.")
                % {"field": target}
            )
            continue
        source = specs[target]
        if target == field.get("name"):
            errors.append(_("Поле не может зависеть от самого себя."))
        elif position[target] > here:
            errors.append(
                _("Условие на поле «%(source)s», которое идёт ниже: выберите поле выше этого.")
                % {"source": _title(source)}
            )
        if source.get("type") in ("choice", "multichoice"):
            values = {str(v) for v, _label in source.get("choices") or []}
            if rule.get("equals") not in values:
                errors.append(
                    _("У поля «%(source)s» нет варианта «%(value)s»: выберите значение заново.")
                    % {"source": _title(source), "value": rule.get("equals")}
                )
        elif source.get("type") in ("checkbox", "consent") and rule.get("equals") not in ("True", "False"):
            errors.append(
                _("Флажок «%(source)s» может быть только отмечен или не отмечен.")
                % {"source": _title(source)}
            )
        elif source.get("type") == "document":
            errors.append(_("От документа «%(source)s» зависеть нельзя.") % {"source": _title(source)})
    return errors


def _cycle_problems(specs: dict) -> list[tuple[str, str]]:
    """(field name, message) for each field where a circle of conditions closes."""
    graph = {
        name: [r.get("field") for r in field_conditions(spec).get("rules") or [] if r.get("field") in specs]
        for name, spec in specs.items()
    }
    state, errors = {}, []

    def visit(name, path):
        state[name] = "open"
        for target in graph[name]:
            if state.get(target) == "open" and target != name:
                cycle = [*path[path.index(target) :], target]
                labels = " → ".join(_title(specs[n]) for n in cycle)
                errors.append((name, _("Условия образуют круг: %(cycle)s.") % {"cycle": labels}))
            elif target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in graph:
        if name not in state:
            visit(name, [name])
    return errors


def number_template_problems(template: str) -> list[str]:
    if not template:
        return []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return [_("Шаблон номера: фигурные скобки не закрыты. Пример: {seq}ТП/{legal_form}/ЛК")]
    errors, names = [], []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in NUMBER_PLACEHOLDERS:
            errors.append(
                _("Шаблон номера: неизвестная подстановка {%(name)s}. Можно: %(known)s.")
                % {"name": name, "known": ", ".join("{%s}" % n for n in NUMBER_PLACEHOLDERS)}
            )
        elif conversion or (spec and not (name == "seq" and spec.rstrip("d").lstrip("0").isdigit())):
            errors.append(_("Шаблон номера: формат у {%(name)s} не поддерживается.") % {"name": name})
        names.append(name)
    if "seq" not in names:
        errors.append(
            _("Шаблон номера должен содержать {seq} — порядковый номер, иначе номера будут повторяться.")
        )
    if not errors:
        widest = string.Formatter().vformat(template, (), _WIDEST)
        if len(widest) > NUMBER_MAX_LENGTH:
            errors.append(
                _("Шаблон номера слишком длинный: номер может выйти до %(n)s знаков, допустимо %(max)s.")
                % {"n": len(widest), "max": NUMBER_MAX_LENGTH}
            )
    return errors


def review_days_problems(days) -> list[str]:
    if days is not None and days > REVIEW_DAYS_MAX:
        return [
            _("Срок рассмотрения больше %(max)s рабочих дней — проверьте число (0 — срок не показывать).")
            % {"max": REVIEW_DAYS_MAX}
        ]
    return []
