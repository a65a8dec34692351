"""A word said twice across one punctuation mark or a line break (我们要，要加强; 要⏎要加强), and
inside a .docx paragraph across a manual line break, which the reader turns into a space.

Only the characters that never reduplicate (`never_doubled` in rules/repetition.yaml, and the
file's `across` list for those such as 要 that are checked here only) are judged, and not where
either side makes a word with its neighbour (必要的，的确; 需要，要求): a warning with no fix,
since which of the two to delete is the writer's choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from drafter.checks.model import Hit, RuleInfo, Severity

ACROSS = RuleInfo("repetition.across", Severity.WARNING, "隔着标点或换行重复的字（要，要）", False)

# The lookahead turns away, before the group is taken, the many Hanzi not followed by a mark or
# a break (the same matches, a third less time).
_ACROSS = re.compile(r"([\u4e00-\u9fff])(?=[，、\n \u3000])(?:[，、]+|\n|[ \u3000])\1")


def across_hits(text: str, chars: set[str], is_word: Callable[[str], bool]) -> Iterator[Hit]:
    if not chars:
        return
    for m in _ACROSS.finditer(text):
        ch = m.group(1)
        if ch not in chars:
            continue
        start, end = m.span()
        # A word (of up to four characters) ending in the first or starting with the second:
        # 奋发有为，为全县…; 必要的，的确.
        first = start + 1
        second = end - 1
        if any(is_word(text[first - k : first]) for k in range(2, 5) if first - k >= 0):
            continue
        if any(is_word(text[second : second + k]) for k in range(2, 5) if second + k <= len(text)):
            continue
        mark = m.group()[1]
        shown = {"\n": "换行", " ": "空格", "\u3000": "空格"}.get(mark, f"“{mark}”")
        if mark == "\n":
            start = end - 1  # a finding stays on one line: the repeat at the new line's start
        yield Hit(ACROSS.id, start, end, f"“{ch}”隔着{shown}重复了，可能多写了一个，请核对", None)
