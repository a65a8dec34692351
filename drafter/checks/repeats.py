"""A word said twice across one punctuation mark or a line break (我们要，要加强; 要⏎要加强), and
inside a .docx paragraph across a manual line break, which the reader turns into a space.

Only the characters that never reduplicate (`never_doubled` in rules/repetition.yaml, and the
file's `across` list for those such as 要 that are checked here only) are judged, and not where
either side makes a word with its neighbour (必要的，的确; 需要，要求): a warning with no fix,
since which of the two to delete is the writer's choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Set

from drafter.checks.model import Hit, RuleInfo, Severity

ACROSS = RuleInfo("repetition.across", Severity.WARNING, "隔着标点或换行重复的字（要，要）", False)

# The lookahead turns away, before the group is taken, the many Hanzi not followed by a mark or
# a break (the same matches, a third less time). The second branch, tried only there, takes a
# two-character word said again after one mark (我们，我们将): its first character is read back
# through the lookbehind.
_ACROSS = re.compile(
    r"([\u4e00-\u9fff])(?=[，、\n \u3000])(?:[，、]+|\n|[ \u3000])"
    r"(?:\1|(?<=([\u4e00-\u9fff])[\u4e00-\u9fff][，、\n \u3000])\2\1)"
)


def across_hits(
    text: str, chars: set[str], is_word: Callable[[str], bool], words: Set[str] = frozenset()
) -> Iterator[Hit]:
    """`chars`: the single characters judged; `words`: the two-character words (pronouns,
    conjunctions, adverbs: 我们, 同时, 已经) that never stand twice across a mark when the first
    copy is a clause on its own."""
    if not chars and not words:
        return
    for m in _ACROSS.finditer(text):
        if m.group(2) is not None:
            word = m.group(2) + m.group(1)
            first = m.start() - 1
            # Only a first copy that is a clause of its own (下一步，我们，我们将): after a verb it is
            # the object of one clause and the second the subject of the next (需要我们，我们也).
            if word in words and (first == 0 or not _is_han(text[first - 1])):
                end = m.end()
                mark = text[end - 3]
                shown = {"\n": "换行", " ": "空格", "\u3000": "空格"}.get(mark, f"“{mark}”")
                start = end - 2 if mark == "\n" else first  # a finding stays on one line
                yield Hit(ACROSS.id, start, end, f"“{word}”隔着{shown}重复了，可能多写了一个，请核对", None)
            continue
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


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
