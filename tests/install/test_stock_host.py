"""The wheel on a stock ``wagtail start`` project, configured only by the README's four blocks.

Builds the wheel, installs it with the newest versions it admits into a fresh venv (uv, shared
cache), runs ``wagtail start``, applies the blocks extracted from README.md (so the README cannot
drift), runs its bash block, serves the site and walks it over HTTP: signup ФЛ with captcha →
confirmation mail → confirm → login by СНИЛС with dashes → ТП wizard → number → confirmation mail
with the PDF, delivered with no worker; Wagtail's admin login leads to allauth.

Slow (a venv and a server): runs under ``make install-check`` (LK_INSTALL_CHECK=1), which ``.ci/run``
calls. The README-shape test runs in every suite.
"""

import email
import email.policy
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import readme_blocks

ROOT = readme_blocks.ROOT
HOST = "lkhost"
PASSWORD = "Kabinet-2026!"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

slow = pytest.mark.skipif(
    not os.environ.get("LK_INSTALL_CHECK"), reason="builds a venv: `make install-check` (LK_INSTALL_CHECK=1)"
)

#: The test host's own extras, NOT part of the README contract: a readable mailbox and the captcha's
#: test answer ("PASSED").
LOCAL_SETTINGS = """
from .dev import *  # noqa: F403

CAPTCHA_TEST_MODE = True
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = BASE_DIR / "mail"  # noqa: F405
"""


def test_readme_gives_the_four_install_blocks_in_order():
    blocks = readme_blocks.contract()
    assert "configure(globals())" in blocks["settings"]
    assert "lk_urlpatterns(urlpatterns)" in blocks["urls"]
    assert "{% lk_login_widget %}" in blocks["template"]
    assert readme_blocks.bash_commands(blocks) == [
        ["python", "manage.py", "migrate"],
        ["python", "manage.py", "lk_setup"],
    ]


def _run(cmd, *, cwd=None, env=None, timeout=600):
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)  # noqa: S603
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _uv():
    uv = Path(sys.executable).with_name("uv")
    return str(uv) if uv.exists() else shutil.which("uv")


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    keep = os.environ.get("LK_INSTALL_DIR")  # a fixed place to look at the host afterwards
    if keep:
        work = Path(keep)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    else:
        work = tmp_path_factory.mktemp("stock-host")
    uv = _uv()
    python = os.environ.get("LK_INSTALL_PYTHON", sys.executable)
    # 1. The wheel, from a copy of the sources (the build leaves nothing in the checkout).
    src = work / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__", "build", "dist"),
    )
    _run([uv, "build", "--wheel", "--out-dir", str(work / "dist"), str(src)], timeout=900)
    wheel = next((work / "dist").glob("lk_plugin-*.whl"))
    # 2. A fresh venv with the wheel and the newest versions it admits (or LK_INSTALL_PINS).
    venv = work / "venv"
    _run([uv, "venv", "-q", "--python", python, str(venv)])
    vpy = str(venv / "bin" / "python")
    # LK_INSTALL_PINS narrows the host's stack, e.g. "Django~=6.0.0 wagtail~=7.4.0" (another corner).
    pins = os.environ.get("LK_INSTALL_PINS", "").split()
    _run([uv, "pip", "install", "-q", "--python", vpy, str(wheel), *pins], timeout=900)
    # 3. A stock project, configured by the README blocks only (+ the local test settings).
    project = work / "project"
    project.mkdir()
    _run([str(venv / "bin" / "wagtail"), "start", HOST, str(project)])
    blocks = readme_blocks.contract()
    readme_blocks.apply(project, HOST, blocks)
    (project / HOST / "settings" / "lk_test.py").write_text(LOCAL_SETTINGS, encoding="utf-8")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": f"{HOST}.settings.lk_test",
        "PYTHONPATH": "",
        "VIRTUAL_ENV": str(venv),
    }
    env.pop("DATABASE_URL", None)
    for command in readme_blocks.bash_commands(blocks):
        assert command[0] == "python"
        _run([vpy, *command[1:]], cwd=project, env=env)
    # 4. Serve it.
    port = _free_port()
    log = open(work / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [vpy, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    import requests

    for _ in range(300):
        try:
            requests.get(base + "/", timeout=5)
            break
        except requests.ConnectionError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    else:
        server.kill()
        raise AssertionError("the stock host did not start")
    assert server.poll() is None, (work / "server.log").read_text()
    yield {"base": base, "mail": project / "mail", "project": project, "python": vpy, "env": env}
    server.terminate()
    server.wait(timeout=30)
    log.close()


def _mails(mail_dir: Path):
    """Every message the file backend wrote, parsed."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []:
        for chunk in re.split(rb"\n-{79}\n", path.read_bytes()):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.lstrip(), policy=email.policy.default))
    return messages


def _text(message):
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def _csrf(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, html[:2000]
    return match.group(1)


def _post(session, url, data, files=None, referer=None):
    page = session.get(referer or url, timeout=60)
    return session.post(
        url,
        data={**data, "csrfmiddlewaretoken": _csrf(page.text)},
        files=files,
        allow_redirects=False,
        timeout=120,
    )


@slow
def test_wheel_on_stock_wagtail_site_signup_to_tp_application(host):
    import requests

    from tests.helpers import TP_STEPS_DATA

    base, mail_dir = host["base"], host["mail"]
    s = requests.Session()

    # Every page of the stock site carries the styled widget.
    home = s.get(base + "/", timeout=60).text
    assert "data-lk-widget" in home and "lk_plugin/css/widget.css" in home

    # Signup ФЛ with captcha: the legal form's fields are on the form, nothing silently missing.
    signup = s.get(base + "/accounts/signup/", timeout=60).text
    assert 'name="legal_form"' in signup and 'name="snils"' in signup and 'name="captcha_1"' in signup
    data = {
        "legal_form": "individual",
        "last_name": "Смирнова",
        "first_name": "Ольга",
        "middle_name": "Павловна",
        "snils": "123-456-789 64",
        "email": "olga@example.ru",
        "phone": "8 (916) 000-11-22",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "pd_consent": "on",
        "email_notifications": "on",
        "captcha_0": "test",
        "captcha_1": "PASSED",
    }
    response = _post(s, base + "/accounts/signup/", data)
    assert response.status_code == 302, response.text[:3000]
    assert response.headers["Location"].startswith("/accounts/confirm-email/")

    # The confirmation mail, then confirm.
    confirmations = [m for m in _mails(mail_dir) if "olga@example.ru" in m["To"]]
    assert len(confirmations) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", _text(confirmations[0]))
    assert link, _text(confirmations[0])
    response = _post(s, base + link.group(1), {})
    assert response.status_code == 302

    # Login by СНИЛС written with dashes.
    response = _post(s, base + "/accounts/login/", {"login": "123-456-789-64", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/lk/", response.text[:3000]
    assert "Смирнова" in s.get(base + "/lk/", timeout=60).text

    # The ТП form page lk_setup created, the wizard, the number.
    tp_url = base + "/zayavka-tp/"
    page = s.get(tp_url, timeout=60)
    assert page.status_code == 200 and "lk_plugin/css/formbuilder.css" in page.text
    response = _post(s, tp_url, {})
    assert response.status_code == 302, response.text[:2000]
    form_url = base + response.headers["Location"].split("?")[0]
    step0 = {**TP_STEPS_DATA[0], "applicant_snils": "123-456-789 64", "applicant_email": "olga@example.ru"}
    steps = [step0, *TP_STEPS_DATA[1:5]]
    for index, values in enumerate(steps):
        response = _post(s, form_url, {"step": str(index), "action": "next", **values})
        assert response.status_code == 302, (index, response.text[:3000])
    files = {
        f"doc_{slot}": (f"{slot}.pdf", PDF, "application/pdf")
        for slot in ("passport", "title_document", "site_plan")
    }
    response = _post(s, form_url, {"step": "5", "action": "upload"}, files=files)
    assert response.status_code in (200, 302), response.text[:3000]
    response = _post(s, form_url, {"step": "5", "action": "next"})
    assert response.status_code == 302, response.text[:3000]
    response = _post(
        s,
        form_url,
        {"step": "6", "action": "submit", "pd_consent": "on", "captcha_0": "x", "captcha_1": "PASSED"},
    )
    assert response.status_code == 302, response.text[:3000]
    confirmation = s.get(base + response.headers["Location"], timeout=60).text
    number = re.search(r"\d+ТП/[^\s<\"]+", confirmation)
    assert number, confirmation[:3000]

    # The applicant's confirmation mail with the PDF, sent in-process (no worker, no broker).
    mails = [
        m for m in _mails(mail_dir) if "olga@example.ru" in m["To"] and number.group(0) in str(m["Subject"])
    ]
    assert mails, [str(m["Subject"]) for m in _mails(mail_dir)]
    attachments = [p for p in mails[-1].iter_attachments() if p.get_content_type() == "application/pdf"]
    assert attachments and attachments[0].get_content().startswith(b"%PDF")


@slow
def test_admin_doors_lead_to_allauth_on_the_stock_host(host):
    import requests

    for path in ("/admin/login/?next=/admin/", "/admin/password_reset/"):
        response = requests.get(host["base"] + path, allow_redirects=False, timeout=60)
        assert response.status_code == 302
        assert response.headers["Location"].startswith(("/accounts/login/", "/accounts/password/reset/"))
    response = requests.post(
        host["base"] + "/admin/login/",
        data={"username": "x", "password": "y"},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code in (302, 403, 405) and "wagtailadmin" not in response.text


@slow
def test_stock_host_passes_the_plugin_checks(host):
    out = _run([host["python"], "manage.py", "check"], cwd=host["project"], env=host["env"])
    assert "lk_plugin." not in out
