"""Wagtail finds hooks in installed apps' ``wagtail_hooks`` modules; the staff face is not an app of
its own, so its wiring is loaded from here (the base ``lk_plugin`` app, always installed)."""

from lk_plugin.staff import wagtail_hooks  # noqa: F401
