"""StreamField blocks editors build application forms from: steps, each a stream of registry fields.

Both streams start collapsed: a step reads «Заявитель» with its field count, a field reads
«Подпись · обязательное · если …» (the editor script adds the count and the summary).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from . import registry
from .checks import located_problems, schema_problems
from .naming import fill_names


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Название шага"), max_length=120)
    key = blocks.RegexBlock(
        regex=r"^[a-z][a-z0-9_]{0,63}$",
        required=False,
        label=_("Служебное имя шага"),
        help_text=_("Составляется из названия при первом сохранении."),
        form_classname="lk-advanced",
        error_messages={"invalid": _("Только строчная латиница, цифры и «_».")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(
            [
                (
                    "fields",
                    blocks.StreamBlock(
                        registry.stream_blocks(), label=_("Поля"), required=False, collapsed=True
                    ),
                )
            ],
            *args,
            **kwargs,
        )

    class Meta:
        icon = "form"
        label = _("Шаг")
        label_format = "{title}"
        form_classname = "lk-step-block"


class StepsBlock(blocks.StreamBlock):
    """The form's steps. On save: empty names are made from labels, then the form is checked and
    each problem is shown on the block where the editor fixes it."""

    def clean(self, value):
        value = super().clean(value)
        fill_names(value)
        problems = located_problems(build_schema(value))
        if problems:
            raise _block_errors(problems)
        return value


def _block_errors(problems) -> StreamBlockValidationError:
    by_step: dict[int, dict] = {}
    for (step_index, field_index, child), message in problems:
        step_errors = by_step.setdefault(step_index, {"own": {}, "fields": {}})
        if field_index is None:
            step_errors["own"].setdefault(child, []).append(message)
        else:
            step_errors["fields"].setdefault(field_index, {}).setdefault(child, []).append(message)
    block_errors = {}
    for step_index, step_errors in by_step.items():
        errors = {name: ValidationError(messages) for name, messages in step_errors["own"].items()}
        if step_errors["fields"]:
            errors["fields"] = StreamBlockValidationError(
                block_errors={
                    index: StructBlockValidationError(
                        block_errors={name: ValidationError(messages) for name, messages in children.items()}
                    )
                    for index, children in step_errors["fields"].items()
                }
            )
        block_errors[step_index] = StructBlockValidationError(block_errors=errors)
    return StreamBlockValidationError(
        block_errors=block_errors,
        non_block_errors=[_("Форма не сохранена: исправьте отмеченные поля в шагах.")],
    )


def steps_block():
    return StepsBlock([("step", StepBlock())], required=False, collapsed=True)


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


def check_schema(schema: dict, *, legal_forms=None) -> None:
    """Editor mistakes that would break the wizard, as one error on the «Шаги» field."""
    errors = schema_problems(schema, legal_forms=legal_forms)
    if errors:
        raise ValidationError({"steps": errors})
