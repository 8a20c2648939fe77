from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Bench-only app (installed by lk_site.settings.bench only): baselines, data generator, harness."""

    name = "lk_site.bench"
    label = "lk_bench"
    verbose_name = "Bench"
    default_auto_field = "django.db.models.BigAutoField"
