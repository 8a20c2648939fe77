from django.db import migrations

KINDS = [
    ("technological_connection", "Технологическое присоединение", "ТП", 10),
    ("meter_readings", "Передача показаний приборов учёта", "ПУ", 20),
    ("meter_admission", "Допуск прибора учёта в эксплуатацию", "ДП", 30),
    ("metering_installation", "Установка (замена) прибора учёта", "УП", 40),
    ("non_contractual_consumption", "Сообщение о бездоговорном потреблении", "БП", 50),
    ("grid_theft", "Сообщение о хищении объектов электросетевого хозяйства", "ХЭ", 60),
]


def seed(apps, schema_editor):
    Kind = apps.get_model("lk_applications", "ApplicationKind")
    for code, title, number_code, ordering in KINDS:
        Kind.objects.get_or_create(code=code, defaults={"title": title, "number_code": number_code, "ordering": ordering})


class Migration(migrations.Migration):
    dependencies = [("lk_applications", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
