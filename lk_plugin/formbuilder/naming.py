"""Machine names of fields and steps, derived from what the editor typed (the label).

The same transliteration runs in the page editor (static/lk_plugin/js/formbuilder_admin.js) so a
condition can refer to a field that has not been saved yet; the server fills what is still empty.
"""

import re

_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip

#: Longest derived name (the RegexBlock allows 64; a few characters stay for the «_2» suffix).
MAX_LENGTH = 40
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def slugify_label(label: str, fallback: str = "field") -> str:
    """«Причина обращения» → ``prichina_obrashcheniia``; a name that starts with a letter."""
    text = "".join(_TABLE.get(ch, ch) for ch in (label or "").lower())
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH].rsplit("_", 1)[0] or text[:MAX_LENGTH]
    if not text or not text[0].isalpha():
        text = f"{fallback}_{text}".strip("_")
    return text


def unique_name(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name = f"{base}_{n}"
        n += 1
    return name


def fill_names(steps) -> list[str]:
    """Give every step and value field of a page's ``steps`` StreamValue a name if it has none.

    Mutates the stream in place (the page saves what it got) and returns the names that were set.
    Existing names are never changed: applications already keep data under them.
    """
    from . import registry

    taken = set()
    for step in steps or []:
        for field in step.value.get("fields") or []:
            if field.value.get("name"):
                taken.add(field.value["name"])
    step_keys = {s.value.get("key") for s in steps or [] if s.value.get("key")}
    created = []
    for step in steps or []:
        if not step.value.get("key") and step.value.get("title"):
            key = unique_name(slugify_label(step.value["title"], "step"), step_keys)
            step.value["key"] = key
            step_keys.add(key)
        for field in step.value.get("fields") or []:
            field_type = registry.get(field.block_type)
            if not (field_type.has_value or field_type.is_document) or field.value.get("name"):
                continue
            name = unique_name(slugify_label(field.value.get("label") or "", "field"), taken)
            field.value["name"] = name
            taken.add(name)
            created.append(name)
    return created
