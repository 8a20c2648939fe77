"""Demo content for `make run`, loaded by `manage.py lk_demo` step by step; every step is idempotent.

A feature adds a module here with ``def load(ctx)`` and lists it in STEPS.
"""

STEPS = [
    "lk_site.demo.users",
    "lk_site.demo.pages",
    "lk_site.demo.staff",
]
