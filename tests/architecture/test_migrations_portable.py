"""Migrations run on every supported Wagtail: WAGTAIL_PAGE_MODEL exists only from Wagtail 8 on."""

import re
from pathlib import Path

import lk_plugin

ROOT = Path(lk_plugin.__file__).parent


def test_no_migration_reads_wagtail_page_model_without_a_default():
    """`makemigrations` on Wagtail 8 writes ``settings.WAGTAIL_PAGE_MODEL``; on Wagtail 7 that setting
    does not exist and the host's `migrate` fails (the foreign-host check caught one). Migrations read
    it with ``getattr(settings, "WAGTAIL_PAGE_MODEL", "wagtailcore.Page")``."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("**/migrations/*.py")
        if re.search(r"settings\.WAGTAIL_PAGE_MODEL", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
