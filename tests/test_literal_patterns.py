"""The literal matchers the rules share (drafter/checks/literals.py) find exactly what the plain
forms they replace found: a trie-shaped regex matches what the longest-first alternation matched,
also inside a larger pattern that backtracks, and the wrong-word index finds every occurrence."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks.literals import RareCharIndex, longest_first_pattern

_ALPHABET = "甲乙丙丁"
words_st = st.lists(st.text(alphabet=_ALPHABET, max_size=4), min_size=1, max_size=8)
text_st = st.text(alphabet=_ALPHABET + "、", max_size=60)
# Alone, as formulation's list runs use it (with separators, repeated), and between groups.
WRAPS = ("{0}", "(?:{0})(?:、)?(?:{0})(?:(?:、)?(?:{0}))*", "(?P<a>{0})丙(?P<b>{0})")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@settings(max_examples=300, deadline=None)
@given(words_st, text_st)
def test_the_trie_pattern_matches_what_the_longest_first_alternation_matched(words, text) -> None:
    for wrap in WRAPS:
        old = [(m.span(), m.groups()) for m in re.finditer(wrap.format(_alternation(words)), text)]
        new = [(m.span(), m.groups()) for m in re.finditer(wrap.format(longest_first_pattern(words)), text)]
        assert new == old


def test_the_trie_pattern_of_real_items_prefers_the_longer_word() -> None:
    pattern = re.compile(longest_first_pattern(["全面", "全面从严治党", "全面深化改革", "从严"]))
    assert [m.group() for m in pattern.finditer("全面从严治党，全面深化，从严")] == ["全面从严治党", "全面", "从严"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8), text_st)
def test_the_wrong_word_index_finds_every_occurrence_overlapping_ones_too(words, text) -> None:
    want = sorted((s, s + len(w), w) for w in set(words) for s in range(len(text)) if text.startswith(w, s))
    assert sorted(RareCharIndex(words).finditer(text)) == want
