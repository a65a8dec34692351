"""Templates: the catalogue of every layer, and a new draft from one of them.

One policy for a broken template, whoever asks: the file is skipped, the writer is told which file
and why (`catalog.notes`), and every other template, the built-in genres included, still loads.
One shape for what a new draft leaves behind, whoever creates it: the text, rendered, and a
sidecar with the template id, the typed values and the names left as `**`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DataFileError, DrafterError
from drafter.templating.model import Template, Variable

Ask = Callable[[Variable], str | None]


@dataclass
class TemplateCatalog:
    """Templates by id, in the order a writer meets the genres, and what was skipped."""

    templates: dict[str, Template]
    notes: list[str] = field(default_factory=list)

    def get(self, key: str) -> Template:
        """By id, or by title; DrafterError listing the ids when neither matches."""
        if key in self.templates:
            return self.templates[key]
        for template in self.templates.values():
            if template.title == key:
                return template
        raise DrafterError(f"没有编号为 '{key}' 的模板（可用：{'、'.join(self.templates)}）")

    def find(self, key: str | None) -> Template | None:
        return self.templates.get(key) if key else None


def load_catalog(extra: list[str] | None = None) -> TemplateCatalog:
    """Built-in < user < team (DRAFTER_TEMPLATE_PATH) < `extra` folders. A missing `extra` folder
    raises (the writer named it); a broken file anywhere is skipped and noted."""
    from drafter.templating import load_templates, template_layers

    notes: list[str] = []

    def skipped(exc: DataFileError) -> None:
        notes.append(f"模板问题（已跳过）：{exc}")

    templates = load_templates(template_layers(list(extra or [])), on_error=skipped)
    return TemplateCatalog(templates, notes)


@dataclass
class NewDraft:
    template: Template
    text: str
    path: Path | None  # None: rendered only (to the screen)
    values: dict[str, Any]
    blanks: list[str]  # variables left as ** to fill


def check_value(variable: Variable, answer: str) -> None:
    """DrafterError (the writer's message) when `answer` is not a value of the variable's type:
    the terminal asks again at once instead of failing after the last question."""
    from drafter.templating.render import coerce

    coerce(variable, answer)


def gather_values(template: Template, given: Mapping[str, Any], ask: Ask | None) -> dict[str, Any]:
    """The given values, plus an answer for every other variable when `ask` is given (an empty
    answer keeps the default, or leaves a ** when there is none)."""
    values = dict(given)
    if ask is not None:
        for variable in template.variables:
            if variable.name not in values:
                answer = ask(variable)
                if answer:
                    values[variable.name] = answer
    return values


def create_draft(
    template: Template,
    given: Mapping[str, Any],
    target: Path | None,
    *,
    ask: Ask | None = None,
    force: bool = False,
) -> NewDraft:
    """Render `template` with `given` (text as typed, coerced to each variable's type; missing
    required ones become `**`) and write it to `target` with its sidecar. An existing `target` is
    refused unless `force`, and then kept as `.bak`."""
    from drafter.draft.sidecar import write_sidecar
    from drafter.fileio import atomic_write_bytes, stamp
    from drafter.templating import render, resolve_values

    # Stamped now, before the questions (which can take minutes): what `force` may replace.
    before = stamp(target) if target is not None else None
    if before is not None and not force:
        raise DrafterError(f"{target}: 文件已存在；要覆盖请换一个文件名（命令行可加 --force，原文件会备份为 .bak）")
    values, blanks = resolve_values(template, gather_values(template, given, ask), allow_missing=True)
    text = render(template, values)
    if target is not None:
        atomic_write_bytes(target, text.encode("utf-8"), expect=before)
        write_sidecar(
            target,
            {
                "template": template.id,
                "values": {k: _jsonable(v) for k, v in values.items() if k not in blanks},
                "blank": blanks,
            },
        )
    return NewDraft(template, text, target, values, blanks)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [str(v) for v in value]
    return value


def template_of(draft: Path, catalog: TemplateCatalog | None = None) -> Template | None:
    """The template a draft was made from (its sidecar says), from the same catalogue as the
    start screen; None for a draft of no template or a template no longer there. A broken
    sidecar is None too: it only costs the skeleton, never the editing."""
    from drafter.draft.sidecar import read_sidecar

    try:
        meta = read_sidecar(draft)
    except DrafterError:
        return None
    key = meta.get("template")
    return (catalog or load_catalog()).find(key if isinstance(key, str) else None)
