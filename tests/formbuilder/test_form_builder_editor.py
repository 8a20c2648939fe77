"""Editor-side rules of the form builder: names from labels, picked conditions, checks on save."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError

from lk_plugin.formbuilder import presets
from lk_plugin.formbuilder.blocks import build_schema, steps_block
from lk_plugin.formbuilder.checks import (
    number_template_problems,
    review_days_problems,
    schema_problems,
)
from lk_plugin.formbuilder.conditions import holds, normalize
from lk_plugin.formbuilder.display import is_visible
from lk_plugin.formbuilder.naming import fill_names, slugify_label
from lk_plugin.formbuilder.presets import choices, doc, f, step


def stream(steps):
    return steps_block().to_python(steps)


def schema_of(steps):
    return build_schema(stream(steps))


# --- names ---


def test_names_are_transliterated_from_labels():
    assert slugify_label("Причина обращения") == "prichina_obrashcheniia"
    assert slugify_label("Объём, кВт·ч") == "obem_kvt_ch"
    assert slugify_label("123 кВт") == "field_123_kvt"
    assert len(slugify_label("Наименование присоединяемых энергопринимающих устройств заявителя")) <= 40


def test_empty_names_are_filled_unique_and_saved_names_kept():
    value = stream(
        [
            step(
                "",
                "Объект",
                [
                    f("text", "", "Адрес объекта"),
                    f("text", "", "Адрес объекта"),
                    f("text", "kept_name", "Новая подпись"),
                ],
            )
        ]
    )
    fill_names(value)
    names = [field.value["name"] for field in value[0].value["fields"]]
    assert names == ["adres_obekta", "adres_obekta_2", "kept_name"]
    assert value[0].value["key"] == "obekt"


# --- conditions ---


def test_conditions_all_and_any():
    rules = [{"field": "reason", "equals": "increase"}, {"field": "rep", "equals": "True"}]
    data = {"reason": "increase", "rep": False}
    assert not holds({"mode": "all", "rules": rules}, data)
    assert holds({"mode": "any", "rules": rules}, data)
    assert holds({"mode": "all", "rules": []}, {})


def test_saved_pair_condition_is_read_as_a_picked_one():
    old = {
        "type": "text",
        "value": {
            "label": "ФИО представителя",
            "name": "rep_name",
            "required": True,
            "condition_field": "by_representative",
            "condition_value": "True",
        },
    }
    schema = schema_of([step("a", "Шаг", [f("checkbox", "by_representative", "Представитель"), old])])
    spec = schema["steps"][0]["fields"][1]
    assert spec["conditions"] == {"mode": "all", "rules": [{"field": "by_representative", "equals": "True"}]}
    assert is_visible(spec, {"by_representative": True})
    assert not is_visible(spec, {"by_representative": False})


def test_condition_values_are_normalized():
    assert normalize('{"mode": "any", "rules": [{"field": " a ", "equals": 1}, {"field": ""}]}') == {
        "mode": "any",
        "rules": [{"field": "a", "equals": "1"}],
    }
    assert normalize("not json") == {"mode": "all", "rules": []}


# --- checks on save ---

REASON = f("choice", "reason", "Причина", choices=choices(("new", "Новое"), ("increase", "Увеличение")))


def messages_for(steps, **kwargs):
    return " ".join(schema_problems(schema_of(steps), **kwargs))


def test_condition_on_unknown_field_or_value_is_reported():
    text = messages_for(
        [
            step("a", "Шаг 1", [REASON, f("text", "x", "Икс", when=("missing", "1"))]),
            step("b", "Шаг 2", [f("text", "y", "Игрек", when=("reason", "other"))]),
        ]
    )
    assert "которого нет в форме (missing)" in text
    assert "нет варианта «other»" in text


def test_condition_on_a_later_field_and_a_cycle_are_reported():
    text = messages_for(
        [
            step("a", "Шаг 1", [f("choice", "p", "Пэ", choices=choices(("1", "Да")), when=("q", "1"))]),
            step("b", "Шаг 2", [f("choice", "q", "Ку", choices=choices(("1", "Да")), when=("p", "1"))]),
        ]
    )
    assert "которое идёт ниже" in text
    assert "Условия образуют круг: Пэ → Ку → Пэ" in text or "круг: Ку → Пэ → Ку" in text


def test_empty_choices_duplicate_names_and_slots_for_nobody_are_reported():
    steps = [
        step(
            "a",
            "Шаг",
            [
                f("choice", "c", "Выбор", choices=""),
                f("text", "dup", "Раз"),
                f("text", "dup", "Два"),
                doc("egrul", "Выписка из ЕГРЮЛ", legal_forms=["legal_entity"]),
            ],
        )
    ]
    text = messages_for(steps, legal_forms=["individual"])
    assert "Добавьте варианты ответа" in text
    assert "«dup» уже есть у другого поля" in text
    assert "Выписка из ЕГРЮЛ" in text
    assert "ЕГРЮЛ" not in messages_for(steps, legal_forms=["legal_entity"])


def test_problems_are_shown_on_the_block_that_has_them():
    block = steps_block()
    value = block.to_python(
        [step("a", "Шаг 1", [REASON]), step("b", "Шаг 2", [f("text", "x", "Икс", when=("reason", "other"))])]
    )
    with pytest.raises(StreamBlockValidationError) as exc:
        block.clean(value)
    step_error = exc.value.block_errors[1]
    field_error = step_error.block_errors["fields"].block_errors[0]
    assert "нет варианта «other»" in " ".join(field_error.block_errors["show_when"].messages)
    assert 0 not in exc.value.block_errors


@pytest.mark.parametrize(
    "template, expected",
    [
        ("{seq}ТП/{legal_form}/{connection}/{power_band}/ЛК", None),
        ("{seq:06d}/ЛК", None),
        ("ТП/{legal_form}", "должен содержать {seq}"),
        ("{seq}/{region}", "неизвестная подстановка {region}"),
        ("{seq}/{legal_form", "фигурные скобки"),
        ("{seq}" + "Я" * 95, "слишком длинный"),
        ("{seq!r}", "не поддерживается"),
    ],
)
def test_number_templates(template, expected):
    problems = " ".join(number_template_problems(template))
    if expected is None:
        assert problems == ""
    else:
        assert expected in problems


def test_review_days_are_bounded():
    assert review_days_problems(3) == []
    assert review_days_problems(1000)


# --- presets ---


def test_shipped_presets_pass_their_own_checks():
    for _code, _slug, _title, _parent, _intro, _days, steps in presets.FORMS:
        assert schema_problems(schema_of(steps)) == []


def test_tp_preset_covers_pp861_and_the_seeds():
    schema = schema_of(presets.TP_STEPS)
    fields = {spec["name"]: spec for s in schema["steps"] for spec in s["fields"] if spec.get("name")}
    # ПП 861 п. 9 and seed 003
    for name in (
        "has_account",
        "account_number",
        "passport_number",
        "passport_issued_on",
        "passport_issued_by",
        "devices_name",
        "object_address",
        "max_power_kw",
        "existing_power_kw",
        "connection_points",
        "load_character",
        "reliability_category",
        "voltage_level",
        "stages",
        "retail_company",
        "price_category",
        "site_plan",
        "title_document",
    ):
        assert name in fields, name
    assert [v for v, _label in fields["connection_type"]["choices"]] == [
        "permanent",
        "temporary",
        "temporary_mobile",
    ]
    assert {"new", "increase", "category_change", "point_change", "redistribution"} <= {
        v for v, _label in fields["reason"]["choices"]
    }
    assert fields["account_number"]["conditions"]["rules"] == [{"field": "has_account", "equals": "yes"}]
    assert fields["passport_number"]["legal_forms"] == ["individual"]


def test_check_schema_raises_for_the_page():
    from lk_plugin.formbuilder.blocks import check_schema

    with pytest.raises(ValidationError):
        check_schema(schema_of([step("a", "Шаг", [f("choice", "c", "Выбор", choices="")])]))
