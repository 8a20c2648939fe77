"""The wheel on a stock ``wagtail start`` project, configured only by the README's four blocks.

Builds the wheel, installs it with the newest versions it admits into a fresh venv (uv, shared
cache), runs ``wagtail start``, applies the blocks extracted from README.md (so the README cannot
drift), runs its bash block, serves the site and walks it over HTTP: signup ФЛ with captcha →
confirmation mail → confirm → login by СНИЛС with dashes → ТП wizard → number → confirmation mail
with the PDF, delivered with no worker; Wagtail's admin login leads to allauth.

Slow (a venv and a server): runs under ``make install-check`` (LK_INSTALL_CHECK=1), which ``.ci/run``
calls. The README-shape test runs in every suite.
"""

import os
import sys

import pytest

from . import hosting, readme_blocks
from .conftest import slow


def test_readme_gives_the_four_install_blocks_in_order():
    blocks = readme_blocks.contract()
    assert "configure(globals())" in blocks["settings"]
    assert "lk_urlpatterns(urlpatterns)" in blocks["urls"]
    assert "{% lk_login_widget %}" in blocks["template"]
    assert readme_blocks.bash_commands(blocks) == [
        ["python", "manage.py", "migrate"],
        ["python", "manage.py", "lk_setup"],
    ]


@pytest.fixture(scope="module")
def host(tmp_path_factory, wheel):
    work = hosting.workdir(tmp_path_factory, "stock-host")
    python = os.environ.get("LK_INSTALL_PYTHON", sys.executable)
    # The newest versions the wheel admits, or LK_INSTALL_PINS, e.g. "Django~=6.0.0 wagtail~=7.4.0".
    vpy, versions = hosting.make_venv(work, wheel, python, os.environ.get("LK_INSTALL_PINS", "").split())
    project = hosting.start_project(work, vpy)
    hosting.configure_by_readme(project)
    env = hosting.host_env(vpy)
    hosting.run_readme_commands(project, vpy, env)
    base, server, log = hosting.serve(work, project, vpy, env)
    yield {
        "work": work,
        "base": base,
        "mail": project / "mail",
        "project": project,
        "python": vpy,
        "env": env,
    }
    hosting.stop(server, log)


@slow
def test_wheel_on_stock_wagtail_site_signup_to_tp_application(host):
    hosting.signup_to_tp_application(host["base"], host["mail"])


@slow
def test_admin_doors_lead_to_allauth_on_the_stock_host(host):
    hosting.admin_doors_lead_to_allauth(host["base"])


@slow
def test_stock_host_passes_the_plugin_checks(host):
    out = hosting.system_checks_output(host["work"])
    assert "lk_plugin." not in out
