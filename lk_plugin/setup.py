"""What ``manage.py lk_setup`` does: the staff groups with their permissions and the ready pages.

Both parts are idempotent. Groups are brought to exactly the permissions listed in
``lk_plugin/core/permissions.py`` (a permission a host added by hand to these two groups is removed on
the next run; give it another group instead).
Pages are created only when no page of that kind exists yet: an editor's page is never touched.

A feature with its own page adds a builder to ``PAGE_BUILDERS`` (``def build(parent) -> (page, created)``).
"""

import copy

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from lk_plugin.core.permissions import (
    EDITOR_GROUP,
    EDITOR_IMAGE_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    EDITOR_PERMISSIONS,
    STAFF_GROUP,
    STAFF_PERMISSIONS,
)
from lk_plugin.core.permissions import permissions as _permissions
from lk_plugin.formbuilder.presets_admin import free_slug


@transaction.atomic
def setup_groups() -> dict[str, Group]:
    """Create or update «Специалисты» and «Редакторы» with exactly their permissions."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    specialists, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    specialists.permissions.set(_permissions(STAFF_PERMISSIONS))
    GroupPagePermission.objects.filter(group=specialists).delete()

    editors, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    editors.permissions.set(_permissions(EDITOR_PERMISSIONS))
    root = Page.get_first_root_node()
    if root is not None:
        page_perms = _permissions([("wagtailcore", c) for c in EDITOR_PAGE_PERMISSIONS])
        GroupPagePermission.objects.filter(group=editors).exclude(
            page=root, permission__in=page_perms
        ).delete()
        for permission in page_perms:
            GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=permission)
    collection = Collection.get_first_root_node()
    if collection is not None:
        image_perms = _permissions([("wagtailimages", c) for c in EDITOR_IMAGE_PERMISSIONS])
        for permission in image_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=collection, permission=permission
            )
    return {"specialists": specialists, "editors": editors}


# --- pages ---


def _model(name):
    return apps.get_model("lk_contrib_pages", name)


def _add(parent, page):
    page.slug = free_slug(parent, page.slug or slugify(page.title, allow_unicode=True))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_form_pages(parent):
    """One ApplicationFormPage per preset (ТП per ПП 861 and the five other kinds)."""
    from lk_plugin.applications.models import ApplicationKind
    from lk_plugin.formbuilder.presets import CONFIRMATION, FORMS

    Page = _model("ApplicationFormPage")
    results = []
    for code, slug, title, parent_hint, intro, review_days, steps in FORMS:
        kind = ApplicationKind.objects.filter(code=code).first()
        if kind is None:
            continue
        existing = Page.objects.filter(kind=kind).first()
        if existing is not None:
            results.append((existing, False))
            continue
        under = parent.get_children().filter(slug=parent_hint).first() or parent
        page = Page(
            title=title,
            slug=slug,
            kind=kind,
            intro=intro,
            review_days=review_days,
            confirmation_text=CONFIRMATION,
            signature_enabled=code == "technological_connection",
            # A copy: the page's StreamValue keeps the list it is given.
            steps=copy.deepcopy(steps),
            show_in_menus=False,
        )
        results.append((_add(under.specific, page), True))
    return results


def build_appeal_page(parent):
    Page = _model("AppealFormPage")
    existing = Page.objects.first()
    if existing is not None:
        return [(existing, False)]
    page = Page(
        title="Обращение в сетевую организацию",
        slug="obrashchenie",
        intro="<p>Задайте вопрос, сообщите о бездоговорном потреблении или оставьте жалобу. "
        "Ответ — в течение 30 дней.</p>",
    )
    return [(_add(parent, page), True)]


def build_outage_page(parent):
    Page = _model("OutageSchedulePage")
    existing = Page.objects.first()
    if existing is not None:
        return [(existing, False)]
    page = Page(
        title="Плановые отключения",
        slug="otklyucheniya",
        show_in_menus=True,
        intro="График плановых и аварийных отключений электроэнергии. Найдите свой адрес, "
        "добавьте отключения в календарь или подпишитесь на письма.",
    )
    return [(_add(parent, page), True)]


def build_calculator_page(parent):
    from lk_plugin.calculator.models import RateTable

    Page = _model("CalculatorPage")
    existing = Page.objects.first()
    if existing is not None:
        return [(existing, False)]
    region = RateTable.objects.order_by("-year").values_list("region", flat=True).first()
    tp_page = _model("ApplicationFormPage").objects.filter(kind__code="technological_connection").first()
    page = Page(
        title="Калькулятор стоимости присоединения",
        slug="kalkulyator",
        show_in_menus=True,
        region=region or "Регион сетевой организации",
        intro="Предварительный расчёт платы за технологическое присоединение по ставкам регулятора.",
        application_page=tp_page,
    )
    return [(_add(parent, page), True)]


def build_survey_page(parent):
    """The quality survey from its preset (the «completed» notification invites applicants to it)."""
    from lk_plugin.formbuilder.presets import SURVEY, SURVEY_QUESTIONS

    Page = _model("SurveyPage")
    existing = Page.objects.first()
    if existing is not None:
        return [(existing, False)]
    page = Page(
        title=SURVEY["title"],
        slug=SURVEY["key"],
        intro=SURVEY["intro"],
        questions=copy.deepcopy(SURVEY_QUESTIONS),
        show_in_menus=False,
    )
    return [(_add(parent, page), True)]


#: Called in order with the parent page; each returns [(page, created), ...]. The calculator comes
#: after the forms: its «Подать заявку» leads to the ТП form page.
PAGE_BUILDERS = [
    build_form_pages,
    build_appeal_page,
    build_outage_page,
    build_calculator_page,
    build_survey_page,
]


def default_parent():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise LookupError("Нет сайта по умолчанию (Site с is_default_site): укажите --parent.")
    return site.root_page.specific


@transaction.atomic
def setup_pages(parent=None) -> list[tuple]:
    """Create the missing contrib pages under *parent* (default: the default site's root page)."""
    if not apps.is_installed("lk_plugin.contrib.pages"):
        raise LookupError("Приложение lk_plugin.contrib.pages не подключено (INSTALLED_APPS).")
    parent = parent or default_parent()
    results = []
    for build in PAGE_BUILDERS:
        results.extend(build(parent))
    return results
