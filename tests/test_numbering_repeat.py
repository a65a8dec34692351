"""A heading number repeated inside a list (a pasted passage kept its old （一）): the check reports
the repeat itself and agrees with `drafter renumber`; a real second list from （一） is still accepted."""

from __future__ import annotations

from drafter.checks import build_engine
from drafter.document import Document
from drafter.draft.edit import plan_renumbering
from drafter.draft.parse import parse_draft

ENGINE = build_engine(only=["numbering"])


def outline(*markers: str) -> str:
    body = "".join(f"{m}第{i}项工作。内容。\n\n" for i, m in enumerate(markers, 1))
    return f"标题\n\n一、主要工作\n\n{body}二、存在问题\n\n内容。\n"


def findings(text: str) -> list[tuple[int, str, str | None]]:
    return [(f.line, f.text, f.suggestion) for f in ENGINE.check(Document("t.txt", "text", text))]


def renumbered(text: str) -> list[tuple[int, str, str]]:
    return [(c.line, c.old, c.new) for c in plan_renumbering(parse_draft(text))]


def test_repeated_first_number_is_reported_at_the_root() -> None:
    text = outline("（一）", "（二）", "（一）", "（四）")
    assert findings(text) == [(9, "（一）", "（三）")]
    assert renumbered(text) == [(9, "（一）", "（三）")]


def test_repeat_then_more_in_place() -> None:
    text = outline("（一）", "（二）", "（三）", "（一）", "（五）", "（六）")
    assert findings(text) == [(11, "（一）", "（四）")]
    assert renumbered(text) == [(11, "（一）", "（四）")]


def test_a_second_list_from_one_is_still_accepted() -> None:
    assert findings(outline("（一）", "（二）", "（一）", "（二）")) == []
    assert findings(outline("（一）", "（二）", "（三）", "（一）")) == []
