from types import SimpleNamespace

from lk_plugin.formbuilder.display import application_sections

SCHEMA = {
    "steps": [
        {
            "key": "tech",
            "title": "Технические данные",
            "fields": [
                {
                    "name": "connection_type",
                    "type": "choice",
                    "label": "Тип присоединения",
                    "choices": [["permanent", "Постоянное"], ["temporary", "Временное"]],
                },
                {
                    "name": "temp_until",
                    "type": "date",
                    "label": "До какой даты",
                    "condition": {"field": "connection_type", "equals": "temporary"},
                },
                {"name": "hint", "type": "info", "label": "Подсказка"},
                {"name": "plan", "type": "document", "label": "План расположения"},
            ],
        }
    ]
}


def app(data):
    return SimpleNamespace(form_version_id=1, form_version=SimpleNamespace(schema=SCHEMA), data=data)


def test_choices_show_labels_and_hidden_fields_are_skipped():
    [section] = application_sections(
        app({"connection_type": "permanent", "temp_until": "2026-12-01"}), documents=[]
    )
    assert section["title"] == "Технические данные"
    assert [(f["label"], f["value"]) for f in section["fields"]] == [("Тип присоединения", "Постоянное")]
    assert section["documents"][0]["label"] == "План расположения"


def test_conditional_field_shown_when_condition_holds():
    doc = SimpleNamespace(slot="plan", original_name="plan.pdf")
    [section] = application_sections(
        app({"connection_type": "temporary", "temp_until": "2026-12-01"}), documents=[doc]
    )
    assert ("До какой даты", "01.12.2026") in [(f["label"], f["value"]) for f in section["fields"]]
    assert section["documents"][0]["files"] == [doc]
