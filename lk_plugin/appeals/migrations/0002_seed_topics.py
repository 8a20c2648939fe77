from django.db import migrations

TOPICS = [
    ("01", "Запрос справочной информации"),
    ("02", "Вопрос по заявке"),
    ("03", "Сообщение о бездоговорном потреблении"),
    ("04", "Качество электроэнергии"),
    ("05", "Жалоба"),
    ("06", "Прочее"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("lk_appeals", "AppealTopic")
    for i, (code, title) in enumerate(TOPICS):
        Topic.objects.get_or_create(code=code, defaults={"title": title, "ordering": (i + 1) * 10})


class Migration(migrations.Migration):
    dependencies = [("lk_appeals", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
