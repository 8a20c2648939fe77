"""lk_plugin — «Личный кабинет» of a grid company as a pluggable Wagtail extension.

A host configures it with ``from lk_plugin.settings import configure; configure(globals())`` at the end
of its settings, ``urlpatterns = lk_urlpatterns(urlpatterns)`` (``lk_plugin.urls``) at the end of its
urls, ``{% load lk_plugin %}{% lk_login_widget %}`` right after ``<body>`` and ``manage.py lk_setup``
(README «Подключение к существующему сайту Wagtail», docs/install.md).
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
]
