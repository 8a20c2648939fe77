"""Bench-only models: the wagtail.contrib.forms baseline of P3, the one-INSERT row of P4, the dataset mark."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField


class BenchFormField(AbstractFormField):
    page = ParentalKey("BenchFormPage", on_delete=models.CASCADE, related_name="form_fields")


class BenchFormPage(AbstractForm):
    """P3 baseline: Wagtail's own form page with the fields of the ТП form's «Технические данные» step."""

    template = "lk_bench/form_page.html"
    landing_page_template = "lk_bench/form_page_landing.html"


class BenchInsert(models.Model):
    """P4 baseline: a bare view inserts one of these per request."""

    label = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.label


class BenchDataset(models.Model):
    """What the generator has loaded (seed + scale), so a second run skips the slow part."""

    key = models.CharField(max_length=100, unique=True)
    info = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
