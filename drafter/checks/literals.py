"""Finding many literal strings in one pass over a long text.

A regex alternation of a few hundred words costs Python's `re` one attempt per word at every
candidate position (measured: 400 four-character words over 10 MB take 0.9–1.8 s), which alone
would break the 5 MB/s budget of all rules together. An Aho–Corasick automaton (pyahocorasick, C)
finds them all in one pass whatever their number (0.35 s for the same text). Without the package
(an unusual platform) the alternation is used: the same results, only slower.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

try:  # pragma: no cover - which branch runs depends on the platform
    import ahocorasick as _aho
except ImportError:  # pragma: no cover
    _aho = None
try:  # pragma: no cover
    import ahocorasick_rs as _aho_rs
except ImportError:  # pragma: no cover
    _aho_rs = None


class RareCharIndex:
    """Literal words found through their rarest character: one character-class scan (fast in
    `re`) finds the candidates, and only there is the word compared. Rarity comes from a sample
    of the genre's text (the phrase bank): it decides the speed only, never the result.

    With ahocorasick-rs installed (a declared dependency) the words are found by its automaton
    instead, in an order of its own (callers sort): 600 wrong forms over 10 MB of speech text
    leave the class scan a quarter of a million candidates to compare in Python (0.25 s), the
    automaton none (0.15 s), and a longer list costs the automaton nothing more."""

    def __init__(
        self, words: Iterable[str], frequency: dict[str, int] | Callable[[], dict[str, int]] | None = None
    ) -> None:
        """`frequency`: character counts of a sample, or a function giving them, called only when
        the class scan is used (counting the bank's characters is work the automaton never needs)."""
        self.words = sorted({w for w in words if w})
        self._rs = None
        self._by_char: dict[str, list[tuple[str, int]]] = {}
        self._class: re.Pattern[str] | None = None
        if _aho_rs is not None and self.words:
            self._rs = _aho_rs.AhoCorasick(self.words, implementation=_aho_rs.Implementation.ContiguousNFA)
            return
        freq = (frequency() if callable(frequency) else frequency) or {}
        by_char: dict[str, list[tuple[str, int]]] = {}
        for word in self.words:
            k = min(range(len(word)), key=lambda i: (freq.get(word[i], 0), word[i]))
            by_char.setdefault(word[k], []).append((word, k))
        self._by_char = by_char
        self._class = re.compile("[" + "".join(re.escape(c) for c in sorted(by_char)) + "]") if by_char else None

    def __bool__(self) -> bool:
        return bool(self.words)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Every occurrence (start, end, word), overlapping ones included, in no set order."""
        if self._rs is not None:
            words = self.words
            for k, start, end in self._rs.find_matches_as_indexes(text, overlapping=True):
                yield start, end, words[k]
            return
        if self._class is None:
            return
        by_char = self._by_char
        startswith = text.startswith
        for m in self._class.finditer(text):
            pos = m.start()
            for word, k in by_char[m.group()]:
                start = pos - k
                if start >= 0 and startswith(word, start):
                    yield start, start + len(word), word


class LiteralIndex:
    """A set of literal words; `finditer(text)` yields (start, end, word) for every occurrence,
    overlapping ones included, in order of their end."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
        self._automaton = None
        self._rs = None
        self._regex: re.Pattern[str] | None = None
        if not self.words:
            return
        if _aho_rs is not None:
            # ahocorasick-rs returns every match of a text in one list from Rust; pyahocorasick's
            # iterator, over the near-miss rule's thousand term halves, ran at 0.3 µs a
            # character and was about a tenth of all rules' time on 10 MB.
            self._rs = _aho_rs.AhoCorasick(self.words, implementation=_aho_rs.Implementation.ContiguousNFA)
        elif _aho is not None:
            automaton = _aho.Automaton()
            for word in self.words:
                automaton.add_word(word, word)
            automaton.make_automaton()
            self._automaton = automaton
        else:  # pragma: no cover
            # A lookahead finds overlapping occurrences too, like the automaton.
            self._regex = re.compile("(?=(" + "|".join(map(re.escape, self.words)) + "))")

    def __bool__(self) -> bool:
        return bool(self.words)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        if self._rs is not None:
            # In pyahocorasick's order, which callers' tie-breaks keep: by end, and at one end
            # the longest first.
            found = [(end, start, k) for k, start, end in self._rs.find_matches_as_indexes(text, overlapping=True)]
            found.sort()
            words = self.words
            for end, start, k in found:
                yield start, end, words[k]
        elif self._automaton is not None:
            for end, word in self._automaton.iter(text):
                yield end + 1 - len(word), end + 1, word
        elif self._regex is not None:  # pragma: no cover
            for m in self._regex.finditer(text):
                # The lookahead reports the longest word at each start; shorter ones there too.
                start = m.start()
                for word in self.words:
                    if text.startswith(word, start):
                        yield start, start + len(word), word


def longest_first_pattern(words: Iterable[str]) -> str:
    """A regex source matching any of `words`, the longest one where several start at a place:
    what `"|".join(sorted(words, key=len, reverse=True))` matches, match for match, also inside
    a larger pattern that backtracks (the words that match at a place are tried longest first
    either way). It is written as a trie (全面(?:从严治党|深化改革)…), so that at each position
    `re` follows one path instead of trying every word that starts with its character: about
    twice as fast over a long text for a hundred words, and the gap grows with the list."""
    root: dict[str, dict] = {}
    for word in set(words):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_source(root)


def _trie_source(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_source(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A word ending here: the longer ones go first, then the empty continuation (greedy `?`).
    return f"(?:{body})?" if "" in node else body
