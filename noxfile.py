"""The suite on the corners of the supported matrix (README «Требования»): `make matrix`.

    oldest: Python 3.11, Django 5.2, Wagtail 7.0
    newest: Python 3.13 (3.12 when 3.13 is missing), the newest Django the newest Wagtail supports

Each corner runs the suite without the browser tests on SQLite (`-m "not e2e"`); the Playwright suite
runs in `make test`. Extra arguments go to pytest: `nox -s oldest -- tests/core`.
"""

import glob
import os
import shutil

import nox

nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["oldest", "newest"]

CORNERS = {
    "oldest": {"python": ["3.11"], "pins": ["Django>=5.2,<5.3", "wagtail>=7.0,<7.1"]},
    "newest": {"python": ["3.13", "3.12"], "pins": ["Django>=6.1,<6.2", "wagtail>=8.0,<8.1"]},
}
PYTEST = ["-q", "-p", "no:cacheprovider", "-m", "not e2e", "--ignore=tests/e2e", "--ignore=tests/install"]


def _python(versions):
    """An interpreter for the first available version (pyenv installs included), else the version."""
    for version in versions:
        found = shutil.which(f"python{version}")
        candidates = sorted(
            glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}*/bin/python{version}"))
        )
        candidates += sorted(glob.glob(f"/root/.pyenv/versions/{version}*/bin/python{version}"))
        for path in [*candidates, found]:
            if path and os.access(path, os.X_OK) and "shims" not in path:
                return path
    return versions[0]


def _run_corner(session, corner):
    session.install("-e", ".[demo,test]", *CORNERS[corner]["pins"])
    session.run(
        "python",
        "-c",
        "import django, wagtail; print('Django', django.__version__, 'Wagtail', wagtail.__version__)",
    )
    env = {"DJANGO_SETTINGS_MODULE": "lk_site.settings.test", "DATABASE_URL": "", "REDIS_URL": ""}
    # The SQLite test database lives in var/ (a fresh clone has none; Django 6 refuses to open it).
    os.makedirs("var", exist_ok=True)
    session.run("python", "manage.py", "makemigrations", "--check", "--dry-run", "-v", "1", env=env)
    session.run("python", "-m", "pytest", *PYTEST, *session.posargs, env=env)


@nox.session(python=_python(CORNERS["oldest"]["python"]))
def oldest(session):
    _run_corner(session, "oldest")


@nox.session(python=_python(CORNERS["newest"]["python"]))
def newest(session):
    _run_corner(session, "newest")
