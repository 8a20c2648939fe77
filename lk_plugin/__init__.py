"""lk_plugin — «Личный кабинет» of a grid company as a pluggable Wagtail extension.

Add ``*lk_plugin.LK_APPS`` to INSTALLED_APPS, ``path("", include("lk_plugin.urls"))`` to the root
urls before Wagtail's, and ``{% load lk_plugin %}{% lk_login_widget %}`` to the site header.
"""

LK_APPS = [
    "lk_plugin",
    "lk_plugin.core",
    "lk_plugin.accounts",
    "lk_plugin.notifications",
    "lk_plugin.applications",
    "lk_plugin.appeals",
    "lk_plugin.messaging",
    "lk_plugin.metering",
    "lk_plugin.outages",
    "lk_plugin.calculator",
    "lk_plugin.surveys",
]
