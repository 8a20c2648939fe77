"""Demo application forms (ТП in 7 steps per manual 004 and the five kinds of manual 002) and a few
submitted applications of the demo applicant in different statuses."""

import copy

from django.core.files.base import ContentFile
from django.db import transaction

from lk_plugin.applications.flows import application_change_status, application_submit
from lk_plugin.applications.models import Application, ApplicationDocument, ApplicationKind
from lk_plugin.contrib.pages.models import ApplicationFormPage
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.formbuilder import flows as form_flows
from lk_plugin.formbuilder.presets import CONFIRMATION, FORMS, TP_STEPS


def _form_page(parent, *, kind, slug, title, intro, review_days, steps):
    page = ApplicationFormPage.objects.filter(slug=slug).first()
    if page is None:
        page = parent.add_child(
            instance=ApplicationFormPage(title=title, slug=slug, kind=kind, show_in_menus=False)
        )
    page.title, page.kind, page.intro, page.review_days = title, kind, intro, review_days
    page.number_template = ""
    page.confirmation_text = CONFIRMATION
    page.signature_enabled = kind.code == "technological_connection"
    # A copy: the page's StreamValue keeps the raw list it is given, so code that edits the page's
    # steps in place (an editor flow, a test) would otherwise rewrite TP_STEPS/FORMS for every later load.
    page.steps = copy.deepcopy(steps)
    page.save_revision().publish()
    return page


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

TP_DEMO = [
    (
        "submitted",
        {"reason": "new", "max_power_kw": "15", "object_name": "Жилой дом", "connection_type": "permanent"},
    ),
    (
        "in_progress",
        {"reason": "increase", "max_power_kw": "30", "existing_power_kw": "15", "object_name": "Баня"},
    ),
    ("needs_info", {"reason": "new", "max_power_kw": "10", "object_name": "Садовый дом"}),
    ("completed", {"reason": "new", "max_power_kw": "12", "object_name": "Гараж"}),
]

TP_BASE = {
    "object_address": "Московская обл., д. Берёзки, ул. Полевая, уч. 12",
    "cadastral_number": "50:20:0010101:123",
    "connection_type": "permanent",
    "reliability_category": "III",
    "voltage_level": "0.4",
    "retail_company": "gp1",
    "contract_type": "supply",
    "payment_terms": "full",
}


def _demo_applications(ctx, page):
    user = ctx.users["applicant"]
    if Application.objects.owned_by(user).filter(form_page=page).exists():
        return
    staff = ctx.users["staff"]
    for status, data in TP_DEMO:
        with transaction.atomic():
            application = form_flows.draft_create(page=page, user=user)
            application.data = {**application.data, **TP_BASE, **data}
            application.visited_steps = list(range(len(TP_STEPS)))
            application.save()
            for slot in ("passport", "title_document", "site_plan"):
                document = ApplicationDocument(
                    application=application,
                    slot=slot,
                    original_name=f"{slot}.pdf",
                    size=len(PDF_BYTES),
                    uploaded_by=user,
                )
                document.file.save(f"{slot}.pdf", ContentFile(PDF_BYTES), save=False)
                document.save()
            application = application_submit(application=application, user=user, request_meta=RequestMeta())
            if status in ("in_progress", "needs_info", "completed"):
                application = application_change_status(
                    application=application, to_status="in_progress", actor=staff, notify_owner=False
                )
            if status == "needs_info":
                application_change_status(
                    application=application,
                    to_status="needs_info",
                    actor=staff,
                    reason="Приложите план расположения с подписью.",
                    notify_owner=False,
                )
            if status == "completed":
                application_change_status(
                    application=application, to_status="completed", actor=staff, notify_owner=False
                )
    # One draft to resume.
    draft = form_flows.draft_create(page=page, user=user)
    draft.data = {**draft.data, "object_name": "Летняя кухня"}
    draft.save()


def load_forms(ctx) -> dict:
    """The form pages only (tests use this without the demo applications)."""
    pages = {}
    for code, slug, title, parent_slug, intro, review_days, steps in FORMS:
        kind = ApplicationKind.objects.get(code=code)
        parent = ctx.pages.get(parent_slug) or ctx.home
        pages[code] = _form_page(
            parent, kind=kind, slug=slug, title=title, intro=intro, review_days=review_days, steps=steps
        )
    ctx.pages["form_tp"] = pages["technological_connection"]
    ctx.pages["forms"] = pages
    return pages


def load(ctx):
    pages = load_forms(ctx)
    _demo_applications(ctx, pages["technological_connection"])
    ctx.say(f"Форма заявки на ТП: {pages['technological_connection'].url}")
