"""Which part of the speech a line of the draft belongs to (opening, a section about problems,
measures…), as phrase-bank roles, and how a role reads in Chinese. The words are data
(`roles.yaml`), the logic is here, so the editor, the palette and any other front end agree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from drafter.draft.model import Draft
from drafter.errors import DataFileError

ROLES_FILE = Path(__file__).with_name("roles.yaml")


@dataclass(frozen=True)
class RoleData:
    labels: dict[str, str]
    before_sections: tuple[str, ...]
    after_sections: tuple[str, ...]
    headings: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]


@cache
def role_data() -> RoleData:
    from drafter.yamlio import load_yaml

    data = load_yaml(ROLES_FILE)
    try:
        return RoleData(
            labels={str(k): str(v) for k, v in data["labels"].items()},
            before_sections=tuple(data["before_sections"]),
            after_sections=tuple(data["after_sections"]),
            headings=tuple((tuple(h["words"]), tuple(h["roles"])) for h in data["headings"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(str(ROLES_FILE), f"格式不对（{exc}）") from None


def role_label(role: str | None) -> str:
    """`measure` → 措施; an unknown role is shown as it is."""
    if not role:
        return ""
    return role_data().labels.get(role, role)


def roles_for_heading(title: str) -> list[str]:
    """The roles a heading's words suggest: 存在的问题 → problem."""
    for words, roles in role_data().headings:
        if any(w in title for w in words):
            return list(roles)
    return []


def roles_at(draft: Draft, line: int, skeleton: Sequence[object] = ()) -> list[str]:
    """The roles of the part of `draft` that 1-based `line` is in: the opening and closing matter
    by position, a top-level section by the template's skeleton (`skeleton`: the template's
    level-1 section specs, with `roles`) when the draft came from one, else by its heading's words."""
    data = role_data()
    if draft.sections and line < draft.sections[0].line:
        return list(data.before_sections)
    if draft.sections and line >= draft.back_start:
        return list(data.after_sections)
    top = [s for s in draft.sections if s.line <= line]
    if not top:
        return []
    specs = [s for s in skeleton if getattr(s, "level", 1) == 1]
    if specs and len(top) <= len(specs):
        roles = list(getattr(specs[len(top) - 1], "roles", ()))
        if roles:
            return roles
    return roles_for_heading(top[-1].heading.title)
