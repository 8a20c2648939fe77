#!/usr/bin/env python
"""Django's command-line utility for the lk_plugin demo host site."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    # The host site lives in site/ ("site" itself cannot be a package: it shadows the stdlib module).
    for path in (ROOT, ROOT / "site"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lk_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
