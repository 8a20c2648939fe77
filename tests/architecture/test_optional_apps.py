"""«Sections on/off»: each optional feature app can be left out of INSTALLED_APPS.

One subprocess per app (settings are process-wide): ``manage.py check``, migrate a throwaway SQLite
database, then the cabinet pages as an applicant and the admin as staff, and the pages of an
application, an appeal and a dialog of the apps still installed (their chats degrade without
messaging), none answering 500 (tests/architecture/smoke_without_app.py). URLs, the cabinet menu, the
staff viewsets, the API routers and the dashboard panels register only for installed apps.

Leaving out applications takes the apps built on it along (connection, surveys and the contrib pages
require it: lk_plugin.E012); messaging and appeals do not need it (docs/architecture.md «À la carte»).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The app left out → every app left out with it (those that require it).
OPTIONAL_APPS = {
    "messaging": ["messaging"],
    "metering": ["metering"],
    "outages": ["outages"],
    "calculator": ["calculator"],
    "connection": ["connection"],
    "surveys": ["surveys"],
    "appeals": ["appeals"],
    "applications": ["applications", "connection", "surveys", "contrib.pages"],
}


@pytest.mark.parametrize("app", OPTIONAL_APPS)
def test_the_site_works_without_the_app(app, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lk_site.settings.without_app",
        "LK_WITHOUT_APP": ",".join(f"lk_plugin.{name}" for name in OPTIONAL_APPS[app]),
        "LK_SMOKE_DB": str(tmp_path / "smoke.sqlite3"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")]),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "tests/architecture/smoke_without_app.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    assert "/lk/ 200" in result.stdout and "/admin/ 200" in result.stdout, result.stdout
