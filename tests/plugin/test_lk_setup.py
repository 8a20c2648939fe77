"""manage.py lk_setup: the ready pages and the two staff groups, idempotent."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from lk_plugin.applications.models import Application
from lk_plugin.calculator.models import RateTable
from lk_plugin.contrib.pages.models import (
    AppealFormPage,
    ApplicationFormPage,
    CalculatorPage,
    OutageSchedulePage,
)
from lk_plugin.core.permissions import EDITOR_GROUP, STAFF_GROUP
from lk_plugin.formbuilder.presets import FORMS, TP_STEPS
from tests.factories import user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches the site root paths: another test's site must not leak into page.url."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def run(*args):
    out = io.StringIO()
    call_command("lk_setup", *args, stdout=out)
    return out.getvalue()


def site_root():
    return Site.objects.get(is_default_site=True).root_page


def test_creates_every_ready_page_under_the_site_root_published():
    run()
    root = site_root()
    forms = ApplicationFormPage.objects.live().descendant_of(root)
    assert sorted(forms.values_list("kind__code", flat=True)) == sorted(code for code, *_ in FORMS)
    tp = forms.get(kind__code="technological_connection")
    assert len(tp.steps) == len(TP_STEPS) == 7 and tp.signature_enabled
    for model in (AppealFormPage, OutageSchedulePage, CalculatorPage):
        assert model.objects.live().child_of(root).count() == 1
    assert CalculatorPage.objects.get().application_page_id == tp.pk


def test_pages_answer_on_the_site(client):
    run()
    for page in Page.objects.type(
        ApplicationFormPage, AppealFormPage, OutageSchedulePage, CalculatorPage
    ).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()


def test_second_run_changes_nothing_and_leaves_edited_pages_alone():
    run()
    tp = ApplicationFormPage.objects.get(kind__code="technological_connection")
    tp.title = "Заявка на ТП (наша редакция)"
    tp.save_revision().publish()
    count = Page.objects.count()
    out = run()
    assert Page.objects.count() == count
    assert ApplicationFormPage.objects.get(pk=tp.pk).title == "Заявка на ТП (наша редакция)"
    assert "уже есть" in out and "создана" not in out


def test_existing_page_of_a_kind_elsewhere_is_not_duplicated():
    root = site_root()
    section = root.add_child(instance=Page(title="Услуги", slug="uslugi"))
    section.add_child(instance=AppealFormPage(title="Наше обращение", slug="nashe"))
    run()
    assert AppealFormPage.objects.count() == 1


def test_parent_option_by_path_and_slug_clash():
    root = site_root()
    section = root.add_child(instance=Page(title="Услуги", slug="uslugi"))
    section.add_child(instance=Page(title="Чужая страница", slug="otklyucheniya"))
    run("--parent", "/uslugi/")
    page = OutageSchedulePage.objects.get()
    assert page.get_parent().pk == section.pk and page.slug == "otklyucheniya-2"
    with pytest.raises(CommandError, match="не найдена"):
        run("--parent", "/net-takoy/")


def test_skip_pages_makes_groups_only():
    run("--skip-pages")
    assert not ApplicationFormPage.objects.exists()
    assert set(Group.objects.values_list("name", flat=True)) >= {STAFF_GROUP, EDITOR_GROUP}


def test_editors_add_edit_publish_pages_and_rate_tables_but_not_applications():
    run("--skip-pages")
    editor = user("ed@example.ru", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    editor = type(editor).objects.get(pk=editor.pk)
    perms = site_root().permissions_for_user(editor)
    assert perms.can_add_subpage() and perms.can_edit() and perms.can_publish()
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("lk_calculator.change_ratetable") and editor.has_perm("lk_calculator.add_raterow")
    assert editor.has_perm("lk_outages.change_outage")
    assert not editor.has_perm("lk_applications.view_application")
    assert not editor.has_perm("lk_appeals.change_appeal")


def test_specialists_process_applications_but_edit_no_pages():
    run("--skip-pages")
    person = user("sp@example.ru", is_staff=True)
    person.groups.add(Group.objects.get(name=STAFF_GROUP))
    person = type(person).objects.get(pk=person.pk)
    assert person.has_perm("lk_applications.change_application") and person.has_perm(
        "lk_appeals.change_appeal"
    )
    assert not site_root().permissions_for_user(person).can_add_subpage()
    assert not person.has_perm("lk_calculator.change_ratetable")


def test_groups_are_brought_back_to_exactly_their_permissions():
    run("--skip-pages")
    editors = Group.objects.get(name=EDITOR_GROUP)
    stray = Permission.objects.get(content_type__app_label="lk_applications", codename="change_application")
    editors.permissions.add(stray)
    run("--skip-pages")
    assert not editors.permissions.filter(pk=stray.pk).exists()


def test_calculator_takes_the_region_of_an_existing_rate_table():
    RateTable.objects.create(region="Тверская область", year=2026, title="Ставки", is_published=True)
    run()
    assert CalculatorPage.objects.get().region == "Тверская область"
    assert Application.objects.count() == 0
