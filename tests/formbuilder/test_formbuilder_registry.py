"""Field-type registry: every type renders and validates; conditions and requiredness on the server."""

import pytest

from lk_plugin.formbuilder import registry
from lk_plugin.formbuilder.engine import StepForm, clean_data, validate_all

# type → (extra spec, valid raw input, stored value, invalid raw input or None)
CASES = {
    "text": ({}, "Жилой дом", "Жилой дом", None),
    "textarea": ({}, "Строка 1\nСтрока 2", "Строка 1\nСтрока 2", None),
    "address": ({}, "г. Москва, ул. Ленина, 1", "г. Москва, ул. Ленина, 1", None),
    "number": ({"min": 1, "max": 10}, "5", 5, "11"),
    "decimal": ({"min": 0.1, "max": 670}, "15,5", "15.5", "700"),
    "date": ({}, "2026-12-01", "2026-12-01", "31.02.2026"),
    "choice": ({"choices": [["I", "I категория"], ["II", "II категория"]]}, "II", "II", "IV"),
    "multichoice": ({"choices": [["a", "А"], ["b", "Б"]]}, ["a", "b"], ["a", "b"], ["c"]),
    "rating": ({}, "4", 4, "6"),
    "checkbox": ({}, "on", True, None),
    "consent": ({}, "on", True, None),
    "email": ({}, "ivan@example.ru", "ivan@example.ru", "ivan@"),
    "phone": ({}, "8 (916) 123-45-67", "+79161234567", "12345"),
    "snils": ({}, "112-233-445 95", "11223344595", "112-233-445 96"),
    "inn": ({}, "7707083893", "7707083893", "7707083894"),
    "kpp": ({}, "7736ab001", "7736AB001", "0036AB001"),
    "ogrn": ({}, "1027700132195", "1027700132195", "1027700132196"),
    "ogrnip": ({}, "304500116000050", "304500116000050", "304500116000051"),
    "cadastral": ({}, "77:01:0001013:4915", "77:01:0001013:4915", "77-01-0001013"),
}


def spec(type_, name="f", required=True, **extra):
    return {
        "type": type_,
        "name": name,
        "label": "Поле",
        "required": required,
        "help_text": "",
        "choices": [],
        "condition": None,
        **extra,
    }


def step(*fields):
    return {"key": "s", "title": "Шаг", "fields": list(fields)}


def test_every_builtin_type_is_covered():
    names = {t.name for t in registry.all_types()}
    assert set(CASES) | {"document", "info"} == names


@pytest.mark.parametrize("type_", sorted(CASES))
def test_type_renders_and_validates(type_):
    extra, valid, stored, invalid = CASES[type_]
    s = step(spec(type_, **extra))
    form = StepForm(data={"f": valid}, step=s)
    assert 'name="f"' in form.as_div()
    assert form.is_valid(), form.errors
    values, _drop = form.values()
    assert values["f"] == stored
    if invalid is not None:
        bad = StepForm(data={"f": invalid}, step=s)
        assert not bad.is_valid()
        assert bad.errors["f"]


@pytest.mark.parametrize("type_", sorted(CASES))
def test_required_type_rejects_empty_with_russian_message(type_):
    extra = CASES[type_][0]
    form = StepForm(data={}, step=step(spec(type_, **extra)))
    assert not form.is_valid()
    assert "Заполните" in form.errors["f"][0] or "Подтвердите" in form.errors["f"][0]


def test_each_type_builds_an_editor_block():
    for field_type in registry.all_types():
        block = field_type.block()
        assert block.child_blocks, field_type.name


CONDITIONAL = step(
    spec("choice", "reason", choices=[["new", "Новое"], ["increase", "Увеличение"]]),
    spec("decimal", "existing_power_kw", condition={"field": "reason", "equals": "increase"}),
)


def test_condition_requires_field_when_shown():
    form = StepForm(data={"reason": "increase"}, step=CONDITIONAL)
    assert not form.is_valid()
    assert "existing_power_kw" in form.errors


def test_condition_hides_field_and_drops_its_value():
    form = StepForm(data={"reason": "new", "existing_power_kw": "not a number"}, step=CONDITIONAL)
    assert form.is_valid(), form.errors
    values, drop = form.values()
    assert "existing_power_kw" not in values
    assert drop == {"existing_power_kw"}


def test_condition_on_field_of_another_step_uses_draft_data():
    later = step(spec("text", "representative", condition={"field": "by_rep", "equals": "True"}))
    assert StepForm(data={}, step=later, base_data={"by_rep": False}).is_valid()
    assert not StepForm(data={}, step=later, base_data={"by_rep": True}).is_valid()


def test_step_validation_does_not_touch_other_steps():
    schema = {"steps": [step(spec("text", "a")), step(spec("text", "b"))]}
    form = StepForm(data={"b": "x"}, step=schema["steps"][1], base_data={})
    assert form.is_valid()
    assert set(form.fields) == {"b"}
    problems = validate_all(schema, {"b": "x"}, "individual", {})
    assert list(problems) == [0]


def test_back_does_not_enforce_required_but_checks_format():
    s = step(spec("text", "a"), spec("snils", "snils"))
    assert StepForm(data={}, step=s, enforce_required=False).is_valid()
    assert not StepForm(data={"snils": "123"}, step=s, enforce_required=False).is_valid()


def test_required_document_slot_per_legal_form():
    schema = {
        "steps": [
            step(
                spec("document", "passport", legal_forms=["individual"]),
                spec("document", "egrul", legal_forms=["legal_entity"]),
            )
        ]
    }
    assert validate_all(schema, {}, "individual", {})[0].keys() == {"passport"}
    assert validate_all(schema, {}, "legal_entity", {})[0].keys() == {"egrul"}
    assert validate_all(schema, {}, "individual", {"passport": 1}) == {}


def test_clean_data_keeps_only_schema_fields_that_are_shown():
    schema = {"steps": [CONDITIONAL]}
    data = {"reason": "new", "existing_power_kw": "5", "junk": 1}
    assert clean_data(schema, data) == {"reason": "new"}


def test_parse_choices():
    assert registry.parse_choices("I|I категория\n\nII") == [["I", "I категория"], ["II", "II"]]


def test_editor_mistakes_are_reported():
    from django.core.exceptions import ValidationError

    from lk_plugin.formbuilder.blocks import check_schema

    schema = {
        "steps": [
            step(spec("text", "a"), spec("text", "a")),
            step(spec("text", "b", condition={"field": "missing", "equals": "1"})),
        ]
    }
    with pytest.raises(ValidationError) as exc:
        check_schema(schema)
    text = " ".join(exc.value.messages)
    assert "«a» уже есть у другого поля" in text and "которого нет в форме (missing)" in text
