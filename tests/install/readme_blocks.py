"""The README install contract as data: the four fenced blocks of «Подключение к существующему сайту
Wagtail», in order, and how they are applied to a stock ``wagtail start`` project."""

import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Подключение к существующему сайту Wagtail"
#: Languages of the blocks, in the order the README must give them.
CONTRACT = ["python", "python", "django", "bash"]

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[a-z]*)[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S
)


def install_section(readme: str | None = None) -> str:
    text = readme if readme is not None else (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start : end if end != -1 else len(text)]


def install_blocks(readme: str | None = None) -> list[tuple[str, str]]:
    """[(language, dedented body)] of every fenced block in the install section."""
    return [
        (m["lang"], textwrap.dedent(m["body"]).rstrip() + "\n")
        for m in FENCE.finditer(install_section(readme))
    ]


def contract(readme: str | None = None) -> dict[str, str]:
    blocks = install_blocks(readme)
    langs = [lang for lang, _ in blocks]
    if langs != CONTRACT:
        raise AssertionError(f"README install blocks are {langs}, expected {CONTRACT}")
    return {"settings": blocks[0][1], "urls": blocks[1][1], "template": blocks[2][1], "bash": blocks[3][1]}


def apply(project: Path, name: str, blocks: dict[str, str]) -> None:
    """Append the settings and urls blocks, put the template line right after <body…>."""
    package = project / name
    with open(package / "settings" / "base.py", "a", encoding="utf-8") as fh:
        fh.write("\n\n" + blocks["settings"])
    with open(package / "urls.py", "a", encoding="utf-8") as fh:
        fh.write("\n\n" + blocks["urls"])
    base = package / "templates" / "base.html"
    html = base.read_text(encoding="utf-8")
    match = re.search(r"<body[^>]*>", html)
    if match is None:
        raise AssertionError("no <body> in the stock base.html")
    html = html[: match.end()] + "\n" + blocks["template"] + html[match.end() :]
    base.write_text(html, encoding="utf-8")


def bash_commands(blocks: dict[str, str]) -> list[list[str]]:
    commands = []
    for line in blocks["bash"].splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            commands.append(line.split())
    return commands
