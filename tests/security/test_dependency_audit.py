"""scripts/dependency_audit.py: fails on a known vulnerability, never reports an audit it could not do."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path, stdout, code=0):
    """Run the script with a stand-in pip-audit that prints *stdout* and exits with *code*."""
    fake = tmp_path / "pip-audit"
    fake.write_text(f"#!{sys.executable}\nimport sys\nsys.stdout.write({stdout!r})\nsys.exit({code})\n")
    fake.chmod(0o755)
    env = {"PATH": "/usr/bin:/bin", "PIP_AUDIT": str(fake)}
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "dependency_audit.py"), "requirements.lock"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _report(*deps):
    return json.dumps({"dependencies": list(deps), "fixes": []})


def test_a_known_vulnerability_fails(tmp_path):
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["9.9"], "description": "x"}
    result = _run(tmp_path, _report({"name": "django", "version": "5.2", "vulns": [vuln]}), code=1)
    assert result.returncode == 1
    assert "PYSEC-2099-1" in result.stdout


def test_clean_audit_passes(tmp_path):
    result = _run(tmp_path, _report({"name": "django", "version": "5.2", "vulns": []}))
    assert result.returncode == 0
    assert "no known vulnerabilities in 1 audited packages" in result.stdout


@pytest.mark.parametrize(
    "stdout",
    [
        _report(
            {
                "name": "django",
                "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2)",
            },
            {
                "name": "wagtail",
                "skip_reason": "Dependency not found on PyPI and could not be audited: wagtail (8)",
            },
        ),
        "",  # pip-audit crashed: connection refused, DNS failure …
    ],
    ids=["mirror without vulnerability data", "service unreachable"],
)
def test_an_audit_that_did_not_happen_says_so(tmp_path, stdout):
    result = _run(tmp_path, stdout, code=0 if stdout else 1)
    assert result.returncode == 0
    assert "dependency audit NOT performed" in result.stderr
    assert "no known vulnerabilities" not in result.stdout
