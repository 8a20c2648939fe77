"""StreamField blocks editors build application forms from: steps, each a stream of registry fields."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import registry


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Название шага"), max_length=120)
    key = blocks.RegexBlock(
        regex=r"^[a-z][a-z0-9_]{0,63}$",
        required=False,
        label=_("Ключ шага"),
        help_text=_("Латиница; пусто — step1, step2…"),
        error_messages={"invalid": _("Только строчная латиница, цифры и «_».")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(
            [("fields", blocks.StreamBlock(registry.stream_blocks(), label=_("Поля"), required=False))],
            *args,
            **kwargs,
        )

    class Meta:
        icon = "form"
        label = _("Шаг")


def steps_block():
    return blocks.StreamBlock([("step", StepBlock())], required=False)


def build_schema(steps) -> dict:
    """FormVersion.schema (format: formbuilder/display.py) from the page's `steps` StreamField value."""
    result = []
    for index, step in enumerate(steps or []):
        value = step.value
        fields = []
        for field in value.get("fields") or []:
            fields.append(registry.get(field.block_type).schema(field.value) | {"type": field.block_type})
        result.append(
            {
                "key": value.get("key") or f"step{index + 1}",
                "title": value.get("title") or "",
                "fields": fields,
            }
        )
    return {"steps": result}


def check_schema(schema: dict) -> None:
    """Editor mistakes that would break the wizard: duplicate names, conditions on unknown fields."""
    seen, errors = set(), []
    for step in schema["steps"]:
        for field in step["fields"]:
            name = field.get("name")
            if not name:
                continue
            if name in seen:
                errors.append(_("Имя поля «%(name)s» повторяется.") % {"name": name})
            seen.add(name)
    for step in schema["steps"]:
        for field in step["fields"]:
            condition = field.get("condition")
            if condition and condition["field"] not in seen:
                errors.append(
                    _("Условие поля «%(label)s» ссылается на неизвестное поле «%(field)s».")
                    % {"label": field.get("label") or field.get("name"), "field": condition["field"]}
                )
    if errors:
        raise ValidationError({"steps": errors})
