import os

import pytest

from . import hosting

#: The slow install tests build venvs and serve hosts: `make install-check` (LK_INSTALL_CHECK=1).
slow = pytest.mark.skipif(
    not os.environ.get("LK_INSTALL_CHECK"), reason="builds a venv: `make install-check` (LK_INSTALL_CHECK=1)"
)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    """The plugin's wheel, built once for every host of the run."""
    return hosting.build_wheel(hosting.workdir(tmp_path_factory, "wheel"))


def pytest_terminal_summary(terminalreporter):
    """What each host ran on, in the log of every run."""
    for name, versions in hosting.SEEN.items():
        terminalreporter.write_line(f"install check, {name}: {versions}")
    if hosting.TIMES:
        steps = ", ".join(f"{cmd} {seconds:.0f}s" for cmd, seconds in hosting.TIMES if seconds >= 5)
        terminalreporter.write_line(f"install check, slow steps: {steps}")
