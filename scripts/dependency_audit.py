"""pip-audit of requirements.lock that never reports a pass it did not earn.

Exit 1 when a known vulnerability is found. When the vulnerability service cannot be reached — or
answers for none of our dependencies, as a package-index mirror without vulnerability data does
(pip-audit then prints "No known vulnerabilities found" while it skipped every package) — print a
loud warning that the audit was NOT performed and exit 0: a machine without the service must still
be able to run `make test`. Partially skipped packages are listed.

Usage: python scripts/dependency_audit.py [requirements.lock] [extra pip-audit args…]
(the pip-audit next to this Python is used; PIP_AUDIT=/path/to/pip-audit chooses another)
"""

import json
import os
import shutil
import subprocess  # nosec B404
import sys
from pathlib import Path

UNREACHABLE = "pip-audit: vulnerability service unreachable, dependency audit NOT performed"


def main(argv):
    lock = argv[1] if len(argv) > 1 else "requirements.lock"
    beside_python = Path(sys.executable).with_name("pip-audit")
    pip_audit = os.environ.get("PIP_AUDIT") or (str(beside_python) if beside_python.exists() else None)
    pip_audit = pip_audit or shutil.which("pip-audit") or "pip-audit"
    command = [pip_audit, "-r", lock, "--disable-pip", "--no-deps", "--progress-spinner", "off", "-f", "json"]
    command += argv[2:]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)  # noqa: S603  # nosec B603
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        print(f"WARNING: {UNREACHABLE}.", *tail, sep="\n  ", file=sys.stderr)
        return 0
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(f"{dep['name']} {dep.get('version', '')}: {vuln['id']} (fixed in {fixes})")
    if vulnerable:
        print(f"pip-audit: {len(vulnerable)} vulnerable dependencies in {lock}", file=sys.stderr)
        return 1
    if dependencies and len(skipped) == len(dependencies):
        print(
            f"WARNING: {UNREACHABLE} (the service answered for none of the {len(dependencies)} "
            f"packages: {skipped[0]['skip_reason']}).",
            file=sys.stderr,
        )
        return 0
    for dep in skipped:
        print(f"pip-audit: not audited: {dep['skip_reason']}", file=sys.stderr)
    print(f"pip-audit: no known vulnerabilities in {len(dependencies) - len(skipped)} audited packages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
