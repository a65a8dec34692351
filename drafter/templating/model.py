"""What a template is: Jinja2 text plus the metadata a writer (and the TUI's form) needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

VARIABLE_TYPES = ("text", "int", "date", "choice", "list")


@dataclass
class Variable:
    """A question the template asks: which meeting, which unit, how many points."""

    name: str
    label: str
    type: str = "text"
    default: Any = None
    required: bool = True
    choices: tuple[str, ...] = ()
    help: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "label": self.label,
            "type": self.type,
            "default": self.default,
            "required": self.required,
            "choices": list(self.choices),
            "help": self.help,
        }


@dataclass
class SectionSpec:
    """A part of the genre's skeleton and the phrase-bank roles that suit it (for suggestions)."""

    heading: str
    roles: tuple[str, ...] = ()
    level: int = 1
    note: str = ""

    def to_json(self) -> dict[str, object]:
        return {"heading": self.heading, "roles": list(self.roles), "level": self.level, "note": self.note}


@dataclass
class Template:
    """One genre's template, from one `.txt.j2` file."""

    id: str
    title: str
    genre: str
    description: str
    variables: list[Variable]
    sections: list[SectionSpec]
    source: str  # path of the file
    layer: str = "内置"
    order: int = 100  # where the genre stands in lists (smaller first)
    extra: dict[str, Any] = field(default_factory=dict)

    def variable(self, name: str) -> Variable | None:
        return next((v for v in self.variables if v.name == name), None)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "genre": self.genre,
            "description": self.description,
            "variables": [v.to_json() for v in self.variables],
            "sections": [s.to_json() for s in self.sections],
            "source": self.source,
            "layer": self.layer,
        }
