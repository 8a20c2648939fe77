"""Building and serving a Wagtail host with the plugin's wheel, and the journey every host must pass.

Used by test_stock_host.py (a stock ``wagtail start`` project) and test_foreign_host.py (a site with
its own base template and StreamField blocks). Everything a host gets comes from the wheel and the
README blocks (readme_blocks.py); the test-only extras are ``LOCAL_SETTINGS``.
"""

import email
import email.policy
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from . import readme_blocks

ROOT = readme_blocks.ROOT
HOST = "lkhost"
PASSWORD = "Kabinet-2026!"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
VERSIONS = (
    "import sys, django, wagtail, allauth; "
    "print('Python', sys.version.split()[0], 'Django', django.__version__, "
    "'Wagtail', wagtail.__version__, 'allauth', allauth.__version__)"
)

#: The versions each host's venv got, by host (printed at the end of the run: conftest.py).
SEEN: dict[str, str] = {}
#: How long each command took (printed at the end of the run), to keep `make install-check` short.
TIMES: list[tuple[str, float]] = []

#: The test host's own extras, NOT part of the README contract: a readable mailbox and the captcha's
#: test answer ("PASSED").
LOCAL_SETTINGS = """
from .dev import *  # noqa: F403

CAPTCHA_TEST_MODE = True
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = BASE_DIR / "mail"  # noqa: F405
"""


def run(cmd, *, cwd=None, env=None, timeout=600):
    started = time.monotonic()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)  # noqa: S603
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    TIMES.append(
        (f"{Path(str(cmd[0])).name} {' '.join(str(c) for c in cmd[1:3])}"[:60], time.monotonic() - started)
    )
    return result.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def uv():
    found = Path(sys.executable).with_name("uv")
    return str(found) if found.exists() else shutil.which("uv")


def python_at_least(minor: int) -> str | None:
    """An interpreter of Python 3.<minor> or newer: this one, else python3.1x on PATH or under pyenv."""
    if sys.version_info >= (3, minor):
        return sys.executable
    for version in range(minor, 15):
        candidates = sorted(
            glob.glob(os.path.expanduser(f"~/.pyenv/versions/3.{version}*/bin/python3.{version}"))
        )
        candidates.append(shutil.which(f"python3.{version}") or "")
        for path in candidates:
            if path and "shims" not in path and os.access(path, os.X_OK):
                return path
    return None


def workdir(tmp_path_factory, name: str) -> Path:
    keep = os.environ.get("LK_INSTALL_DIR")  # a fixed place to look at the hosts afterwards
    if not keep:
        return tmp_path_factory.mktemp(name, numbered=False)
    work = Path(keep) / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return work


def build_wheel(work: Path) -> Path:
    """The wheel, from a copy of the sources (the build leaves nothing in the checkout)."""
    src = work / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__", "build", "dist"),
    )
    run([uv(), "build", "--wheel", "--out-dir", str(work / "dist"), str(src)], timeout=900)
    return next((work / "dist").glob("lk_plugin-*.whl"))


def make_venv(work: Path, wheel: Path, python: str, pins: list[str]) -> tuple[str, str]:
    """A fresh venv with the wheel and the newest versions it admits within ``pins``.

    Returns the venv's python and the versions it got (printed, so the log says what was tested).
    """
    venv = work / "venv"
    run([uv(), "venv", "-q", "--python", python, str(venv)])
    vpy = str(venv / "bin" / "python")
    run([uv(), "pip", "install", "-q", "--python", vpy, str(wheel), *pins], timeout=900)
    versions = run([vpy, "-c", VERSIONS]).strip()
    SEEN[work.name] = versions
    return vpy, versions


def start_project(work: Path, vpy: str, before_plugin=None) -> Path:
    """``wagtail start``, then the host's own changes (``before_plugin(project)``); the plugin comes
    with ``configure_by_readme``."""
    project = work / "project"
    project.mkdir()
    run([str(Path(vpy).with_name("wagtail")), "start", HOST, str(project)])
    if before_plugin is not None:
        before_plugin(project)
    return project


def configure_by_readme(project: Path) -> None:
    """The README's settings, urls and template blocks (+ the test-only local settings)."""
    readme_blocks.apply(project, HOST, readme_blocks.contract())
    (project / HOST / "settings" / "lk_test.py").write_text(LOCAL_SETTINGS, encoding="utf-8")


def host_env(vpy: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": f"{HOST}.settings.lk_test",
        "PYTHONPATH": "",
        "VIRTUAL_ENV": str(Path(vpy).parents[1]),
    }
    env.pop("DATABASE_URL", None)
    return env


def run_readme_commands(project: Path, vpy: str, env: dict) -> None:
    for command in readme_blocks.bash_commands(readme_blocks.contract()):
        assert command[0] == "python"
        run([vpy, *command[1:]], cwd=project, env=env)


def serve(work: Path, project: Path, vpy: str, env: dict):
    """runserver on a free port; returns (base URL, process, log file).

    runserver runs the system checks first and writes what they found to server.log (unbuffered),
    so the tests read the plugin's checks there instead of paying for another ``manage.py check``.
    """
    port = free_port()
    log = open(work / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [vpy, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=project,
        env={**env, "PYTHONUNBUFFERED": "1"},
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
        raise AssertionError("the host did not start")
    assert server.poll() is None, (work / "server.log").read_text()
    return base, server, log


def system_checks_output(work: Path) -> str:
    """What runserver's system checks said (everything before it started serving)."""
    out = (work / "server.log").read_text(encoding="utf-8")
    assert "Performing system checks" in out and "Starting development server" in out, out
    return out.split("Starting development server", 1)[0]


def stop(server, log) -> None:
    server.terminate()
    server.wait(timeout=30)
    log.close()


def mails(mail_dir: Path):
    """Every message the file backend wrote, parsed."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")) if mail_dir.exists() else []:
        for chunk in re.split(rb"\n-{79}\n", path.read_bytes()):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.lstrip(), policy=email.policy.default))
    return messages


def wait_for_mails(mail_dir: Path, wanted, timeout: float = 60):
    """The messages *wanted* picks, once there are any: mail is sent after the response has gone
    (lk_plugin.core.after_response), so it may land a moment after the page that caused it."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in mails(mail_dir) if wanted(m)]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def text(message):
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def csrf(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, html[:2000]
    return match.group(1)


def post(session, url, data, files=None, referer=None):
    page = session.get(referer or url, timeout=60)
    return session.post(
        url,
        data={**data, "csrfmiddlewaretoken": csrf(page.text)},
        files=files,
        allow_redirects=False,
        timeout=120,
    )


def signup_to_tp_application(base: str, mail_dir: Path):
    """Signup ФЛ with captcha → confirmation mail → confirm → login by СНИЛС with dashes → the ТП
    wizard → number → the applicant's mail with the PDF, sent in-process (no worker, no broker).

    Returns the signed-in requests session and the application's number.
    """
    import requests

    from tests.helpers import TP_STEPS_DATA

    s = requests.Session()

    # Every page of the host carries the styled widget.
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
    response = post(s, base + "/accounts/signup/", data)
    assert response.status_code == 302, response.text[:3000]
    assert response.headers["Location"].startswith("/accounts/confirm-email/")

    # The confirmation mail, then confirm.
    confirmations = wait_for_mails(mail_dir, lambda m: "olga@example.ru" in m["To"])
    assert len(confirmations) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", text(confirmations[0]))
    assert link, text(confirmations[0])
    response = post(s, base + link.group(1), {})
    assert response.status_code == 302

    # Login by СНИЛС written with dashes.
    response = post(s, base + "/accounts/login/", {"login": "123-456-789-64", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/lk/", response.text[:3000]
    assert "Смирнова" in s.get(base + "/lk/", timeout=60).text

    # The ТП form page lk_setup created, the wizard, the number.
    tp_url = base + "/zayavka-tp/"
    page = s.get(tp_url, timeout=60)
    assert page.status_code == 200 and "lk_plugin/css/formbuilder.css" in page.text
    response = post(s, tp_url, {})
    assert response.status_code == 302, response.text[:2000]
    form_url = base + response.headers["Location"].split("?")[0]
    step0 = {**TP_STEPS_DATA[0], "applicant_snils": "123-456-789 64", "applicant_email": "olga@example.ru"}
    steps = [step0, *TP_STEPS_DATA[1:5]]
    for index, values in enumerate(steps):
        response = post(s, form_url, {"step": str(index), "action": "next", **values})
        assert response.status_code == 302, (index, response.text[:3000])
    files = {
        f"doc_{slot}": (f"{slot}.pdf", PDF, "application/pdf")
        for slot in ("passport", "title_document", "site_plan")
    }
    response = post(s, form_url, {"step": "5", "action": "upload"}, files=files)
    assert response.status_code in (200, 302), response.text[:3000]
    response = post(s, form_url, {"step": "5", "action": "next"})
    assert response.status_code == 302, response.text[:3000]
    response = post(
        s,
        form_url,
        {"step": "6", "action": "submit", "pd_consent": "on", "captcha_0": "x", "captcha_1": "PASSED"},
    )
    assert response.status_code == 302, response.text[:3000]
    confirmation = s.get(base + response.headers["Location"], timeout=60).text
    number = re.search(r"\d+ТП/[^\s<\"]+", confirmation)
    assert number, confirmation[:3000]

    # The applicant's confirmation mail with the PDF, sent in-process (no worker, no broker).
    sent = wait_for_mails(
        mail_dir, lambda m: "olga@example.ru" in m["To"] and number.group(0) in str(m["Subject"])
    )
    assert sent, [str(m["Subject"]) for m in mails(mail_dir)]
    attachments = [p for p in sent[-1].iter_attachments() if p.get_content_type() == "application/pdf"]
    assert attachments and attachments[0].get_content().startswith(b"%PDF")
    return s, number.group(0)


def admin_doors_lead_to_allauth(base: str) -> None:
    import requests

    for path in ("/admin/login/?next=/admin/", "/admin/password_reset/"):
        response = requests.get(base + path, allow_redirects=False, timeout=60)
        assert response.status_code == 302
        assert response.headers["Location"].startswith(("/accounts/login/", "/accounts/password/reset/"))
    response = requests.post(
        base + "/admin/login/", data={"username": "x", "password": "y"}, allow_redirects=False, timeout=60
    )
    assert response.status_code in (302, 403, 405) and "wagtailadmin" not in response.text
