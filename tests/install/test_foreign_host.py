"""The wheel on a site that is not ours: Django 6.0 + Wagtail 7.4, its own base template and blocks.

A ``wagtail start`` project first made into a site of its own, the way a utility's real site looks
before the plugin arrives: a base template with only ``{% block content %}`` and differently named
blocks (``css``, ``js``; no ``extra_css``/``extra_js``, no ``body_class``), a global reset
stylesheet, a home page model with its own StreamField blocks and migration, published content.
Then the plugin is added exactly as README «Подключение к существующему сайту Wagtail» says, the
site puts the plugin's login block into its own StreamField (a second migration of its own), and
the same journey as on the stock host runs over HTTP; a browser checks what HTTP cannot: the
signup shows only the chosen legal form's fields (the plugin's JS runs without ``extra_js``), the
widget and the pages are styled (the person icon stays icon-sized), the wizard's conditions work.

The host's stack: ``LK_FOREIGN_PINS`` (default ``Django~=6.0.0 wagtail~=7.4.0``) on a Python 3.12+
(``LK_FOREIGN_PYTHON``, else this interpreter or one found on PATH/pyenv). It nearly doubles the
install check, so it runs apart: ``make install-check-foreign`` (LK_INSTALL_FOREIGN=1), called by
``.ci/run`` after ``make install-check``.
"""

import os

import pytest

from . import hosting
from .conftest import slow

PINS = os.environ.get("LK_FOREIGN_PINS", "Django~=6.0.0 wagtail~=7.4.0").split()

BASE_HTML = """\
{% load static wagtailcore_tags %}<!DOCTYPE html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{% block title %}{{ page.title }}{% endblock %} · Горэлектросеть</title>
  <link rel="stylesheet" href="{% static 'css/gorset.css' %}">
  {% block css %}{% endblock %}
</head>
<body class="gs">
  <header class="gs-header"><a class="gs-logo" href="/">Горэлектросеть</a></header>
  <main class="gs-main">{% block content %}{% endblock %}</main>
  <footer class="gs-footer">© АО «Горэлектросеть»</footer>
  <script src="{% static 'js/gorset.js' %}"></script>
  {% block js %}{% endblock %}
</body>
</html>
"""

#: A global reset of the kind real sites carry: the plugin's zero-specificity styles must survive it.
SITE_CSS = """\
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 18px; }
body { margin: 0; font-family: Georgia, serif; line-height: 1.5; color: #222; }
img, svg, video { display: block; max-width: 100%; height: auto; }
svg { width: 100%; } /* a blunt host rule the widget icon must survive */
input, select, textarea, button { font: inherit; }
.gs-header { display: flex; align-items: center; padding: 12px 24px; background: #123; }
.gs-logo { color: #fff; font-weight: bold; }
.gs-main { max-width: 1100px; margin: 0 auto; padding: 24px; }
.gs-notice { border-left: 4px solid #c60; padding: 8px 16px; background: #fff6e5; }
"""

SITE_JS = "document.documentElement.classList.add('gs-js');\n"

MODELS = """\
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page


class NoticeBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    text = blocks.TextBlock()

    class Meta:
        template = "home/blocks/notice.html"
        icon = "warning"


SITE_BLOCKS = [
    ("heading", blocks.CharBlock(form_classname="title")),
    ("paragraph", blocks.RichTextBlock()),
    ("notice", NoticeBlock()),
]


class HomePage(Page):
    lead = models.CharField(max_length=255, blank=True)
    body = StreamField(SITE_BLOCKS, blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
"""

#: After the plugin: the site adds the plugin's login block to its own StreamField.
MODELS_WITH_PLUGIN_BLOCK = MODELS.replace(
    "from wagtail.models import Page\n",
    "from wagtail.models import Page\n\nfrom lk_plugin.blocks import LK_PAGE_BLOCKS\n",
).replace('    ("notice", NoticeBlock()),\n]', '    ("notice", NoticeBlock()),\n    *LK_PAGE_BLOCKS,\n]')
assert MODELS_WITH_PLUGIN_BLOCK.count("LK_PAGE_BLOCKS") == 2

HOME_HTML = """\
{% extends "base.html" %}
{% load static wagtailcore_tags %}
{% block css %}<link rel="stylesheet" href="{% static 'css/gorset-home.css' %}">{% endblock %}
{% block content %}
<h1>{{ page.title }}</h1>
{% if page.lead %}<p class="gs-lead">{{ page.lead }}</p>{% endif %}
{% for block in page.body %}<section class="gs-block gs-block--{{ block.block_type }}">{% include_block block %}</section>{% endfor %}
{% endblock %}
"""

NOTICE_HTML = '<div class="gs-notice"><strong>{{ value.title }}</strong><p>{{ value.text }}</p></div>\n'

#: The site's content before the plugin arrives.
FILL_SITE = """
from home.models import HomePage
home = HomePage.objects.get(depth=2)
home.title = "Горэлектросеть"
home.lead = "Электроснабжение города"
home.body = [
    ("heading", "Новости"),
    ("notice", {"title": "Плановые работы", "text": "10 марта с 9:00 до 17:00, ул. Ленина"}),
    ("paragraph", "<p>Мы обслуживаем 120 тысяч абонентов.</p>"),
]
home.save_revision().publish()
"""

ADD_LOGIN_BLOCK = """
from home.models import HomePage
home = HomePage.objects.get(depth=2)
home.body.append(("lk_login", {"heading": "Личный кабинет", "text": "Заявки на техприсоединение"}))
home.save_revision().publish()
"""


def _make_it_a_site_of_its_own(project):
    package = project / hosting.HOST
    (package / "templates" / "base.html").write_text(BASE_HTML, encoding="utf-8")
    (package / "static" / "css" / "gorset.css").write_text(SITE_CSS, encoding="utf-8")
    (package / "static" / "css" / "gorset-home.css").write_text(".gs-lead { font-size: 1.2rem; }\n")
    (package / "static" / "js").mkdir(parents=True, exist_ok=True)
    (package / "static" / "js" / "gorset.js").write_text(SITE_JS, encoding="utf-8")
    home = project / "home"
    (home / "models.py").write_text(MODELS, encoding="utf-8")
    (home / "templates" / "home" / "home_page.html").write_text(HOME_HTML, encoding="utf-8")
    (home / "templates" / "home" / "blocks").mkdir()
    (home / "templates" / "home" / "blocks" / "notice.html").write_text(NOTICE_HTML, encoding="utf-8")


@pytest.fixture(scope="module")
def host(tmp_path_factory, wheel):
    if os.environ.get("LK_INSTALL_FOREIGN") != "1":
        pytest.skip("a second venv and host: `make install-check-foreign` (LK_INSTALL_FOREIGN=1)")
    python = os.environ.get("LK_FOREIGN_PYTHON") or hosting.python_at_least(12)
    if python is None:
        pytest.skip("Django 6.0 needs Python 3.12+: none found (LK_FOREIGN_PYTHON)")
    work = hosting.workdir(tmp_path_factory, "foreign-host")
    vpy, versions = hosting.make_venv(work, wheel, python, PINS)
    project = hosting.start_project(work, vpy, before_plugin=_make_it_a_site_of_its_own)
    env = hosting.host_env(vpy)
    own = {**env, "DJANGO_SETTINGS_MODULE": f"{hosting.HOST}.settings.dev"}
    # The site as it was before the plugin: its own migration, its own content.
    hosting.run([vpy, "manage.py", "makemigrations", "home"], cwd=project, env=own)
    hosting.run([vpy, "manage.py", "migrate"], cwd=project, env=own)
    hosting.run([vpy, "manage.py", "shell", "-c", FILL_SITE], cwd=project, env=own)
    # The plugin as the README says (the blocks were applied by start_project), then the site puts
    # the plugin's block into its StreamField: a second migration of its own.
    hosting.configure_by_readme(project)
    (project / "home" / "models.py").write_text(MODELS_WITH_PLUGIN_BLOCK, encoding="utf-8")
    hosting.run([vpy, "manage.py", "makemigrations", "home"], cwd=project, env=env)
    hosting.run_readme_commands(project, vpy, env)
    hosting.run([vpy, "manage.py", "shell", "-c", ADD_LOGIN_BLOCK], cwd=project, env=env)
    base, server, log = hosting.serve(work, project, vpy, env)
    yield {
        "work": work,
        "base": base,
        "mail": project / "mail",
        "project": project,
        "python": vpy,
        "env": env,
        "versions": versions,
    }
    hosting.stop(server, log)


def _icon_width(page):
    return page.evaluate("document.querySelector('[data-lk-widget] .lk-icon').getBoundingClientRect().width")


def _widget_styled(page):
    """widget.css applies: the header widget is an inline flex row, its toggle a pill."""
    display = page.evaluate("getComputedStyle(document.querySelector('[data-lk-widget]')).display")
    radius = page.evaluate(
        "getComputedStyle(document.querySelector('[data-lk-widget] .lk-widget__toggle')).borderTopLeftRadius"
    )
    return display == "inline-flex" and radius == "999px"


@slow
def test_wheel_on_a_foreign_site_with_its_own_base_and_blocks(host, page):
    import requests

    base = host["base"]
    assert "Django 6.0" in host["versions"] or os.environ.get("LK_FOREIGN_PINS"), host["versions"]

    # The site's own blocks render next to the plugin's block and widget.
    home = requests.get(base + "/", timeout=60).text
    assert 'class="gs-notice"' in home and "Плановые работы" in home and "gs-block--paragraph" in home
    assert "gs-block--lk_login" in home and "lk-widget--inline" in home

    # In a browser: the widget is styled on the host's pages (a reset that makes svg block-level and
    # auto-sized does not blow the person icon up), both on the home page and the signup page.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/")
    assert page.locator(".gs-notice").is_visible()
    assert 0 < _icon_width(page) <= 24 and _widget_styled(page)

    # Signup: only the chosen legal form's fields (the plugin's script runs without `extra_js`),
    # styled by the plugin's CSS (no `extra_css` needed).
    page.goto(base + "/accounts/signup/")
    assert 0 < _icon_width(page) <= 24 and _widget_styled(page)
    assert page.evaluate("getComputedStyle(document.querySelector('.lk-auth')).maxWidth") == "720px"
    assert page.locator("[name=snils]").is_visible()
    assert not page.locator("[name=inn]").is_visible()
    assert not page.locator("[name=organization_name]").is_visible()
    page.locator("input[name=legal_form][value=legal_entity]").check()
    assert page.locator("[name=organization_name]").is_visible()
    assert page.locator("[name=inn]").is_visible()
    assert not page.locator("[name=snils]").is_visible()

    # The whole journey over HTTP, as on the stock host.
    session, _number = hosting.signup_to_tp_application(base, host["mail"])

    # The wizard in the browser, signed in as that applicant: a new draft, styled, its conditions live.
    page.context.add_cookies([{"name": c.name, "value": c.value, "url": base} for c in session.cookies])
    page.goto(base + "/zayavka-tp/")
    assert 0 < _icon_width(page) <= 24 and _widget_styled(page)
    page.get_by_role("button", name="Заполнить заявку").click()
    page.wait_for_load_state()
    assert page.evaluate("getComputedStyle(document.querySelector('.lk-layout')).display") == "grid"
    assert page.evaluate("getComputedStyle(document.querySelector('.lk-wizard__nav')).display") == "flex"
    form_url = page.url.split("?")[0]
    step0 = {"applicant_snils": "123-456-789 64", "applicant_email": "olga@example.ru"}
    from tests.helpers import TP_STEPS_DATA

    for index, values in enumerate([{**TP_STEPS_DATA[0], **step0}, TP_STEPS_DATA[1]]):
        response = hosting.post(session, form_url, {"step": str(index), "action": "next", **values})
        assert response.status_code == 302, (index, response.text[:3000])
    page.goto(form_url + "?step=2")
    existing = page.locator('[data-lk-field="existing_power_kw"]')
    page.get_by_label("Причина обращения").select_option("increase")
    assert existing.is_visible()
    page.get_by_label("Причина обращения").select_option("new")
    assert not existing.is_visible()


@slow
def test_admin_doors_lead_to_allauth_on_the_foreign_site(host):
    hosting.admin_doors_lead_to_allauth(host["base"])


@slow
def test_foreign_site_passes_the_plugin_checks(host):
    out = hosting.system_checks_output(host["work"])
    assert "lk_plugin." not in out
