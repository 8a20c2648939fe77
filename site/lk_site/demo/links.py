"""Every form is reachable from the public site: the «Технологическое присоединение» and
«Потребителям» pages list their services as cards (the forms under them, the appeal page, the
outage schedule, the calculator). Runs last, when every page it links exists."""

from wagtail.models import Page

from cms_pages.models import ContentPage
from lk_plugin.contrib.pages.models import (
    AppealFormPage,
    ApplicationFormPage,
    CalculatorPage,
    OutageSchedulePage,
)

#: page slug → extra pages (by model) listed after the forms under it.
EXTRA = {
    "tekhprisoedinenie": [CalculatorPage],
    "potrebitelyam": [AppealFormPage, OutageSchedulePage],
}


def _card(page: Page, text: str = "") -> dict:
    return {"title": page.title, "text": text, "page": page}


def load(ctx):
    for slug, extra_models in EXTRA.items():
        section = ContentPage.objects.filter(slug=slug).first()
        if section is None:
            continue
        cards = [
            _card(form) for form in ApplicationFormPage.objects.live().child_of(section).order_by("path")
        ]
        for model in extra_models:
            cards += [_card(p) for p in model.objects.live().order_by("path")]
        # Keep the page's text; replace only a cards block this step wrote before (idempotent).
        body = [(block.block_type, block.value) for block in section.body if block.block_type != "cards"]
        body.append(("cards", {"cards": cards}))
        section.body = body
        section.save_revision().publish()
    ctx.say("Страницы разделов ссылаются на все формы, калькулятор, обращения и отключения")
