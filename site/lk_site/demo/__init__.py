"""Demo content for `make run`, loaded by `manage.py lk_demo` step by step; every step is idempotent.

A feature adds a module here with ``def load(ctx)`` and lists it in STEPS.
"""

STEPS = [
    "lk_site.demo.users",
    "lk_site.demo.accounts",
    "lk_site.demo.pages",
    "lk_site.demo.metering",
    "lk_site.demo.outages",
    "lk_site.demo.forms",
    "lk_site.demo.calculator",  # after the forms: its «Подать заявку» goes to the ТП form
    "lk_site.demo.cabinet",
    "lk_site.demo.connection",
    "lk_site.demo.staff",
    "lk_site.demo.security",
    "lk_site.demo.survey",
    "lk_site.demo.links",  # last: links every form page from the public section pages
]
