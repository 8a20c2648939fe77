"""«Создать из шаблона»: adding a form page first offers the presets shipped with the plugin.

Wagtail's add-page flow calls the ``before_create_page`` hook; for a form page kind it shows the
presets (and «Пустая форма»). Choosing one creates a draft page from it under the chosen parent and
opens it in the page editor, where the editor changes whatever they like before publishing.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

BLANK_PARAM = "blank"


def templates_for(page_class) -> list[dict]:
    """Presets a page class can start from (the class may list its own in ``lk_templates``)."""
    source = getattr(page_class, "lk_templates", None)
    return source() if callable(source) else []


def free_slug(parent, slug):
    """*slug*, or *slug*-2, -3 … when a sibling under *parent* already has it."""
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


@transaction.atomic
def page_create_from_template(*, parent, page_class, key: str, user):
    """A draft page of *page_class* under *parent* built from the preset *key* (never published)."""
    if not parent.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    preset = next((t for t in templates_for(page_class) if t["key"] == key), None)
    if preset is None:
        raise LookupError(key)
    page = page_class.lk_page_from_template(preset)
    page.owner = user
    page.live = False
    page.slug = free_slug(parent, page.slug or slugify(page.title, allow_unicode=True))
    # A copy: the page's StreamValue keeps the list it is given.
    for stream in ("steps", "questions"):
        if stream in preset:
            setattr(page, stream, copy.deepcopy(preset[stream]))
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


def before_create_page(request, parent_page, page_class):
    """Hook: the template choice before Wagtail's empty create form (skipped with ?blank=1)."""
    choices = templates_for(page_class)
    if not choices or request.method != "GET" or request.GET.get(BLANK_PARAM):
        return None
    return TemplateResponse(
        request,
        "lk_plugin/formbuilder/admin/choose_template.html",
        {
            "parent_page": parent_page,
            "page_class": page_class,
            "verbose_name": page_class._meta.verbose_name,
            "templates": choices,
            "blank_url": f"{request.path}?{BLANK_PARAM}=1",
            "create_url": reverse(
                "lk_form_template_create",
                args=[page_class._meta.app_label, page_class._meta.model_name, parent_page.pk],
            ),
        },
    )


@require_POST
def create_from_template(request, app_label, model_name, parent_id):
    from django.contrib.contenttypes.models import ContentType

    content_type = get_object_or_404(ContentType, app_label=app_label, model=model_name)
    page_class = content_type.model_class()
    if page_class is None or not issubclass(page_class, Page):
        raise PermissionDenied
    parent = get_object_or_404(Page, pk=parent_id).specific
    if not page_class.can_create_at(parent):
        raise PermissionDenied
    try:
        page = page_create_from_template(
            parent=parent, page_class=page_class, key=request.POST.get("template", ""), user=request.user
        )
    except LookupError:
        messages.error(request, _("Такого шаблона нет: выберите шаблон из списка."))
        return redirect("wagtailadmin_pages:add", app_label, model_name, parent.pk)
    messages.success(
        request,
        _("Страница «%(title)s» создана из шаблона как черновик. Проверьте её и опубликуйте.")
        % {"title": page.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def admin_urls():
    return [
        path(
            "lk/form-templates/<str:app_label>/<str:model_name>/<int:parent_id>/",
            create_from_template,
            name="lk_form_template_create",
        )
    ]
