"""Tables in a text draft: one line a row, cells between `|`, readable in any editor.

    | 单位 | 指标 | 完成率 |
    | 市政公司 | 产值 | 98.5% |
    | ^ | 利润 | 101% |
    | 合计 | < | 99.6% |

- A row is a line that starts and ends with `|` (spaces around are allowed); consecutive rows are
  one table. A table is one unit of the draft: never a heading, never split by an edit.
- `^` alone in a cell: merged with the cell above (Word's vertical merge); `<` alone: merged with
  the cell to its left (a cell spanning columns).
- A cell with several paragraphs writes them separated by `<br>`; a `|` inside a cell is `\\|`.

This is the form `drafter import` writes for a Word table and `drafter export` turns back into
one, so that importing an export gives the same draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROW = re.compile(r"^[ \t\u3000]*\|.*\|[ \t\u3000]*\r?$")
MERGE_UP, MERGE_LEFT, BREAK = "^", "<", "<br>"
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def is_row(line: str) -> bool:
    return ROW.match(line) is not None


def parse_row(line: str) -> list[str]:
    """The cells of a row line, unescaped and stripped."""
    inner = line.strip().rstrip("\r").strip()[1:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(inner)]


def render_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


@dataclass
class Table:
    """Rows of cells as written, and where they stand in the draft (1-based lines [start, end))."""

    start: int
    end: int
    rows: list[list[str]]

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def tables_in(lines: list[str]) -> list[Table]:
    """Every table block of a draft's lines."""
    found: list[Table] = []
    current: Table | None = None
    for number, line in enumerate(lines, 1):
        if is_row(line):
            if current is None:
                current = Table(number, number + 1, [])
                found.append(current)
            current.rows.append(parse_row(line))
            current.end = number + 1
        else:
            current = None
    return found
