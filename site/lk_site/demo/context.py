from dataclasses import dataclass, field


@dataclass
class DemoContext:
    """What steps share: the home page, the demo users by role, lines to print at the end."""

    home: object = None
    users: dict = field(default_factory=dict)
    passwords: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)

    def say(self, line: str) -> None:
        self.notes.append(line)
